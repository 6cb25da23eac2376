#include "scenario.h"

#include <functional>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        constexpr int MaxDevices = 4096;

        struct Draft
        {
            LanDeviceConfig config;
            QSet<QString> set; // fields given somewhere
            int count = 1;
        };

        using Error = std::optional<QString>;

        Error readInteger(const QJsonValue &value, qint64 min, qint64 max, qint64 &out)
        {
            bool ok = false;
            qint64 number = 0;
            if (value.isDouble()) {
                const double d = value.toDouble();
                ok = d == double(qint64(d));
                number = qint64(d);
            } else if (value.isString()) {
                number = value.toString().toLongLong(&ok, 0); // "0x1E0000" works too
            }
            if (!ok)
                return u"expected a whole number"_s;
            if (number < min || number > max)
                return u"%1 is out of range; use %2 to %3"_s.arg(number).arg(min).arg(max);
            out = number;
            return std::nullopt;
        }

        Error readString(const QJsonValue &value, bool allowEmpty, QString &out)
        {
            if (!value.isString())
                return u"expected a string"_s;
            if (!allowEmpty && value.toString().isEmpty())
                return u"must not be empty"_s;
            out = value.toString();
            return std::nullopt;
        }

        template<typename T>
        Error readNumber(const QJsonValue &value, qint64 min, qint64 max, T &out)
        {
            qint64 number = 0;
            if (Error error = readInteger(value, min, max, number))
                return error;
            out = static_cast<T>(number);
            return std::nullopt;
        }

        Error apply(Draft &draft, const QString &field, const QJsonValue &value, bool deviceEntry)
        {
            LanDeviceConfig &c = draft.config;
            Error error;
            if (field == u"count" && deviceEntry) {
                error = readNumber(value, 1, MaxDevices, draft.count);
            } else if (field == u"hostName") {
                error = readString(value, false, c.hostName);
                static const QRegularExpression label(u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
                if (!error && !label.match(c.hostName).hasMatch())
                    error = u"'%1' is not a DNS label; use letters, digits and '-' (at most 63)"_s.arg(c.hostName);
            } else if (field == u"address") {
                QString text;
                error = readString(value, false, text);
                if (!error && (!c.address.setAddress(text) || c.address.protocol() != QAbstractSocket::IPv4Protocol))
                    error = u"'%1' is not an IPv4 address; use one in 127.0.0.0/8 such as 127.0.0.10"_s.arg(text);
            } else if (field == u"port") {
                error = readNumber(value, 1, 65535, c.port);
            } else if (field == u"flavour") {
                QString text;
                error = readString(value, false, text);
                const auto flavour = Espota::flavourByName(text);
                if (!error && !flavour)
                    error = u"'%1' is not a flavour; use esp32-pbkdf2, esp32-md5 or esp8266"_s.arg(text);
                else if (flavour)
                    c.flavour = *flavour;
            } else if (field == u"board") {
                error = readString(value, false, c.board);
            } else if (field == u"password") {
                error = readString(value, true, c.password);
            } else if (field == u"passwordEnv") {
                QString variable;
                error = readString(value, false, variable);
                if (!error && !qEnvironmentVariableIsSet(variable.toLocal8Bit().constData()))
                    error = u"the environment variable %1 is not set; export it with the password"_s.arg(variable);
                else if (!error)
                    c.password = qEnvironmentVariable(variable.toLocal8Bit().constData());
            } else if (field == u"passwordStoredAsMd5") {
                if (!value.isBool())
                    error = u"expected true or false"_s;
                c.passwordStoredAsMd5 = value.toBool();
            } else if (field == u"version") {
                error = readString(value, false, c.version);
            } else if (field == u"stateDir") {
                error = readString(value, false, c.stateDir);
            } else if (field == u"linkDelayMs") {
                error = readNumber(value, 0, 60000, c.linkDelayMs);
            } else if (field == u"flashBytesPerSecond") {
                error = readNumber(value, 0, 1000000000, c.flashBytesPerSecond);
            } else if (field == u"appPartitionSize") {
                error = readNumber(value, 0, 0x4000000, c.appPartitionSize);
            } else if (field == u"fsPartitionSize") {
                error = readNumber(value, 0, 0x4000000, c.fsPartitionSize);
            } else if (field == u"rebootSilenceMs") {
                error = readNumber(value, 0, 600000, c.rebootSilenceMs);
            } else if (field == u"failure") {
                QString text;
                error = readString(value, false, text);
                const auto failure = lanFailureByName(text);
                if (!error && !failure)
                    error = u"'%1' is not a failure mode; use one of %2"_s.arg(text, lanFailureNames().join(u", "));
                else if (failure)
                    c.failure = *failure;
            } else if (field == u"failureAtPercent") {
                error = readNumber(value, 0, 100, c.failureAtPercent);
            } else {
                return u"unknown field; known fields are %1"_s.arg(Scenario::fieldNames().join(u", "));
            }
            if (!error)
                draft.set.insert(field);
            return error;
        }

        Error applyAll(Draft &draft, const QJsonObject &fields, bool deviceEntry,
                       const std::function<QString(const QString &)> &where)
        {
            for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
                if (Error error = apply(draft, it.key(), it.value(), deviceEntry))
                    return u"%1: %2"_s.arg(where(it.key()), *error);
            }
            return std::nullopt;
        }

        // Fills what follows from flavour and address, checks the fleet as a whole.
        Result<QList<LanDeviceConfig>, QString> complete(const QList<Draft> &drafts, const FleetBase &base,
                                                         const std::function<QString(int)> &entryName)
        {
            QList<LanDeviceConfig> devices;
            quint32 next = base.baseAddress.toIPv4Address();
            const bool loopbackBase = base.baseAddress.isLoopback();
            QHash<QString, int> hostNames;
            QHash<QString, int> endpoints;
            for (int entry = 0; entry < drafts.size(); ++entry) {
                const Draft &draft = drafts.at(entry);
                for (int copy = 0; copy < draft.count; ++copy) {
                    LanDeviceConfig c = draft.config;
                    const QString name = draft.count > 1 ? u"%1 (copy %2)"_s.arg(entryName(entry)).arg(copy + 1)
                                                         : entryName(entry);
                    if (!draft.set.contains(u"address"_s) || copy > 0) {
                        if (draft.set.contains(u"address"_s))
                            c.address = QHostAddress(c.address.toIPv4Address() + quint32(copy));
                        else
                            c.address = QHostAddress(next++);
                        if (loopbackBase && !c.address.isLoopback())
                            return u"%1: address %2 left 127.0.0.0/8; use a lower base address or fewer devices"_s
                                .arg(name, c.address.toString());
                    }
                    const bool esp8266 = c.flavour == Espota::Flavour::Esp8266;
                    if (!draft.set.contains(u"port"_s))
                        c.port = esp8266 ? Espota::Esp8266DefaultPort : Espota::Esp32DefaultPort;
                    if (!draft.set.contains(u"board"_s))
                        c.board = esp8266 ? u"generic"_s : u"esp32"_s;
                    if (!draft.set.contains(u"hostName"_s) || copy > 0)
                        c.hostName = draft.set.contains(u"hostName"_s) ? u"%1-%2"_s.arg(c.hostName).arg(copy + 1)
                                                                       : defaultHostName(c.flavour, c.address);
                    if (!draft.set.contains(u"stateDir"_s))
                        c.stateDir = base.stateDir;
                    if (c.passwordStoredAsMd5 && c.password.isEmpty())
                        return u"%1: passwordStoredAsMd5 needs a password (password or passwordEnv)"_s.arg(name);
                    const QString endpoint = u"%1:%2"_s.arg(c.address.toString()).arg(c.port);
                    if (hostNames.contains(c.hostName))
                        return u"%1: host name %2 is used twice; give each device its own"_s.arg(name, c.hostName);
                    if (endpoints.contains(endpoint))
                        return u"%1: %2 is used twice; give each device its own address"_s.arg(name, endpoint);
                    hostNames.insert(c.hostName, entry);
                    endpoints.insert(endpoint, entry);
                    devices.append(c);
                    if (devices.size() > MaxDevices)
                        return u"more than %1 devices; split the fleet"_s.arg(MaxDevices);
                }
            }
            return devices;
        }

        Error applyBase(Draft &draft, const FleetBase &base)
        {
            return applyAll(draft, base.fields, false,
                            [&base](const QString &field) { return base.sources.value(field, field); });
        }
    } // namespace

    QStringList Scenario::fieldNames()
    {
        return {u"hostName"_s,         u"address"_s,          u"port"_s,           u"flavour"_s,
                u"board"_s,            u"password"_s,         u"passwordEnv"_s,    u"passwordStoredAsMd5"_s,
                u"version"_s,          u"stateDir"_s,         u"linkDelayMs"_s,    u"flashBytesPerSecond"_s,
                u"appPartitionSize"_s, u"fsPartitionSize"_s,  u"rebootSilenceMs"_s, u"failure"_s,
                u"failureAtPercent"_s};
    }

    Result<QList<LanDeviceConfig>, QString> Scenario::generate(const FleetBase &base, int count)
    {
        Draft draft;
        if (Error error = applyBase(draft, base))
            return *error;
        if (count < 0 || count > MaxDevices)
            return u"--lan-devices: %1 is out of range; use 0 to %2"_s.arg(count).arg(MaxDevices);
        draft.count = count;
        if (count == 0)
            return QList<LanDeviceConfig>();
        return complete({draft}, base, [](int) { return u"--lan-devices"_s; });
    }

    Result<QList<LanDeviceConfig>, QString> Scenario::parse(const QByteArray &json, const QString &fileName,
                                                            const FleetBase &base)
    {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
        if (document.isNull())
            return u"%1: not JSON (%2 at byte %3)"_s.arg(fileName, parseError.errorString()).arg(parseError.offset);
        if (!document.isObject())
            return u"%1: expected an object with \"defaults\" and \"devices\""_s.arg(fileName);
        const QJsonObject root = document.object();
        FleetBase effective = base;
        for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
            if (it.key() == u"baseAddress") {
                if (!effective.baseAddress.setAddress(it.value().toString())
                    || effective.baseAddress.protocol() != QAbstractSocket::IPv4Protocol)
                    return u"%1: baseAddress: expected an IPv4 address such as \"127.0.0.10\""_s.arg(fileName);
            } else if (it.key() != u"defaults" && it.key() != u"devices" && it.key() != u"agents") {
                return u"%1: %2: unknown key; a scenario has \"baseAddress\", \"defaults\", \"devices\" and "
                       "\"agents\""_s.arg(fileName, it.key());
            }
        }
        if (root.contains(u"defaults"_s) && !root.value(u"defaults"_s).isObject())
            return u"%1: defaults: expected an object of device fields"_s.arg(fileName);
        const QJsonValue devicesValue = root.value(u"devices"_s);
        // A fleet of rollout agents alone has no LAN devices (AgentScenario reads "agents").
        if (!root.contains(u"devices"_s) && root.contains(u"agents"_s))
            return QList<LanDeviceConfig>();
        if (!devicesValue.isArray() || devicesValue.toArray().isEmpty())
            return u"%1: devices: expected a non-empty array of device objects ({} takes the defaults)"_s.arg(fileName);

        Draft defaults;
        if (Error error = applyBase(defaults, effective))
            return *error;
        if (Error error = applyAll(defaults, root.value(u"defaults"_s).toObject(), false, [&fileName](const QString &field) {
                return u"%1: defaults.%2"_s.arg(fileName, field);
            }))
            return *error;

        QList<Draft> drafts;
        const QJsonArray entries = devicesValue.toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (!entries.at(i).isObject())
                return u"%1: devices[%2]: expected an object of device fields"_s.arg(fileName).arg(i);
            Draft draft = defaults;
            if (Error error = applyAll(draft, entries.at(i).toObject(), true, [&fileName, i](const QString &field) {
                    return u"%1: devices[%2].%3"_s.arg(fileName).arg(i).arg(field);
                }))
                return *error;
            drafts.append(draft);
        }
        return complete(drafts, effective,
                        [&fileName](int entry) { return u"%1: devices[%2]"_s.arg(fileName).arg(entry); });
    }

    Result<QList<LanDeviceConfig>, QString> Scenario::readFile(const QString &path, const FleetBase &base)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return u"--scenario: cannot read %1: %2"_s.arg(path, file.errorString());
        return parse(file.readAll(), path, base);
    }
} // namespace Simulator
