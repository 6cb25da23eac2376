#include "releasereadiness.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>
#include <QLocale>

#include "firmware/releasemanifest.h"

namespace Models
{
    namespace
    {
        QString tr(const char *text, const char *disambiguation = nullptr)
        {
            return QCoreApplication::translate("Models::ReleaseReadiness", text, disambiguation);
        }

        QString shortId(const QString &keyId)
        {
            return keyId.left(8);
        }
    } // namespace

    using Verdict = ReleaseReadiness::Verdict;
    using Check = ReleaseReadiness::Check;

    QString ReleaseReadiness::verdictWord(Verdict verdict)
    {
        switch (verdict) {
        case Verdict::Pass:
            return tr("pass", "readiness verdict");
        case Verdict::Warn:
            return tr("warn", "readiness verdict");
        case Verdict::Fail:
            break;
        }
        return tr("fail", "readiness verdict");
    }

    QList<ReleaseReadiness::Item> ReleaseReadiness::assess(const Rollout::Release &release, const Facts &facts)
    {
        // The release's own manifest is what the device will be told; a
        // manifest that no longer parses reads as "nothing declared".
        const auto manifest = Firmware::ReleaseManifest::parse(release.manifest);
        const quint32 secureVersion = manifest ? manifest.value().secureVersion : 0;
        const QString minPrevious = manifest ? manifest.value().minPreviousVersion : QString();
        return {signedManifest(release, facts), secureBoot(release, facts), antiRollback(secureVersion, facts),
                fitsSlot(release, facts), minPreviousVersion(minPrevious)};
    }

    ReleaseReadiness::Item ReleaseReadiness::signedManifest(const Rollout::Release &release, const Facts &facts)
    {
        Item item{Check::SignedManifest, Verdict::Pass, tr("Signed manifest"), {},
                  tr("Devices install only what a key the server trusts has signed; a revoked key's releases cannot "
                     "start rollouts.")};
        const QString key = facts.keyName.isEmpty() ? shortId(release.keyId)
                                                    : tr("%1 (%2)").arg(facts.keyName, shortId(release.keyId));
        if (release.keyId.isEmpty()) {
            item.verdict = Verdict::Fail;
            item.finding = tr("no key verified its signature");
        } else if (!release.startable) {
            item.verdict = Verdict::Fail;
            item.finding = tr("signed by %1, which has been revoked: sign it again with a trusted key").arg(key);
        } else {
            item.finding = tr("signed by %1, a trusted key").arg(key);
        }
        return item;
    }

    ReleaseReadiness::Item ReleaseReadiness::secureBoot(const Rollout::Release &release, const Facts &facts)
    {
        Item item{Check::SecureBoot, Verdict::Warn, tr("Secure Boot V2 block"), {},
                  tr("A device with Secure Boot V2 enabled boots only an image signed for the key in its eFuse; "
                     "anything else it refuses after flashing.")};
        const SecureBootFacts &sb = facts.secureBoot;
        if (release.chip == u"esp8266") {
            item.finding = tr("the ESP8266 has no Secure Boot");
            return item;
        }
        switch (sb.state) {
        case SecureBootFacts::State::NotLooked:
            item.finding = sb.message.isEmpty() ? tr("not checked yet: the image is being read")
                                                : tr("not checked: %1").arg(sb.message);
            break;
        case SecureBootFacts::State::Absent:
            item.finding = tr("no signature sector: devices with Secure Boot V2 enabled will not boot it");
            break;
        case SecureBootFacts::State::Verifies:
            item.verdict = Verdict::Pass;
            item.finding = tr("present and verifying (%1, key digest %2)").arg(sb.scheme, sb.keyDigestHex.left(16));
            break;
        case SecureBootFacts::State::Broken:
            item.verdict = Verdict::Fail;
            item.finding = tr("present but not verifying: %1").arg(sb.message);
            break;
        }
        return item;
    }

