#include "esphomegzip.h"

#include <zlib.h>

using namespace Qt::Literals::StringLiterals;

namespace Esphome
{
    namespace
    {
        constexpr int GzipWindowBits = 15 + 16; // 15-bit window, gzip header and trailer
        constexpr qsizetype StepBytes = 64 * 1024;
    }

    QByteArray gzip(QByteArrayView data, int level)
    {
        z_stream stream{};
        if (deflateInit2(&stream, level, Z_DEFLATED, GzipWindowBits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
            return {};
        QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))) + 32, Qt::Uninitialized);
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
        stream.avail_in = uInt(data.size());
        stream.next_out = reinterpret_cast<Bytef *>(out.data());
        stream.avail_out = uInt(out.size());
        const int rc = deflate(&stream, Z_FINISH);
        const qsizetype produced = qsizetype(stream.total_out);
        deflateEnd(&stream);
        if (rc != Z_STREAM_END)
            return {};
        out.truncate(produced);
        return out;
    }

    Result<QByteArray, QString> gunzip(QByteArrayView data, qint64 maxSize)
    {
        z_stream stream{};
        if (inflateInit2(&stream, GzipWindowBits) != Z_OK)
            return u"zlib could not start inflating"_s;
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
        stream.avail_in = uInt(data.size());
        QByteArray out;
        int rc = Z_OK;
        while (rc == Z_OK) {
            if (out.size() > maxSize) {
                inflateEnd(&stream);
                return u"the gzip stream inflates to more than %1 bytes"_s.arg(maxSize);
            }
            const qsizetype before = out.size();
            out.resize(before + StepBytes);
            stream.next_out = reinterpret_cast<Bytef *>(out.data() + before);
            stream.avail_out = uInt(StepBytes);
            rc = inflate(&stream, Z_NO_FLUSH);
            out.truncate(before + StepBytes - qsizetype(stream.avail_out));
            if (rc == Z_BUF_ERROR && stream.avail_in == 0)
                break; // input ended before the stream did
        }
        const bool complete = rc == Z_STREAM_END && stream.avail_in == 0;
        inflateEnd(&stream);
        if (!complete)
            return rc == Z_STREAM_END ? u"bytes follow the end of the gzip stream"_s
                                      : u"the gzip stream is damaged or cut short"_s;
        if (out.size() > maxSize)
            return u"the gzip stream inflates to more than %1 bytes"_s.arg(maxSize);
        return out;
    }
} // namespace Esphome
