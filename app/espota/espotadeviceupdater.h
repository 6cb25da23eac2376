#pragma once

#include <optional>

#include <QByteArray>
#include <QCryptographicHash>

#include "espotadevicesink.h"

namespace Espota
{
    // The device's Update class (PROTOCOLS.md 1.6) over an UpdateSink:
    // 4096-byte sector buffer, the magic byte checked when the first sector
    // is flushed, the first 16 bytes of an application held back until the
    // MD5 matched, the MD5 of everything received compared at the end.
    class DeviceUpdater final
    {
    public:
        static constexpr qsizetype SectorSize = 4096;
        static constexpr qsizetype HeldBackBytes = 16;

        DeviceUpdater(Flavour flavour, UpdateSink *sink);

        std::optional<UpdateError> begin(Command command, qint64 size, const QByteArray &md5Hex);
        // As Update.write: the number of bytes taken, 0 once an error occurred.
        qint64 write(QByteArrayView data);
        std::optional<UpdateError> end();
        void abort();

        qint64 size() const { return m_size; }
        qint64 received() const { return m_received; }
        qint64 remaining() const { return m_size - m_received; }
        bool isFinished() const { return m_size > 0 && m_flushed == m_size; }
        std::optional<UpdateError> error() const { return m_error; }
        // The line the device prints on the TCP connection for the error.
        QByteArray errorLine() const;
        QString errorText() const;

    private:
        bool flushSector(qsizetype bytes);
        void fail(UpdateError error);

        Flavour m_flavour;
        UpdateSink *m_sink;
        Command m_command = Command::Flash;
        qint64 m_size = 0;
        qint64 m_received = 0;
        qint64 m_flushed = 0;
        QByteArray m_expectedMd5;
        QByteArray m_actualMd5;
        QByteArray m_buffer;
        QByteArray m_heldBack;
        QCryptographicHash m_md5{QCryptographicHash::Md5};
        std::optional<UpdateError> m_error;
        bool m_running = false;
    };
} // namespace Espota
