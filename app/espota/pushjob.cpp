#include "pushjob.h"

#include <algorithm>

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include "connectbacklistener.h"
#include "discovery/mdnsbrowser.h"
#include "esphome/esphomepush.h"
#include "espotapush.h"
#include "logging.h"

namespace Espota
{
    namespace
    {
        // ArduinoOTA restarts 100 ms after its OK; nothing it says before
        // that counts as coming back.
        constexpr qint64 RebootQuietMs = 150;

        bool isEsphome(const Discovery::ServiceInstance &instance)
        {
            return instance.serviceType.startsWith(QStringLiteral("_esphomelib._tcp"), Qt::CaseInsensitive);
        }

        // The firmware's own version: ESPHome's `version` TXT is the ESPHome
        // release, so only its `project_version` names the image.
        QString firmwareVersion(const Discovery::ServiceInstance &instance)
        {
            return isEsphome(instance) ? instance.txt.value(QStringLiteral("project_version")) : versionFromTxt(instance.txt);
        }
    } // namespace

    QString confirmationName(Confirmation confirmation)
    {
        switch (confirmation) {
        case Confirmation::NotChecked: return QStringLiteral("not checked");
        case Confirmation::Waiting: return QStringLiteral("waiting");
        case Confirmation::Confirmed: return QStringLiteral("confirmed");
        case Confirmation::Reannounced: return QStringLiteral("re-announced");
        case Confirmation::NotConfirmed: return QStringLiteral("not confirmed");
        }
        return {};
    }

    bool DevicePush::succeeded() const
    {
        return stage == PushStage::Done
               && (confirmation == Confirmation::Confirmed || confirmation == Confirmation::Reannounced
                   || confirmation == Confirmation::NotChecked);
    }

    QString PushJobSummary::text() const
    {
        QStringList parts;
        const auto add = [&](int n, const QString &what) {
            if (n > 0)
                parts.append(QStringLiteral("%1 %2").arg(n).arg(what));
        };
        add(confirmed, QStringLiteral("done"));
        add(unconfirmed, QStringLiteral("not confirmed"));
        add(failed, QStringLiteral("failed"));
        add(cancelled, QStringLiteral("cancelled"));
        add(skipped, QStringLiteral("skipped"));
        return QStringLiteral("%1 device%2: %3 in %4 s")
            .arg(devices)
            .arg(devices == 1 ? QString() : QStringLiteral("s"))
            .arg(parts.isEmpty() ? QStringLiteral("nothing to do") : parts.join(QStringLiteral(", ")))
            .arg(elapsedMs / 1000.0, 0, 'f', 1);
    }

    struct PushJob::Private
    {
        PushJob *q;
        QList<DevicePush> devices;
        std::shared_ptr<const PushImage> image;
        PushJobOptions options;
        QPointer<Discovery::MdnsBrowser> browser;
        ConnectBackListener listener;
        QList<DevicePushSession *> pushes;   // by index; null until started
        QList<QDateTime> okAt;               // when each device said OK
        QList<QTimer *> confirmTimers;
        int next = 0;
        int inFlight = 0;
        bool started = false;
        bool finishedEmitted = false;
        QElapsedTimer clock;

        void log(int index, const QString &line)
        {
            devices[index].log.append(line);
            Q_EMIT q->deviceLog(index, line);
        }

        bool matches(const Discovery::ServiceInstance &instance, const PushTarget &target) const
        {
            if (!target.name.isEmpty() && instance.instanceName.compare(target.name, Qt::CaseInsensitive) == 0)
                return true;
            for (const QHostAddress &address : instance.addresses) {
                if (address.isEqual(target.address, QHostAddress::ConvertV4MappedToIPv4))
                    return true;
            }
            return false;
        }

        std::optional<Discovery::ServiceInstance> instanceFor(const PushTarget &target) const
        {
            if (!browser)
                return std::nullopt;
            for (const Discovery::ServiceInstance &instance : browser->instances()) {
                if (matches(instance, target))
                    return instance;
            }
            return std::nullopt;
        }

        void applyFilters()
        {
            const QString newVersion = image->version();
            for (int i = 0; i < devices.size(); ++i) {
                DevicePush &device = devices[i];
                const auto instance = instanceFor(device.target);
                if (options.onlyOnline && !instance && !device.target.heardOnMdns) {
                    skip(i, QStringLiteral("offline: not heard on mDNS"));
                    continue;
                }
                const QString running = instance ? firmwareVersion(*instance) : device.target.announcedVersion;
                if (options.skipSameVersion && !newVersion.isEmpty() && running == newVersion)
                    skip(i, QStringLiteral("already running %1").arg(newVersion));
            }
        }

        void skip(int index, const QString &reason)
        {
            devices[index].stage = PushStage::Skipped;
            devices[index].detail = reason;
            log(index, QStringLiteral("skipped: %1").arg(reason));
            Q_EMIT q->deviceChanged(index);
        }

