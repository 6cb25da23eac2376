#include "models/rollouttimeline.h"

#include <algorithm>

#include <QJsonArray>

#include "rollout/isotime.h"

namespace Models
{
    namespace
    {
        enum class Curve
        {
            None,
            Succeeded,
            Failed,
            RolledBack,
        };

        Curve curveOf(const QString &state)
        {
            if (state == QStringLiteral("SUCCEEDED"))
                return Curve::Succeeded;
            if (state == QStringLiteral("ROLLED_BACK"))
                return Curve::RolledBack;
            if (state == QStringLiteral("FAILED") || state == QStringLiteral("TIMED_OUT") || state == QStringLiteral("REJECTED"))
                return Curve::Failed;
            return Curve::None;
        }

        struct Step
        {
            qint64 at;
            Curve from;
            Curve to;
        };

        // A step curve: flat until the next change, then straight up.
        void push(QList<QPointF> &curve, qint64 at, int value)
        {
            if (!curve.isEmpty())
                curve.append(QPointF(double(at), curve.constLast().y()));
            curve.append(QPointF(double(at), value));
        }
    } // namespace

    int RolloutTimeline::peak() const
    {
        int top = 0;
        // Over the whole span: a curve can fall (successes rolled back).
        for (const QList<QPointF> *curve : {&succeeded, &failed, &rolledBack})
            for (const QPointF &p : *curve)
                top = qMax(top, int(p.y()));
        return top;
    }

    RolloutTimeline RolloutTimeline::fromDevices(const QList<Rollout::RolloutDevice> &devices, const QDateTime &until)
    {
        QList<Step> steps;
        for (const Rollout::RolloutDevice &d : devices) {
            // A device leaves a final state too (a success rolled back by
            // break-glass), so each change moves it from one curve to another.
            Curve current = Curve::None;
            for (const QJsonValue &v : d.json.value(QStringLiteral("history")).toArray()) {
                const QJsonObject h = v.toObject();
                const Curve next = curveOf(h.value(QStringLiteral("to")).toString());
                if (next == current)
                    continue;
                const QDateTime at = Rollout::IsoTime::parse(h.value(QStringLiteral("at")).toString());
                if (at.isValid())
                    steps.append({at.toMSecsSinceEpoch(), current, next});
                current = next;
            }
        }
        RolloutTimeline t;
        if (steps.isEmpty())
            return t;
        std::stable_sort(steps.begin(), steps.end(), [](const Step &a, const Step &b) { return a.at < b.at; });
        int counts[4] = {0, 0, 0, 0};
        QList<QPointF> *curves[4] = {nullptr, &t.succeeded, &t.failed, &t.rolledBack};
        const qint64 start = steps.constFirst().at;
        for (QList<QPointF> *curve : {&t.succeeded, &t.failed, &t.rolledBack})
            curve->append(QPointF(double(start), 0));
        for (const Step &s : steps) {
            for (Curve c : {s.from, s.to}) {
                if (c == Curve::None)
                    continue;
                counts[int(c)] += c == s.to ? 1 : -1;
                push(*curves[int(c)], s.at, counts[int(c)]);
            }
        }
        const qint64 end = qMax(steps.constLast().at, until.isValid() ? until.toMSecsSinceEpoch() : 0);
        for (QList<QPointF> *curve : {&t.succeeded, &t.failed, &t.rolledBack})
            curve->append(QPointF(double(end), curve->constLast().y()));
        t.first = QDateTime::fromMSecsSinceEpoch(start, Qt::UTC);
        t.last = QDateTime::fromMSecsSinceEpoch(end, Qt::UTC);
        return t;
    }
} // namespace Models
