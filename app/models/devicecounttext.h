#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace Models
{
    // "1 device", "4,450 devices": counts as the console writes them, in the
    // user's locale (tr's %n would need a loaded catalogue to say "devices").
    inline QString deviceCountText(qint64 count)
    {
        const QString number = QLocale().toString(count);
        return count == 1 ? QCoreApplication::translate("Models::DeviceCount", "%1 device").arg(number)
                          : QCoreApplication::translate("Models::DeviceCount", "%1 devices").arg(number);
    }
} // namespace Models
