#include "rolloutcommands.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>

#include "commandgroup.h"
#include "fileread.h"
#include "rolloutprinter.h"
#include "rolloutwatchcommand.h"
#include "servercommand.h"
#include "texttable.h"

using namespace Qt::Literals::StringLiterals;
using namespace Rollout;

namespace Cli
{
    namespace
    {
        constexpr const char *ExitCodes = "Exit codes: 0 done, 1 refused or the server could not be reached (stderr says "
                                          "why), 2 usage error.";

        // A command that names one rollout: exactly one ID.
        bool oneId(const QCommandLineParser &parser) { return parser.positionalArguments().size() == 1; }

        class RolloutCreateCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"rollout create"_s; }
            QString brief() const override { return u"Create a rollout from a spec (or --preview it)"_s; }
            QString summary() const override
            {
                return u"Create a rollout from SPEC.json: release, target selector, stages with their gates, abort "
                       u"rules, timeouts, approval (the spec of docs/server-api.md). The server checks the whole spec "
                       u"and lists every problem. A rollout that needs approval waits for someone else's 'otactl "
                       u"rollout approve'. With --preview nothing is created: it says which devices it would target "
                       u"and whether the deployment window is open.\n\nNeeds an operator token (a viewer's for "
                       u"--preview). "_s + QLatin1StringView(ExitCodes);
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                const QCommandLineOption specOption(u"spec"_s, u"The rollout spec, a JSON file."_s, u"file"_s);
                const QCommandLineOption previewOption(u"preview"_s, u"Say what the spec would do now; create nothing."_s);
                parser.addOptions({specOption, previewOption});
                addServerOptions(parser);
                if (auto done = parse(parser, arguments, u"--spec SPEC.json"_s))
                    return *done;
                if (!parser.isSet(specOption) || !parser.positionalArguments().isEmpty())
                    return fail(UsageError, u"give the spec as --spec SPEC.json and nothing else; try 'otactl rollout create --help'"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                const QString path = parser.value(specOption);
                const auto bytes = readWholeFile(path, 1024 * 1024);
                if (!bytes)
                    return fail(CheckFailed, bytes.error());
                QJsonParseError error;
                const QJsonDocument document = QJsonDocument::fromJson(bytes.value(), &error);
                if (!document.isObject()) {
                    return fail(CheckFailed, error.error != QJsonParseError::NoError
                                                 ? u"%1 is not JSON: %2 at offset %3"_s.arg(path, error.errorString()).arg(error.offset)
                                                 : u"%1 is not a JSON object; a spec is {\"name\": ..., \"release\": ..., \"stages\": [...]}"_s.arg(path));
                }
                if (parser.isSet(previewOption)) {
                    const auto preview = await<RolloutPreview>([&](QObject *context, auto done) {
                        client().rollouts().preview(document.object(), context, done);
                    });
                    if (!preview)
                        return failCall(preview.error());
                    json() ? printJson(preview->json) : RolloutPrinter::printPreview(preview.value());
                    return Ok;
                }
                const auto created = await<RolloutSummary>([&](QObject *context, auto done) {
                    client().rollouts().create(document.object(), context, done);
                });
                if (!created)
                    return failCall(created.error());
                json() ? printJson(created->json) : RolloutPrinter::printSummary(created.value());
                return Ok;
            }
        };

