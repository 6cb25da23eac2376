#include "signatureerror.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    QString SignatureError::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::SigningFailed: return u"signing-failed"_s;
        case Kind::Undecodable: return u"undecodable"_s;
        case Kind::NoTrustedKeys: return u"no-trusted-keys"_s;
        case Kind::NoKeyMatched: return u"no-key-matched"_s;
        }
        return u"unknown"_s;
    }
} // namespace Firmware
