#include "blobstorage.h"

#include <fcntl.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "serverlogging.h"
#include "sqlhelpers.h"

using namespace Qt::Literals::StringLiterals;

namespace Store
{
    namespace
    {
        StoreError ioError(const QString &message)
        {
            return StoreError{StoreError::Kind::IoError, message};
        }

        // The rename is durable only once the directory entry is on disk.
        bool syncDirectory(const QString &path)
        {
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (fd < 0)
                return false;
            const bool synced = ::fsync(fd) == 0;
            ::close(fd);
            return synced;
        }
    } // namespace

    bool BlobStorage::isSha256(const QString &sha256)
    {
        if (sha256.size() != 64)
            return false;
        return std::all_of(sha256.cbegin(), sha256.cend(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
        });
    }

    QString BlobStorage::relativePath(const QString &sha256)
    {
        return u"blobs/%1/%2"_s.arg(sha256.left(2), sha256);
    }

    QString BlobStorage::absolutePath(const QString &sha256) const
    {
        return QDir(m_dataDir).filePath(relativePath(sha256));
    }

    Result<QString, StoreError> BlobStorage::put(QByteArrayView bytes)
    {
        const QString sha256 = Sql::sha256Hex(bytes);
        const QString path = absolutePath(sha256);
        if (QFileInfo(path).size() == bytes.size() && QFileInfo::exists(path))
            return sha256;
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return ioError(u"cannot create %1 (is the data directory writable?)"_s.arg(dir));
        QSaveFile file(path); // a temporary file in dir, renamed over path on commit
        if (!file.open(QIODevice::WriteOnly))
            return ioError(u"cannot write %1: %2"_s.arg(path, file.errorString()));
        if (file.write(bytes.data(), bytes.size()) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0) {
            const QString why = file.errorString();
            file.cancelWriting();
            return ioError(u"cannot write %1: %2 (is the disk full?)"_s.arg(path, why));
        }
        if (!file.commit())
            return ioError(u"cannot write %1: %2"_s.arg(path, file.errorString()));
        if (!syncDirectory(dir))
            qCWarning(lcStore) << "could not sync directory" << dir;
        qCInfo(lcStore) << "stored blob" << sha256 << bytes.size() << "bytes";
        return sha256;
    }

    bool BlobStorage::contains(const QString &sha256) const
    {
        return isSha256(sha256) && QFileInfo::exists(absolutePath(sha256));
    }

    Result<qint64, StoreError> BlobStorage::size(const QString &sha256) const
    {
        if (!contains(sha256))
            return StoreError{StoreError::Kind::NotFound, u"there is no blob %1"_s.arg(sha256)};
        return QFileInfo(absolutePath(sha256)).size();
    }

    Result<QByteArray, StoreError> BlobStorage::read(const QString &sha256, qint64 offset, qint64 length) const
    {
        auto total = size(sha256);
        if (!total)
            return total.error();
        if (offset < 0 || (offset >= total.value() && !(offset == 0 && total.value() == 0))) {
            return StoreError{StoreError::Kind::OutOfRange,
                              u"offset %1 is outside blob %2 of %3 bytes"_s.arg(offset).arg(sha256).arg(total.value())};
        }
        const qint64 available = total.value() - offset;
        const qint64 wanted = length < 0 ? available : std::min(length, available);
        QFile file(absolutePath(sha256));
        if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
            return ioError(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        QByteArray bytes = file.read(wanted);
        if (bytes.size() != wanted)
            return ioError(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        return bytes;
    }
} // namespace Store
