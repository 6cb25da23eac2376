#include "lantext.h"

#include <QCoreApplication>

namespace Models
{
    QString ageText(qint64 seconds)
    {
        const qint64 s = qMax<qint64>(seconds, 0);
        struct Unit
        {
            qint64 below;
            qint64 size;
            const char *text;
        };
        // Each unit until the next one reads better.
        static constexpr Unit units[] = {
            {60, 1, QT_TRANSLATE_NOOP("Models::Age", "%n s ago")},
            {3600, 60, QT_TRANSLATE_NOOP("Models::Age", "%n min ago")},
            {86400, 3600, QT_TRANSLATE_NOOP("Models::Age", "%n h ago")},
        };
        for (const Unit &unit : units) {
            if (s < unit.below)
                return QCoreApplication::translate("Models::Age", unit.text, nullptr, int(s / unit.size));
        }
        return QCoreApplication::translate("Models::Age", "%n days ago", nullptr, int(s / 86400));
    }

    QString protocolTitle(Espota::PushProtocol protocol)
    {
        return protocol == Espota::PushProtocol::Esphome ? QCoreApplication::translate("Models::Lan", "ESPHome")
                                                         : QCoreApplication::translate("Models::Lan", "ArduinoOTA");
    }
} // namespace Models
