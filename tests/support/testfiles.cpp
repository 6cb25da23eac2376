#include "testfiles.h"

#include <QFile>

namespace TestSupport
{
    bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    Firmware::SigningKey newSigningKey()
    {
        auto key = Firmware::SigningKey::generate();
        Q_ASSERT(key);
        return std::move(key).value();
    }
} // namespace TestSupport
