#include "commandgroup.h"

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    CommandGroup::CommandGroup(QString name, QString brief, std::vector<std::unique_ptr<Command>> commands)
        : m_name(std::move(name))
        , m_brief(std::move(brief))
        , m_commands(std::move(commands))
    {
    }

    QString CommandGroup::summary() const
    {
        return m_brief;
    }

    void CommandGroup::printUsage(QTextStream &stream) const
    {
        stream << "Usage: otactl " << m_name << " SUBVERB [options] [arguments]\n\n" << m_brief << "\n\nSub-verbs:\n";
        for (const auto &command : m_commands)
            stream << "  " << command->name().leftJustified(24) << command->brief() << "\n";
        stream << "\n'otactl " << m_name << " SUBVERB --help' describes one. Exit codes: 0 ok, 1 refused or failed, 2 usage error.\n";
        stream.flush();
    }

    int CommandGroup::run(const QStringList &arguments)
    {
        const QString sub = arguments.value(1);
        if (sub == u"--help"_s || sub == u"-h"_s || sub == u"help"_s) {
            printUsage(out());
            return Ok;
        }
        if (sub.isEmpty()) {
            printUsage(err());
            return UsageError;
        }
        for (const auto &command : m_commands) {
            if (command->name() == m_name + u' ' + sub)
                return command->run(arguments.mid(1));
        }
        return fail(UsageError, u"unknown sub-verb '%1'; 'otactl %2 --help' lists them"_s.arg(sub, m_name));
    }
} // namespace Cli
