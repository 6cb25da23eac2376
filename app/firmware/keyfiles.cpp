#include "keyfiles.h"

#include <QFile>
#include <QFileInfo>

#include "keypem.h"
#include "logging.h"
#include "newfile.h"

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

        Result<std::monostate, KeyError> writeNewFile(const QString &path, const QByteArray &contents,
                                                      QFileDevice::Permissions permissions)
        {
            auto written = NewFile::write(path, contents, permissions);
            if (!written)
                return KeyError{written.error().alreadyExists ? Kind::FileExists : Kind::FileError,
                                written.error().message};
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
            if (NewFile::isTaken(path))
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

        const auto wrotePrivate = writeNewFile(privateKeyPath, privatePem.value(), NewFile::OwnerOnly);
        if (!wrotePrivate)
            return wrotePrivate;
        const auto wrotePublic = writeNewFile(publicKeyPath, publicPem, NewFile::WorldReadable);
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
