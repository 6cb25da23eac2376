#include "texttable.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    void TextTable::print(QTextStream &stream) const
    {
        QList<qsizetype> widths(m_header.size(), 0);
        const auto measure = [&widths](const QStringList &cells) {
            for (qsizetype i = 0; i < cells.size() && i < widths.size(); ++i)
                widths[i] = qMax(widths[i], cells[i].size());
        };
        measure(m_header);
        for (const QStringList &row : m_rows)
            measure(row);
        const auto printRow = [&](const QStringList &cells) {
            QString line;
            for (qsizetype i = 0; i < widths.size(); ++i) {
                const QString cell = cells.value(i);
                line += i + 1 < widths.size() ? cell.leftJustified(widths[i] + 2) : cell;
            }
            stream << line.trimmed() << "\n";
        };
        printRow(m_header);
        for (const QStringList &row : m_rows)
            printRow(row);
        stream.flush();
    }

    QString formatDuration(qint64 seconds)
    {
        if (seconds < 0)
            seconds = 0;
        if (seconds < 60)
            return u"%1 s"_s.arg(seconds);
        if (seconds < 3600)
            return u"%1 min"_s.arg(seconds / 60);
        if (seconds < 86400) {
            const qint64 minutes = (seconds % 3600) / 60;
            return minutes ? u"%1 h %2 min"_s.arg(seconds / 3600).arg(minutes) : u"%1 h"_s.arg(seconds / 3600);
        }
        const qint64 hours = (seconds % 86400) / 3600;
        return hours ? u"%1 d %2 h"_s.arg(seconds / 86400).arg(hours) : u"%1 d"_s.arg(seconds / 86400);
    }

    QString formatTime(const QDateTime &at)
    {
        if (!at.isValid())
            return u"-"_s;
        return at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s;
    }
} // namespace Cli
