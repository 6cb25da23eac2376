#pragma once

#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace TestSupport
{
    // The console remembers choices (column sets, servers, pins): a test's
    // go to a directory of its own, out of the user's and of any earlier run's.
    inline void keepConsoleSettingsIn(const QString &directory)
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, directory);
    }
} // namespace TestSupport
