#pragma once

#include <QString>

namespace Firmware
{
    // Why a signing or public key could not be made, read or written. The
    // message is for a person; it never contains a passphrase or key bytes.
    struct KeyError
    {
        enum class Kind
        {
            BadPassphrase,      // empty (would leave the key unprotected) or too long to read back
            NotAKey,            // no PEM key block, or a damaged one, or PEM of something else
            PublicKeyGiven,     // a public key where the private key is needed
            PrivateKeyGiven,    // a private key where a public key belongs
            PassphraseRequired, // the private key is encrypted and no passphrase was given
            WrongPassphrase,    // the passphrase does not decrypt the private key
            WrongKeyType,       // a key, but not ECDSA P-256 (RSA, another curve, Ed25519, ...)
            FileExists,         // a key file would be overwritten
            FileError,          // a key file could not be read or written
            CryptoFailure,      // OpenSSL failed where it should not (see lcCrypto log)
        };

        Kind kind;
        QString message;

        static QString kindName(Kind kind); // "wrong-passphrase", ... for --json output
    };
} // namespace Firmware
