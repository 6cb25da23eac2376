#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace TestSupport
{
    // Runs the openssl command-line tool, the reference our signing code is
    // cross-checked against. Tests QSKIP when it is not installed.
    class OpenSslCli final
    {
    public:
        struct Run
        {
            int exitCode = -1;   // -1 when the program did not start or did not finish
            QByteArray output;   // stdout
            QByteArray errors;   // stderr
            bool succeeded() const { return exitCode == 0; }
        };

        static QString program(); // /usr/bin/openssl
        static bool available();

        // Runs `openssl arguments...` in workingDirectory with input on stdin.
        static Run run(const QString &workingDirectory, const QStringList &arguments, const QByteArray &input = {});
    };
} // namespace TestSupport
