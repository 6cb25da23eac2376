#pragma once

#include <memory>

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QStringList>

#include "espotawire.h"
#include "pushimage.h"
#include "pushoutcome.h"
#include "pushsettings.h"
#include "pushtarget.h"

namespace Discovery
{
    class MdnsBrowser;
}

namespace Espota
{
    struct PushJobOptions
    {
        PushSettings settings;
        int concurrency = 4;               // pushes in flight at once
        bool skipSameVersion = false;      // leave out devices that announce the image's version
        bool onlyOnline = false;           // leave out devices not currently heard on mDNS
        bool confirm = true;               // after OK, wait for the device to re-announce (needs a browser)
        int confirmTimeoutMs = 60000;      // how long to wait for a device to re-announce after OK
        QHostAddress listenAddress = QHostAddress(QHostAddress::AnyIPv4);
        quint16 listenPort = DefaultConnectBackPort; // 0: any free port
        // A device's own password, by its index in the job's targets; the
        // others use settings.password (the console keeps one per device).
        QHash<int, QString> devicePasswords;
    };

    // Whether a device was seen running the pushed image afterwards.
    enum class Confirmation
    {
        NotChecked,   // no mDNS browser, or the push did not succeed
        Waiting,      // the device said OK; waiting for it to re-announce
        Confirmed,    // it re-announced running the pushed version
        Reannounced,  // it re-announced; it publishes no version, or the image has none
        NotConfirmed, // it did not re-announce in time, or came back on another version
    };
    QString confirmationName(Confirmation confirmation); // "confirmed", "not confirmed", ...

    // One device's row in a push job.
    struct DevicePush
    {
        PushTarget target;
        PushStage stage = PushStage::Queued;
        qint64 acknowledgedBytes = 0;
        qint64 totalBytes = 0;
        PushOutcome outcome;
        Confirmation confirmation = Confirmation::NotChecked;
        QString detail;    // the line to show beside the state: failure reason, skip reason, confirmation
        QStringList log;   // this device's own log

        int percent() const { return totalBytes == 0 ? 0 : static_cast<int>(acknowledgedBytes * 100 / totalBytes); }
        // Done and, where it could be checked, confirmed.
        bool succeeded() const;
    };

    struct PushJobSummary
    {
        int devices = 0;
        int confirmed = 0;     // done and seen running the new version (or re-announced, no version to compare)
        int unconfirmed = 0;   // said OK (or probably did) but not seen running the new version
        int failed = 0;
        int skipped = 0;
        int cancelled = 0;
        qint64 elapsedMs = 0;
        QString text() const;  // "3 devices: 2 confirmed, 1 failed in 12.4 s"
    };

    // One image to many devices: a connect-back listener shared by all, at
    // most `concurrency` pushes at once, per-device state and log, and after
    // each OK a bounded wait for the device to re-announce on mDNS with the
    // new version. One device failing never stops the others.
    class PushJob final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(PushJob)

    public:
        // browser may be null: then nothing is confirmed and "only online"
        // counts only targets that came from mDNS.
        PushJob(QList<PushTarget> targets, std::shared_ptr<const PushImage> image, PushJobOptions options,
                Discovery::MdnsBrowser *browser = nullptr, QObject *parent = nullptr);
        ~PushJob() override;

        // Listens for connect-backs and starts; an error says why it cannot.
        std::optional<QString> start();
        void cancel();
        void cancelDevice(int index);

        int count() const;
        const DevicePush &device(int index) const;
        bool isFinished() const;
        PushJobSummary summary() const;
        quint16 listenPort() const;

    Q_SIGNALS:
        void deviceChanged(int index);
        void deviceLog(int index, const QString &line);
        void finished();

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Espota
