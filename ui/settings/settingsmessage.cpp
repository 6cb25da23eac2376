#include "settingsmessage.h"

#include <QCoreApplication>
#include <QLabel>

#include "statelook.h"

namespace SettingsMessage
{
    QLabel *make(const QString &objectName)
    {
        auto *label = new QLabel;
        label->setObjectName(objectName);
        label->setWordWrap(true);
        label->setStyleSheet(QStringLiteral("color: %1;").arg(StateLook::of(Models::StateKind::Bad).colour.name()));
        label->hide();
        return label;
    }

    void show(QLabel *label, const Models::SettingCheck &check)
    {
        label->setVisible(!check);
        label->setText(check ? QString()
                             : QCoreApplication::translate("SettingsMessage", "Not accepted: %1").arg(check.error()));
    }
} // namespace SettingsMessage
