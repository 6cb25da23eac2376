#include "espotawire.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace Espota
{
    namespace
    {
        // Arduino's Stream::parseInt as ArduinoOTA uses it: skip anything
        // that is not a digit (a '-' aside), collect digits, stop at the
        // first non-digit. The cursor ends on that non-digit.
        std::optional<qint64> parseArduinoInt(QByteArrayView text, qsizetype &cursor, int maxDigits)
        {
            while (cursor < text.size() && !(text[cursor] >= '0' && text[cursor] <= '9'))
                ++cursor;
            if (cursor >= text.size())
                return std::nullopt;
            qint64 value = 0;
            int digits = 0;
            while (cursor < text.size() && text[cursor] >= '0' && text[cursor] <= '9') {
                if (digits < maxDigits)
                    value = value * 10 + (text[cursor] - '0');
                ++digits;
                ++cursor;
            }
            return value;
        }

        qsizetype hexLength(AuthScheme scheme) { return scheme == AuthScheme::Md5 ? 32 : 64; }
    } // namespace

    QString flavourName(Flavour flavour)
    {
        switch (flavour) {
        case Flavour::Esp32Md5: return QStringLiteral("esp32-md5");
        case Flavour::Esp32Pbkdf2: return QStringLiteral("esp32-pbkdf2");
        case Flavour::Esp8266: return QStringLiteral("esp8266");
        }
        return {};
    }

    std::optional<Flavour> flavourByName(QStringView name)
    {
        for (Flavour flavour : {Flavour::Esp32Md5, Flavour::Esp32Pbkdf2, Flavour::Esp8266}) {
            if (name.compare(flavourName(flavour), Qt::CaseInsensitive) == 0)
                return flavour;
        }
        return std::nullopt;
    }

    QByteArray Invitation::encode() const
    {
        return QByteArray::number(static_cast<int>(command)) + ' ' + QByteArray::number(hostPort) + ' '
               + QByteArray::number(size) + ' ' + md5Hex + '\n';
    }

    std::optional<Invitation> Invitation::parseAsDevice(QByteArrayView datagram)
    {
        qsizetype cursor = 0;
        const auto command = parseArduinoInt(datagram, cursor, 15);
        if (!command || (*command != 0 && *command != 100))
            return std::nullopt;
        const auto port = parseArduinoInt(datagram, cursor, 15);
        const auto size = parseArduinoInt(datagram, cursor, 15);
        if (!port || !size || *port <= 0 || *port > 65535)
            return std::nullopt;
        ++cursor; // the one separator the device consumes
        if (cursor > datagram.size())
            return std::nullopt;
        QByteArrayView rest = datagram.sliced(cursor);
        const qsizetype newline = rest.indexOf('\n');
        if (newline >= 0)
            rest = rest.first(newline);
        const QByteArray md5 = rest.toByteArray().trimmed();
        if (md5.size() != 32)
            return std::nullopt; // "bad md5 length"
        Invitation invitation;
        invitation.command = static_cast<Command>(*command);
        invitation.hostPort = static_cast<quint16>(*port);
        invitation.size = *size;
        invitation.md5Hex = md5;
        return invitation;
    }

    QString authSchemeName(AuthScheme scheme)
    {
        return scheme == AuthScheme::Md5 ? QStringLiteral("MD5") : QStringLiteral("PBKDF2-HMAC-SHA256");
    }

    std::optional<AuthScheme> schemeForNonce(QByteArrayView nonce)
    {
        if (nonce.size() == 32)
            return AuthScheme::Md5;
        if (nonce.size() == 64)
            return AuthScheme::Pbkdf2Sha256;
        return std::nullopt;
    }

    QByteArray AuthAnswer::encode() const
    {
        return QByteArray::number(static_cast<int>(Command::Auth)) + ' ' + clientNonce + ' ' + response + '\n';
    }

    std::optional<AuthAnswer> AuthAnswer::parseAsDevice(QByteArrayView datagram, AuthScheme scheme)
    {
        qsizetype cursor = 0;
        const auto command = parseArduinoInt(datagram, cursor, 15);
        if (!command || *command != static_cast<int>(Command::Auth))
            return std::nullopt;
        ++cursor;
        if (cursor > datagram.size())
            return std::nullopt;
        const QByteArrayView rest = datagram.sliced(cursor);
        const qsizetype space = rest.indexOf(' ');
        if (space < 0)
            return std::nullopt;
        AuthAnswer answer;
        answer.clientNonce = rest.first(space).toByteArray().trimmed();
        QByteArrayView tail = rest.sliced(space + 1);
        const qsizetype newline = tail.indexOf('\n');
        answer.response = (newline >= 0 ? tail.first(newline) : tail).toByteArray().trimmed();
        if (answer.clientNonce.size() != hexLength(scheme) || answer.response.size() != hexLength(scheme))
            return std::nullopt; // "auth param fail"
        return answer;
    }

    namespace Auth
    {
        QByteArray md5Hex(QByteArrayView data)
        {
            return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
        }

        QByteArray sha256Hex(QByteArrayView data)
        {
            return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
        }

        QByteArray passwordHash(const QString &password, PasswordHash kind)
        {
            const QByteArray utf8 = password.toUtf8(); // plain UTF-8, never utf-8-sig
            return kind == PasswordHash::Md5 ? md5Hex(utf8) : sha256Hex(utf8);
        }

        QByteArray clientNonce(AuthScheme scheme, const QString &fileName, qint64 size,
                               QByteArrayView fileMd5Hex, const QString &deviceIp)
        {
            const QByteArray text = fileName.toUtf8() + QByteArray::number(size) + fileMd5Hex.toByteArray()
                                    + deviceIp.toUtf8();
            return scheme == AuthScheme::Md5 ? md5Hex(text) : sha256Hex(text);
        }

        QByteArray response(AuthScheme scheme, QByteArrayView passwordHashHex, QByteArrayView nonce,
                            QByteArrayView clientNonce)
        {
            const QByteArray tail = ':' + nonce.toByteArray() + ':' + clientNonce.toByteArray();
            if (scheme == AuthScheme::Md5)
                return md5Hex(QByteArray(passwordHashHex.toByteArray() + tail));
            const QByteArray salt = nonce.toByteArray() + ':' + clientNonce.toByteArray();
            const QByteArray derived = QPasswordDigestor::deriveKeyPbkdf2(
                QCryptographicHash::Sha256, passwordHashHex.toByteArray(), salt, 10000, 32);
            return sha256Hex(QByteArray(derived.toHex() + tail));
        }

        QByteArray newNonce(AuthScheme scheme)
        {
            QByteArray raw(hexLength(scheme) / 2, Qt::Uninitialized);
            QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
            return raw.toHex();
        }
    } // namespace Auth
} // namespace Espota
