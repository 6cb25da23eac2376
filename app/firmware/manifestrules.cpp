#include "manifestrules.h"

#include <algorithm>

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTime>

#include "chip.h"
#include "releasemanifest.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware::ManifestRules
{
    namespace
    {
        using Kind = ManifestError::Kind;

        // Index of the first character that is not a hex digit, or -1.
        qsizetype firstNonHex(const QString &text)
        {
            for (qsizetype i = 0; i < text.size(); ++i) {
                const char16_t c = text.at(i).unicode();
                const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
                if (!hex)
                    return i;
            }
            return -1;
        }

        QString characterName(QChar c)
        {
            if (c.unicode() >= 0x20 && c.unicode() != 0x7F && c.category() != QChar::Other_Control
                && !c.isSurrogate()) {
                return u"'"_s + c + u"'"_s;
            }
            return u"U+%1"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0')).toUpper();
        }

        Problem checkHex(QStringView field, const QString &text, qsizetype minLength, qsizetype maxLength,
                         Kind kind)
        {
            const QString expected = minLength == maxLength
                ? u"expected %1 hexadecimal characters"_s.arg(minLength)
                : u"expected %1 to %2 hexadecimal characters"_s.arg(minLength).arg(maxLength);
            if (text.size() < minLength || text.size() > maxLength)
                return error(kind, field, u"%1, got %2"_s.arg(expected).arg(text.size()));
            const qsizetype bad = firstNonHex(text);
            if (bad >= 0) {
                return error(kind, field, u"%1, found %2 at position %3"_s
                             .arg(expected, characterName(text.at(bad))).arg(bad + 1));
            }
            return std::nullopt;
        }

        // Characters of a text that no rule allows: surrogates without their
        // pair anywhere; control characters except those listed in allowed.
        Problem checkCharacters(QStringView field, const QString &text, QStringView allowed)
        {
            if (!text.isValidUtf16())
                return error(Kind::BadCharacter, field, u"contains an unpaired UTF-16 surrogate"_s);
            for (qsizetype i = 0; i < text.size(); ++i) {
                const QChar c = text.at(i);
                if (c.category() == QChar::Other_Control && !allowed.contains(c)) {
                    return error(Kind::BadCharacter, field, u"contains the control character %1 at position %2"_s
                                 .arg(characterName(c)).arg(i + 1));
                }
            }
            return std::nullopt;
        }

        int editDistance(QStringView a, QStringView b)
        {
            QList<int> row(b.size() + 1);
            for (qsizetype j = 0; j <= b.size(); ++j)
                row[j] = int(j);
            for (qsizetype i = 1; i <= a.size(); ++i) {
                int diagonal = row[0];
                row[0] = int(i);
                for (qsizetype j = 1; j <= b.size(); ++j) {
                    const int above = row[j];
                    row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
                    diagonal = above;
                }
            }
            return row[b.size()];
        }

        QString squashed(const QString &key)
        {
            QString result = key.toLower();
            result.remove(u'_');
            result.remove(u'-');
            return result;
        }
    } // namespace

    const QStringList &requiredKeys()
    {
        static const QStringList keys = {
            Key::SchemaVersion.toString(), Key::Version.toString(), Key::Project.toString(),
            Key::Chip.toString(), Key::Size.toString(), Key::Sha256.toString(), Key::SecureVersion.toString(),
        };
        return keys;
    }

    const QStringList &optionalKeys()
    {
        static const QStringList keys = {
            Key::BuildDate.toString(), Key::GitCommit.toString(), Key::MinPreviousVersion.toString(),
            Key::Notes.toString(),
        };
        return keys;
    }

    bool isKnownKey(const QString &key)
    {
        return requiredKeys().contains(key) || optionalKeys().contains(key);
    }

    QString closestKey(const QString &unknownKey)
    {
        const QString wanted = squashed(unknownKey.left(64));
        QString best;
        int bestDistance = 3; // more than two edits away is not a typo
        for (const QStringList *keys : {&requiredKeys(), &optionalKeys()}) {
            for (const QString &key : *keys) {
                const QString candidate = squashed(key);
                int distance = editDistance(wanted, candidate);
                if (wanted.size() >= 4 && candidate.startsWith(wanted))
                    distance = std::min(distance, 1); // "size" for "size_bytes"
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = key;
                }
            }
        }
        return best;
    }

    ManifestError error(ManifestError::Kind kind, QStringView field, const QString &what)
    {
        const QString message = field.isEmpty() ? what : u"field \"%1\": %2"_s.arg(field, what);
        return ManifestError{kind, field.toString(), message};
    }

    QString quoted(const QString &text)
    {
        constexpr qsizetype Shown = 40;
        QString shown = text.size() > Shown ? text.left(Shown) + u"…"_s : text;
        for (QChar &c : shown) {
            if (c.category() == QChar::Other_Control || c.isSurrogate())
                c = QChar::ReplacementCharacter;
        }
        return u"\""_s + shown + u"\""_s;
    }

    Problem checkSchemaVersion(qint64 schemaVersion)
    {
        if (schemaVersion == 1)
            return std::nullopt;
        return error(Kind::UnsupportedSchema, Key::SchemaVersion,
                     u"schema version %1 is not supported; this build reads schema version 1 only"_s
                     .arg(schemaVersion));
    }

    Problem checkLine(QStringView field, const QString &text)
    {
        if (text.trimmed().isEmpty())
            return error(Kind::EmptyText, field, u"must not be empty"_s);
        if (text.size() > ReleaseManifest::MaxLineLength) {
            return error(Kind::TextTooLong, field, u"at most %1 characters, got %2"_s
                         .arg(ReleaseManifest::MaxLineLength).arg(text.size()));
        }
        return checkCharacters(field, text, {});
    }

    Problem checkNotes(const QString &text)
    {
        if (text.size() > ReleaseManifest::MaxNotesLength) {
            return error(Kind::TextTooLong, Key::Notes, u"at most %1 characters, got %2"_s
                         .arg(ReleaseManifest::MaxNotesLength).arg(text.size()));
        }
        return checkCharacters(Key::Notes, text, u"\n\r\t");
    }

    Problem checkChip(const QString &chipKey)
    {
        for (const Chip &chip : knownChips()) {
            if (chip.key == chipKey)
                return std::nullopt;
        }
        QString message = u"%1 is not a known chip"_s.arg(quoted(chipKey));
        if (const auto meant = chipByName(chipKey.left(64)))
            return error(Kind::UnknownChip, Key::Chip, message + u"; write its key, \"%1\""_s.arg(meant->key));
        QStringList keys;
        for (const Chip &chip : knownChips())
            keys << chip.key;
        return error(Kind::UnknownChip, Key::Chip, message + u"; known: "_s + keys.join(u", "));
    }

    Problem checkSize(qint64 size)
    {
        if (size > 0 && size <= MaxSize)
            return std::nullopt;
        return error(Kind::OutOfRange, Key::Size,
                     u"expected a positive number of bytes up to 2^53, got %1"_s.arg(size));
    }

    Problem checkSecureVersion(qint64 secureVersion)
    {
        if (secureVersion >= 0 && secureVersion <= MaxSecureVersion)
            return std::nullopt;
        return error(Kind::OutOfRange, Key::SecureVersion,
                     u"expected an integer from 0 to 4294967295, got %1"_s.arg(secureVersion));
    }

    Problem checkSha256(const QString &hex)
    {
        return checkHex(Key::Sha256, hex, 64, 64, Kind::BadSha256);
    }

    Problem checkGitCommit(const QString &hex)
    {
        return checkHex(Key::GitCommit, hex, 7, 40, Kind::BadGitCommit);
    }

    Problem checkBuildDate(const QString &isoText)
    {
        // YYYY-MM-DDTHH:MM:SS, optional .fraction (1-9 digits), optional Z or +HH:MM / -HH:MM.
        const QStringView text(isoText);
        const auto number = [&text](qsizetype from, qsizetype count) {
            int value = 0;
            for (qsizetype i = from; i < from + count; ++i) {
                if (i >= text.size() || text[i] < u'0' || text[i] > u'9')
                    return -1;
                value = value * 10 + (text[i].unicode() - u'0');
            }
            return value;
        };
        const auto at = [&text](qsizetype i, char16_t c) { return i < text.size() && text[i] == c; };

        bool valid = at(4, u'-') && at(7, u'-') && at(10, u'T') && at(13, u':') && at(16, u':')
            && QDate(number(0, 4), number(5, 2), number(8, 2)).isValid()
            && number(0, 4) >= 0 && QTime::isValid(number(11, 2), number(14, 2), number(17, 2));
        qsizetype end = 19;
        if (valid && at(end, u'.')) {
            qsizetype digits = 0;
            while (number(end + 1 + digits, 1) >= 0)
                ++digits;
            valid = digits >= 1 && digits <= 9;
            end += 1 + digits;
        }
        if (valid && at(end, u'Z')) {
            end += 1;
        } else if (valid && (at(end, u'+') || at(end, u'-'))) {
            const int hours = number(end + 1, 2);
            const int minutes = number(end + 4, 2);
            valid = at(end + 3, u':') && hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59;
            end += 6;
        }
        if (valid && end == text.size())
            return std::nullopt;
        return error(Kind::BadBuildDate, Key::BuildDate,
                     u"expected an ISO 8601 date and time such as \"2024-07-25T16:23:40\", got %1"_s
                     .arg(quoted(isoText)));
    }

    QStringList topLevelKeys(QByteArrayView json)
    {
        QStringList keys;
        qsizetype i = 0;
        const qsizetype n = json.size();
        while (i < n && json[i] != '{')
            ++i;
        ++i;
        int depth = 1;
        bool expectKey = true;
        while (i < n && depth > 0) {
            const char c = json[i];
            if (c == '"') {
                const qsizetype start = i++;
                while (i < n && json[i] != '"')
                    i += json[i] == '\\' ? 2 : 1;
                const qsizetype end = std::min(i + 1, n);
                if (depth == 1 && expectKey) {
                    QByteArray token;
                    token.reserve(end - start + 2);
                    token.append('[').append(json.sliced(start, end - start)).append(']');
                    keys << QJsonDocument::fromJson(token).array().at(0).toString();
                    expectKey = false;
                }
                i = end;
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if (c == '}' || c == ']')
                --depth;
            else if (c == ',' && depth == 1)
                expectKey = true;
            ++i;
        }
        return keys;
    }
} // namespace Firmware::ManifestRules
