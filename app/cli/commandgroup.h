#pragma once

#include <memory>
#include <vector>

#include "command.h"

namespace Cli
{
    // A verb with sub-verbs (`otactl key add|list|revoke`). Each sub-verb is
    // a Command named "key add", so its messages and --help name it whole.
    class CommandGroup final : public Command
    {
    public:
        CommandGroup(QString name, QString brief, std::vector<std::unique_ptr<Command>> commands);

        QString name() const override { return m_name; }
        QString brief() const override { return m_brief; }
        QString summary() const override;
        int run(const QStringList &arguments) override;

    private:
        void printUsage(QTextStream &stream) const;

        QString m_name;
        QString m_brief;
        std::vector<std::unique_ptr<Command>> m_commands;
    };
} // namespace Cli
