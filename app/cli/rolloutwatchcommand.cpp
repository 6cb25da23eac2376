#include "rolloutwatchcommand.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

#include "rolloutprinter.h"

using namespace Qt::Literals::StringLiterals;
using namespace Rollout;

namespace Cli
{
    namespace
    {
        // Failures in a row that a watch rides out: a server restarting, a
        // network blip. A refusal (404, 403) is not retried.
        constexpr int MaxFailuresInARow = 3;

        bool worthRetrying(const ApiError &error)
        {
            return error.kind != ApiError::Kind::Refused || error.status == 503;
        }
    } // namespace

    QString RolloutWatchCommand::summary() const
    {
        return u"Poll rollout ID every --interval seconds (default 5) and print one line whenever its state or "
               u"counts change: the state, the stage under way, and each stage's devices by state. It ends when "
               u"the rollout is FINISHED (exit 0), or STOPPED, ROLLED_BACK, DENIED or PAUSED (exit 1: someone has "
               u"to look), or when --timeout seconds have passed (exit 1). A server that does not answer is asked "
               u"again, up to 3 times in a row. --json prints one JSON object per line.\n\nNeeds a viewer token. "
               u"Exit codes: 0 finished, 1 anything else (stderr says what), 2 usage error."_s;
    }

    void RolloutWatchCommand::sleep(int ms)
    {
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &timer, [] { QCoreApplication::exit(0); });
        timer.start(ms);
        QCoreApplication::exec();
    }

    int RolloutWatchCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption interval(u"interval"_s, u"Seconds between polls (default 5)."_s, u"seconds"_s, u"5"_s);
        const QCommandLineOption timeout(u"for"_s, u"Give up after this many seconds (default: never)."_s, u"seconds"_s, u"0"_s);
        parser.addOptions({interval, timeout});
        addServerOptions(parser);
        parser.addPositionalArgument(u"id"_s, u"The rollout id."_s);
        if (auto done = parse(parser, arguments, u"ID"_s))
            return *done;
        if (parser.positionalArguments().size() != 1)
            return fail(UsageError, u"name one rollout ID ('otactl rollout list' shows them)"_s);
        bool ok = false;
        const double seconds = parser.value(interval).toDouble(&ok);
        if (!ok || seconds < 0.05 || seconds > 3600)
            return fail(UsageError, u"--interval '%1' must be seconds from 0.05 to 3600"_s.arg(parser.value(interval)));
        const double limit = parser.value(timeout).toDouble(&ok);
        if (!ok || limit < 0)
            return fail(UsageError, u"--for '%1' must be seconds (0: no limit)"_s.arg(parser.value(timeout)));
        if (auto stop = connectToServer(parser))
            return *stop;

        const QString id = parser.positionalArguments().constFirst();
        const QDateTime started = QDateTime::currentDateTimeUtc();
        QString lastLine;
        int failures = 0;
        for (;;) {
            const auto detail = await<RolloutDetail>([&](QObject *context, auto done) { client().rollouts().show(id, context, done); });
            if (!detail) {
                if (!worthRetrying(detail.error()) || ++failures >= MaxFailuresInARow)
                    return failCall(detail.error());
                err() << "otactl rollout watch: " << detail.error().text() << " (asking again)\n";
                err().flush();
            } else {
                failures = 0;
                const RolloutSummary &summary = detail->summary;
                const QString line = RolloutPrinter::watchLine(summary);
                if (line != lastLine) {
                    lastLine = line;
                    const QString now = QDateTime::currentDateTime().toString(u"HH:mm:ss"_s);
                    if (json()) {
                        const QJsonObject object{{u"at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                                 {u"state"_s, summary.state},
                                                 {u"pauseReason"_s, summary.pauseReason},
                                                 {u"stateReason"_s, summary.stateReason},
                                                 {u"currentStage"_s, summary.currentStage},
                                                 {u"counts"_s, summary.json.value(u"counts"_s)}};
                        out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
                    } else {
                        out() << now << "  " << line << "\n";
                    }
                    out().flush();
                }
                if (summary.state == u"FINISHED"_s)
                    return Ok;
                if (isFinalRolloutState(summary.state) || summary.state == u"PAUSED"_s) {
                    return fail(CheckFailed, u"rollout '%1' is %2%3"_s.arg(summary.name, summary.stateText(),
                                                                          summary.stateReason.isEmpty() ? QString() : u": "_s + summary.stateReason));
                }
            }
            if (limit > 0 && started.msecsTo(QDateTime::currentDateTimeUtc()) >= qint64(limit * 1000))
                return fail(CheckFailed, u"rollout %1 is still %2 after %3 s (--for)"_s.arg(id, lastLine.section(u' ', 0, 0)).arg(limit));
            sleep(int(seconds * 1000));
        }
    }
} // namespace Cli
