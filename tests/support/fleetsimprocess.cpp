#include "fleetsimprocess.h"

#include <QFile>
#include <QJsonDocument>

#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    namespace
    {
        bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
        {
            QFile file(path);
            if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size())
                return true;
            *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
            return false;
        }
    } // namespace

    FleetSimProcess::FleetSimProcess(QString simPath) : m_simPath(std::move(simPath))
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
    }

    FleetSimProcess::~FleetSimProcess() { terminate(); }

    bool FleetSimProcess::startAgents(const ServerProcess &server, const QJsonObject &scenario,
                                      const QByteArray &trustedKeyPem, const QStringList &extraArguments, QString *error)
    {
        const QString scenarioFile = m_dir.filePath(u"scenario.json"_s);
        const QString keyFile = m_dir.filePath(u"trusted-key.pub.pem"_s);
        if (!writeFile(scenarioFile, QJsonDocument(scenario).toJson(), error) || !writeFile(keyFile, trustedKeyPem, error))
            return false;
        QProcessEnvironment environment;
        environment.insert(u"OTA_TEST_ENROL_TOKEN"_s, server.adminToken());
        return start(QStringList{u"--scenario"_s, scenarioFile, u"--server"_s, server.base().toString(), u"--trusted-key"_s,
                                 keyFile, u"--enrol-token-env"_s, u"OTA_TEST_ENROL_TOKEN"_s, u"--state-dir"_s, stateDir()}
                         + extraArguments,
                     error, environment);
    }

    bool FleetSimProcess::start(const QStringList &arguments, QString *error, const QProcessEnvironment &environment)
    {
        if (!m_dir.isValid()) {
            *error = u"no temporary directory for the simulator: %1"_s.arg(m_dir.errorString());
            return false;
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(environment);
        m_process.setProcessEnvironment(env);
        m_process.start(m_simPath, arguments);
        if (!m_process.waitForStarted()) {
            *error = u"cannot start %1: %2"_s.arg(m_simPath, m_process.errorString());
            return false;
        }
        return true;
    }

    void FleetSimProcess::terminate()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    QString FleetSimProcess::output()
    {
        m_output += m_process.readAll();
        return QString::fromUtf8(m_output.right(4000));
    }
} // namespace TestSupport
