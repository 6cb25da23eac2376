#pragma once

#include <variant>

#include <QByteArrayView>
#include <QString>

#include "keyerror.h"
#include "publickey.h"
#include "result.h"
#include "signingkey.h"

namespace Firmware
{
    // Key pairs on disk: the private key as PEM (encrypted with a passphrase
    // unless asked otherwise), mode 0600 from the moment it exists; the public
    // key as PEM, mode 0644. A file is written under a temporary name in the
    // same folder and renamed into place without replacing anything, so a
    // key file is either complete or absent, and an existing file is never
    // overwritten.
    class KeyFiles final
    {
    public:
        enum class Protection
        {
            Passphrase,  // PKCS#8 encrypted with AES-256-CBC; the default
            Unencrypted, // in the clear: only when the user asked for it explicitly
        };

        // Writes both files or neither. FileExists when either path exists;
        // BadPassphrase for an empty passphrase with Protection::Passphrase,
        // or any passphrase with Protection::Unencrypted.
        static Result<std::monostate, KeyError> write(const SigningKey &key, const QString &privateKeyPath,
                                                      const QString &publicKeyPath, QByteArrayView passphrase,
                                                      Protection protection = Protection::Passphrase);

        static Result<SigningKey, KeyError> readPrivateKey(const QString &path, QByteArrayView passphrase);
        static Result<PublicKey, KeyError> readPublicKey(const QString &path);
    };
} // namespace Firmware
