#pragma once

#include <QHash>
#include <QString>

#include "agentconfig.h"
#include "result.h"

namespace Simulator
{
    // What a simulated agent keeps in flash (NVS and the otadata partition on
    // an ESP32): the two slots and which one boots, the boot count, the
    // battery, whether it is gone for good, and the download in progress.
    // Stored as <dir>/agent.json; the partial image is <dir>/download.part,
    // its length is how much the device has.
    struct AgentState
    {
        static constexpr auto Slot0 = "ota_0";
        static constexpr auto Slot1 = "ota_1";

        QString activeSlot = QString::fromLatin1(Slot0);
        QHash<QString, QString> slotVersion; // "" = nothing bootable
        QHash<QString, QString> slotSha256;
        int bootCount = 1;
        double batteryPercent = 100;
        bool silent = false;          // dead battery, or never came back: it does nothing any more
        QString silentReason;
        bool downloadTimeoutSpent = false; // the drawn download timeout happened; retries succeed
        QString downloadRolloutId;    // the download under way ("" = none)
        QString downloadSha256;

        QString runningVersion() const { return slotVersion.value(activeSlot); }
        QString inactiveSlot() const;

        // A fresh device: config.version in ota_0, config.batteryPercent.
        static AgentState initial(const AgentConfig &config);
        // No agent.json: initial(config). Error: a message naming the file.
        static Result<AgentState, QString> load(const QString &dir, const AgentConfig &config);
        Result<bool, QString> save(const QString &dir) const;
    };

    // The device secrets of every agent, <stateDir>/agents/credentials.json,
    // mode 0600: the NVS of the fleet. Only the simulator reads it.
    class CredentialFile final
    {
    public:
        explicit CredentialFile(QString path) : m_path(std::move(path)) {}

        QString path() const { return m_path; }
        // A missing file is an empty map.
        Result<QHash<QString, QString>, QString> load() const;
        // Written atomically, readable by the owner only.
        Result<bool, QString> save(const QHash<QString, QString> &secrets) const;

    private:
        QString m_path;
    };
} // namespace Simulator
