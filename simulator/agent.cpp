#include "agent.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>

#include "agenthttp.h"
#include "agentlogging.h"
#include "agentpolicy.h"
#include "agentscheduler.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        constexpr int MaxReportAttempts = 6;
        constexpr int MaxChunkErrors = 3;
        constexpr double RetrySeconds = 30;
        // Chunks cover this many simulated seconds of transfer at the
        // device's rate: a range request every few seconds, as a real agent
        // that writes each chunk to flash before it asks for the next.
        constexpr double ChunkSeconds = 5;
        constexpr qint64 MinChunk = 4096;
        constexpr qint64 MaxChunk = 1024 * 1024;
    } // namespace

    Agent::Agent(AgentConfig config, QString dir, AgentContext *context)
        : m_config(std::move(config)), m_dir(std::move(dir)), m_context(context)
    {
    }

    Result<bool, QString> Agent::load()
    {
        auto loaded = AgentState::load(m_dir, m_config);
        if (!loaded)
            return loaded.error();
        m_state = std::move(loaded).value();
        m_health = AgentPolicy::healthResults(m_config, false);
        const auto saved = m_state.save(m_dir);
        if (!saved)
            return saved.error();
        return true;
    }

    void Agent::start(const QString &secret, double firstCheckInSeconds)
    {
        m_authorization = AgentHttp::basicAuthorization(m_config.id, secret);
        m_batteryAt = m_bootedAt = m_context->scheduler->now();
        if (m_state.silent) {
            setPhase(Phase::Silent);
            return;
        }
        scheduleCheckIn(firstCheckInSeconds);
    }

    // --- check-ins ---------------------------------------------------------

    void Agent::scheduleCheckIn(double seconds)
    {
        const int generation = ++m_checkInGeneration;
        m_context->scheduler->after(seconds, [this, generation] {
            if (generation == m_checkInGeneration)
                checkIn();
        });
    }

    QJsonObject Agent::checkInBody()
    {
        updateBattery();
        const double now = m_context->scheduler->now();
        return QJsonObject{
            {u"chip"_s, m_config.chip},
            {u"board"_s, m_config.board},
            {u"project"_s, m_config.project},
            {u"version"_s, m_state.runningVersion()},
            {u"slot"_s, m_state.activeSlot},
            {u"batteryPercent"_s, int(m_state.batteryPercent)},
            {u"rssi"_s, m_config.rssi},
            {u"uptimeSeconds"_s, qint64(now - m_bootedAt)},
            {u"bootCount"_s, m_state.bootCount},
            {u"otaSlotBytes"_s, m_config.otaSlotBytes},
            {u"health"_s, m_health},
            {u"nextCheckInSeconds"_s, m_config.checkInSeconds},
        };
    }

    void Agent::checkIn()
    {
        if (m_phase == Phase::Silent)
            return;
        // Busy installing, rebooting or verifying: the check-in after the
        // outcome tells the server the version.
        if (m_phase == Phase::Installing || m_phase == Phase::Rebooting || m_phase == Phase::Verifying)
            return;
        // +-10% jitter keeps 5,000 devices from checking in in lockstep.
        const double jitter = 0.9 + 0.2 * QRandomGenerator::global()->generateDouble();
        scheduleCheckIn(m_config.checkInSeconds * jitter);
        // A device does not check in again while its last check-in waits
        // for an answer: behind a slow server, check-ins would pile up in the
        // shared queue and starve downloads and reports.
        if (m_checkInPending)
            return;
        const QJsonObject body = checkInBody();
        save();
        m_checkInPending = true;
        m_context->http->post(u"/api/v1/device/checkin"_s, body, m_authorization, [this](const HttpResponse &r) {
            m_checkInPending = false;
            if (r.status == 401) {
                if (!m_unauthorizedSeen)
                    print(u"check-in refused: "_s + r.errorText() + u" (is the secret in credentials.json this server's?)"_s);
                m_unauthorizedSeen = true;
                return;
            }
            if (r.status != 200) {
                qCInfo(lcAgent).noquote() << m_config.id << "check-in failed:" << r.errorText();
                return;
            }
            m_unauthorizedSeen = false;
            ++m_context->checkInsAnswered;
            onInstruction(QJsonDocument::fromJson(r.body).object().value(u"instruction"_s).toObject());
        }, AgentHttp::Priority::Background);
    }

    void Agent::onInstruction(const QJsonObject &instruction)
    {
        if (m_phase == Phase::Silent)
            return;
        const QString kind = instruction.value(u"kind"_s).toString();
        const QString rolloutId = instruction.value(u"rolloutId"_s).toString();
        if (kind == u"install")
            onInstall(rolloutId, instruction.value(u"release"_s).toObject(),
                      instruction.value(u"deferBelowPercent"_s).toInt(m_config.deferBelowPercent));
        else if (kind == u"rollback")
            onRollback(rolloutId, instruction.value(u"version"_s).toString(), instruction.value(u"release"_s).toObject());
        else if (kind == u"cancel")
            onCancel(rolloutId);
        else if (kind != u"nothing")
            qCWarning(lcAgent).noquote() << m_config.id << "ignores an unknown instruction" << kind;
    }

    void Agent::onInstall(const QString &rolloutId, const QJsonObject &release, int deferBelowPercent)
    {
        if (m_phase != Phase::Idle)
            return; // the update under way goes on; the server repeats Install while it downloads
        const auto offer = ReleaseOffer::fromJson(release);
        if (!offer) {
            m_rolloutId = rolloutId;
            print(u"install instruction unusable: "_s + offer.error());
            report(u"REJECTED"_s, u"the install instruction is unusable: "_s + offer.error(), u"verification"_s);
            return;
        }
        print(u"install %1 (%2)"_s.arg(offer->version, rolloutId));
        updateBattery();
        // The rollout's threshold, when the server names it, rules over the device's own default.
        AgentConfig config = m_config;
        config.deferBelowPercent = deferBelowPercent;
        const auto decision = AgentPolicy::onInstall(config, m_state, *offer, m_context->trustedKeys);
        m_rolloutId = rolloutId;
        switch (decision.step) {
        case AgentPolicy::InstallStep::Reject:
            report(u"REJECTED"_s, decision.refusal.detail, decision.refusal.failureType);
            return;
        case AgentPolicy::InstallStep::AlreadyRunning:
            return; // the server sees the version at the next check-in
        case AgentPolicy::InstallStep::Defer:
            report(u"DEFERRED"_s, u"battery %1% is below %2%: deferred until it recovers"_s
                                      .arg(int(m_state.batteryPercent))
                                      .arg(deferBelowPercent));
            return;
        case AgentPolicy::InstallStep::Download:
            startDownload(Purpose::Install, rolloutId, *offer, decision.manifest);
            return;
        }
    }

    void Agent::onRollback(const QString &rolloutId, const QString &version, const QJsonObject &release)
    {
        if (m_phase != Phase::Idle)
            return;
        m_rolloutId = rolloutId;
        print(u"rollback to %1 (%2)"_s.arg(version, rolloutId));
        const bool withRelease = !release.isEmpty();
        switch (AgentPolicy::onRollback(m_state, version, withRelease)) {
        case AgentPolicy::RollbackStep::AlreadyRunning:
            report(u"ROLLED_BACK"_s, u"runs %1 already"_s.arg(version));
            return;
        case AgentPolicy::RollbackStep::BootOtherSlot: {
            m_previousVersion = m_state.runningVersion();
            const QString slot = m_state.inactiveSlot();
            rebootInto(slot, [this, slot, version] {
                // The outcome of an order, not a failure: failureType none (docs/device-api.md).
                report(u"ROLLED_BACK"_s, u"rolled back on the server's order: booted %1 with %2"_s.arg(slot, version));
                finishUpdate();
            });
            return;
        }
        case AgentPolicy::RollbackStep::Impossible:
            report(u"FAILED"_s, u"cannot roll back to %1: the other slot holds %2 and no release was offered"_s
                                    .arg(version, m_state.slotVersion.value(m_state.inactiveSlot(), u"nothing"_s)),
                   u"other"_s);
            return;
        case AgentPolicy::RollbackStep::Download:
            break;
        }
        const auto offer = ReleaseOffer::fromJson(release);
        if (!offer) {
            report(u"FAILED"_s, u"the rollback instruction is unusable: "_s + offer.error(), u"other"_s);
            return;
        }
        const auto checked = ReleaseCheck::beforeDownload(*offer, m_context->trustedKeys, m_config.chip);
        if (!checked) {
            report(u"FAILED"_s, u"cannot roll back to %1: %2"_s.arg(version, checked.error().detail), u"verification"_s);
            return;
        }
        startDownload(Purpose::RollBack, rolloutId, *offer, *checked);
    }

    void Agent::onCancel(const QString &rolloutId)
    {
        if (m_canceled.contains(rolloutId))
            return;
        if (m_phase != Phase::Idle && m_phase != Phase::Downloading)
            return; // too late: it finishes or rolls back, and says so
        ++m_downloadGeneration; // drops the chunk in flight
        m_download.reset();
        QFile::remove(partPath());
        m_state.downloadRolloutId.clear();
        m_state.downloadSha256.clear();
        save();
        setPhase(Phase::Idle);
        m_rolloutId = rolloutId;
        m_canceled.insert(rolloutId);
        report(u"CANCELED"_s, u"canceled before installing; the partial download was dropped"_s);
    }

    // --- download ----------------------------------------------------------

    void Agent::startDownload(Purpose purpose, const QString &rolloutId, const ReleaseOffer &offer,
                              const Firmware::ReleaseManifest &manifest)
    {
        m_purpose = purpose;
        m_rolloutId = rolloutId;
        m_offer = offer;
        m_manifest = manifest;
        m_chunkErrors = 0;
        // What it has counts only if it is a prefix of the same image.
        if (m_state.downloadSha256 != offer.sha256)
            QFile::remove(partPath());
        m_state.downloadRolloutId = rolloutId;
        m_state.downloadSha256 = offer.sha256;
        save();
        m_download.emplace(offer.size, QFileInfo(partPath()).size());
        setPhase(Phase::Downloading);
        if (purpose == Purpose::Install)
            report(u"DOWNLOADING"_s, m_download->have() > 0 ? u"resuming at %1 of %2"_s.arg(kib(m_download->have()),
                                                                                            kib(offer.size))
                                                            : QString());
        nextChunk();
    }

    void Agent::nextChunk()
    {
        if (m_download->complete()) {
            downloadComplete();
            return;
        }
        const qint64 have = m_download->have();
        if (AgentPolicy::batteryDiesAt(m_config, have, m_offer.size)) {
            m_state.batteryPercent = 0;
            goSilent(u"battery died during the download at %1 of %2"_s.arg(kib(have), kib(m_offer.size)));
            return;
        }
        if (AgentPolicy::stallsAt(m_config, m_state, have, m_offer.size)) {
            // Weak Wi-Fi: the transfer stalls until the device's own timeout.
            const int generation = ++m_downloadGeneration;
            m_context->scheduler->after(m_config.downloadTimeoutSeconds, [this, generation, have] {
                if (generation != m_downloadGeneration)
                    return;
                m_state.downloadTimeoutSpent = true;
                downloadFailed(u"download"_s, u"download timed out after %1 s at %2 of %3"_s
                                                  .arg(m_config.downloadTimeoutSeconds)
                                                  .arg(kib(have), kib(m_offer.size)),
                               true);
            });
            return;
        }
        const qint64 chunk = std::clamp(qint64(double(m_config.downloadBytesPerSecond) * ChunkSeconds), MinChunk, MaxChunk);
        const int generation = ++m_downloadGeneration;
        m_context->http->get(m_offer.url, m_download->nextRange(chunk), m_authorization,
                             [this, generation](const HttpResponse &r) { onChunk(generation, r); });
    }

    void Agent::onChunk(int generation, const HttpResponse &response)
    {
        if (generation != m_downloadGeneration || m_phase != Phase::Downloading)
            return; // canceled meanwhile
        const qint64 before = m_download->have();
        const auto outcome = m_download->accept(response.status, response.contentRange, response.body.size());
        if (outcome.step == RangeDownload::Step::Error) {
            const QString why = response.status == 206 || response.status == 200 || response.status == 416
                ? outcome.message
                : response.errorText();
            if (++m_chunkErrors >= MaxChunkErrors || response.status == 404 || response.status == 401) {
                downloadFailed(u"download"_s, u"download failed at %1 of %2: %3"_s.arg(kib(before), kib(m_offer.size), why),
                               true);
                return;
            }
            qCInfo(lcAgent).noquote() << m_config.id << "chunk failed, retrying:" << why;
            m_context->scheduler->after(RetrySeconds, [this, generation] {
                if (generation == m_downloadGeneration && m_phase == Phase::Downloading)
                    nextChunk();
            });
            return;
        }
        m_chunkErrors = 0;
        QFile part(partPath());
        const bool opened = outcome.step == RangeDownload::Step::Restart ? part.open(QIODevice::WriteOnly | QIODevice::Truncate)
                                                                         : part.open(QIODevice::WriteOnly | QIODevice::Append);
        if (!opened || part.write(response.body) != response.body.size()) {
            downloadFailed(u"download"_s, u"cannot write %1: %2"_s.arg(part.fileName(), part.errorString()), false);
            return;
        }
        part.close();
        // The bytes took this long over the device's link.
        const double seconds = double(response.body.size()) / double(m_config.downloadBytesPerSecond);
        m_context->scheduler->after(seconds, [this, generation] {
            if (generation == m_downloadGeneration && m_phase == Phase::Downloading)
                nextChunk();
        });
    }

    void Agent::downloadFailed(const QString &failureType, const QString &detail, bool keepPartial)
    {
        ++m_downloadGeneration;
        m_download.reset();
        if (!keepPartial) {
            QFile::remove(partPath());
            m_state.downloadSha256.clear();
        }
        save();
        setPhase(Phase::Idle);
        report(u"FAILED"_s, detail, failureType);
    }

    void Agent::downloadComplete()
    {
        QFile part(partPath());
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!part.open(QIODevice::ReadOnly) || !hash.addData(&part)) {
            downloadFailed(u"download"_s, u"cannot read back %1"_s.arg(part.fileName()), false);
            return;
        }
        const qint64 size = part.size();
        part.close();
        const auto checked = ReleaseCheck::downloadedImage(m_manifest, size, QString::fromLatin1(hash.result().toHex()));
        if (!checked) {
            downloadFailed(u"verification"_s, checked.error(), false);
            return;
        }
        if (m_purpose == Purpose::Install)
            report(u"DOWNLOADED"_s, u"%1, sha256 and signature checked"_s.arg(kib(size)));
        install();
    }

    // --- install, reboot, verify --------------------------------------------

    void Agent::install()
    {
        setPhase(Phase::Installing);
        if (m_purpose == Purpose::Install)
            report(u"INSTALLING"_s, u"writing %1"_s.arg(m_state.inactiveSlot()));
        m_previousVersion = m_state.runningVersion();
        m_previousSlot = m_state.activeSlot;
        const QString slot = m_state.inactiveSlot();
        // The slot is erased first: a power cut now leaves nothing bootable there.
        m_state.slotVersion[slot].clear();
        m_state.slotSha256[slot].clear();
        QFile::remove(slotPath(slot));
        if (!QFile::rename(partPath(), slotPath(slot))) {
            setPhase(Phase::Idle);
            report(u"FAILED"_s, u"cannot write %1"_s.arg(slotPath(slot)), u"install"_s);
            return;
        }
        m_state.downloadRolloutId.clear();
        m_state.downloadSha256.clear();
        save();
        const int generation = ++m_downloadGeneration;
        const double seconds = double(m_offer.size) / double(m_config.flashBytesPerSecond);
        m_context->scheduler->after(seconds, [this, generation, slot] {
            if (generation != m_downloadGeneration)
                return;
            m_state.slotVersion[slot] = m_manifest.version;
            m_state.slotSha256[slot] = m_manifest.sha256;
            save();
            if (m_purpose == Purpose::Install)
                report(u"REBOOTING"_s, u"into %1 with %2"_s.arg(slot, m_manifest.version));
            rebootInto(slot, [this] { firstBoot(); });
        });
    }

    void Agent::rebootInto(const QString &slot, const std::function<void()> &afterBoot)
    {
        setPhase(Phase::Rebooting);
        print(u"rebooting into "_s + slot);
        m_context->scheduler->after(m_config.rebootSeconds, [this, slot, afterBoot] {
            m_state.activeSlot = slot;
            ++m_state.bootCount;
            m_bootedAt = m_context->scheduler->now();
            save();
            afterBoot();
        });
    }

    void Agent::firstBoot()
    {
        // A break-glass rollback to a version that ran here before boots as it
        // did then: the drawn failure belongs to the new release only.
        const AgentFailure failure = m_purpose == Purpose::Install ? m_config.failure : AgentFailure::None;
        switch (AgentPolicy::firstBoot(failure)) {
        case AgentPolicy::FirstBoot::NeverComesBack:
            goSilent(u"never came back after rebooting into "_s + m_manifest.version);
            return;
        case AgentPolicy::FirstBoot::BootLoop:
            bootLoop(1);
            return;
        case AgentPolicy::FirstBoot::PendingVerify:
            break;
        }
        print(u"booted %1 (%2), pending verify"_s.arg(m_state.runningVersion(), m_state.activeSlot));
        setPhase(Phase::Verifying);
        if (m_purpose == Purpose::Install)
            report(u"VERIFYING"_s, u"health checks running"_s);
        m_context->scheduler->after(m_config.healthCheckSeconds, [this] { healthChecked(); });
    }

    void Agent::bootLoop(int attempt)
    {
        // The image crashes before it can mark itself valid; each attempt is a
        // reboot. After the third the bootloader boots the previous slot.
        if (attempt < AgentPolicy::BootAttemptsBeforeRollback) {
            print(u"boot %1 of %2 failed"_s.arg(attempt).arg(m_manifest.version));
            rebootInto(m_state.activeSlot, [this, attempt] { bootLoop(attempt + 1); });
            return;
        }
        const QString broken = m_state.activeSlot;
        m_state.slotVersion[broken].clear(); // marked invalid: never booted again
        rebootInto(m_previousSlot, [this, broken] {
            print(u"bootloader rolled back to %1 %2"_s.arg(m_state.activeSlot, m_state.runningVersion()));
            report(u"ROLLED_BACK"_s, u"%1 failed to boot %2 times in %3; the bootloader rolled back to %4 with %5"_s
                                         .arg(m_manifest.version)
                                         .arg(AgentPolicy::BootAttemptsBeforeRollback)
                                         .arg(broken, m_state.activeSlot, m_state.runningVersion()),
                   u"boot"_s);
            finishUpdate();
        });
    }

    void Agent::healthChecked()
    {
        const bool failing = m_purpose == Purpose::Install && m_config.failure == AgentFailure::HealthCheck;
        m_health = AgentPolicy::healthResults(m_config, failing);
        if (AgentPolicy::allPassed(m_health)) {
            print(u"health checks passed; %1 marked valid"_s.arg(m_state.runningVersion()));
            if (m_purpose == Purpose::Install)
                report(u"SUCCEEDED"_s, u"runs %1 after reboot with health checks passed"_s.arg(m_state.runningVersion()),
                       {}, true);
            else
                report(u"ROLLED_BACK"_s, u"rolled back on the server's order: installed %1 from the server"_s.arg(
                                             m_state.runningVersion()));
            finishUpdate();
            return;
        }
        // esp_ota_mark_app_invalid_rollback_and_reboot(): the image is marked
        // invalid and the previous slot boots.
        const QString broken = m_state.activeSlot;
        const QString failed = m_config.failingCheck;
        m_state.slotVersion[broken].clear();
        rebootInto(m_previousSlot, [this, failed] {
            m_health = AgentPolicy::healthResults(m_config, false);
            report(u"ROLLED_BACK"_s, u"health check %1 failed on %2 (%3 connect failed: not authorised); rolled back to %4"_s
                                         .arg(failed, m_manifest.version, failed.toUpper(), m_state.runningVersion()),
                   u"health_check"_s);
            finishUpdate();
        });
    }

    void Agent::goSilent(const QString &reason)
    {
        ++m_downloadGeneration;
        ++m_checkInGeneration;
        m_state.silent = true;
        m_state.silentReason = reason;
        save();
        print(u"silent: "_s + reason);
        setPhase(Phase::Silent);
    }

    void Agent::finishUpdate()
    {
        setPhase(Phase::Idle);
        save();
        // Check in soon after the outcome: the server sees the version at once.
        scheduleCheckIn(1);
    }

    // --- reports -----------------------------------------------------------

    void Agent::report(const QString &state, const QString &detail, const QString &failureType, bool healthPassed)
    {
        if (m_state.silent)
            return; // gone for good: nothing more to say
        updateBattery();
        QJsonObject body{
            {u"rolloutId"_s, m_rolloutId},
            {u"state"_s, state},
            {u"detail"_s, detail.left(1024)},
            {u"version"_s, m_state.runningVersion()},
            {u"healthPassed"_s, healthPassed},
            {u"failureType"_s, failureType.isEmpty() ? u"none"_s : failureType},
            {u"batteryPercent"_s, int(m_state.batteryPercent)},
        };
        print(u"report "_s + state + (detail.isEmpty() ? QString() : u": "_s + detail));
        setWhere(state);
        m_reports.push_back({body, 0});
        sendNextReport();
    }

    void Agent::sendNextReport()
    {
        // Reports queued before the device went silent still go out: a real
        // agent sent them when they happened (REBOOTING before the reboot it
        // never came back from); the queue is the simulator's, not the device's.
        if (m_reportInFlight || m_reports.empty())
            return;
        m_reportInFlight = true;
        m_context->http->post(u"/api/v1/device/report"_s, m_reports.front().body, m_authorization, [this](const HttpResponse &r) {
            m_reportInFlight = false;
            Report &sent = m_reports.front();
            const bool transient = r.status == 0 || r.status >= 500;
            if (transient && ++sent.attempts < MaxReportAttempts) {
                // The server is away: retry the same report, keeping the order.
                m_context->scheduler->after(RetrySeconds, [this] { sendNextReport(); });
                return;
            }
            if (r.status != 200)
                print(u"report %1 refused: %2"_s.arg(sent.body.value(u"state"_s).toString(), r.errorText()));
            else
                ++m_context->reportsAnswered;
            m_reports.pop_front();
            sendNextReport();
        });
    }

    // --- bookkeeping -------------------------------------------------------

    void Agent::setPhase(Phase phase)
    {
        m_phase = phase;
        if (phase == Phase::Silent)
            setWhere(QString::fromLatin1(Silent));
    }

    void Agent::setWhere(const QString &where)
    {
        if (where == m_where)
            return;
        if (m_context->moved)
            m_context->moved(m_where, where);
        m_where = where;
    }

    void Agent::updateBattery()
    {
        const double now = m_context->scheduler->now();
        m_state.batteryPercent = AgentPolicy::drained(m_state.batteryPercent, m_config.batteryDrainPerHour, now - m_batteryAt);
        m_batteryAt = now;
    }

    void Agent::save()
    {
        const auto saved = m_state.save(m_dir);
        if (!saved)
            qCWarning(lcAgent).noquote() << m_config.id << saved.error();
    }

    QString Agent::partPath() const
    {
        return QDir(m_dir).filePath(u"download.part"_s);
    }

    QString Agent::slotPath(const QString &slot) const
    {
        return QDir(m_dir).filePath(slot + u".bin"_s);
    }

    void Agent::print(const QString &event) const
    {
        if (m_context->print)
            m_context->print(m_config.id, event);
    }

    QString Agent::kib(qint64 bytes)
    {
        return u"%1 KiB"_s.arg(QLocale(QLocale::English).toString(double(bytes) / 1024.0, 'f', bytes % 1024 ? 1 : 0));
    }
} // namespace Simulator
