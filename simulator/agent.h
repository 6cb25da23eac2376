#pragma once

#include <deque>
#include <functional>
#include <optional>

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include "agentconfig.h"
#include "agentstate.h"
#include "firmware/publickey.h"
#include "firmware/releasemanifest.h"
#include "rangedownload.h"
#include "releasecheck.h"
#include "result.h"

namespace Simulator
{
    class AgentHttp;
    struct HttpResponse;
    class AgentScheduler;

    // What agents share: the HTTP pool, the clock, the keys they trust, and
    // where their events go.
    struct AgentContext
    {
        AgentHttp *http = nullptr;
        AgentScheduler *scheduler = nullptr;
        QList<Firmware::PublicKey> trustedKeys;
        std::function<void(const QString &deviceId, const QString &event)> print; // one line per event
        std::function<void(const QString &from, const QString &to)> moved;        // summary bookkeeping
        // Requests the server answered with 200, for the summary line and benchmarks.
        qint64 checkInsAnswered = 0;
        qint64 reportsAnswered = 0;
    };

    // One virtual ESP32 running a production-style OTA agent against
    // ota-server (docs/device-api.md): periodic check-ins, the install cycle
    // (download in ranges, verify, write the inactive slot, reboot, pending
    // verify, health checks, mark valid or roll back), rollback and cancel
    // orders, and the failure drawn for it. Every state change is reported
    // in order and kept in <dir>/agent.json. Not a QObject: 5,000 of them
    // share the context's one timer and HTTP pool.
    class Agent final
    {
    public:
        // Where it is, for the summary: the last state reported, or one of these.
        static constexpr auto Idle = "idle";
        static constexpr auto Silent = "silent";

        Agent(AgentConfig config, QString dir, AgentContext *context);
        Q_DISABLE_COPY_MOVE(Agent)

        // Reads agent.json. Error: why the state directory is unusable.
        Result<bool, QString> load();
        // Starts checking in, the first time firstCheckInSeconds from now.
        void start(const QString &secret, double firstCheckInSeconds);

        const AgentConfig &config() const { return m_config; }
        const AgentState &state() const { return m_state; }
        QString where() const { return m_where; }

    private:
        enum class Phase
        {
            Idle,
            Downloading,
            Installing,
            Rebooting,
            Verifying,
            Silent,
        };
        enum class Purpose
        {
            Install,  // a rollout's release: every step is reported
            RollBack, // break-glass: only the outcome is reported
        };
        struct Report
        {
            QJsonObject body;
            int attempts = 0;
        };

        // Check-ins
        void scheduleCheckIn(double seconds);
        void checkIn();
        QJsonObject checkInBody();
        void onInstruction(const QJsonObject &instruction);
        void onInstall(const QString &rolloutId, const QJsonObject &release, int deferBelowPercent);
        void onRollback(const QString &rolloutId, const QString &version, const QJsonObject &release);
        void onCancel(const QString &rolloutId);

        // The update
        void startDownload(Purpose purpose, const QString &rolloutId, const ReleaseOffer &offer,
                           const Firmware::ReleaseManifest &manifest);
        void nextChunk();
        void onChunk(int generation, const HttpResponse &response);
        void downloadFailed(const QString &failureType, const QString &detail, bool keepPartial);
        void downloadComplete();
        void install();
        void firstBoot();
        void bootLoop(int attempt);
        void healthChecked();
        void rebootInto(const QString &slot, const std::function<void()> &afterBoot);
        void goSilent(const QString &reason);
        void finishUpdate();

        // Reports, strictly in order
        void report(const QString &state, const QString &detail = {}, const QString &failureType = QString(),
                    bool healthPassed = false);
        void sendNextReport();

        void setPhase(Phase phase);
        void setWhere(const QString &where);
        void updateBattery();
        void save();
        QString partPath() const;
        QString slotPath(const QString &slot) const;
        void print(const QString &event) const;
        static QString kib(qint64 bytes);

        AgentConfig m_config;
        QString m_dir;
        AgentContext *m_context;
        AgentState m_state;
        QByteArray m_authorization;
        Phase m_phase = Phase::Idle;
        QString m_where = QString::fromLatin1(Idle);
        int m_checkInGeneration = 0;
        int m_downloadGeneration = 0;
        double m_batteryAt = 0;   // simulated time of the last battery update
        double m_bootedAt = 0;    // simulated time of the last boot
        QJsonObject m_health;
        bool m_unauthorizedSeen = false;
        bool m_checkInPending = false; // sent, no answer yet

        // The update in progress
        Purpose m_purpose = Purpose::Install;
        QString m_rolloutId;
        ReleaseOffer m_offer;
        Firmware::ReleaseManifest m_manifest;
        std::optional<RangeDownload> m_download;
        int m_chunkErrors = 0;
        QString m_previousVersion;
        QString m_previousSlot;
        QSet<QString> m_canceled; // rollouts it reported CANCELED for

        std::deque<Report> m_reports;
        bool m_reportInFlight = false;
    };
} // namespace Simulator
