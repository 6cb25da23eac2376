#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Simulator
{
    // The bookkeeping of a download in HTTP ranges (docs/device-api.md
    // "Downloading the image"): which range to ask for next, given what the
    // device already has, and what a response means. Resuming after a drop
    // or a restart is the same as the next chunk: ask from `have`.
    class RangeDownload final
    {
    public:
        enum class Step
        {
            Append,  // write the body at `have`
            Restart, // drop what you have, then write the body (which may be empty) from 0
            Error,   // the response does not fit: message says why; keep what you have
        };
        struct Outcome
        {
            Step step = Step::Error;
            QString message;
        };

        RangeDownload(qint64 total, qint64 have);

        qint64 total() const { return m_total; }
        qint64 have() const { return m_have; }
        bool complete() const { return m_have == m_total; }
        // "bytes=<have>-<have+chunk-1>" (clipped to the image).
        QByteArray nextRange(qint64 chunk) const;

        // status: HTTP status; contentRange: the Content-Range header.
        // Updates have() for Append and Restart.
        Outcome accept(int status, QByteArrayView contentRange, qint64 bodySize);

    private:
        qint64 m_total;
        qint64 m_have;
    };
} // namespace Simulator
