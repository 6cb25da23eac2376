#include "securebootfacts.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QStringList>

#include "firmware/securebootv2.h"
#include "firmware/securebootv2keys.h"

namespace Models
{
    namespace
    {
        QString tr(const char *text)
        {
            return QCoreApplication::translate("Models::SecureBootFacts", text);
        }

        QByteArray digestOf(QByteArrayView signedData, Firmware::SecureBootV2::Scheme scheme)
        {
            const auto algorithm = scheme == Firmware::SecureBootV2::Scheme::EcdsaP384 ? QCryptographicHash::Sha384
                                                                                      : QCryptographicHash::Sha256;
            return QCryptographicHash::hash(signedData, algorithm);
        }
    } // namespace

    SecureBootFacts SecureBootFacts::unreadable(const QString &why)
    {
        SecureBootFacts facts;
        facts.state = State::NotLooked;
        facts.message = why;
        return facts;
    }

    SecureBootFacts SecureBootFacts::inspect(QByteArrayView imageFile)
    {
        namespace Sb = Firmware::SecureBootV2;
        SecureBootFacts facts;
        const auto sector = Sb::findSector(imageFile);
        if (!sector) {
            facts.state = State::Absent;
            return facts;
        }
        facts.state = State::Broken;
        if (!*sector) {
            facts.message = sector->error().message;
            return facts;
        }
        facts.blocks = int(sector->value().blocks.size());
        const QByteArrayView signedData = imageFile.first(imageFile.size() - Sb::SectorSize);
        QStringList problems;
        for (const Sb::SignatureBlock &block : sector->value().blocks) {
            if (digestOf(signedData, block.scheme) != block.imageDigest) {
                problems.append(tr("block %1: its digest is not the image's (the image changed after signing)")
                                    .arg(block.slot));
                continue;
            }
            const Result<bool, QString> verified = Sb::Keys::signatureVerifies(block);
            if (!verified) {
                problems.append(tr("block %1: %2").arg(block.slot).arg(verified.error()));
                continue;
            }
            if (!verified.value()) {
                problems.append(tr("block %1: the signature does not verify with the block's key").arg(block.slot));
                continue;
            }
            facts.state = State::Verifies;
            facts.scheme = Sb::schemeName(block.scheme);
            facts.keyDigestHex = QString::fromLatin1(block.keyDigest().toHex());
            return facts;
        }
        facts.message = problems.join(u"; ");
        return facts;
    }
} // namespace Models
