#include "auditcommand.h"

#include <QJsonArray>

#include "texttable.h"

using namespace Qt::Literals::StringLiterals;
using namespace Rollout;

namespace Cli
{
    QString AuditCommand::summary() const
    {
        return u"Without options: every audit entry (after --after SEQ), oldest first: sequence number, time, "
               u"actor, action, target, result and reason. --verify walks the whole hash chain on the server and "
               u"exits 1 when an entry was removed or edited, naming the first bad one; keep the head hash it "
               u"prints elsewhere to notice a cut tail. --export csv|json writes the whole log to stdout as the "
               u"server exports it.\n\nNeeds an operator token. Exit codes: 0 done (chain intact), 1 refused, "
               u"unreachable or a broken chain, 2 usage error."_s;
    }

    int AuditCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption verifyOption(u"verify"_s, u"Check the hash chain of the whole log."_s);
        const QCommandLineOption exportOption(u"export"_s, u"Write the whole log to stdout: csv or json."_s, u"format"_s);
        const QCommandLineOption afterOption(u"after"_s, u"List only entries after this sequence number."_s, u"seq"_s, u"0"_s);
        parser.addOptions({verifyOption, exportOption, afterOption});
        addServerOptions(parser);
        if (auto done = parse(parser, arguments, QString()))
            return *done;
        if (!parser.positionalArguments().isEmpty())
            return fail(UsageError, u"takes no arguments; try 'otactl audit --help'"_s);
        if (parser.isSet(verifyOption) && parser.isSet(exportOption))
            return fail(UsageError, u"give --verify or --export, not both"_s);
        const QString format = parser.value(exportOption);
        if (parser.isSet(exportOption) && format != u"csv"_s && format != u"json"_s)
            return fail(UsageError, u"--export '%1': the formats are csv and json"_s.arg(format));
        bool ok = false;
        const qint64 after = parser.value(afterOption).toLongLong(&ok);
        if (!ok || after < 0)
            return fail(UsageError, u"--after '%1' must be a sequence number (0 or more)"_s.arg(parser.value(afterOption)));
        if (auto stop = connectToServer(parser))
            return *stop;
        if (parser.isSet(verifyOption))
            return verify();
        if (parser.isSet(exportOption))
            return exportLog(format == u"csv"_s ? AuditApi::ExportFormat::Csv : AuditApi::ExportFormat::Json);
        return list(after);
    }

    int AuditCommand::list(qint64 after)
    {
        QList<AuditEntry> entries;
        // Page by page: the server answers at most MaxPage entries a call.
        for (;;) {
            const auto page = await<QList<AuditEntry>>([&](QObject *context, auto done) {
                client().audit().entries(after, AuditApi::MaxPage, context, done);
            });
            if (!page)
                return failCall(page.error());
            entries += page.value();
            if (page->size() < AuditApi::MaxPage)
                break;
            after = page->constLast().seq;
        }
        if (json()) {
            printJson(QJsonObject{{u"entries"_s, jsonList(entries)}});
            return Ok;
        }
        TextTable table({u"SEQ"_s, u"AT"_s, u"ACTOR"_s, u"ACTION"_s, u"TARGET"_s, u"RESULT"_s, u"REASON"_s});
        for (const AuditEntry &entry : std::as_const(entries)) {
            table.addRow({QString::number(entry.seq), formatTime(entry.at), entry.actor, entry.action, entry.target,
                          entry.result, entry.reason});
        }
        table.print(out());
        return Ok;
    }

    int AuditCommand::verify()
    {
        const auto verification = await<AuditVerification>([&](QObject *context, auto done) {
            client().audit().verify(context, done);
        });
        if (!verification)
            return failCall(verification.error());
        if (json())
            printJson(verification->json);
        if (!verification->ok) {
            return fail(CheckFailed, u"the audit chain is broken at entry %1: %2 (%3 entries)"_s.arg(verification->firstBadSeq)
                                         .arg(verification->problem)
                                         .arg(verification->entries));
        }
        if (!json())
            out() << "audit chain intact: " << verification->entries << " entries, head hash " << verification->headHash << "\n";
        return Ok;
    }

    int AuditCommand::exportLog(AuditApi::ExportFormat format)
    {
        const auto data = await<QByteArray>([&](QObject *context, auto done) { client().audit().exportLog(format, context, done); });
        if (!data)
            return failCall(data.error());
        out().flush();
        // Bytes as the server sent them: the CSV is RFC 4180, not text to re-encode.
        fwrite(data->constData(), 1, size_t(data->size()), stdout);
        fflush(stdout);
        return Ok;
    }
} // namespace Cli
