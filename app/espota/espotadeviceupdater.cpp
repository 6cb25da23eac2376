#include "espotadeviceupdater.h"

#include "logging.h"

namespace Espota
{
    DeviceUpdater::DeviceUpdater(Flavour flavour, UpdateSink *sink) : m_flavour(flavour), m_sink(sink) {}

    std::optional<UpdateError> DeviceUpdater::begin(Command command, qint64 size, const QByteArray &md5Hex)
    {
        m_command = command;
        m_size = 0;
        m_received = 0;
        m_flushed = 0;
        m_expectedMd5 = md5Hex.toLower();
        m_actualMd5.clear();
        m_buffer.clear();
        m_heldBack.clear();
        m_md5.reset();
        m_error.reset();
        m_running = false;
        const bool esp8266 = m_flavour == Flavour::Esp8266;
        if (size <= 0)
            return UpdateError::BadSize;
        const std::optional<qint64> capacity = m_sink->capacity(command);
        if (!capacity)
            return esp8266 ? UpdateError::NotEnoughSpace : UpdateError::PartitionNotFound;
        if (size > *capacity) // ESP32 Update.begin: "too large"; ESP8266: does not fit the free space
            return esp8266 ? UpdateError::NotEnoughSpace : UpdateError::BadSize;
        if (const auto refused = m_sink->begin(command, size))
            return refused;
        m_size = size;
        m_running = true;
        return std::nullopt;
    }

    qint64 DeviceUpdater::write(QByteArrayView data)
    {
        if (m_error || !m_running)
            return 0;
        if (data.size() > remaining()) {
            fail(UpdateError::NotEnoughSpace);
            return 0;
        }
        m_md5.addData(data);
        m_buffer.append(data.data(), data.size());
        m_received += data.size();
        while (m_buffer.size() >= SectorSize) {
            if (!flushSector(SectorSize))
                return 0;
        }
        if (m_received == m_size && !m_buffer.isEmpty() && !flushSector(m_buffer.size()))
            return 0;
        return data.size();
    }

    bool DeviceUpdater::flushSector(qsizetype bytes)
    {
        QByteArray sector = m_buffer.first(bytes);
        m_buffer.remove(0, bytes);
        qint64 offset = m_flushed;
        if (m_flushed == 0 && m_command == Command::Flash) {
            const auto magic = static_cast<quint8>(sector.at(0));
            const bool gzip = m_flavour == Flavour::Esp8266 && magic == 0x1F;
            if (magic != 0xE9 && !gzip) {
                fail(UpdateError::WrongMagicByte);
                return false;
            }
            // Written only once the whole image checked out: a partial image never boots.
            m_heldBack = sector.first(std::min<qsizetype>(HeldBackBytes, sector.size()));
            sector.remove(0, m_heldBack.size());
            offset += m_heldBack.size();
        }
        if (!sector.isEmpty()) {
            if (const auto failed = m_sink->write(offset, sector)) {
                fail(*failed);
                return false;
            }
        }
        m_flushed += bytes;
        return true;
    }

    std::optional<UpdateError> DeviceUpdater::end()
    {
        if (m_error)
            return m_error;
        if (!m_running)
            return UpdateError::Aborted;
        if (!isFinished()) {
            fail(UpdateError::Aborted); // "premature end"
            return m_error;
        }
        m_actualMd5 = m_md5.result().toHex();
        if (m_actualMd5 != m_expectedMd5) {
            fail(UpdateError::Md5Mismatch);
            return m_error;
        }
        if (!m_heldBack.isEmpty()) {
            if (const auto failed = m_sink->write(0, m_heldBack)) {
                fail(*failed);
                return m_error;
            }
        }
        if (const auto failed = m_sink->finish()) {
            fail(*failed);
            return m_error;
        }
        m_running = false;
        return std::nullopt;
    }

    void DeviceUpdater::abort()
    {
        if (!m_running)
            return;
        m_running = false;
        m_sink->abort();
        if (!m_error)
            m_error = UpdateError::Aborted;
    }

    void DeviceUpdater::fail(UpdateError error)
    {
        qCDebug(lcEspotaDevice) << "update error" << updateErrorText(m_flavour, error, m_expectedMd5, m_actualMd5);
        m_error = error;
        if (m_running) {
            m_running = false;
            m_sink->abort();
        }
    }

    QByteArray DeviceUpdater::errorLine() const
    {
        return m_error ? updateErrorLine(m_flavour, *m_error, m_expectedMd5, m_actualMd5) : QByteArray();
    }

    QString DeviceUpdater::errorText() const
    {
        return m_error ? updateErrorText(m_flavour, *m_error, m_expectedMd5, m_actualMd5) : QString();
    }
} // namespace Espota
