#pragma once

#include "command.h"

namespace Cli
{
    // otactl sign IMAGE --key KEY: writes IMAGE's release manifest and its
    // detached signature.
    class SignCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("sign"); }
        QString brief() const override { return QStringLiteral("Write an image's release manifest and sign it"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
