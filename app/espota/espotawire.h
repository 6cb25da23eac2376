#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The ArduinoOTA ("espota") wire protocol, PROTOCOLS.md section 1: the UDP
// invitation, the authentication exchange, and the texts a device answers.
// Shared by the push client and the device side so a field is spelled once.
namespace Espota
{
    // The invitation's first field (Update.h U_FLASH / U_SPIFFS / U_AUTH).
    enum class Command : int
    {
        Flash = 0,        // application image
        Filesystem = 100, // SPIFFS / LittleFS / FAT image (ESP8266 calls it U_FS)
        Auth = 200,       // challenge response
    };

    // How a device behaves on the wire.
    enum class Flavour
    {
        Esp32Md5,    // Arduino-ESP32 up to 3.3.0: immediate OK, MD5 challenge (32-hex nonce)
        Esp32Pbkdf2, // Arduino-ESP32 3.3.1 and later: PBKDF2-HMAC-SHA256 challenge (64-hex nonce)
        Esp8266,     // ESP8266 ArduinoOTA: OK only after flash preparation, MD5 challenge
    };
    QString flavourName(Flavour flavour);                         // "esp32-md5", "esp32-pbkdf2", "esp8266"
    std::optional<Flavour> flavourByName(QStringView name);

    inline constexpr quint16 Esp32DefaultPort = 3232;
    inline constexpr quint16 Esp8266DefaultPort = 8266;
    // Where the client listens for the device's connect-back: fixed, so a
    // firewall can be opened for it once (docs/espota.md).
    inline constexpr quint16 DefaultConnectBackPort = 43232;

    // "<command> <host_tcp_port> <size> <md5_hex32>\n"
    struct Invitation
    {
        Command command = Command::Flash;
        quint16 hostPort = 0;
        qint64 size = 0;
        QByteArray md5Hex; // 32 lower-case hex digits of the whole file

        QByteArray encode() const;
        // Parses as ArduinoOTA's _onRx does in state IDLE: anything it would
        // silently ignore gives nullopt (a first number other than 0 or 100,
        // an MD5 that is not 32 characters).
        static std::optional<Invitation> parseAsDevice(QByteArrayView datagram);
    };

    enum class AuthScheme
    {
        Md5,          // legacy: ESP8266 and Arduino-ESP32 up to 3.3.0
        Pbkdf2Sha256, // Arduino-ESP32 3.3.1 and later
    };
    QString authSchemeName(AuthScheme scheme); // "MD5", "PBKDF2-HMAC-SHA256"
    // The scheme is chosen by the nonce length, as espota.py does: 32 hex
    // characters MD5, 64 PBKDF2. Anything else: nullopt.
    std::optional<AuthScheme> schemeForNonce(QByteArrayView nonce);

    // "200 <cnonce> <response>\n"
    struct AuthAnswer
    {
        QByteArray clientNonce;
        QByteArray response;

        QByteArray encode() const;
        static std::optional<AuthAnswer> parseAsDevice(QByteArrayView datagram, AuthScheme scheme);
    };

    namespace Auth
    {
        QByteArray md5Hex(QByteArrayView data);
        QByteArray sha256Hex(QByteArrayView data);

        // What a device stores for a password: hex(MD5(pw)) for the MD5
        // scheme, hex(SHA256(pw)) for PBKDF2 (a 3.3.1+ device given an MD5
        // hash with setPasswordHash() keeps that instead).
        enum class PasswordHash { Md5, Sha256 };
        QByteArray passwordHash(const QString &password, PasswordHash kind);

        // hex(H(fileName + size + fileMd5Hex + deviceIp)); H is MD5 or SHA-256
        // by scheme. The device never recomputes it.
        QByteArray clientNonce(AuthScheme scheme, const QString &fileName, qint64 size,
                               QByteArrayView fileMd5Hex, const QString &deviceIp);

        // The challenge response for a stored password hash (hex text).
        QByteArray response(AuthScheme scheme, QByteArrayView passwordHashHex,
                            QByteArrayView nonce, QByteArrayView clientNonce);

        // 32 or 64 random lower-case hex digits, as the scheme wants.
        QByteArray newNonce(AuthScheme scheme);
    } // namespace Auth

    // What devices send back (UDP and TCP).
    namespace Reply
    {
        inline constexpr QByteArrayView Ok = "OK";
        inline constexpr QByteArrayView AuthPrefix = "AUTH ";
        inline constexpr QByteArrayView AuthenticationFailed = "Authentication Failed";
        inline constexpr QByteArrayView EspErrorPrefix = "ERR: "; // ESP8266 UDP refusal before the transfer
    } // namespace Reply
} // namespace Espota
