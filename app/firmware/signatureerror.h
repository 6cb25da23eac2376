#pragma once

#include <QString>
#include <QStringList>

namespace Firmware
{
    // Why a release manifest could not be signed, or why its signature was
    // not accepted. Kinds are told apart because a person acts differently
    // on each: fix the file, configure keys, or distrust the release.
    struct SignatureError
    {
        enum class Kind
        {
            SigningFailed,  // the key could not sign (see message)
            Undecodable,    // neither a DER ECDSA signature nor base64 text of one
            NoTrustedKeys,  // the list of trusted keys is empty: nothing could verify it
            NoKeyMatched,   // well-formed, but no trusted key verifies it over these bytes
        };

        Kind kind;
        QString message;
        QStringList triedKeyIds; // NoKeyMatched: every key id tried, in order

        static QString kindName(Kind kind); // "no-key-matched", ... for --json output
    };
} // namespace Firmware
