#include "agentscenario.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include "firmware/chip.h"

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        using Error = std::optional<QString>;

        struct Range
        {
            double min = 0;
            double max = 0;
            std::optional<double> mean; // set: a normal distribution clipped to [min, max]
            double stddev = 0;
        };

        struct Draft
        {
            AgentConfig config;
            QHash<AgentFailure, double> rates; // fraction of the group's devices
            Range battery{60, 100, std::nullopt, 0};
            Range rssi{-75, -50, std::nullopt, 0};
            int count = 1;
            QString idFormat = u"agent-{n}"_s;
            int firstIndex = 1;
            int spreadOver = 1;
        };

        // The draws use std::mt19937_64's raw output only: the standard fixes
        // its sequence, while std::uniform_real_distribution and friends
        // differ between standard libraries.
        class Draws
        {
        public:
            explicit Draws(quint64 seed) : m_engine(seed) {}
            double uniform() { return double(m_engine() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
            double between(double low, double high) { return low + (high - low) * uniform(); }
            qsizetype below(qsizetype n) { return qsizetype(uniform() * double(n)); }
            double normal(double mean, double stddev)
            {
                const double u1 = 1.0 - uniform(); // (0, 1]: log is finite
                const double u2 = uniform();
                return mean + stddev * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
            }
            double draw(const Range &r)
            {
                if (!r.mean)
                    return between(r.min, r.max);
                return std::clamp(normal(*r.mean, r.stddev), r.min, r.max);
            }

        private:
            std::mt19937_64 m_engine;
        };

        Error readNumber(const QJsonValue &value, double min, double max, double &out)
        {
            if (!value.isDouble())
                return u"expected a number"_s;
            const double d = value.toDouble();
            if (d < min || d > max)
                return u"%1 is out of range; use %2 to %3"_s.arg(d).arg(min).arg(max);
            out = d;
            return std::nullopt;
        }

        template<typename T>
        Error readInteger(const QJsonValue &value, qint64 min, qint64 max, T &out)
        {
            if (!value.isDouble() || value.toDouble() != std::floor(value.toDouble()))
                return u"expected a whole number"_s;
            const double d = value.toDouble();
            if (d < double(min) || d > double(max))
                return u"%1 is out of range; use %2 to %3"_s.arg(d).arg(min).arg(max);
            out = static_cast<T>(d);
            return std::nullopt;
        }

        Error readText(const QJsonValue &value, QString &out)
        {
            if (!value.isString())
                return u"expected a string"_s;
            if (value.toString().trimmed().isEmpty())
                return u"must not be empty"_s;
            out = value.toString();
            return std::nullopt;
        }

        Error readNames(const QJsonValue &value, QStringList &out, const QString &what)
        {
            if (!value.isArray())
                return u"expected an array of %1"_s.arg(what);
            QStringList names;
            for (const QJsonValue &item : value.toArray()) {
                if (!item.isString() || item.toString().isEmpty() || item.toString().size() > 64)
                    return u"every %1 must be a string of 1 to 64 characters"_s.arg(what);
                names.append(item.toString());
            }
            if (names.size() > 32)
                return u"%1 %2 given; at most 32"_s.arg(names.size()).arg(what);
            out = names;
            return std::nullopt;
        }

        Error readRange(const QJsonValue &value, double min, double max, Range &out)
        {
            if (!value.isObject())
                return u"expected {\"min\": A, \"max\": B} (uniform) or {\"mean\": M, \"stddev\": S, \"min\": A, "
                       "\"max\": B} (normal, clipped)"_s;
            Range r{min, max, std::nullopt, 0};
            const QJsonObject o = value.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                Error error;
                if (it.key() == u"min") {
                    error = readNumber(it.value(), min, max, r.min);
                } else if (it.key() == u"max") {
                    error = readNumber(it.value(), min, max, r.max);
                } else if (it.key() == u"mean") {
                    double mean = 0;
                    error = readNumber(it.value(), min, max, mean);
                    r.mean = mean;
                } else if (it.key() == u"stddev") {
                    error = readNumber(it.value(), 0, max - min, r.stddev);
                } else {
                    return u"%1: unknown key; use min, max, mean and stddev"_s.arg(it.key());
                }
                if (error)
                    return u"%1: %2"_s.arg(it.key(), *error);
            }
            if (r.min > r.max)
                return u"min %1 is above max %2"_s.arg(r.min).arg(r.max);
            if (o.contains(u"stddev"_s) && !r.mean)
                return u"stddev needs a mean"_s;
            out = r;
            return std::nullopt;
        }

        Error readRates(const QJsonValue &value, QHash<AgentFailure, double> &rates)
        {
            if (!value.isObject())
                return u"expected an object of failure rates, e.g. {\"healthCheck\": 0.01}"_s;
            QStringList keys;
            for (AgentFailure f : agentFailures())
                keys.append(agentFailureRateKey(f));
            const QJsonObject o = value.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                const qsizetype index = keys.indexOf(it.key());
                if (index < 0)
                    return u"%1: unknown failure; known failures are %2"_s.arg(it.key(), keys.join(u", "));
                double rate = 0;
                if (Error error = readNumber(it.value(), 0, 1, rate))
                    return u"%1: %2 (a fraction of the devices, 0 to 1)"_s.arg(it.key(), *error);
                rates.insert(agentFailures().at(index), rate);
            }
            return std::nullopt;
        }

        Error apply(Draft &d, const QString &field, const QJsonValue &value, bool group)
        {
            AgentConfig &c = d.config;
            if (group && field == u"count")
                return readInteger(value, 1, AgentScenario::MaxAgents, d.count);
            if (group && field == u"firstIndex")
                return readInteger(value, 0, 99999999, d.firstIndex);
            if (field == u"idFormat") {
                if (Error error = readText(value, d.idFormat))
                    return error;
                if (!d.idFormat.contains(u"{n}"_s))
                    return u"'%1' has no {n}; every device needs its own id, e.g. \"sb-b{spread}-{n}\""_s.arg(d.idFormat);
                return std::nullopt;
            }
            if (field == u"spreadOver")
                return readInteger(value, 1, 999, d.spreadOver);
            if (field == u"tags")
                return readNames(value, c.tags, u"tag"_s);
            if (field == u"chip") {
                QString text;
                if (Error error = readText(value, text))
                    return error;
                const auto chip = Firmware::chipByName(text);
                if (!chip)
                    return u"'%1' is not a chip; use a manifest chip key such as esp32 or esp32c3"_s.arg(text);
                c.chip = chip->key;
                return std::nullopt;
            }
            if (field == u"board")
                return readText(value, c.board);
            if (field == u"project")
                return readText(value, c.project);
            if (field == u"version")
                return readText(value, c.version);
            if (field == u"battery") {
                if (value.isDouble()) {
                    double fixed = 0;
                    if (Error error = readNumber(value, 0, 100, fixed))
                        return error;
                    d.battery = Range{fixed, fixed, std::nullopt, 0};
                    return std::nullopt;
                }
                return readRange(value, 0, 100, d.battery);
            }
            if (field == u"batteryDrainPerHour")
                return readNumber(value, -100, 100, c.batteryDrainPerHour);
            if (field == u"deferBelowPercent")
                return readInteger(value, 0, 100, c.deferBelowPercent);
            if (field == u"rssi")
                return readRange(value, -120, 0, d.rssi);
            if (field == u"downloadBytesPerSecond")
                return readInteger(value, 1, 1000000000, c.downloadBytesPerSecond);
            if (field == u"flashBytesPerSecond")
                return readInteger(value, 1, 1000000000, c.flashBytesPerSecond);
            if (field == u"otaSlotBytes")
                return readInteger(value, 4096, qint64(1) << 32, c.otaSlotBytes);
            if (field == u"checkInSeconds")
                return readInteger(value, 1, 604800, c.checkInSeconds);
            if (field == u"rebootSeconds")
                return readInteger(value, 0, 86400, c.rebootSeconds);
            if (field == u"healthCheckSeconds")
                return readInteger(value, 0, 86400, c.healthCheckSeconds);
            if (field == u"downloadTimeoutSeconds")
                return readInteger(value, 1, 86400, c.downloadTimeoutSeconds);
            if (field == u"healthChecks") {
                if (Error error = readNames(value, c.healthChecks, u"health check name"_s))
                    return error;
                return c.healthChecks.isEmpty() ? Error(u"give at least one health check"_s) : std::nullopt;
            }
            if (field == u"failingCheck")
                return readText(value, c.failingCheck);
            if (field == u"failures")
                return readRates(value, d.rates);
            if (field == u"lan") {
                if (!value.isBool())
                    return u"expected true or false"_s;
                c.alsoLan = value.toBool();
                return std::nullopt;
            }
            return u"unknown field; known fields are %1"_s.arg(AgentScenario::fieldNames().join(u", "));
        }

        Error applyAll(Draft &draft, const QJsonObject &fields, bool group,
                       const std::function<QString(const QString &)> &where)
        {
            for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
                if (Error error = apply(draft, it.key(), it.value(), group))
                    return u"%1: %2"_s.arg(where(it.key()), *error);
            }
            return std::nullopt;
        }

        QString padded(int value, int width)
        {
            return u"%1"_s.arg(value, width, 10, QLatin1Char('0'));
        }

        // Expands one group: ids, tags, failures placed on drawn devices,
        // batteries and RSSI drawn per device.
        Error expand(const Draft &d, Draws &draws, QList<AgentConfig> &out, const QString &where)
        {
            double total = 0;
            for (double rate : d.rates)
                total += rate;
            if (total > 1.0 + 1e-9)
                return u"%1: failures add up to %2 of the devices; at most 1 (one failure a device)"_s.arg(where).arg(total);
            if (!d.config.healthChecks.contains(d.config.failingCheck) && d.rates.value(AgentFailure::HealthCheck) > 0)
                return u"%1: failingCheck '%2' is not one of healthChecks (%3)"_s.arg(where, d.config.failingCheck,
                                                                                     d.config.healthChecks.join(u", "));
            // Exact counts on a shuffled order: the mix is what the file says,
            // and where it lands depends only on the seed.
            QList<AgentFailure> plan(d.count, AgentFailure::None);
            QList<qsizetype> order(d.count);
            std::iota(order.begin(), order.end(), 0);
            for (qsizetype i = order.size() - 1; i > 0; --i)
                std::swap(order[i], order[draws.below(i + 1)]);
            qsizetype next = 0;
            for (AgentFailure f : agentFailures()) {
                const qsizetype n = qsizetype(std::llround(d.rates.value(f) * d.count));
                for (qsizetype k = 0; k < n && next < order.size(); ++k)
                    plan[order[next++]] = f;
            }
            const int width = std::max(4, int(QString::number(d.firstIndex + d.count - 1).size()));
            for (int i = 0; i < d.count; ++i) {
                AgentConfig c = d.config;
                const QString spread = padded(i % d.spreadOver + 1, 2);
                const QString n = padded(d.firstIndex + i, width);
                c.id = QString(d.idFormat).replace(u"{n}"_s, n).replace(u"{spread}"_s, spread);
                for (QString &tag : c.tags)
                    tag.replace(u"{n}"_s, n).replace(u"{spread}"_s, spread);
                c.failure = plan.at(i);
                c.failureAtFraction = draws.between(0.2, 0.8);
                c.batteryPercent = std::round(draws.draw(d.battery));
                c.rssi = int(std::lround(draws.draw(d.rssi)));
                // A cell that dies mid-update still passed the defer check at the start.
                if (c.failure == AgentFailure::BatteryDies && c.batteryPercent < c.deferBelowPercent)
                    c.batteryPercent = c.deferBelowPercent + 2;
                out.append(c);
            }
            return std::nullopt;
        }

        Error checkIds(const QList<AgentConfig> &agents, const QString &where)
        {
            static const QRegularExpression idPattern(u"^[A-Za-z0-9._:-]{1,64}$"_s);
            QSet<QString> seen;
            for (const AgentConfig &c : agents) {
                if (!idPattern.match(c.id).hasMatch())
                    return u"%1: device id '%2' is not 1 to 64 characters of A-Z a-z 0-9 . _ : -; change idFormat"_s
                        .arg(where, c.id);
                if (seen.contains(c.id))
                    return u"%1: device id %2 is used twice; give the groups different idFormat or firstIndex"_s.arg(
                        where, c.id);
                seen.insert(c.id);
                for (const QString &tag : c.tags)
                    if (tag.isEmpty() || tag.size() > 64)
                        return u"%1: device %2: tag '%3' is not 1 to 64 characters"_s.arg(where, c.id, tag);
            }
            if (agents.size() > AgentScenario::MaxAgents)
                return u"%1: %2 agents; at most %3 in one process"_s.arg(where).arg(agents.size()).arg(AgentScenario::MaxAgents);
            return std::nullopt;
        }

        Error applyBase(Draft &draft, const AgentBase &base)
        {
            return applyAll(draft, base.fields, false,
                            [&base](const QString &field) { return base.sources.value(field, field); });
        }
    } // namespace

    QStringList AgentScenario::fieldNames()
    {
        return {u"count"_s,          u"idFormat"_s,        u"firstIndex"_s,         u"spreadOver"_s,
                u"tags"_s,           u"chip"_s,            u"board"_s,              u"project"_s,
                u"version"_s,        u"battery"_s,         u"batteryDrainPerHour"_s, u"deferBelowPercent"_s,
                u"rssi"_s,           u"downloadBytesPerSecond"_s, u"flashBytesPerSecond"_s, u"otaSlotBytes"_s, u"checkInSeconds"_s,
                u"rebootSeconds"_s,  u"healthCheckSeconds"_s, u"downloadTimeoutSeconds"_s, u"healthChecks"_s,
                u"failingCheck"_s,   u"failures"_s,        u"lan"_s};
    }

    Result<QList<AgentConfig>, QString> AgentScenario::generate(const AgentBase &base, int count)
    {
        if (count < 0 || count > MaxAgents)
            return u"--agents: %1 is out of range; use 0 to %2"_s.arg(count).arg(MaxAgents);
        Draft draft;
        if (Error error = applyBase(draft, base))
            return *error;
        QList<AgentConfig> agents;
        if (count == 0)
            return agents;
        draft.count = count;
        Draws draws(base.seed);
        if (Error error = expand(draft, draws, agents, u"--agents"_s))
            return *error;
        if (Error error = checkIds(agents, u"--agents"_s))
            return *error;
        return agents;
    }

    Result<QList<AgentConfig>, QString> AgentScenario::parse(const QJsonValue &section, const QString &fileName,
                                                             const AgentBase &base)
    {
        const QString at = fileName + u": agents"_s;
        if (!section.isObject())
            return u"%1: expected an object with \"seed\", \"defaults\" and \"groups\""_s.arg(at);
        const QJsonObject root = section.toObject();
        quint64 seed = base.seed;
        for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
            if (it.key() == u"seed") {
                qint64 fileSeed = 0;
                if (Error error = readInteger(it.value(), 0, 9007199254740991LL, fileSeed))
                    return u"%1.seed: %2"_s.arg(at, *error);
                if (!base.seedGiven)
                    seed = quint64(fileSeed);
            } else if (it.key() != u"defaults" && it.key() != u"groups") {
                return u"%1.%2: unknown key; the agents section has \"seed\", \"defaults\" and \"groups\""_s.arg(at, it.key());
            }
        }
        if (root.contains(u"defaults"_s) && !root.value(u"defaults"_s).isObject())
            return u"%1.defaults: expected an object of agent fields"_s.arg(at);
        const QJsonValue groupsValue = root.value(u"groups"_s);
        if (!groupsValue.isArray() || groupsValue.toArray().isEmpty())
            return u"%1.groups: expected a non-empty array of groups ({\"count\": N, ...})"_s.arg(at);

        Draft defaults;
        if (Error error = applyBase(defaults, base))
            return *error;
        if (Error error = applyAll(defaults, root.value(u"defaults"_s).toObject(), false,
                                   [&at](const QString &field) { return u"%1.defaults.%2"_s.arg(at, field); }))
            return *error;

        QList<AgentConfig> agents;
        Draws draws(seed);
        const QJsonArray groups = groupsValue.toArray();
        for (qsizetype i = 0; i < groups.size(); ++i) {
            const QString where = u"%1.groups[%2]"_s.arg(at).arg(i);
            if (!groups.at(i).isObject())
                return u"%1: expected an object of agent fields"_s.arg(where);
            Draft draft = defaults;
            if (Error error = applyAll(draft, groups.at(i).toObject(), true,
                                       [&where](const QString &field) { return u"%1.%2"_s.arg(where, field); }))
                return *error;
            if (Error error = expand(draft, draws, agents, where))
                return *error;
            if (agents.size() > MaxAgents)
                return u"%1: more than %2 agents; at most %2 in one process"_s.arg(at).arg(MaxAgents);
        }
        if (Error error = checkIds(agents, at))
            return *error;
        return agents;
    }
} // namespace Simulator
