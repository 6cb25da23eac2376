#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The ESPHome native OTA protocol, PROTOCOLS.md section 2: magic, feature
// bits, one-byte response codes, the challenge digest and the platforms'
// default ports. Shared by the push client and the simulated device so a
// byte is spelled once.
namespace Esphome
{
    // Client -> device, first 5 bytes.
    inline constexpr char Magic[5] = {'\x6C', '\x26', '\xF7', '\x5C', '\x45'};
    QByteArrayView magic();

    // Protocol versions a device answers after the magic (`00 <version>`).
    inline constexpr quint8 Version1 = 1;
    inline constexpr quint8 Version2 = 2; // adds a CHUNK_OK after every 8 KiB

    // Client feature bits (one byte after the version).
    inline constexpr quint8 FeatureCompression = 0x01;
    inline constexpr quint8 FeatureSha256Auth = 0x02;
    inline constexpr quint8 FeatureExtendedProtocol = 0x04;
    // Server feature bits (after FEATURE_FLAGS, extended protocol only).
    inline constexpr quint8 ServerFeatureCompression = 0x01;
    inline constexpr quint8 ServerFeaturePartitionAccess = 0x02;

    // OTA type byte (extended protocol only); the client sends App only.
    inline constexpr quint8 OtaTypeApp = 0x00;

    inline constexpr qsizetype ChunkBytes = 8192;

    enum class Response : quint8
    {
        Ok = 0x00,
        RequestAuth = 0x01,        // MD5 challenge follows (32 hex)
        RequestSha256Auth = 0x02,  // SHA-256 challenge follows (64 hex)
        HeaderOk = 0x40,
        AuthOk = 0x41,
        UpdatePrepareOk = 0x42,
        BinMd5Ok = 0x43,
        ReceiveOk = 0x44,
        UpdateEndOk = 0x45,
        SupportsCompression = 0x46,
        ChunkOk = 0x47,
        FeatureFlags = 0x48,       // extended protocol: one server-flags byte follows
        ErrorMagic = 0x80,
        ErrorUpdatePrepare = 0x81,
        ErrorAuthInvalid = 0x82,
        ErrorWritingFlash = 0x83,
        ErrorUpdateEnd = 0x84,
        ErrorInvalidBootstrapping = 0x85,
        ErrorWrongCurrentFlashConfig = 0x86,
        ErrorWrongNewFlashConfig = 0x87,
        ErrorEsp8266NotEnoughSpace = 0x88,
        ErrorEsp32NotEnoughSpace = 0x89,
        ErrorNoUpdatePartition = 0x8A,
        ErrorMd5Mismatch = 0x8B,
        ErrorRp2040NotEnoughSpace = 0x8C,
        ErrorSignatureInvalid = 0x8D,
        ErrorUnsupportedOtaType = 0x8E,
        ErrorPartitionTableVerify = 0x8F,
        ErrorPartitionTableUpdate = 0x90,
        ErrorUnknown = 0xFF,
    };
    bool isError(quint8 code);              // 0x80 and above
    QString responseName(quint8 code);      // "ERROR_AUTH_INVALID", "0x9a" for a code not in the table
    // A device's error code as a message a person can act on ("the OTA
    // password is wrong: ..."). imageSize helps say how much space was asked.
    QString explainError(quint8 code, qint64 imageSize);

    enum class AuthAlgorithm
    {
        Md5,    // 0x01, 32 hex nonce; ESPHome before 2025.10, and transitional devices for old clients
        Sha256, // 0x02, 64 hex nonce; 2025.10 and later, required from 2026.1
    };
    QString authAlgorithmName(AuthAlgorithm algorithm); // "MD5", "SHA-256"
    qsizetype nonceLength(AuthAlgorithm algorithm);     // 32 or 64 hex characters
    // hex(H(password || nonce || cnonce)), lower case, H by algorithm.
    QByteArray authResponse(AuthAlgorithm algorithm, QByteArrayView password, QByteArrayView nonce,
                            QByteArrayView cnonce);

    // ESPHome does not announce its OTA port: the platform's default, from
    // the `platform` TXT (ESP32 3232, ESP8266 8266, RP2040/RP2 2040, BK72xx
    // and RTL87xx (LibreTiny) 8892). nullopt for a platform not known.
    std::optional<quint16> defaultOtaPort(QStringView platform);

    inline constexpr quint16 DefaultApiPort = 6053; // the SRV port of _esphomelib._tcp
} // namespace Esphome
