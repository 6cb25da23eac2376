#include "firmwareimage.h"

#include <QLocale>

namespace Firmware
{
    QDateTime AppDescriptor::buildDateTime() const
    {
        // __DATE__ pads a one-digit day with a space ("Jul  5 2024").
        const QDate date = QLocale::c().toDate(compileDate.simplified(), QStringLiteral("MMM d yyyy"));
        const QTime time = QTime::fromString(compileTime.trimmed(), QStringLiteral("HH:mm:ss"));
        if (!date.isValid() || !time.isValid())
            return {};
        return QDateTime(date, time);
    }

    QString FirmwareImage::flashModeName() const
    {
        return Firmware::flashModeName(flashMode);
    }

    QString FirmwareImage::flashSizeName() const
    {
        return Firmware::flashSizeName(chip.family, flashSizeCode);
    }

    QString FirmwareImage::flashFrequencyName() const
    {
        return Firmware::flashFrequencyName(chip, flashFrequencyCode);
    }
} // namespace Firmware
