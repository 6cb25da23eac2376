#pragma once

#include <QByteArray>

namespace Http
{
    // One HTTP Range request header (RFC 9110 14.1.2) applied to a body of
    // `size` bytes. Only a single bytes range is served: a device resuming a
    // download asks for "bytes=<have>-", nothing more.
    struct ByteRange
    {
        enum class Kind
        {
            Whole,         // no Range header: 200 with everything
            Part,          // 206 with [offset, offset + length)
            Unsatisfiable, // 416: the range starts at or beyond the end
            Malformed,     // 400: not "bytes=A-B", "bytes=A-" or "bytes=-N", or several ranges
        };

        Kind kind = Kind::Whole;
        qint64 offset = 0;
        qint64 length = 0;

        static ByteRange parse(const QByteArray &header, qint64 size);
        // "bytes 100-199/1000"
        QByteArray contentRange(qint64 size) const;
    };
} // namespace Http
