#include "esphomewire.h"

#include <QCryptographicHash>

using namespace Qt::Literals::StringLiterals;

namespace Esphome
{
    QByteArrayView magic()
    {
        return QByteArrayView(Magic, sizeof Magic);
    }

    bool isError(quint8 code)
    {
        return code >= 0x80;
    }

    QString responseName(quint8 code)
    {
        switch (static_cast<Response>(code)) {
        case Response::Ok: return u"OK"_s;
        case Response::RequestAuth: return u"REQUEST_AUTH"_s;
        case Response::RequestSha256Auth: return u"REQUEST_SHA256_AUTH"_s;
        case Response::HeaderOk: return u"HEADER_OK"_s;
        case Response::AuthOk: return u"AUTH_OK"_s;
        case Response::UpdatePrepareOk: return u"UPDATE_PREPARE_OK"_s;
        case Response::BinMd5Ok: return u"BIN_MD5_OK"_s;
        case Response::ReceiveOk: return u"RECEIVE_OK"_s;
        case Response::UpdateEndOk: return u"UPDATE_END_OK"_s;
        case Response::SupportsCompression: return u"SUPPORTS_COMPRESSION"_s;
        case Response::ChunkOk: return u"CHUNK_OK"_s;
        case Response::FeatureFlags: return u"FEATURE_FLAGS"_s;
        case Response::ErrorMagic: return u"ERROR_MAGIC"_s;
        case Response::ErrorUpdatePrepare: return u"ERROR_UPDATE_PREPARE"_s;
        case Response::ErrorAuthInvalid: return u"ERROR_AUTH_INVALID"_s;
        case Response::ErrorWritingFlash: return u"ERROR_WRITING_FLASH"_s;
        case Response::ErrorUpdateEnd: return u"ERROR_UPDATE_END"_s;
        case Response::ErrorInvalidBootstrapping: return u"ERROR_INVALID_BOOTSTRAPPING"_s;
        case Response::ErrorWrongCurrentFlashConfig: return u"ERROR_WRONG_CURRENT_FLASH_CONFIG"_s;
        case Response::ErrorWrongNewFlashConfig: return u"ERROR_WRONG_NEW_FLASH_CONFIG"_s;
        case Response::ErrorEsp8266NotEnoughSpace: return u"ERROR_ESP8266_NOT_ENOUGH_SPACE"_s;
        case Response::ErrorEsp32NotEnoughSpace: return u"ERROR_ESP32_NOT_ENOUGH_SPACE"_s;
        case Response::ErrorNoUpdatePartition: return u"ERROR_NO_UPDATE_PARTITION"_s;
        case Response::ErrorMd5Mismatch: return u"ERROR_MD5_MISMATCH"_s;
        case Response::ErrorRp2040NotEnoughSpace: return u"ERROR_RP2040_NOT_ENOUGH_SPACE"_s;
        case Response::ErrorSignatureInvalid: return u"ERROR_SIGNATURE_INVALID"_s;
        case Response::ErrorUnsupportedOtaType: return u"ERROR_UNSUPPORTED_OTA_TYPE"_s;
        case Response::ErrorPartitionTableVerify: return u"ERROR_PARTITION_TABLE_VERIFY"_s;
        case Response::ErrorPartitionTableUpdate: return u"ERROR_PARTITION_TABLE_UPDATE"_s;
        case Response::ErrorUnknown: return u"ERROR_UNKNOWN"_s;
        }
        return u"0x%1"_s.arg(code, 2, 16, QLatin1Char('0'));
    }

