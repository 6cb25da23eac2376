#include "discovercommand.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnstransport.h"

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;

namespace Cli
{
    namespace
    {
        const QStringList DefaultTypes {u"_arduino._tcp"_s, u"_esphomelib._tcp"_s, u"_otarollout._tcp"_s};

        QString addressesText(const ServiceInstance &instance)
        {
            QStringList addresses;
            for (const QHostAddress &address : instance.addresses)
                addresses.append(address.toString());
            return addresses.join(u',');
        }

        QString ageText(const QDateTime &when)
        {
            const qint64 seconds = when.secsTo(QDateTime::currentDateTimeUtc());
            return seconds < 1 ? u"now"_s : u"%1 s ago"_s.arg(seconds);
        }

        QJsonObject toJson(const ServiceInstance &instance)
        {
            QJsonObject txt;
            for (auto it = instance.txt.cbegin(); it != instance.txt.cend(); ++it)
                txt.insert(it.key(), it.value());
            QJsonArray addresses;
            for (const QHostAddress &address : instance.addresses)
                addresses.append(address.toString());
            return QJsonObject {
                {u"instance"_s, instance.instanceName},
                {u"type"_s, instance.serviceType},
                {u"host"_s, instance.hostName},
                {u"port"_s, instance.port},
                {u"addresses"_s, addresses},
                {u"txt"_s, txt},
                {u"lastHeard"_s, instance.lastHeard.toString(Qt::ISODateWithMs)},
                {u"lastHeardVia"_s, heardViaName(instance.lastHeardVia)},
            };
        }

        QString line(const ServiceInstance &instance)
        {
            QStringList txt;
            for (const QByteArray &entry : instance.txtStrings)
                txt.append(QString::fromUtf8(entry));
            return u"%1  %2  %3:%4  %5  [%6]  heard %7 (%8)"_s.arg(
                instance.serviceType.leftJustified(17), instance.instanceName, instance.hostName,
                QString::number(instance.port), addressesText(instance), txt.join(u' '), ageText(instance.lastHeard),
                heardViaName(instance.lastHeardVia));
        }
    } // namespace

    QString DiscoverCommand::summary() const
    {
        return u"Browse the LAN by mDNS / DNS-SD for ArduinoOTA devices (_arduino._tcp), ESPHome devices "
               u"(_esphomelib._tcp) and rollout servers (_otarollout._tcp), resolve each to host, addresses, "
               u"port and TXT, and print them with when and how each was last heard. With --watch, prints "
               u"each change as it happens (+ added, ~ updated, - removed with the reason) until interrupted."
               u"\n\nExit codes: 0 done (even if nothing was found), 1 mDNS could not start (stderr says why), "
               u"2 usage error."_s;
    }

    int DiscoverCommand::run(const QStringList &arguments)
    {
        QCommandLineParser parser;
        const QCommandLineOption type(u"type"_s, u"A service type to browse, e.g. _arduino._tcp; repeat for several (default: the three above)."_s, u"type"_s);
        const QCommandLineOption timeout(u"timeout"_s, u"How long to listen before printing, in seconds (default 3)."_s, u"seconds"_s, u"3"_s);
        const QCommandLineOption interface(u"interface"_s, u"Listen on this interface only; repeat for several (default: all that can multicast, and loopback)."_s, u"name"_s);
        const QCommandLineOption json(u"json"_s, u"Print JSON (with --watch: one JSON object per line)."_s);
        const QCommandLineOption watch(u"watch"_s, u"Keep browsing and print every change."_s);
        parser.addOptions({type, timeout, interface, json, watch});
        if (auto done = parse(parser, arguments, QString()))
            return *done;
        if (!parser.positionalArguments().isEmpty())
            return fail(UsageError, u"discover takes no arguments; try 'otactl discover --help'"_s);
        bool secondsOk = false;
        const double seconds = parser.value(timeout).toDouble(&secondsOk);
        if (!secondsOk || seconds <= 0 || seconds > 24 * 3600)
            return fail(UsageError, u"--timeout '%1' is not a number of seconds between 0 and 86400"_s.arg(parser.value(timeout)));
        const QStringList types = parser.isSet(type) ? parser.values(type) : DefaultTypes;
        for (const QString &t : types) {
            if (!t.startsWith(u'_') || !(t.endsWith(u"._tcp"_s) || t.endsWith(u"._udp"_s)))
                return fail(UsageError, u"'%1' is not a DNS-SD service type; it looks like _name._tcp or _name._udp"_s.arg(t));
        }

        MdnsTransport transport(parser.values(interface));
        QString error;
        if (!transport.start(&error))
            return fail(CheckFailed, error);
        MdnsBrowser browser(&transport, types);
        const bool asJson = parser.isSet(json);

        if (parser.isSet(watch)) {
            const auto emitEvent = [asJson](const QString &event, const ServiceInstance &instance, const QString &reason) {
                if (asJson) {
                    QJsonObject object = toJson(instance);
                    object.insert(u"event"_s, event);
                    if (!reason.isEmpty())
                        object.insert(u"reason"_s, reason);
                    out() << QJsonDocument(object).toJson(QJsonDocument::Compact) << "\n";
                } else {
                    const QString mark = event == u"added" ? u"+"_s : event == u"updated" ? u"~"_s : u"-"_s;
                    out() << mark << " " << line(instance) << (reason.isEmpty() ? QString() : u"  (%1)"_s.arg(reason)) << "\n";
                }
                out().flush();
            };
            QObject::connect(&browser, &MdnsBrowser::instanceAdded, &browser,
                             [emitEvent](const ServiceInstance &i) { emitEvent(u"added"_s, i, {}); });
            QObject::connect(&browser, &MdnsBrowser::instanceUpdated, &browser,
                             [emitEvent](const ServiceInstance &i) { emitEvent(u"updated"_s, i, {}); });
            QObject::connect(&browser, &MdnsBrowser::instanceRemoved, &browser,
                             [emitEvent](const ServiceInstance &i, RemovalReason r) { emitEvent(u"removed"_s, i, removalReasonName(r)); });
            browser.start();
            return QCoreApplication::exec();
        }

        browser.start();
        QTimer::singleShot(int(seconds * 1000), &browser, [] { QCoreApplication::exit(0); });
        QCoreApplication::exec();

        QList<ServiceInstance> found = browser.instances();
        std::sort(found.begin(), found.end(), [](const ServiceInstance &a, const ServiceInstance &b) {
            return std::pair(a.serviceType, a.instanceName.toLower()) < std::pair(b.serviceType, b.instanceName.toLower());
        });
        if (asJson) {
            QJsonArray array;
            for (const ServiceInstance &instance : found)
                array.append(toJson(instance));
            out() << QJsonDocument(array).toJson(QJsonDocument::Indented);
        } else if (found.isEmpty()) {
            out() << "nothing found in " << seconds << " s on " << transport.interfaces().size() << " interface(s)\n";
        } else {
            for (const ServiceInstance &instance : found)
                out() << line(instance) << "\n";
        }
        return Ok;
    }
} // namespace Cli
