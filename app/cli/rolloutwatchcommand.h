#pragma once

#include "servercommand.h"

namespace Cli
{
    // otactl rollout watch ID: polls the rollout and prints its counts per
    // stage as they change, until it finishes, stops, rolls back or pauses.
    class RolloutWatchCommand final : public ServerCommand
    {
    public:
        QString name() const override { return QStringLiteral("rollout watch"); }
        QString brief() const override { return QStringLiteral("Follow a rollout's counts per stage until it ends or pauses"); }
        QString summary() const override;
        int run(const QStringList &arguments) override;

    private:
        void sleep(int ms);
    };
} // namespace Cli
