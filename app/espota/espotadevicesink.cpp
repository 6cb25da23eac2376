#include "espotadevicesink.h"

namespace Espota
{
    namespace
    {
        // ESP32 Update.cpp _err2str.
        QByteArray esp32Text(UpdateError error)
        {
            switch (error) {
            case UpdateError::FlashWriteFailed: return "Flash Write Failed";
            case UpdateError::FlashEraseFailed: return "Flash Erase Failed";
            case UpdateError::FlashReadFailed: return "Flash Read Failed";
            case UpdateError::NotEnoughSpace: return "Not Enough Space";
            case UpdateError::BadSize: return "Bad Size Given";
            case UpdateError::StreamReadTimeout: return "Stream Read Timeout";
            case UpdateError::Md5Mismatch: return "MD5 Check Failed";
            case UpdateError::WrongMagicByte: return "Wrong Magic Byte";
            case UpdateError::ActivateFailed: return "Could Not Activate The Firmware";
            case UpdateError::PartitionNotFound: return "Partition Could Not be Found";
            case UpdateError::Aborted:
            case UpdateError::NoData:
            case UpdateError::UnknownCommand: return "Aborted";
            }
            return "Aborted";
        }

        // ESP8266 Updater.h UPDATE_ERROR_* and the texts of getErrorString().
        std::pair<int, QByteArray> esp8266CodeAndText(UpdateError error, QByteArrayView expectedMd5,
                                                      QByteArrayView actualMd5)
        {
            switch (error) {
            case UpdateError::FlashWriteFailed: return {1, "Flash Write Failed"};
            case UpdateError::FlashEraseFailed: return {2, "Flash Erase Failed"};
            case UpdateError::FlashReadFailed: return {3, "Flash Read Failed"};
            case UpdateError::NotEnoughSpace:
            case UpdateError::PartitionNotFound: return {4, "Not Enough Space"};
            case UpdateError::BadSize: return {5, "Bad Size Given"};
            case UpdateError::StreamReadTimeout:
            case UpdateError::Aborted: return {6, "Stream Read Timeout"};
            case UpdateError::Md5Mismatch:
                return {7, "MD5 verification failed: expected: " + expectedMd5.toByteArray()
                               + ", calculated: " + actualMd5.toByteArray()};
            case UpdateError::WrongMagicByte: return {10, "Magic byte is not 0xE9"};
            case UpdateError::ActivateFailed: return {1, "Flash Write Failed"};
            case UpdateError::NoData: return {13, "No data supplied"};
            case UpdateError::UnknownCommand: return {16, "Unknown update command"};
            }
            return {16, "Unknown update command"};
        }
    } // namespace

    QByteArray updateErrorLine(Flavour flavour, UpdateError error, QByteArrayView expectedMd5, QByteArrayView actualMd5)
    {
        if (flavour != Flavour::Esp8266)
            return esp32Text(error) + "\r\n"; // Print::println
        const auto [code, text] = esp8266CodeAndText(error, expectedMd5, actualMd5);
        return "ERROR[" + QByteArray::number(code) + "]: " + text + '\n';
    }

    QString updateErrorText(Flavour flavour, UpdateError error, QByteArrayView expectedMd5, QByteArrayView actualMd5)
    {
        if (flavour != Flavour::Esp8266)
            return QString::fromLatin1(esp32Text(error));
        return QString::fromLatin1(esp8266CodeAndText(error, expectedMd5, actualMd5).second);
    }
} // namespace Espota
