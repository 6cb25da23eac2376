#include "fileread.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    Result<QByteArray, QString> readWholeFile(const QString &path, qint64 maxBytes)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return u"cannot open %1: %2"_s.arg(path, file.errorString());
        if (file.size() > maxBytes)
            return u"%1 is %2 bytes; files over %3 bytes are refused"_s.arg(path).arg(file.size()).arg(maxBytes);
        QByteArray bytes = file.readAll();
        if (file.error() != QFileDevice::NoError)
            return u"cannot read %1: %2"_s.arg(path, file.errorString());
        return bytes;
    }
} // namespace Cli
