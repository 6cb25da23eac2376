#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringView>

namespace Firmware
{
    // The two image families: ESP32-family chips share the 24-byte extended
    // header with a chip id; the ESP8266 has an 8-byte header and no chip id.
    enum class ChipFamily
    {
        Esp32,
        Esp8266,
    };

    struct Chip
    {
        QString key;                   // stable lower-case id used in manifests and JSON: "esp32c3"
        QString name;                  // what a person reads: "ESP32-C3"
        ChipFamily family = ChipFamily::Esp32;
        std::optional<quint16> imageChipId; // esp_image_header_t.chip_id; none on ESP8266

        bool operator==(const Chip &other) const { return key == other.key; }
    };

    // Every chip of PROTOCOLS.md 3.4, plus the ESP8266.
    const QList<Chip> &knownChips();
    std::optional<Chip> chipByImageId(quint16 imageChipId);
    // Accepts the key ("esp32c3"), the name ("ESP32-C3") or the name without
    // the dash ("ESP32C3"), case-insensitively.
    std::optional<Chip> chipByName(QStringView keyOrName);
    Chip esp8266Chip();

    QString flashModeName(quint8 spiMode);                     // "DIO"
    QString flashSizeName(ChipFamily family, quint8 sizeCode); // "4MB"
    QString flashFrequencyName(const Chip &chip, quint8 speedCode); // "80m"
} // namespace Firmware
