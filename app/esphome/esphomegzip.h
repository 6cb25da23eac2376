#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "result.h"

// gzip as ESPHome's compressed OTA uses it (PROTOCOLS.md 2.3 step 4: the
// client gzips at level 9, the ESP8266 backend inflates). Qt's qCompress is
// the zlib format with a length prefix, not gzip, so this wraps zlib itself.
namespace Esphome
{
    QByteArray gzip(QByteArrayView data, int level = 9);
    // The inflated bytes, or why the stream is not a whole gzip stream.
    // maxSize guards against a stream that inflates without bound.
    Result<QByteArray, QString> gunzip(QByteArrayView data, qint64 maxSize);
} // namespace Esphome
