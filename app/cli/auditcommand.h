#pragma once

#include "servercommand.h"

namespace Cli
{
    // otactl audit [--verify | --export csv|json]: the server's audit log.
    class AuditCommand final : public ServerCommand
    {
    public:
        QString name() const override { return QStringLiteral("audit"); }
        QString brief() const override { return QStringLiteral("List, verify or export the server's audit log"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;

    private:
        int list(qint64 after);
        int verify();
        int exportLog(Rollout::AuditApi::ExportFormat format);
    };
} // namespace Cli
