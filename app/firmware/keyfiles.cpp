#include "keyfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include "keypem.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Firmware
{
    namespace
    {
        using Kind = KeyError::Kind;

        KeyError fileError(const QString &what)
        {
            return KeyError{Kind::FileError, what};
        }

        // Creates path with the given bytes and permissions, or leaves nothing.
        Result<std::monostate, KeyError> writeNewFile(const QString &path, const QByteArray &contents,
                                                      QFileDevice::Permissions permissions)
        {
            const QFileInfo info(path);
            if (info.exists() || info.isSymLink())
                return KeyError{Kind::FileExists, u"%1 already exists; refusing to overwrite it"_s.arg(path)};
            const QDir folder = info.absoluteDir();
            if (!folder.exists())
                return fileError(u"the folder %1 does not exist"_s.arg(folder.path()));

            // QTemporaryFile creates the file with mode 0600, so a private
            // key is never readable by others, not even for a moment.
            QTemporaryFile temporary(folder.filePath(u".%1.XXXXXX"_s.arg(info.fileName())));
            if (!temporary.open())
                return fileError(u"cannot create a file in %1: %2"_s.arg(folder.path(), temporary.errorString()));
            bool written = temporary.write(contents) == contents.size() && temporary.flush();
#ifdef Q_OS_UNIX
            written = written && ::fsync(temporary.handle()) == 0;
#endif
            written = written && temporary.setPermissions(permissions);
            if (!written)
                return fileError(u"cannot write %1: %2"_s.arg(path, temporary.errorString()));
            // Renames without replacing (renameat2 RENAME_NOREPLACE or link+unlink
            // on Linux): a file that appeared meanwhile is not overwritten either.
            if (!temporary.rename(path)) {
                if (QFileInfo::exists(path))
                    return KeyError{Kind::FileExists, u"%1 already exists; refusing to overwrite it"_s.arg(path)};
                return fileError(u"cannot create %1: %2"_s.arg(path, temporary.errorString()));
            }
            temporary.setAutoRemove(false);
            return std::monostate{};
        }

        Result<QByteArray, KeyError> readSmallFile(const QString &path)
        {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return fileError(u"cannot read %1: %2"_s.arg(path, file.errorString()));
            if (file.size() > KeyPem::MaxPemBytes) {
                return KeyError{Kind::NotAKey, u"%1 is %2 bytes, too large for a key file"_s
                                .arg(path).arg(file.size())};
            }
            return file.read(KeyPem::MaxPemBytes + 1);
        }
    } // namespace

    Result<std::monostate, KeyError> KeyFiles::write(const SigningKey &key, const QString &privateKeyPath,
                                                     const QString &publicKeyPath, QByteArrayView passphrase,
                                                     Protection protection)
    {
        if (QFileInfo(privateKeyPath).absoluteFilePath() == QFileInfo(publicKeyPath).absoluteFilePath())
            return fileError(u"the private and the public key need two different files"_s);
        for (const QString &path : {privateKeyPath, publicKeyPath}) {
            if (QFileInfo::exists(path) || QFileInfo(path).isSymLink())
                return KeyError{Kind::FileExists, u"%1 already exists; refusing to overwrite it"_s.arg(path)};
        }
        if (protection == Protection::Unencrypted && !passphrase.isEmpty()) {
            return KeyError{Kind::BadPassphrase,
                            u"a passphrase was given for a key to be written unencrypted; give one or the other"_s};
        }
        const auto privatePem = protection == Protection::Passphrase ? key.toEncryptedPem(passphrase)
                                                                     : key.toUnencryptedPem();
        if (!privatePem)
            return privatePem.error();
        const QByteArray publicPem = key.publicKey().toPem();
        if (publicPem.isEmpty())
            return KeyError{Kind::CryptoFailure, u"the public key could not be encoded"_s};

        const auto wrotePrivate = writeNewFile(privateKeyPath, privatePem.value(),
                                               QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!wrotePrivate)
            return wrotePrivate;
        const auto wrotePublic = writeNewFile(publicKeyPath, publicPem,
                                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                  | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        if (!wrotePublic) {
            QFile::remove(privateKeyPath); // both or neither
            return wrotePublic;
        }
        qCInfo(lcCrypto) << "wrote key pair" << key.keyId() << "to" << privateKeyPath << "and" << publicKeyPath
                         << (protection == Protection::Unencrypted ? "(private key NOT encrypted)" : "");
        return std::monostate{};
    }

    Result<SigningKey, KeyError> KeyFiles::readPrivateKey(const QString &path, QByteArrayView passphrase)
    {
        const auto pem = readSmallFile(path);
        if (!pem)
            return pem.error();
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::ReadOther;
        if (QFileInfo(path).permissions() & others)
            qCWarning(lcCrypto) << "private key file" << path << "is readable by other users";
        return SigningKey::fromPem(pem.value(), passphrase);
    }

    Result<PublicKey, KeyError> KeyFiles::readPublicKey(const QString &path)
    {
        const auto pem = readSmallFile(path);
        if (!pem)
            return pem.error();
        return PublicKey::fromPem(pem.value());
    }
} // namespace Firmware
