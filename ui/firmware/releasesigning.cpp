#include "releasesigning.h"

#include <QCoreApplication>
#include <QFile>

#include "firmware/manifestsigner.h"
#include "firmware/signingkey.h"

namespace
{
    QString tr(const char *text)
    {
        return QCoreApplication::translate("ReleaseSigning", text);
    }
} // namespace

ReleaseSigning ReleaseSigning::sign(const Firmware::ReleaseManifest &manifest, const QString &keyPath, QByteArray passphrase)
{
    ReleaseSigning signing;
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        signing.error = tr("The signing key %1 cannot be read: %2. Nothing was sent.").arg(keyPath, keyFile.errorString());
        return signing;
    }
    auto key = Firmware::SigningKey::fromPem(keyFile.readAll(), passphrase);
    passphrase.fill('\0'); // not kept past this call
    if (!key) {
        if (key.error().kind == Firmware::KeyError::Kind::WrongPassphrase)
            signing.error = tr("The passphrase does not open this signing key; type it again. Nothing was sent.");
        else
            signing.error = tr("The signing key cannot be used: %1. Nothing was sent.").arg(key.error().message);
        return signing;
    }
    signing.manifestBytes = manifest.toJson();
    const auto signature = Firmware::ManifestSigner::sign(signing.manifestBytes, key.value());
    if (!signature) {
        signing.error = tr("Signing failed: %1. Nothing was sent.").arg(signature.error().message);
        return signing;
    }
    signing.signatureBase64 = Firmware::ManifestSigner::toBase64(signature.value());
    signing.keyId = key.value().keyId();
    return signing;
}
