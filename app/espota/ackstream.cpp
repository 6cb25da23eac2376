#include "ackstream.h"

#include <limits>
#include <vector>

namespace Espota
{
    namespace
    {
        struct Split
        {
            int pieces = std::numeric_limits<int>::max();
            qint64 sum = 0;
            int lastCut = -1; // where the last number starts

            bool betterThan(const Split &other) const
            {
                if (pieces != other.pieces)
                    return pieces < other.pieces;
                return sum > other.sum;
            }
        };

        // Best split of every prefix: numbers without leading zeros, each in
        // 1..largest. prefix[i] describes digits[0, i).
        std::vector<Split> splitPrefixes(const QByteArray &digits, qint64 largest)
        {
            const int n = static_cast<int>(digits.size());
            std::vector<Split> best(static_cast<size_t>(n) + 1);
            best[0] = Split {0, 0, -1};
            for (int end = 1; end <= n; ++end) {
                for (int start = end - 1; start >= 0 && end - start <= 19; --start) {
                    if (digits[start] == '0')
                        continue;
                    const Split &before = best[static_cast<size_t>(start)];
                    if (before.pieces == std::numeric_limits<int>::max())
                        continue;
                    const qint64 value = digits.mid(start, end - start).toLongLong();
                    if (value > largest)
                        break; // longer numbers only grow
                    Split candidate {before.pieces + 1, before.sum + value, start};
                    if (candidate.betterThan(best[static_cast<size_t>(end)]))
                        best[static_cast<size_t>(end)] = candidate;
                }
            }
            return best;
        }
    } // namespace

    void AckStream::append(QByteArrayView data)
    {
        for (qsizetype i = 0; i < data.size(); ++i) {
            const char c = data[i];
            if (m_result.isEmpty() && c >= '0' && c <= '9') {
                m_digits.append(c);
                continue;
            }
            m_result.append(data.sliced(i));
            break;
        }
        settle();
    }

    void AckStream::settle()
    {
        if (m_digits.isEmpty()) {
            m_estimate = m_settled;
            return;
        }
        const std::vector<Split> best = splitPrefixes(m_digits, m_largestAck);
        Split whole = best.back();
        if (whole.pieces == std::numeric_limits<int>::max()) {
            // No valid split yet (e.g. a lone "0" of "0..."): wait for more digits.
            m_estimate = m_settled;
            return;
        }
        m_estimate = m_settled + whole.sum;
        // Keep the work bounded: numbers well before the end no longer move.
        constexpr int KeepPieces = 8;
        if (whole.pieces > 2 * KeepPieces) {
            int cut = static_cast<int>(m_digits.size());
            for (int i = 0; i < KeepPieces; ++i)
                cut = best[static_cast<size_t>(cut)].lastCut;
            m_settled += best[static_cast<size_t>(cut)].sum;
            m_digits.remove(0, cut);
        }
    }

    qint64 AckStream::acknowledged(qint64 sent) const
    {
        return std::min(m_estimate, sent);
    }

    bool AckStream::resultComplete() const
    {
        const QByteArray text = m_result.trimmed();
        return text == "OK" || m_result.endsWith('\n');
    }
} // namespace Espota
