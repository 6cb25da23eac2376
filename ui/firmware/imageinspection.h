#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

#include "firmware/firmwareimage.h"

// What a .bin the operator picked is, read off the GUI thread: its bytes
// (what will be uploaded), the image as ImageReader sees it, and what its
// Secure Boot V2 sector says against the public key the operator chose.
struct ImageInspection
{
    QString path;
    QByteArray bytes;
    std::optional<Firmware::FirmwareImage> image; // nullopt: not an application image (error says why)
    QString error;
    QString secureBoot; // one line: present? verifies with the chosen key?
    bool secureBootVerifies = false;

    // Reads and hashes the file: CPU and disk work, run it with QtConcurrent.
    static ImageInspection inspect(const QString &imagePath, const QString &secureBootKeyPath);
};
