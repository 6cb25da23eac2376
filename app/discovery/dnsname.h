#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Discovery
{
    // A domain name as its labels. DNS-SD instance names may contain dots
    // and any UTF-8 ("Boiler Room. Unit 2"), so a name is never held as one
    // dotted string. Comparison ignores ASCII case, as DNS does.
    class DnsName final
    {
    public:
        static constexpr int MaxLabelLength = 63;
        static constexpr int MaxEncodedLength = 255; // wire length, including the length bytes and the root

        DnsName() = default;
        explicit DnsName(QList<QByteArray> labels);

        // Splits at unescaped dots; "\." and "\\" are a literal dot and
        // backslash (RFC 6763 section 4.3 presentation form).
        static DnsName fromDotted(QStringView dotted);
        // "instance" + "_arduino._tcp.local": the instance label is taken whole.
        static DnsName serviceInstance(const QString &instance, const DnsName &serviceType);

        const QList<QByteArray> &labels() const { return m_labels; }
        bool isEmpty() const { return m_labels.isEmpty(); }
        int encodedLength() const; // bytes on the wire without compression
        bool isValid() const;      // labels 1..63 bytes, encoded length <= 255

        // Presentation form with dots in labels escaped: "Boiler\.Room._arduino._tcp.local".
        QString toString() const;
        // The first label as text (the instance name of a service instance).
        QString firstLabel() const;
        // The name without its first label ("_arduino._tcp.local" of an instance).
        DnsName parent() const;
        bool endsWith(const DnsName &suffix) const;

        bool operator==(const DnsName &other) const;
        bool operator!=(const DnsName &other) const { return !(*this == other); }

    private:
        QList<QByteArray> m_labels;
    };

    // Hash on the case-folded labels, consistent with operator==.
    size_t qHash(const DnsName &name, size_t seed = 0);
} // namespace Discovery