        void startMore()
        {
            while (inFlight < options.concurrency && next < devices.size()) {
                const int index = next++;
                if (devices[index].stage != PushStage::Queued)
                    continue;
                startPush(index);
            }
            checkFinished();
        }

        void startPush(int index)
        {
            PushSettings settings = options.settings;
            if (const auto own = options.devicePasswords.constFind(index); own != options.devicePasswords.cend())
                settings.password = *own;
            DevicePushSession *push = nullptr;
            if (devices[index].target.protocol == PushProtocol::Esphome)
                push = new Esphome::EsphomePush(devices[index].target, image, settings, q);
            else
                push = new EspotaPush(&listener, devices[index].target, image, settings, q);
            pushes[index] = push;
            ++inFlight;
            QObject::connect(push, &DevicePushSession::stageChanged, q, [this, index](PushStage stage) {
                if (stage == PushStage::Done || stage == PushStage::Failed)
                    return; // onPushFinished decides what the row shows
                devices[index].stage = stage;
                Q_EMIT q->deviceChanged(index);
            });
            QObject::connect(push, &DevicePushSession::progress, q, [this, index](qint64 acked, qint64) {
                devices[index].acknowledgedBytes = acked;
                Q_EMIT q->deviceChanged(index);
            });
            QObject::connect(push, &DevicePushSession::logLine, q, [this, index](const QString &line) { log(index, line); });
            QObject::connect(push, &DevicePushSession::finished, q,
                             [this, index](const PushOutcome &outcome) { onPushFinished(index, outcome); });
            push->start();
        }

        void onPushFinished(int index, const PushOutcome &outcome)
        {
            --inFlight;
            DevicePush &device = devices[index];
            device.outcome = outcome;
            device.acknowledgedBytes = outcome.acknowledgedBytes;
            pushes[index]->deleteLater();
            pushes[index] = nullptr;
            if (outcome.succeeded || outcome.probablySucceeded) {
                device.detail = outcome.probablySucceeded ? outcome.message : QStringLiteral("device said OK");
                if (browser && options.confirm) {
                    device.stage = PushStage::Rebooting;
                    device.confirmation = Confirmation::Waiting;
                    okAt[index] = QDateTime::currentDateTimeUtc();
                    log(index, QStringLiteral("waiting up to %1 s for the device to re-announce")
                                   .arg(options.confirmTimeoutMs / 1000.0, 0, 'f', 0));
                    auto *timer = new QTimer(q);
                    timer->setSingleShot(true);
                    QObject::connect(timer, &QTimer::timeout, q, [this, index] { confirmTimedOut(index); });
                    timer->start(options.confirmTimeoutMs);
                    confirmTimers[index] = timer;
                } else {
                    device.stage = outcome.succeeded ? PushStage::Done : PushStage::Failed;
                    if (outcome.probablySucceeded)
                        device.confirmation = Confirmation::NotConfirmed;
                }
            } else {
                device.stage = PushStage::Failed;
                device.detail = outcome.message;
            }
            Q_EMIT q->deviceChanged(index);
            startMore();
        }

        void onInstanceSeen(const Discovery::ServiceInstance &instance)
        {
            for (int i = 0; i < devices.size(); ++i) {
                DevicePush &device = devices[i];
                if (device.confirmation != Confirmation::Waiting || !matches(instance, device.target))
                    continue;
                // A rebooting device is silent: anything heard from it a moment
                // after its OK (announcement or answer) means it is back.
                if (okAt[i].msecsTo(instance.lastHeard) < RebootQuietMs)
                    continue;
                const QString expected = image->version();
                const QString running = firmwareVersion(instance);
                const qint64 after = okAt[i].msecsTo(instance.lastHeard);
                if (isEsphome(instance) && instance.txt.contains(QStringLiteral("version")))
                    log(i, QStringLiteral("back on ESPHome %1").arg(instance.txt.value(QStringLiteral("version"))));
                if (expected.isEmpty() || running.isEmpty()) {
                    finishConfirmation(i, Confirmation::Reannounced,
                                       QStringLiteral("re-announced after %1 s%2")
                                           .arg(after / 1000.0, 0, 'f', 1)
                                           .arg(running.isEmpty() ? QStringLiteral(" (it publishes no version)")
                                                                  : QStringLiteral(" running %1").arg(running)));
                } else if (running == expected) {
                    finishConfirmation(i, Confirmation::Confirmed,
                                       QStringLiteral("confirmed: re-announced running %1 after %2 s")
                                           .arg(running)
                                           .arg(after / 1000.0, 0, 'f', 1));
                } else {
                    finishConfirmation(i, Confirmation::NotConfirmed,
                                       QStringLiteral("not confirmed: re-announced running %1, not %2; the device may "
                                                      "have rolled back to its previous image")
                                           .arg(running, expected));
                }
            }
        }

