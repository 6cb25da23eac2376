#pragma once

#include <QByteArrayView>
#include <QString>

namespace Models
{
    // What a release image's Secure Boot V2 signature sector says, checked
    // as the chip's ROM checks it: the block's digest is the image's, and
    // its signature verifies with the key the block carries. (Which key
    // that must be is the eFuse's business; keyDigestHex is what to compare.)
    struct SecureBootFacts
    {
        enum class State
        {
            NotLooked, // the image was not read (yet)
            Absent,    // no signature sector at the end of the image
            Verifies,  // a block matches the image and its signature verifies
            Broken,    // a sector is there, but nothing in it verifies (message says why)
        };

        State state = State::NotLooked;
        int blocks = 0;       // valid blocks in the sector
        QString scheme;       // of the block that verified: "ECDSA P-256", ...
        QString keyDigestHex; // SHA-256 of that block's public key, as the eFuse holds it
        QString message;      // why Broken, or why the image could not be read

        // CPU work (hashes the image): call it off the GUI thread.
        static SecureBootFacts inspect(QByteArrayView imageFile);
        static SecureBootFacts unreadable(const QString &why);
    };
} // namespace Models
