#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Espota
{
    // Reads what a device writes back during the transfer: ASCII decimal
    // byte counts with no delimiter (ArduinoOTA acks every read, and TCP
    // coalesces them: "14601460"), then the final "OK" or an error text.
    //
    // Digits alone cannot be split with certainty, so the counts are read as
    // the split into the fewest numbers, each no larger than the largest read
    // the device makes (1460 bytes on an ESP32; the send window when the
    // device is unknown); ties go to the larger total. An overestimate is
    // capped at what was sent, so progress is off by at most the window, and
    // the final "OK" settles it. An ack that fits no split (a device reading
    // more than assumed) only stops the estimate, and the sender's quiet-time
    // nudge keeps the transfer moving.
    class AckStream final
    {
    public:
        static constexpr qint64 Esp32LargestRead = 1460; // ArduinoOTA's static buffer

        explicit AckStream(qint64 largestAck) : m_largestAck(largestAck) {}

        void append(QByteArrayView data);

        // Bytes acknowledged so far, capped at what was sent.
        qint64 acknowledged(qint64 sent) const;
        bool hasResultText() const { return !m_result.isEmpty(); }
        // The result text is whole once it is "OK" or ends with a newline;
        // otherwise it is whole when the device closes the connection.
        bool resultComplete() const;
        QByteArray resultText() const { return m_result.trimmed(); }
        bool resultIsOk() const { return resultText() == "OK"; }

    private:
        void settle();

        qint64 m_largestAck;
        QByteArray m_digits;   // counts not yet settled
        qint64 m_settled = 0;  // sum of counts no longer re-split
        qint64 m_estimate = 0; // m_settled + the best split of m_digits
        QByteArray m_result;
    };
} // namespace Espota
