#include "agentstate.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        const QString Ota0 = QString::fromLatin1(AgentState::Slot0);
        const QString Ota1 = QString::fromLatin1(AgentState::Slot1);

        Result<bool, QString> writeAtomically(const QString &path, const QByteArray &bytes, bool ownerOnly)
        {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return u"cannot write %1: %2"_s.arg(path, file.errorString());
            // Set on the temporary file before any secret is in it.
            if (ownerOnly && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
                return u"cannot make %1 private (mode 0600): %2"_s.arg(path, file.errorString());
            file.write(bytes);
            if (!file.commit())
                return u"cannot write %1: %2"_s.arg(path, file.errorString());
            return true;
        }
    } // namespace

    namespace
    {
        // agent.json changes at every check-in of 5,000 agents: QSaveFile's
        // fsync per write made the disk, not the server, the limit (about 30
        // check-ins a second). A temporary file renamed over the old one is
        // still atomic for a simulator killed at any point; only a power cut
        // of the host could lose the last write, which a simulation can afford.
        Result<bool, QString> replaceWithoutSync(const QString &path, const QByteArray &bytes)
        {
            const QString temporary = path + u".new"_s;
            QFile file(temporary);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
                return u"cannot write %1: %2"_s.arg(temporary, file.errorString());
            file.close();
            if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0)
                return u"cannot replace %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return true;
        }
    } // namespace

    QString AgentState::inactiveSlot() const
    {
        return activeSlot == Ota0 ? Ota1 : Ota0;
    }

    AgentState AgentState::initial(const AgentConfig &config)
    {
        AgentState s;
        s.slotVersion = {{Ota0, config.version}, {Ota1, QString()}};
        s.slotSha256 = {{Ota0, QString()}, {Ota1, QString()}};
        s.batteryPercent = config.batteryPercent;
        return s;
    }

    Result<AgentState, QString> AgentState::load(const QString &dir, const AgentConfig &config)
    {
        QFile file(QDir(dir).filePath(u"agent.json"_s));
        if (!file.exists())
            return initial(config);
        if (!file.open(QIODevice::ReadOnly))
            return u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        AgentState s = initial(config);
        s.activeSlot = o.value(u"activeSlot"_s).toString();
        if (s.activeSlot != Ota0 && s.activeSlot != Ota1)
            return u"%1 is not an agent state file (delete it to start afresh)"_s.arg(file.fileName());
        const QJsonObject versions = o.value(u"slotVersion"_s).toObject();
        const QJsonObject shas = o.value(u"slotSha256"_s).toObject();
        for (const QString &slot : {Ota0, Ota1}) {
            s.slotVersion[slot] = versions.value(slot).toString();
            s.slotSha256[slot] = shas.value(slot).toString();
        }
        s.bootCount = o.value(u"bootCount"_s).toInt(1);
        s.batteryPercent = o.value(u"batteryPercent"_s).toDouble(config.batteryPercent);
        s.silent = o.value(u"silent"_s).toBool();
        s.silentReason = o.value(u"silentReason"_s).toString();
        s.downloadTimeoutSpent = o.value(u"downloadTimeoutSpent"_s).toBool();
        s.downloadRolloutId = o.value(u"downloadRolloutId"_s).toString();
        s.downloadSha256 = o.value(u"downloadSha256"_s).toString();
        return s;
    }

    Result<bool, QString> AgentState::save(const QString &dir) const
    {
        if (!QDir().mkpath(dir))
            return u"cannot create %1"_s.arg(dir);
        const QJsonObject o{
            {u"activeSlot"_s, activeSlot},
            {u"slotVersion"_s, QJsonObject{{Ota0, slotVersion.value(Ota0)}, {Ota1, slotVersion.value(Ota1)}}},
            {u"slotSha256"_s, QJsonObject{{Ota0, slotSha256.value(Ota0)}, {Ota1, slotSha256.value(Ota1)}}},
            {u"bootCount"_s, bootCount},
            {u"batteryPercent"_s, batteryPercent},
            {u"silent"_s, silent},
            {u"silentReason"_s, silentReason},
            {u"downloadTimeoutSpent"_s, downloadTimeoutSpent},
            {u"downloadRolloutId"_s, downloadRolloutId},
            {u"downloadSha256"_s, downloadSha256},
        };
        return replaceWithoutSync(QDir(dir).filePath(u"agent.json"_s), QJsonDocument(o).toJson(QJsonDocument::Compact));
    }

    Result<QHash<QString, QString>, QString> CredentialFile::load() const
    {
        QHash<QString, QString> secrets;
        QFile file(m_path);
        if (!file.exists())
            return secrets;
        if (!file.open(QIODevice::ReadOnly))
            return u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (!document.isObject())
            return u"%1 is not a credential file (an object of device id to secret); delete it and enrol again"_s.arg(m_path);
        const QJsonObject o = document.object();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            secrets.insert(it.key(), it.value().toString());
        return secrets;
    }

    Result<bool, QString> CredentialFile::save(const QHash<QString, QString> &secrets) const
    {
        QJsonObject o;
        for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it)
            o.insert(it.key(), it.value());
        if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
            return u"cannot create the folder of %1"_s.arg(m_path);
        return writeAtomically(m_path, QJsonDocument(o).toJson(QJsonDocument::Compact), true);
    }
} // namespace Simulator
