#include "engineerror.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    QString EngineError::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::NotFound: return u"not-found"_s;
        case Kind::InvalidInput: return u"invalid-input"_s;
        case Kind::IllegalTransition: return u"illegal-transition"_s;
        case Kind::Forbidden: return u"forbidden"_s;
        case Kind::WindowClosed: return u"window-closed"_s;
        case Kind::Conflict: return u"conflict"_s;
        }
        return u"unknown"_s;
    }
} // namespace Engine
