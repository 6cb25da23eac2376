#include "keyerror.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    QString KeyError::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::BadPassphrase: return u"bad-passphrase"_s;
        case Kind::NotAKey: return u"not-a-key"_s;
        case Kind::PublicKeyGiven: return u"public-key-given"_s;
        case Kind::PrivateKeyGiven: return u"private-key-given"_s;
        case Kind::PassphraseRequired: return u"passphrase-required"_s;
        case Kind::WrongPassphrase: return u"wrong-passphrase"_s;
        case Kind::WrongKeyType: return u"wrong-key-type"_s;
        case Kind::FileExists: return u"file-exists"_s;
        case Kind::FileError: return u"file-error"_s;
        case Kind::CryptoFailure: return u"crypto-failure"_s;
        }
        return u"unknown"_s;
    }
} // namespace Firmware
