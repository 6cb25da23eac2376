#pragma once

#include "command.h"

namespace Cli
{
    // otactl verify-sbv2 IMAGE --pubkey KEY.pem: checks a Secure Boot V2
    // signature sector the way espsecure verify-signature --version 2 does.
    class VerifySbv2Command final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("verify-sbv2"); }
        QString brief() const override { return QStringLiteral("Check a Secure Boot V2 signature with a public key"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
