#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Cli
{
    // A plain-text table for a terminal or a log: a header row, columns as
    // wide as their widest cell, two spaces apart, the last one unpadded.
    class TextTable final
    {
    public:
        explicit TextTable(QStringList header) : m_header(std::move(header)) {}

        void addRow(QStringList cells) { m_rows.append(std::move(cells)); }
        bool isEmpty() const { return m_rows.isEmpty(); }
        void print(QTextStream &stream) const;

    private:
        QStringList m_header;
        QList<QStringList> m_rows;
    };

    // "45 s", "12 min", "3 h 5 min", "4 d 2 h": how long, for a person.
    QString formatDuration(qint64 seconds);
    // "2026-12-02 07:49:39 UTC", or "-" for no time.
    QString formatTime(const QDateTime &at);
} // namespace Cli
