#include "newfile.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryFile>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace
{
    NewFile::Error taken(const QString &path)
    {
        return NewFile::Error{true, u"%1 already exists; refusing to overwrite it"_s.arg(path)};
    }

    NewFile::Error failed(const QString &message)
    {
        return NewFile::Error{false, message};
    }
} // namespace

bool NewFile::isTaken(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink(); // a dangling link is taken too: writing through it would create its target
}

Result<std::monostate, NewFile::Error> NewFile::write(const QString &path, const QByteArray &contents,
                                                      QFileDevice::Permissions permissions)
{
    if (isTaken(path))
        return taken(path);
    const QFileInfo info(path);
    const QDir folder = info.absoluteDir();
    if (!folder.exists())
        return failed(u"the folder %1 does not exist"_s.arg(folder.path()));

    QTemporaryFile temporary(folder.filePath(u".%1.XXXXXX"_s.arg(info.fileName())));
    if (!temporary.open())
        return failed(u"cannot create a file in %1: %2"_s.arg(folder.path(), temporary.errorString()));
    bool written = temporary.write(contents) == contents.size() && temporary.flush();
#ifdef Q_OS_UNIX
    written = written && ::fsync(temporary.handle()) == 0;
#endif
    written = written && temporary.setPermissions(permissions);
    if (!written)
        return failed(u"cannot write %1: %2"_s.arg(path, temporary.errorString()));
    // QTemporaryFile::rename does not replace (renameat2 RENAME_NOREPLACE, or link and unlink).
    if (!temporary.rename(path)) {
        if (QFileInfo::exists(path))
            return taken(path);
        return failed(u"cannot create %1: %2"_s.arg(path, temporary.errorString()));
    }
    temporary.setAutoRemove(false);
    return std::monostate{};
}
