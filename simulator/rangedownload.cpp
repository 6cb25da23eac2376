#include "rangedownload.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    RangeDownload::RangeDownload(qint64 total, qint64 have) : m_total(total), m_have(have > total || have < 0 ? 0 : have)
    {
    }

    QByteArray RangeDownload::nextRange(qint64 chunk) const
    {
        const qint64 last = std::min(m_total, m_have + std::max<qint64>(chunk, 1)) - 1;
        return "bytes=" + QByteArray::number(m_have) + '-' + QByteArray::number(last);
    }

    RangeDownload::Outcome RangeDownload::accept(int status, QByteArrayView contentRange, qint64 bodySize)
    {
        static const QRegularExpression range(u"^bytes (\\d+)-(\\d+)/(\\d+)$"_s);
        static const QRegularExpression unsatisfied(u"^bytes \\*/(\\d+)$"_s);
        const QString header = QString::fromLatin1(contentRange).trimmed();
        if (status == 206) {
            const auto m = range.match(header);
            if (!m.hasMatch())
                return {Step::Error, u"206 without a Content-Range of the form bytes A-B/SIZE (got '%1')"_s.arg(header)};
            const qint64 first = m.captured(1).toLongLong();
            const qint64 last = m.captured(2).toLongLong();
            const qint64 size = m.captured(3).toLongLong();
            if (size != m_total)
                return {Step::Error, u"the server's image is %1 bytes; the manifest says %2"_s.arg(size).arg(m_total)};
            if (first != m_have)
                return {Step::Error, u"asked for bytes from %1, the server sent from %2"_s.arg(m_have).arg(first)};
            if (last < first || last - first + 1 != bodySize)
                return {Step::Error, u"Content-Range %1 announces %2 bytes, the body has %3"_s.arg(header)
                                         .arg(last - first + 1)
                                         .arg(bodySize)};
            m_have += bodySize;
            return {Step::Append, {}};
        }
        if (status == 200) {
            // The server ignored Range: the body is the whole image.
            if (bodySize != m_total)
                return {Step::Error, u"200 with %1 bytes; the image is %2"_s.arg(bodySize).arg(m_total)};
            m_have = bodySize;
            return {Step::Restart, {}};
        }
        if (status == 416) {
            const auto m = unsatisfied.match(header);
            if (m.hasMatch() && m.captured(1).toLongLong() != m_total)
                return {Step::Error, u"the server's image is %1 bytes; the manifest says %2"_s.arg(m.captured(1)).arg(m_total)};
            // What we hold is longer than the image: it cannot be a prefix of it.
            m_have = 0;
            return {Step::Restart, {}};
        }
        return {Step::Error, u"HTTP %1 for the image"_s.arg(status)};
    }
} // namespace Simulator