        void confirmTimedOut(int index)
        {
            if (devices[index].confirmation != Confirmation::Waiting)
                return;
            finishConfirmation(index, Confirmation::NotConfirmed,
                               QStringLiteral("not confirmed: the device did not re-announce within %1 s")
                                   .arg(options.confirmTimeoutMs / 1000.0, 0, 'f', 0));
        }

        void finishConfirmation(int index, Confirmation confirmation, const QString &detail)
        {
            DevicePush &device = devices[index];
            device.confirmation = confirmation;
            device.detail = detail;
            device.stage = device.outcome.succeeded || confirmation != Confirmation::NotConfirmed ? PushStage::Done
                                                                                                 : PushStage::Failed;
            if (QTimer *timer = confirmTimers[index]) {
                timer->deleteLater();
                confirmTimers[index] = nullptr;
            }
            log(index, detail);
            Q_EMIT q->deviceChanged(index);
            checkFinished();
        }

        void checkFinished()
        {
            if (finishedEmitted || !started)
                return;
            for (const DevicePush &device : std::as_const(devices)) {
                if (!isFinal(device.stage))
                    return;
            }
            finishedEmitted = true;
            qCInfo(lcEspota).noquote() << "push job finished:" << q->summary().text();
            Q_EMIT q->finished();
        }
    };

    PushJob::PushJob(QList<PushTarget> targets, std::shared_ptr<const PushImage> image, PushJobOptions options,
                     Discovery::MdnsBrowser *browser, QObject *parent)
        : QObject(parent)
        , d(std::make_unique<Private>())
    {
        d->q = this;
        d->image = std::move(image);
        d->options = std::move(options);
        d->browser = browser;
        for (PushTarget &target : targets) {
            DevicePush device;
            device.target = std::move(target);
            device.totalBytes = d->image->bytes.size();
            d->devices.append(device);
        }
        d->pushes.fill(nullptr, d->devices.size());
        d->okAt.resize(d->devices.size());
        d->confirmTimers.fill(nullptr, d->devices.size());
        if (browser) {
            connect(browser, &Discovery::MdnsBrowser::instanceAdded, this,
                    [this](const Discovery::ServiceInstance &instance) { d->onInstanceSeen(instance); });
            connect(browser, &Discovery::MdnsBrowser::instanceUpdated, this,
                    [this](const Discovery::ServiceInstance &instance) { d->onInstanceSeen(instance); });
        }
    }

    PushJob::~PushJob() = default;

    std::optional<QString> PushJob::start()
    {
        if (d->started)
            return QStringLiteral("the push job was already started");
        // Only ArduinoOTA devices connect back; an ESPHome-only job needs no listener.
        const bool needsListener = std::any_of(d->devices.cbegin(), d->devices.cend(), [](const DevicePush &device) {
            return device.target.protocol == PushProtocol::Arduino;
        });
        if (needsListener) {
            auto listening = d->listener.listen(d->options.listenAddress, d->options.listenPort);
            if (!listening)
                return listening.error();
        }
        d->clock.start();
        d->started = true;
        d->applyFilters();
        d->startMore();
        return std::nullopt;
    }

    void PushJob::cancel()
    {
        for (int i = 0; i < d->devices.size(); ++i)
            cancelDevice(i);
    }

    void PushJob::cancelDevice(int index)
    {
        DevicePush &device = d->devices[index];
        if (isFinal(device.stage))
            return;
        if (DevicePushSession *push = d->pushes[index]) {
            push->cancel(); // finished() follows synchronously
            return;
        }
        if (device.confirmation == Confirmation::Waiting) {
            d->finishConfirmation(index, Confirmation::NotConfirmed,
                                  QStringLiteral("not confirmed: stopped waiting for the device to re-announce"));
            return;
        }
        device.stage = PushStage::Failed;
        device.outcome.failure = PushFailure::Cancelled;
        device.detail = QStringLiteral("cancelled before it started");
        d->log(index, device.detail);
        Q_EMIT deviceChanged(index);
        d->checkFinished();
    }

    int PushJob::count() const { return d->devices.size(); }
    const DevicePush &PushJob::device(int index) const { return d->devices.at(index); }
    quint16 PushJob::listenPort() const { return d->listener.port(); }

    bool PushJob::isFinished() const { return d->finishedEmitted; }

    PushJobSummary PushJob::summary() const
    {
        PushJobSummary summary;
        summary.devices = d->devices.size();
        summary.elapsedMs = d->clock.isValid() ? d->clock.elapsed() : 0;
        for (const DevicePush &device : std::as_const(d->devices)) {
            if (device.stage == PushStage::Skipped)
                ++summary.skipped;
            else if (device.outcome.failure == PushFailure::Cancelled)
                ++summary.cancelled;
            else if (device.succeeded())
                ++summary.confirmed;
            else if (device.outcome.succeeded || device.outcome.probablySucceeded)
                ++summary.unconfirmed;
            else
                ++summary.failed;
        }
        return summary;
    }
} // namespace Espota