        class RolloutListCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"rollout list"_s; }
            QString brief() const override { return u"List every rollout, oldest first"_s; }
            QString summary() const override
            {
                return u"List every rollout the server holds, finished ones included, oldest first: id, name, "
                       u"state, stage, release and devices.\n\nNeeds a viewer token. "_s + QLatin1StringView(ExitCodes);
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                addServerOptions(parser);
                if (auto done = parse(parser, arguments, QString()))
                    return *done;
                if (!parser.positionalArguments().isEmpty())
                    return fail(UsageError, u"takes no arguments; try 'otactl rollout list --help'"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                auto rollouts = await<QList<RolloutSummary>>([&](QObject *context, auto done) {
                    client().rollouts().list(context, done);
                });
                if (!rollouts)
                    return failCall(rollouts.error());
                QList<RolloutSummary> sorted = rollouts.value();
                // The server orders by id (a UUID); people read them in time order.
                std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.createdAt < b.createdAt; });
                if (json()) {
                    printJson(QJsonObject{{u"rollouts"_s, jsonList(sorted)}});
                    return Ok;
                }
                TextTable table({u"ID"_s, u"NAME"_s, u"STATE"_s, u"STAGE"_s, u"RELEASE"_s, u"DEVICES"_s, u"CREATED"_s});
                for (const RolloutSummary &summary : std::as_const(sorted)) {
                    table.addRow({summary.id, summary.name, summary.stateText(),
                                  summary.currentStage < 0 ? u"-"_s : u"%1/%2"_s.arg(summary.currentStage + 1).arg(summary.stages.size()),
                                  summary.releaseVersion, QString::number(summary.total.total),
                                  formatTime(summary.createdAt) + u" by "_s + summary.createdBy});
                }
                table.print(out());
                return Ok;
            }
        };

        class RolloutShowCommand final : public ServerCommand
        {
        public:
            QString name() const override { return u"rollout show"_s; }
            QString brief() const override { return u"A rollout's state, pause reason and stages with counts"_s; }
            QString summary() const override
            {
                return u"Show rollout ID: its state and why (the pause reason, the gate verdict, the abort rule), "
                       u"the stage under way, approvals, break-glass, and each stage's status with its devices by "
                       u"state. --json gives the whole record.\n\nNeeds a viewer token. "_s + QLatin1StringView(ExitCodes);
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                addServerOptions(parser);
                parser.addPositionalArgument(u"id"_s, u"The rollout id."_s);
                if (auto done = parse(parser, arguments, u"ID"_s))
                    return *done;
                if (!oneId(parser))
                    return fail(UsageError, u"name one rollout ID ('otactl rollout list' shows them)"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                const auto detail = await<RolloutDetail>([&](QObject *context, auto done) {
                    client().rollouts().show(parser.positionalArguments().constFirst(), context, done);
                });
                if (!detail)
                    return failCall(detail.error());
                json() ? printJson(detail->summary.json) : RolloutPrinter::printDetail(detail.value());
                return Ok;
            }
        };

        // approve, deny, start, pause, resume, advance, stop, rollback: one class, the action its parameter.
        class RolloutActionCommand final : public ServerCommand
        {
        public:
            explicit RolloutActionCommand(RolloutAction action) : m_action(action) {}

            QString name() const override { return u"rollout "_s + actionName(m_action); }
            QString brief() const override
            {
                switch (m_action) {
                case RolloutAction::Approve: return u"Approve a rollout someone else created"_s;
                case RolloutAction::Deny: return u"Deny a rollout waiting for approval, with a reason"_s;
                case RolloutAction::Start: return u"Start a READY rollout"_s;
                case RolloutAction::Pause: return u"Pause a RUNNING rollout"_s;
                case RolloutAction::Resume: return u"Resume a PAUSED rollout"_s;
                case RolloutAction::Advance: return u"End the current stage and start the next"_s;
                case RolloutAction::Stop: return u"Stop a rollout, with a reason"_s;
                case RolloutAction::Rollback: return u"Break-glass: order every updated device back, with a reason"_s;
                }
                return {};
            }
            QString summary() const override
            {
                QString text = brief() + u". The server's rollout engine decides whether the rollout's state allows "
                                         u"it, and says so when not."_s;
                if (isWindowed(m_action))
                    text += u" Outside the server's deployment window it is refused unless --override-window gives a "
                            u"reason (audited)."_s;
                if (m_action == RolloutAction::Approve || m_action == RolloutAction::Deny)
                    text += u" The decision must come from a token of another name than the creator's; --reason is "
                            u"kept as its remark."_s;
                if (m_action == RolloutAction::Rollback)
                    text += u" Works from RUNNING, PAUSED, STOPPED and FINISHED, with no stages and no window, and "
                            u"needs a token holding the break-glass right."_s;
                return text + (m_action == RolloutAction::Rollback ? u"\n\n"_s : u"\n\nNeeds an operator token. "_s)
                       + QLatin1StringView(ExitCodes);
            }
            int run(const QStringList &arguments) override
            {
                QCommandLineParser parser;
                const QCommandLineOption reason(u"reason"_s, needsReason() ? u"Why (required; audited)."_s : u"Why (audited)."_s, u"text"_s);
                const QCommandLineOption overrideWindow(u"override-window"_s, u"Act outside the deployment window; the reason is audited."_s, u"reason"_s);
                parser.addOption(reason);
                if (isWindowed(m_action))
                    parser.addOption(overrideWindow);
                addServerOptions(parser);
                parser.addPositionalArgument(u"id"_s, u"The rollout id."_s);
                if (auto done = parse(parser, arguments, needsReason() ? u"ID --reason TEXT"_s : u"ID"_s))
                    return *done;
                if (!oneId(parser))
                    return fail(UsageError, u"name one rollout ID ('otactl rollout list' shows them)"_s);
                if (needsReason() && parser.value(reason).trimmed().isEmpty())
                    return fail(UsageError, u"%1 needs --reason TEXT: it goes in the audit log"_s.arg(actionName(m_action)));
                if (isWindowed(m_action) && parser.isSet(overrideWindow) && parser.value(overrideWindow).trimmed().isEmpty())
                    return fail(UsageError, u"--override-window needs a reason"_s);
                if (auto stop = connectToServer(parser))
                    return *stop;
                ActionInput input;
                const bool decision = m_action == RolloutAction::Approve || m_action == RolloutAction::Deny;
                (decision ? input.remark : input.reason) = parser.value(reason);
                if (isWindowed(m_action))
                    input.windowOverrideReason = parser.value(overrideWindow);
                const auto summary = await<RolloutSummary>([&](QObject *context, auto done) {
                    client().rollouts().act(parser.positionalArguments().constFirst(), m_action, input, context, done);
                });
                if (!summary)
                    return failCall(summary.error());
                json() ? printJson(summary->json) : RolloutPrinter::printSummary(summary.value());
                return Ok;
            }

        private:
            bool needsReason() const
            {
                return m_action == RolloutAction::Deny || m_action == RolloutAction::Stop || m_action == RolloutAction::Rollback;
            }

            RolloutAction m_action;
        };
    } // namespace

    std::unique_ptr<Command> makeRolloutCommand()
    {
        std::vector<std::unique_ptr<Command>> commands;
        commands.push_back(std::make_unique<RolloutCreateCommand>());
        commands.push_back(std::make_unique<RolloutListCommand>());
        commands.push_back(std::make_unique<RolloutShowCommand>());
        for (RolloutAction action : {RolloutAction::Approve, RolloutAction::Deny, RolloutAction::Start, RolloutAction::Pause,
                                     RolloutAction::Resume, RolloutAction::Advance, RolloutAction::Stop, RolloutAction::Rollback})
            commands.push_back(std::make_unique<RolloutActionCommand>(action));
        commands.push_back(std::make_unique<RolloutWatchCommand>());
        return std::make_unique<CommandGroup>(u"rollout"_s, u"Staged rollouts on the server: create, list, show, act, watch"_s,
                                              std::move(commands));
    }
} // namespace Cli
