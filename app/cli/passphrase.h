#pragma once

#include <QByteArray>
#include <QString>

#include "result.h"

namespace Cli
{
    // Where a key passphrase comes from, in this order: --passphrase-file
    // (its first line), the OTACTL_PASSPHRASE environment variable, or a
    // prompt on the terminal with echo off. A passphrase is never taken from
    // the command line itself, where other users could read it in `ps`.
    class Passphrase final
    {
    public:
        static constexpr const char *EnvironmentVariable = "OTACTL_PASSPHRASE";

        // confirm: ask twice on a terminal (for a new key).
        static Result<QByteArray, QString> obtain(const QString &passphraseFile, const QString &prompt, bool confirm);
    };
} // namespace Cli
