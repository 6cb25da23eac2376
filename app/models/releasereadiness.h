#pragma once

#include <optional>

#include <QList>
#include <QString>

#include "models/securebootfacts.h"
#include "rollout/device.h"
#include "rollout/release.h"

namespace Models
{
    // Is a release ready to roll out? The release readiness card's rules,
    // one item per check, each pass / warn / fail with what was found and
    // one line saying why the check matters. Pure functions of the facts
    // given, so each rule is tested case by case.
    class ReleaseReadiness final
    {
    public:
        enum class Check
        {
            SignedManifest,
            SecureBoot,
            AntiRollback,
            FitsSlot,
            MinPreviousVersion,
        };
        enum class Verdict
        {
            Pass,
            Warn,
            Fail,
        };

        struct Item
        {
            Check check;
            Verdict verdict;
            QString title;   // "Signed manifest"
            QString finding; // what was found: "signed by olga (61110684)"
            QString why;     // one line: why it matters
        };

        // What the rules look at besides the release itself.
        struct Facts
        {
            QString keyName;                         // the trusted key's name, when known
            SecureBootFacts secureBoot;              // from the image, once it was read
            std::optional<quint32> fleetSecureVersion; // highest the release's project runs now
            std::optional<qint64> otaSlotBytes;      // smallest OTA slot the devices reported
        };

        static QList<Item> assess(const Rollout::Release &release, const Facts &facts);

        // The highest secure version among the releases that devices of
        // project currently run (matched by project and version); nullopt
        // when no such device runs a release the server holds.
        static std::optional<quint32> fleetSecureVersion(const QString &project, const QList<Rollout::Release> &releases,
                                                         const QList<const Rollout::Device *> &devices);
        // The smallest "otaSlotBytes" a device of chip reported; nullopt when none did.
        static std::optional<qint64> smallestOtaSlot(const QString &chip, const QList<const Rollout::Device *> &devices);

        static QString verdictWord(Verdict verdict);

    private:
        static Item signedManifest(const Rollout::Release &release, const Facts &facts);
        static Item secureBoot(const Rollout::Release &release, const Facts &facts);
        static Item antiRollback(quint32 secureVersion, const Facts &facts);
        static Item fitsSlot(const Rollout::Release &release, const Facts &facts);
        static Item minPreviousVersion(const QString &minPrevious);
    };
} // namespace Models
