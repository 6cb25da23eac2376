#pragma once

#include <QByteArray>
#include <QString>

#include "result.h"

namespace Cli
{
    // Reads a whole file no larger than maxBytes; the error names the file and the reason.
    Result<QByteArray, QString> readWholeFile(const QString &path, qint64 maxBytes = 64 * 1024 * 1024);
} // namespace Cli