    ReleaseReadiness::Item ReleaseReadiness::antiRollback(quint32 secureVersion, const Facts &facts)
    {
        Item item{Check::AntiRollback, Verdict::Warn, tr("Secure version (anti-rollback)"), {},
                  tr("Raising it burns the new floor into the eFuse, so an older image with a known hole cannot be "
                     "installed again; below the fleet's floor, devices refuse the image.")};
        if (!facts.fleetSecureVersion) {
            item.finding = tr("secure version %1; the fleet's is not known (no device runs a release the server holds)")
                               .arg(secureVersion);
        } else if (secureVersion > *facts.fleetSecureVersion) {
            item.verdict = Verdict::Pass;
            item.finding = tr("secure version %1, raised from the fleet's %2").arg(secureVersion).arg(*facts.fleetSecureVersion);
        } else if (secureVersion == *facts.fleetSecureVersion) {
            item.finding = tr("secure version %1, the same as the fleet's: older images stay installable")
                               .arg(secureVersion);
        } else {
            item.verdict = Verdict::Fail;
            item.finding = tr("secure version %1 is below the fleet's %2: devices with anti-rollback refuse it")
                               .arg(secureVersion)
                               .arg(*facts.fleetSecureVersion);
        }
        return item;
    }

    ReleaseReadiness::Item ReleaseReadiness::fitsSlot(const Rollout::Release &release, const Facts &facts)
    {
        Item item{Check::FitsSlot, Verdict::Warn, tr("Fits the OTA slot"), {},
                  tr("An image larger than the inactive OTA partition fails while downloading, on every device.")};
        const QLocale locale;
        const QString size = locale.formattedDataSize(release.size, 1, QLocale::DataSizeIecFormat);
        if (!facts.otaSlotBytes || *facts.otaSlotBytes <= 0) {
            item.finding = tr("%1; no device reported its OTA slot size").arg(size);
        } else if (release.size <= *facts.otaSlotBytes) {
            item.verdict = Verdict::Pass;
            item.finding = tr("%1 of %2 (%3%)")
                               .arg(size, locale.formattedDataSize(*facts.otaSlotBytes, 1, QLocale::DataSizeIecFormat))
                               .arg(release.size * 100 / *facts.otaSlotBytes);
        } else {
            item.verdict = Verdict::Fail;
            item.finding = tr("%1 is larger than the devices' %2 slot")
                               .arg(size, locale.formattedDataSize(*facts.otaSlotBytes, 1, QLocale::DataSizeIecFormat));
        }
        return item;
    }

    ReleaseReadiness::Item ReleaseReadiness::minPreviousVersion(const QString &minPrevious)
    {
        Item item{Check::MinPreviousVersion, Verdict::Pass, tr("Minimum previous version"), {},
                  tr("A device too old to migrate its settings or partitions must not jump straight to this release.")};
        if (minPrevious.isEmpty()) {
            item.verdict = Verdict::Warn;
            item.finding = tr("not set: a device on any older version takes this image");
        } else {
            item.finding = tr("devices must run %1 or later first").arg(minPrevious);
        }
        return item;
    }

    std::optional<quint32> ReleaseReadiness::fleetSecureVersion(const QString &project, const QList<Rollout::Release> &releases,
                                                                const QList<const Rollout::Device *> &devices)
    {
        // Parse each of the project's manifests once, not once per device.
        QHash<QString, quint32> secureVersionOf;
        for (const Rollout::Release &release : releases) {
            if (release.project != project)
                continue;
            if (const auto manifest = Firmware::ReleaseManifest::parse(release.manifest))
                secureVersionOf.insert(release.version, manifest.value().secureVersion);
        }
        std::optional<quint32> highest;
        for (const Rollout::Device *device : devices) {
            if (device->project != project)
                continue;
            const auto found = secureVersionOf.constFind(device->version);
            if (found != secureVersionOf.cend() && (!highest || *found > *highest))
                highest = *found;
        }
        return highest;
    }

    std::optional<qint64> ReleaseReadiness::smallestOtaSlot(const QString &chip, const QList<const Rollout::Device *> &devices)
    {
        std::optional<qint64> smallest;
        for (const Rollout::Device *device : devices) {
            if (device->chip != chip || !device->otaSlotBytes)
                continue;
            const qint64 bytes = *device->otaSlotBytes;
            if (bytes > 0 && (!smallest || bytes < *smallest))
                smallest = bytes;
        }
        return smallest;
    }
} // namespace Models
