#pragma once

#include "command.h"

namespace Cli
{
    // otactl keygen NAME: a new ECDSA P-256 manifest signing key pair.
    class KeygenCommand final : public Command
    {
    public:
        QString name() const override { return QStringLiteral("keygen"); }
        QString brief() const override { return QStringLiteral("Make a key pair for signing release manifests"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