    QString explainError(quint8 code, qint64 imageSize)
    {
        const QString size = u"%1 bytes"_s.arg(imageSize);
        switch (static_cast<Response>(code)) {
        case Response::ErrorMagic:
            return u"the device did not recognise the ESPHome OTA greeting: it is not an ESPHome OTA port "
                   u"(check the port, or push with --protocol arduino)"_s;
        case Response::ErrorUpdatePrepare:
            return u"the device could not prepare the update (flash busy or image size %1 refused); "
                   u"reboot the device and try again"_s.arg(size);
        case Response::ErrorAuthInvalid:
            return u"the device refused the OTA password: it is wrong, or the device requires SHA-256 "
                   u"authentication (ESPHome 2026.1 and later) and none was offered; check the password "
                   u"in the device's YAML (ota: password:)"_s;
        case Response::ErrorWritingFlash:
            return u"the device failed writing flash; the update was aborted and it keeps its current "
                   u"firmware. Try again; if it repeats, the flash may be failing"_s;
        case Response::ErrorUpdateEnd:
            return u"the device could not finish the update (the new image did not validate); it keeps "
                   u"its current firmware. Check the image is built for this device"_s;
        case Response::ErrorInvalidBootstrapping:
            return u"the ESP8266 was not reset since it was flashed by serial: press its reset button "
                   u"(or power-cycle it) once, then push again"_s;
        case Response::ErrorWrongCurrentFlashConfig:
            return u"the flash size configured in the running firmware does not match the chip's real "
                   u"flash; flash once by serial with the right board setting"_s;
        case Response::ErrorWrongNewFlashConfig:
            return u"the new image's flash size setting does not match the chip's real flash; build "
                   u"it for this board"_s;
        case Response::ErrorEsp8266NotEnoughSpace:
        case Response::ErrorEsp32NotEnoughSpace:
        case Response::ErrorRp2040NotEnoughSpace:
            return u"the image (%1) does not fit the device's OTA partition; build a smaller image, "
                   u"or flash a larger partition layout by serial"_s.arg(size);
        case Response::ErrorNoUpdatePartition:
            return u"the device has no OTA update partition (its partition table has a single app "
                   u"slot); flash a layout with two OTA slots by serial"_s;
        case Response::ErrorMd5Mismatch:
            return u"the device's MD5 of what it received differs from the one sent: the image was "
                   u"damaged on the way; push again"_s;
        case Response::ErrorSignatureInvalid:
            return u"the device refused the image's signature: it is not signed with a key this device "
                   u"trusts (Secure Boot / signed OTA); sign it with the right key"_s;
        case Response::ErrorUnsupportedOtaType:
            return u"the device does not accept this kind of OTA update (only application images)"_s;
        case Response::ErrorPartitionTableVerify:
        case Response::ErrorPartitionTableUpdate:
            return u"the device could not verify or write a partition table update"_s;
        case Response::ErrorUnknown:
            return u"the device reported an unknown error (ERROR_UNKNOWN); see its serial or API log"_s;
        default:
            break;
        }
        return u"the device answered %1 where it was not expected; see its log"_s.arg(responseName(code));
    }

    QString authAlgorithmName(AuthAlgorithm algorithm)
    {
        return algorithm == AuthAlgorithm::Md5 ? u"MD5"_s : u"SHA-256"_s;
    }

    qsizetype nonceLength(AuthAlgorithm algorithm)
    {
        return algorithm == AuthAlgorithm::Md5 ? 32 : 64;
    }

    QByteArray authResponse(AuthAlgorithm algorithm, QByteArrayView password, QByteArrayView nonce,
                            QByteArrayView cnonce)
    {
        QCryptographicHash hash(algorithm == AuthAlgorithm::Md5 ? QCryptographicHash::Md5
                                                                : QCryptographicHash::Sha256);
        hash.addData(password);
        hash.addData(nonce);
        hash.addData(cnonce);
        return hash.result().toHex();
    }

    std::optional<quint16> defaultOtaPort(QStringView platform)
    {
        const QString name = platform.toString().toUpper();
        if (name == u"ESP32"_s)
            return 3232;
        if (name == u"ESP8266"_s)
            return 8266;
        if (name == u"RP2040"_s || name == u"RP2"_s)
            return 2040;
        if (name.startsWith(u"BK72"_s) || name.startsWith(u"RTL87"_s) || name == u"LIBRETINY"_s
            || name == u"LN882X"_s)
            return 8892;
        return std::nullopt;
    }
} // namespace Esphome
