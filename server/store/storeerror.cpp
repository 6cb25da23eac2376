#include "storeerror.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    QString StoreError::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::BadLocation: return u"bad-location"_s;
        case Kind::CannotOpen: return u"cannot-open"_s;
        case Kind::Unreachable: return u"unreachable"_s;
        case Kind::DriverMissing: return u"driver-missing"_s;
        case Kind::SchemaTooNew: return u"schema-too-new"_s;
        case Kind::MigrationFailed: return u"migration-failed"_s;
        case Kind::QueryFailed: return u"query-failed"_s;
        case Kind::NotFound: return u"not-found"_s;
        case Kind::Duplicate: return u"duplicate"_s;
        case Kind::InvalidInput: return u"invalid-input"_s;
        case Kind::OutOfRange: return u"out-of-range"_s;
        case Kind::Stale: return u"stale"_s;
        case Kind::Conflict: return u"conflict"_s;
        case Kind::IoError: return u"io-error"_s;
        }
        return u"unknown"_s;
    }
} // namespace Store
