#include "models/rolloutrefusal.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace Models
{
    namespace
    {
        using Field = RolloutRefusal::Field;

        Field fieldOfProblem(const QString &problem)
        {
            struct Prefix
            {
                const char16_t *text;
                Field field;
            };
            static const Prefix prefixes[] = {
                {u"name", Field::Name},
                {u"release", Field::Release},
                {u"targets", Field::Targets},
                {u"no device matches", Field::Targets},
                {u"stage", Field::Stages}, // "stage 1 (canary): ...", "stages: ..."
                {u"abort rule", Field::AbortRules},
                {u"perDeviceTimeoutSeconds", Field::Options},
                {u"retries", Field::Options},
                {u"batteryDeferBelow", Field::Options},
                {u"maintenanceWindow", Field::MaintenanceWindow},
            };
            for (const Prefix &prefix : prefixes) {
                if (problem.startsWith(QString::fromUtf16(prefix.text)))
                    return prefix.field;
            }
            return Field::General;
        }
    } // namespace

    QMap<Field, QStringList> RolloutRefusal::split(const QString &code, const QString &message)
    {
        QMap<Field, QStringList> byField;
        if (code == u"conflict"_s) {
            byField[Field::Targets].append(message);
            return byField;
        }
        if (code == u"window-closed"_s) {
            byField[Field::WindowOverride].append(message);
            return byField;
        }
        if (code == u"release-key-revoked"_s || code == u"not-found"_s) {
            byField[Field::Release].append(message);
            return byField;
        }
        // "rollout refused: ..." or "rollout 'x' refused: ...": the problems follow.
        static const QRegularExpression lead(u"^rollout( '.*?')? refused: "_s);
        QString rest = message;
        if (const QRegularExpressionMatch match = lead.match(message); match.hasMatch())
            rest = message.mid(match.capturedEnd());
        for (const QString &problem : rest.split(u"; "_s, Qt::SkipEmptyParts))
            byField[fieldOfProblem(problem.trimmed())].append(problem.trimmed());
        return byField;
    }
} // namespace Models
