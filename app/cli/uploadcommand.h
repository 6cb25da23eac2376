#pragma once

#include "servercommand.h"

namespace Cli
{
    // otactl upload IMAGE (--manifest M --signature SIG | --key KEY): sends
    // a signed release to ota-server and prints what it stored, or why not.
    class UploadCommand final : public ServerCommand
    {
    public:
        QString name() const override { return QStringLiteral("upload"); }
        QString brief() const override { return QStringLiteral("Upload a signed release to ota-server"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;
    };
} // namespace Cli
