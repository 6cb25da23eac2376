#include "byterange.h"

#include <QString> // QStringBuilder for QByteArray + QByteArray

namespace Http
{
    namespace
    {
        // A run of digits as a non-negative number; -1 when it is not one (or overflows).
        qint64 number(QByteArrayView digits)
        {
            if (digits.isEmpty() || digits.size() > 18)
                return -1;
            qint64 value = 0;
            for (const char c : digits) {
                if (c < '0' || c > '9')
                    return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }
    } // namespace

    ByteRange ByteRange::parse(const QByteArray &header, qint64 size)
    {
        ByteRange range;
        if (header.isNull()) {
            range.length = size;
            return range;
        }
        range.kind = Kind::Malformed;
        const QByteArray spec = header.trimmed();
        if (!spec.startsWith("bytes=") || spec.contains(','))
            return range;
        const QByteArray value = spec.mid(6).trimmed();
        const qsizetype dash = value.indexOf('-');
        if (dash < 0)
            return range;
        const QByteArray first = value.left(dash).trimmed();
        const QByteArray last = value.mid(dash + 1).trimmed();
        if (first.isEmpty()) { // the last N bytes
            const qint64 suffix = number(last);
            if (suffix < 0)
                return range;
            if (suffix == 0 || size == 0) {
                range.kind = Kind::Unsatisfiable;
                return range;
            }
            range.kind = Kind::Part;
            range.length = qMin(suffix, size);
            range.offset = size - range.length;
            return range;
        }
        const qint64 start = number(first);
        const qint64 givenEnd = last.isEmpty() ? start : number(last);
        if (start < 0 || givenEnd < start)
            return range;
        const qint64 end = last.isEmpty() ? size - 1 : givenEnd;
        if (start >= size) {
            range.kind = Kind::Unsatisfiable;
            return range;
        }
        range.kind = Kind::Part;
        range.offset = start;
        range.length = qMin(end, size - 1) - start + 1;
        return range;
    }

    QByteArray ByteRange::contentRange(qint64 size) const
    {
        if (kind == Kind::Unsatisfiable)
            return QByteArrayLiteral("bytes */") + QByteArray::number(size);
        return QByteArrayLiteral("bytes ") + QByteArray::number(offset) + '-' + QByteArray::number(offset + length - 1) + '/'
               + QByteArray::number(size);
    }
} // namespace Http
