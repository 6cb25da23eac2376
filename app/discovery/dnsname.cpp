#include "dnsname.h"

#include <limits>

#include <QHashFunctions>

#include "dnswire.h"

using namespace Qt::Literals::StringLiterals;

namespace Discovery
{
    namespace
    {
        bool sameLabel(const QByteArray &a, const QByteArray &b)
        {
            if (a.size() != b.size())
                return false;
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (Wire::foldAscii(a.at(i)) != Wire::foldAscii(b.at(i)))
                    return false;
            }
            return true;
        }

        bool isDecimalDigit(QChar c)
        {
            return c >= u'0' && c <= u'9';
        }

        // A label in presentation form. Control bytes become \DDD so that
        // fromDotted() gives the same bytes back; other bytes are UTF-8.
        QString labelToText(const QByteArray &label)
        {
            QString text;
            qsizetype runStart = 0;
            const auto flushRun = [&](qsizetype end) {
                text += QString::fromUtf8(label.constData() + runStart, end - runStart);
                runStart = end + 1;
            };
            for (qsizetype i = 0; i < label.size(); ++i) {
                const auto byte = static_cast<quint8>(label.at(i));
                if (byte == '.' || byte == '\\') {
                    flushRun(i);
                    text += u'\\';
                    text += QLatin1Char(char(byte));
                } else if (byte < 0x20 || byte == 0x7F) {
                    flushRun(i);
                    text += u"\\%1"_s.arg(int(byte), 3, 10, QLatin1Char('0'));
                }
            }
            flushRun(label.size());
            return text;
        }
    } // namespace

    DnsName::DnsName(QList<QByteArray> labels)
        : m_labels(std::move(labels))
    {
    }

    DnsName DnsName::fromDotted(QStringView dotted)
    {
        if (dotted == u".")
            return DnsName();
        QList<QByteArray> labels;
        QByteArray label;
        // Unescaped text is collected and converted in one go so that
        // surrogate pairs stay together.
        QString pending;
        const auto flushText = [&] {
            label += pending.toUtf8();
            pending.clear();
        };
        for (qsizetype i = 0; i < dotted.size(); ++i) {
            const QChar c = dotted.at(i);
            if (c == u'\\' && i + 1 < dotted.size()) {
                flushText();
                if (i + 3 < dotted.size() && isDecimalDigit(dotted.at(i + 1)) && isDecimalDigit(dotted.at(i + 2))
                    && isDecimalDigit(dotted.at(i + 3))) {
                    const int value = dotted.mid(i + 1, 3).toInt();
                    if (value <= 0xFF) {
                        label += char(value);
                        i += 3;
                        continue;
                    }
                }
                pending += dotted.at(i + 1); // "\X" is X, so "\." and "\\" are literal
                ++i;
            } else if (c == u'.') {
                flushText();
                labels.append(label);
                label.clear();
            } else {
                pending += c;
            }
        }
        flushText();
        if (!label.isEmpty()) // a trailing dot names the root, not an empty label
            labels.append(label);
        return DnsName(std::move(labels));
    }

    DnsName DnsName::serviceInstance(const QString &instance, const DnsName &serviceType)
    {
        QList<QByteArray> labels;
        labels.reserve(serviceType.labels().size() + 1);
        labels.append(instance.toUtf8());
        labels.append(serviceType.labels());
        return DnsName(std::move(labels));
    }

    int DnsName::encodedLength() const
    {
        qsizetype length = 1; // the root
        for (const QByteArray &label : m_labels)
            length += 1 + label.size();
        return int(qMin<qsizetype>(length, std::numeric_limits<int>::max()));
    }

    bool DnsName::isValid() const
    {
        for (const QByteArray &label : m_labels) {
            if (label.isEmpty() || label.size() > MaxLabelLength)
                return false;
        }
        return encodedLength() <= MaxEncodedLength;
    }

    QString DnsName::toString() const
    {
        if (m_labels.isEmpty())
            return u"."_s;
        QString text;
        for (const QByteArray &label : m_labels) {
            if (!text.isEmpty())
                text += u'.';
            text += labelToText(label);
        }
        return text;
    }

    QString DnsName::firstLabel() const
    {
        return m_labels.isEmpty() ? QString() : QString::fromUtf8(m_labels.constFirst());
    }

    DnsName DnsName::parent() const
    {
        return m_labels.isEmpty() ? DnsName() : DnsName(m_labels.mid(1));
    }

    bool DnsName::endsWith(const DnsName &suffix) const
    {
        const qsizetype skip = m_labels.size() - suffix.m_labels.size();
        if (skip < 0)
            return false;
        for (qsizetype i = 0; i < suffix.m_labels.size(); ++i) {
            if (!sameLabel(m_labels.at(skip + i), suffix.m_labels.at(i)))
                return false;
        }
        return true;
    }

    bool DnsName::operator==(const DnsName &other) const
    {
        return m_labels.size() == other.m_labels.size() && endsWith(other);
    }

    size_t qHash(const DnsName &name, size_t seed)
    {
        // The folded wire form: length bytes keep ("a.b", "ab") apart.
        QByteArray folded;
        folded.reserve(name.encodedLength());
        for (const QByteArray &label : name.labels()) {
            folded += char(label.size() & 0xFF);
            for (char c : label)
                folded += Wire::foldAscii(c);
        }
        return qHash(folded, seed);
    }
} // namespace Discovery
