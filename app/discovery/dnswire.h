#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtEndian>

// Private to the DNS codec: big-endian reads from a byte view whose bounds
// the caller has already checked, the wire constants, and the offset
// notation error messages use.
namespace Discovery::Wire
{
    constexpr qint64 HeaderSize = 12;
    constexpr quint16 ClassTopBit = 0x8000; // cache-flush in records, unicast-response in questions
    constexpr quint8 PointerTag = 0xC0;
    // Pointers carry 14 bits: a suffix written at 0x3FFF or later cannot be pointed to.
    constexpr qint64 MaxPointerTarget = 0x3FFF;
    // Every pointer must lead strictly backwards, so pointers alone cannot
    // loop; the cap bounds the work of a chain of pointers to pointers.
    constexpr int MaxPointerHops = 128;
    constexpr qint64 MaxRdataLength = 0xFFFF;
    constexpr qint64 MaxTxtStringLength = 0xFF;

    inline quint8 u8(QByteArrayView data, qint64 offset)
    {
        return static_cast<quint8>(data[offset]);
    }

    inline quint16 be16(QByteArrayView data, qint64 offset)
    {
        return qFromBigEndian<quint16>(data.data() + offset);
    }

    inline quint32 be32(QByteArrayView data, qint64 offset)
    {
        return qFromBigEndian<quint32>(data.data() + offset);
    }

    inline bool has(QByteArrayView data, qint64 offset, qint64 length)
    {
        return offset >= 0 && length >= 0 && offset <= data.size() && length <= data.size() - offset;
    }

    inline QString hex(qint64 value)
    {
        return QStringLiteral("0x%1").arg(value, 0, 16);
    }

    // DNS compares names ignoring ASCII case only: bytes >= 0x80 are UTF-8
    // and stay as they are.
    inline char foldAscii(char c)
    {
        return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
} // namespace Discovery::Wire
