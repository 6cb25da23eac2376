#include "opensslcli.h"

#include <QFileInfo>
#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    QString OpenSslCli::program()
    {
        return u"/usr/bin/openssl"_s;
    }

    bool OpenSslCli::available()
    {
        return QFileInfo(program()).isExecutable();
    }

    OpenSslCli::Run OpenSslCli::run(const QString &workingDirectory, const QStringList &arguments,
                                    const QByteArray &input)
    {
        Run result;
        QProcess process;
        process.setWorkingDirectory(workingDirectory);
        process.start(program(), arguments);
        if (!process.waitForStarted(10'000))
            return result;
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(60'000)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.output = process.readAllStandardOutput();
        result.errors = process.readAllStandardError();
        if (process.exitStatus() == QProcess::NormalExit)
            result.exitCode = process.exitCode();
        return result;
    }
} // namespace TestSupport
