#include "imageinspection.h"

#include <QCoreApplication>
#include <QFile>

#include "firmware/imagereader.h"
#include "firmware/securebootv2.h"

namespace
{
    QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
    {
        return QCoreApplication::translate("ImageInspection", text, disambiguation, n);
    }

    QString secureBootLine(const ImageInspection &inspection, const QString &keyPath, bool *verifies)
    {
        namespace Sb = Firmware::SecureBootV2;
        const auto &sector = inspection.image->signatureSector;
        if (!sector)
            return tr("no Secure Boot V2 signature sector");
        const QString blocks = tr("%n signature block(s)", nullptr, int(sector->blocks.size()));
        if (keyPath.isEmpty())
            return tr("%1; choose a public key to check it").arg(blocks);
        QFile keyFile(keyPath);
        if (!keyFile.open(QIODevice::ReadOnly))
            return tr("%1; the key %2 cannot be read: %3").arg(blocks, keyPath, keyFile.errorString());
        const auto report = Sb::verify(inspection.bytes, keyFile.readAll());
        if (!report)
            return tr("%1; does NOT verify with this key: %2").arg(blocks, report.error().message);
        *verifies = true;
        return tr("%1; verifies with this key (block %2, %3)")
            .arg(blocks)
            .arg(report.value().slot)
            .arg(Sb::schemeName(report.value().scheme));
    }
} // namespace

ImageInspection ImageInspection::inspect(const QString &imagePath, const QString &secureBootKeyPath)
{
    ImageInspection inspection;
    inspection.path = imagePath;
    QFile file(imagePath);
    if (!file.open(QIODevice::ReadOnly)) {
        inspection.error = tr("%1 cannot be read: %2").arg(imagePath, file.errorString());
        return inspection;
    }
    if (file.size() > Firmware::ImageReader::MaxFileSize) {
        inspection.error = tr("%1 is larger than any ESP flash; is it an application image?").arg(imagePath);
        return inspection;
    }
    inspection.bytes = file.readAll();
    auto image = Firmware::ImageReader::read(inspection.bytes);
    if (!image) {
        inspection.error = image.error().message;
        return inspection;
    }
    inspection.image = image.value();
    inspection.secureBoot = secureBootLine(inspection, secureBootKeyPath, &inspection.secureBootVerifies);
    return inspection;
}
