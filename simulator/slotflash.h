#pragma once

#include <memory>

#include <QFile>
#include <QHash>
#include <QString>

#include "espota/espotadevicesink.h"
#include "result.h"

namespace Simulator
{
    // A simulated device's flash as files in <directory>: two OTA slots
    // (app0.bin, app1.bin), the filesystem (fs.bin) and state.json with the
    // active slot and the version in each slot. An application update goes
    // to the inactive slot; after finish() the next boot() switches to it,
    // unless the bootloader rolls back. A filesystem update keeps the version.
    class SlotFlash final : public Espota::UpdateSink
    {
    public:
        SlotFlash(const QString &directory, qint64 appPartitionSize, qint64 fsPartitionSize);
        ~SlotFlash() override;

        // Creates the directory and reads state.json; without one the device
        // runs initialVersion from app0. Error: a message naming the file.
        Result<bool, QString> load(const QString &initialVersion);
        QString directory() const { return m_directory; }
        QString activeSlot() const { return m_activeSlot; }
        QString runningVersion() const;
        // Power cycle: boots the slot the last update made ready, or stays on
        // the old one when rollBack (a new image that does not boot).
        void boot(bool rollBack);

        // The version of an image as the fleet sees it: the app descriptor's
        // version, else "sha256:" + the first 12 hex digits of its SHA-256.
        static QString imageVersion(const QByteArray &image);

        std::optional<qint64> capacity(Espota::Command command) const override;
        std::optional<Espota::UpdateError> begin(Espota::Command command, qint64 size) override;
        std::optional<Espota::UpdateError> write(qint64 offset, QByteArrayView data) override;
        std::optional<Espota::UpdateError> finish() override;
        void abort() override;

    private:
        QString inactiveSlot() const;
        QString slotPath(const QString &slot) const;
        bool save();

        QString m_directory;
        qint64 m_appPartitionSize;
        qint64 m_fsPartitionSize;
        QString m_activeSlot = QStringLiteral("app0");
        QString m_nextBoot;                // set by a finished application update
        QHash<QString, QString> m_versions; // slot -> version ("" = nothing bootable)
        std::unique_ptr<QFile> m_target;
        Espota::Command m_command = Espota::Command::Flash;
    };
} // namespace Simulator
