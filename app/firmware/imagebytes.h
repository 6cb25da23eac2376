#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtEndian>

// Private to app/firmware: little-endian reads from a byte view whose bounds
// the caller has already checked, and the offset notation messages use.
namespace Firmware::ImageBytes
{
    inline quint8 u8(QByteArrayView data, qint64 offset)
    {
        return static_cast<quint8>(data[offset]);
    }

    inline quint16 le16(QByteArrayView data, qint64 offset)
    {
        return qFromLittleEndian<quint16>(data.data() + offset);
    }

    inline quint32 le32(QByteArrayView data, qint64 offset)
    {
        return qFromLittleEndian<quint32>(data.data() + offset);
    }

    inline bool has(QByteArrayView data, qint64 offset, qint64 length)
    {
        return offset >= 0 && length >= 0 && offset <= data.size() && length <= data.size() - offset;
    }

    // A NUL-padded fixed-size string field; may fill the field with no NUL.
    inline QString fixedString(QByteArrayView data, qint64 offset, qint64 size)
    {
        const QByteArrayView field = data.sliced(offset, size);
        const qsizetype nul = field.indexOf('\0');
        return QString::fromUtf8(nul < 0 ? field : field.first(nul));
    }

    inline QString hex(qint64 value)
    {
        return QStringLiteral("0x%1").arg(value, 0, 16);
    }
} // namespace Firmware::ImageBytes
