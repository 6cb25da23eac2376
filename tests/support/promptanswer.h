#pragma once

#include <QApplication>
#include <QInputDialog>
#include <QObject>
#include <QString>
#include <QTimer>

namespace TestSupport
{
    // Answers the next QInputDialog the code under test opens, with text,
    // accepted or cancelled. A modal question runs its own event loop, so
    // the answer comes from a timer owned by owner. Header-only: only the
    // GUI tests that include it link Qt Widgets.
    inline void answerNextPrompt(QObject *owner, const QString &text, bool accept)
    {
        auto *poll = new QTimer(owner);
        poll->setInterval(20);
        QObject::connect(poll, &QTimer::timeout, owner, [poll, text, accept] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            poll->stop();
            poll->deleteLater();
            dialog->setTextValue(text);
            if (accept)
                dialog->accept();
            else
                dialog->reject();
        });
        poll->start();
    }
} // namespace TestSupport
