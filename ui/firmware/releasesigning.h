#pragma once

#include <QByteArray>
#include <QString>

#include "firmware/releasemanifest.h"

// The manifest signed with the operator's key, made off the GUI thread
// (decrypting the key runs PBKDF2). The passphrase is used once and not kept.
struct ReleaseSigning
{
    QByteArray manifestBytes;   // the exact bytes that were signed
    QByteArray signatureBase64;
    QString keyId;
    QString error; // empty when signed; else what to do, nothing was sent

    static ReleaseSigning sign(const Firmware::ReleaseManifest &manifest, const QString &keyPath, QByteArray passphrase);
};
