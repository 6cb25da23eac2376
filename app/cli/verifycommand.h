#pragma once

#include "command.h"

namespace Cli
{
    // otactl verify IMAGE MANIFEST SIG --pubkey KEY...: is this a release
    // signed by a trusted key, and does its manifest describe this image?
    class VerifyCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("verify"); }
        QString brief() const override { return QStringLiteral("Check a signed release against trusted keys and its image"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
