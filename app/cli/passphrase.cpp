#include "passphrase.h"

#include <cstdio>

#include <termios.h>
#include <unistd.h>

#include <QFile>

#include "fileread.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    namespace
    {
        // Reads one line from the terminal with echo off, restoring the
        // terminal's mode whatever happens.
        std::optional<QByteArray> promptWithoutEcho(const QString &prompt)
        {
            std::fputs(prompt.toLocal8Bit().constData(), stderr);
            std::fflush(stderr);
            termios saved {};
            const bool canHide = tcgetattr(STDIN_FILENO, &saved) == 0;
            if (canHide) {
                termios silent = saved;
                silent.c_lflag &= ~tcflag_t(ECHO);
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
            }
            char buffer[1100];
            const bool ok = std::fgets(buffer, sizeof buffer, stdin) != nullptr;
            if (canHide)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            std::fputs("\n", stderr);
            if (!ok)
                return std::nullopt;
            QByteArray line(buffer);
            while (line.endsWith('\n') || line.endsWith('\r'))
                line.chop(1);
            return line;
        }
    } // namespace

    Result<QByteArray, QString> Passphrase::obtain(const QString &passphraseFile, const QString &prompt, bool confirm)
    {
        if (!passphraseFile.isEmpty()) {
            const auto bytes = readWholeFile(passphraseFile, 64 * 1024);
            if (!bytes)
                return bytes.error();
            QByteArray line = bytes->split('\n').constFirst();
            if (line.endsWith('\r'))
                line.chop(1);
            return line;
        }
        if (qEnvironmentVariableIsSet(EnvironmentVariable))
            return qgetenv(EnvironmentVariable);
        if (!isatty(STDIN_FILENO)) {
            return u"no passphrase: give --passphrase-file FILE or set %1 (no terminal to ask on)"_s
                .arg(QString::fromLatin1(EnvironmentVariable));
        }
        const auto first = promptWithoutEcho(prompt);
        if (!first)
            return u"no passphrase was typed"_s;
        if (confirm) {
            const auto second = promptWithoutEcho(u"Repeat the passphrase: "_s);
            if (!second || *second != *first)
                return u"the two passphrases differ; nothing was written"_s;
        }
        return *first;
    }
} // namespace Cli
