#include "enginetext.h"

#include <QLocale>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Engine::Text
{
    QString percent(double rate)
    {
        return QString::number(rate * 100.0, 'f', 1) + u'%';
    }

    QString count(qint64 n)
    {
        QString digits = QString::number(n < 0 ? -n : n);
        for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
            digits.insert(i, u',');
        return n < 0 ? u'-' + digits : digits;
    }

    QString duration(qint64 seconds)
    {
        if (seconds < 60)
            return QString::number(seconds) + u" s";
        const qint64 hours = seconds / 3600;
        const qint64 minutes = (seconds % 3600) / 60;
        if (hours == 0)
            return QString::number(minutes) + u" min";
        if (minutes == 0)
            return QString::number(hours) + u" h";
        return QString::number(hours) + u" h " + QString::number(minutes) + u" min";
    }

    QString localTime(const QDateTime &time)
    {
        if (!time.isValid())
            return u"never"_s;
        return QLocale::c().toString(time, u"dddd yyyy-MM-dd HH:mm"_s) + u" ("
            + QString::fromUtf8(time.timeZone().id()) + u')';
    }
} // namespace Engine::Text
