#pragma once

#include <optional>

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

namespace Cli
{
    // Exit codes of every verb (docs/otactl.md).
    enum ExitCode : int
    {
        Ok = 0,          // the check passed, the work was done
        CheckFailed = 1, // a check failed or the work could not be done; stderr says why
        UsageError = 2,  // the command line is wrong; stderr says how
    };

    QTextStream &out();
    QTextStream &err();

    // One otactl verb. Each verb owns its options and its --help.
    class Command
    {
    public:
        virtual ~Command() = default;
        virtual QString name() const = 0;
        virtual QString brief() const = 0;   // one line for the verb list
        virtual QString summary() const = 0; // the --help description
        // arguments[0] is the verb itself.
        virtual int run(const QStringList &arguments) = 0;

    protected:
        // Parses with --help added; returns an exit code when the verb should
        // stop (help shown: Ok, bad command line: UsageError), or nullopt.
        std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments,
                                 const QString &positionalSyntax) const;
        // "otactl VERB: message" on stderr, returning code for `return fail(...)`.
        int fail(int code, const QString &message) const;
    };
} // namespace Cli
