#include "manifesterror.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    QString ManifestError::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::TooLarge: return u"too-large"_s;
        case Kind::NotJson: return u"not-json"_s;
        case Kind::NotAnObject: return u"not-an-object"_s;
        case Kind::DuplicateKey: return u"duplicate-key"_s;
        case Kind::UnknownKey: return u"unknown-key"_s;
        case Kind::MissingKey: return u"missing-key"_s;
        case Kind::WrongType: return u"wrong-type"_s;
        case Kind::UnsupportedSchema: return u"unsupported-schema"_s;
        case Kind::NotAnInteger: return u"not-an-integer"_s;
        case Kind::OutOfRange: return u"out-of-range"_s;
        case Kind::EmptyText: return u"empty-text"_s;
        case Kind::TextTooLong: return u"text-too-long"_s;
        case Kind::BadCharacter: return u"bad-character"_s;
        case Kind::BadSha256: return u"bad-sha256"_s;
        case Kind::UnknownChip: return u"unknown-chip"_s;
        case Kind::BadBuildDate: return u"bad-build-date"_s;
        case Kind::BadGitCommit: return u"bad-git-commit"_s;
        case Kind::ImageMismatch: return u"image-mismatch"_s;
        }
        return u"unknown"_s;
    }
} // namespace Firmware
