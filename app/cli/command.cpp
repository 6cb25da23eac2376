#include "command.h"

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace Cli
{
    QTextStream &out()
    {
        static QTextStream stream(stdout);
        return stream;
    }

    QTextStream &err()
    {
        static QTextStream stream(stderr);
        return stream;
    }

    std::optional<int> Command::parse(QCommandLineParser &parser, const QStringList &arguments,
                                      const QString &positionalSyntax) const
    {
        parser.setApplicationDescription(summary());
        const QCommandLineOption help = parser.addHelpOption();
        // QCommandLineParser::process() exits with 1 on bad input; usage errors are 2 here.
        if (!parser.parse(arguments)) {
            err() << "otactl " << name() << ": " << parser.errorText() << "\n"
                  << "Try 'otactl " << name() << " --help'.\n";
            err().flush();
            return UsageError;
        }
        if (parser.isSet(help)) {
            QString text = parser.helpText();
            const qsizetype firstLineEnd = text.indexOf(u'\n');
            text.replace(0, firstLineEnd, u"Usage: otactl %1 [options] %2"_s.arg(name(), positionalSyntax));
            out() << text;
            out().flush();
            return Ok;
        }
        return std::nullopt;
    }

    int Command::fail(int code, const QString &message) const
    {
        out().flush();
        err() << "otactl " << name() << ": " << message << "\n";
        err().flush();
        return code;
    }
} // namespace Cli
