#include "slotflash.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "firmware/imagereader.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;
using Espota::Command;
using Espota::UpdateError;

namespace Simulator
{
    namespace
    {
        const QString App0 = u"app0"_s;
        const QString App1 = u"app1"_s;
    } // namespace

    SlotFlash::SlotFlash(const QString &directory, qint64 appPartitionSize, qint64 fsPartitionSize)
        : m_directory(directory), m_appPartitionSize(appPartitionSize), m_fsPartitionSize(fsPartitionSize)
    {
    }

    SlotFlash::~SlotFlash() = default;

    Result<bool, QString> SlotFlash::load(const QString &initialVersion)
    {
        if (!QDir().mkpath(m_directory))
            return u"cannot create the state directory %1"_s.arg(m_directory);
        QFile file(QDir(m_directory).filePath(u"state.json"_s));
        if (!file.exists()) {
            m_activeSlot = App0;
            m_versions = {{App0, initialVersion}, {App1, QString()}};
            m_nextBoot.clear();
            return save() ? Result<bool, QString>(true) : Result<bool, QString>(u"cannot write %1"_s.arg(file.fileName()));
        }
        if (!file.open(QIODevice::ReadOnly))
            return u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        const QJsonObject state = document.object();
        const QString active = state.value(u"activeSlot"_s).toString();
        if (document.isNull() || (active != App0 && active != App1))
            return u"%1 is not a simulator state file (delete it to start afresh)"_s.arg(file.fileName());
        m_activeSlot = active;
        const QJsonObject versions = state.value(u"versions"_s).toObject();
        m_versions = {{App0, versions.value(App0).toString()}, {App1, versions.value(App1).toString()}};
        m_nextBoot = state.value(u"nextBoot"_s).toString();
        qCInfo(lcSimulator).noquote() << "resuming" << m_directory << "on" << m_activeSlot << runningVersion();
        return true;
    }

    QString SlotFlash::runningVersion() const
    {
        return m_versions.value(m_activeSlot);
    }

    QString SlotFlash::inactiveSlot() const
    {
        return m_activeSlot == App0 ? App1 : App0;
    }

    QString SlotFlash::slotPath(const QString &slot) const
    {
        return QDir(m_directory).filePath(slot + u".bin"_s);
    }

    bool SlotFlash::save()
    {
        const QJsonObject state{
            {u"activeSlot"_s, m_activeSlot},
            {u"nextBoot"_s, m_nextBoot},
            {u"versions"_s, QJsonObject{{App0, m_versions.value(App0)}, {App1, m_versions.value(App1)}}},
        };
        QSaveFile file(QDir(m_directory).filePath(u"state.json"_s));
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(QJsonDocument(state).toJson());
        return file.commit();
    }

    void SlotFlash::boot(bool rollBack)
    {
        if (!m_nextBoot.isEmpty() && !rollBack)
            m_activeSlot = m_nextBoot;
        else if (!m_nextBoot.isEmpty())
            qCInfo(lcSimulator).noquote() << m_directory << "rolls back to" << m_activeSlot;
        m_nextBoot.clear();
        save();
    }

    QString SlotFlash::imageVersion(const QByteArray &image)
    {
        const auto read = Firmware::ImageReader::read(image);
        if (read && read->appDescriptor && !read->appDescriptor->version.isEmpty())
            return read->appDescriptor->version;
        const QByteArray sha = QCryptographicHash::hash(image, QCryptographicHash::Sha256).toHex();
        return u"sha256:"_s + QString::fromLatin1(sha.left(12));
    }

    std::optional<qint64> SlotFlash::capacity(Command command) const
    {
        const qint64 size = command == Command::Filesystem ? m_fsPartitionSize : m_appPartitionSize;
        return size >= 0 ? std::optional<qint64>(size) : std::nullopt;
    }

    std::optional<UpdateError> SlotFlash::begin(Command command, qint64 size)
    {
        Q_UNUSED(size);
        m_command = command;
        const QString path = command == Command::Filesystem ? QDir(m_directory).filePath(u"fs.bin"_s)
                                                            : slotPath(inactiveSlot());
        m_target = std::make_unique<QFile>(path);
        if (!m_target->open(QIODevice::ReadWrite | QIODevice::Truncate)) {
            qCWarning(lcSimulator).noquote() << "cannot open" << path << m_target->errorString();
            m_target.reset();
            return UpdateError::FlashEraseFailed;
        }
        if (command == Command::Flash) {
            m_versions[inactiveSlot()].clear(); // erased: nothing bootable there now
            m_nextBoot.clear();
            save();
        }
        return std::nullopt;
    }

    std::optional<UpdateError> SlotFlash::write(qint64 offset, QByteArrayView data)
    {
        if (!m_target || !m_target->seek(offset) || m_target->write(data.data(), data.size()) != data.size())
            return UpdateError::FlashWriteFailed;
        return std::nullopt;
    }

    std::optional<UpdateError> SlotFlash::finish()
    {
        if (!m_target)
            return UpdateError::FlashWriteFailed;
        if (!m_target->flush())
            return UpdateError::FlashWriteFailed;
        if (m_command == Command::Flash) {
            m_target->seek(0);
            const QString version = imageVersion(m_target->readAll());
            m_versions[inactiveSlot()] = version;
            m_nextBoot = inactiveSlot();
            if (!save())
                return UpdateError::ActivateFailed;
        }
        m_target.reset();
        return std::nullopt;
    }

    void SlotFlash::abort()
    {
        m_target.reset();
    }
} // namespace Simulator
