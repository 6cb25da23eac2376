#pragma once

#include <QString>

namespace Firmware
{
    // Why a release manifest was refused. The kind is for code and tests; the
    // field names the JSON key concerned ("" when the problem is not about one
    // field); the message is for a person and says what was expected and what
    // was found, e.g. `field "sha256": expected 64 hexadecimal characters, got 63`.
    struct ManifestError
    {
        enum class Kind
        {
            TooLarge,          // more bytes than ReleaseManifest::MaxBytes
            NotJson,           // not well-formed JSON (offset says where)
            NotAnObject,       // JSON, but the top level is not an object
            DuplicateKey,      // a key appears twice; parsers disagree on which one wins
            UnknownKey,        // a key this schema does not define (a typo must not pass)
            MissingKey,        // a required key is absent
            WrongType,         // e.g. a string where a number belongs, or null
            UnsupportedSchema, // schema_version is not one this build reads
            NotAnInteger,      // a number with a fraction where an integer belongs
            OutOfRange,        // an integer outside its range (size <= 0, secure_version > 2^32-1)
            EmptyText,         // version, project or min_previous_version empty or only blanks
            TextTooLong,       // a text longer than its limit
            BadCharacter,      // a control character in a one-line text (notes may hold line breaks
                               // and tabs), or an unpaired UTF-16 surrogate anywhere
            BadSha256,         // sha256 not 64 hexadecimal characters
            UnknownChip,       // chip not a key of knownChips()
            BadBuildDate,      // build_date not an ISO 8601 date and time
            BadGitCommit,      // git_commit not 7 to 40 hexadecimal characters
            ImageMismatch,     // the manifest does not describe the image it came with
        };

        Kind kind;
        QString field;       // JSON key, e.g. "size_bytes"
        QString message;
        qint64 offset = -1;  // byte offset of a JSON syntax error; -1 otherwise

        static QString kindName(Kind kind); // "not-json", "unknown-key", ... for --json output
    };
} // namespace Firmware
