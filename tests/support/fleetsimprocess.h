#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace TestSupport
{
    class ServerProcess;

    // The real ota-fleet-sim for one test, in a directory of its own (the
    // scenario file, the trusted key, the devices' state).
    class FleetSimProcess final
    {
    public:
        explicit FleetSimProcess(QString simPath);
        ~FleetSimProcess(); // terminate()
        Q_DISABLE_COPY_MOVE(FleetSimProcess)

        // Agents of scenario (the JSON --scenario reads) checking in with
        // server, enrolled with its admin token, trusting trustedKeyPem.
        // extraArguments are appended (--no-mdns is not implied: pass it
        // when no LAN device is wanted).
        bool startAgents(const ServerProcess &server, const QJsonObject &scenario, const QByteArray &trustedKeyPem,
                         const QStringList &extraArguments, QString *error);
        // Any arguments, as on the command line (LAN devices only, say).
        // environment is added to the process's (a --password-env variable).
        bool start(const QStringList &arguments, QString *error,
                   const QProcessEnvironment &environment = QProcessEnvironment());
        void terminate(); // SIGTERM, then SIGKILL after 10 s

        QString stateDir() const { return m_dir.filePath(QStringLiteral("state")); }
        // What it printed so far (stdout and stderr), the last 4000 characters.
        QString output();
        QProcess &process() { return m_process; }

    private:
        QString m_simPath;
        QTemporaryDir m_dir;
        QProcess m_process;
        QByteArray m_output;
    };
} // namespace TestSupport
