// mDNS browse benchmark (issue 3): N instances announced by our responder in
// another process; how long our browser takes from start until all N are
// resolved (host, port, TXT, address), against avahi-browse -rt in the same
// run; and the CPU our browser spends idling with N known instances.
// Run inside a private network namespace: `cmake --build --preset default --target run-bench`.
#include <ctime>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QProcess>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include "discovery/mdnsbrowser.h"
#include "discovery/mdnsresponder.h"
#include "discovery/mdnstransport.h"
#include "mdnspeers.h"

using namespace Discovery;
using namespace Qt::Literals::StringLiterals;

namespace
{
    QTextStream &out()
    {
        static QTextStream stream(stdout);
        return stream;
    }

    double cpuSeconds()
    {
        timespec now {};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
        return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
    }

    // Child process: publish N devices, each with its own host and address,
    // say "ready" once all are announced, answer queries until terminated.
    int runResponder(int count)
    {
        MdnsTransport transport({u"lo"_s});
        QString error;
        if (!transport.start(&error)) {
            QTextStream(stderr) << error << "\n";
            return 1;
        }
        MdnsResponder responder(&transport);
        int announced = 0;
        QObject::connect(&responder, &MdnsResponder::announced, &responder, [&announced, count](int, const QString &) {
            if (++announced == count) {
                out() << "ready\n";
                out().flush();
            }
        });
        for (int i = 0; i < count; ++i) {
            ServiceDescription service;
            service.instanceName = u"esp32-%1"_s.arg(i, 6, 16, QChar(u'0'));
            service.serviceType = u"_arduino._tcp"_s;
            service.port = 3232;
            service.txt = {{"board", "esp32"}, {"tcp_check", "no"}, {"ssh_upload", "no"}, {"auth_upload", "no"}};
            service.hostName = service.instanceName;
            service.addresses = {QHostAddress(quint32((127u << 24) | (1u << 16) | quint32(i + 1)))};
            responder.publish(service);
        }
        return QCoreApplication::exec();
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == u"responder")
        return runResponder(args.at(2).toInt());

    const int count = args.size() > 1 ? args.at(1).toInt() : 500;
    const int idleSeconds = args.size() > 2 ? args.at(2).toInt() : 60;
    if (QNetworkInterface::allInterfaces().size() != 1) {
        QTextStream(stderr) << "run me inside a private network namespace: unshare -rn sh -c 'ip link set lo up; mdnsbench'\n";
        return 2;
    }

    QProcess responder;
    responder.start(QCoreApplication::applicationFilePath(), {u"responder"_s, QString::number(count)});
    QElapsedTimer announcing;
    announcing.start();
    if (!QTest::qWaitFor([&] { return responder.readAllStandardOutput().contains("ready"); }, 120000)) {
        QTextStream(stderr) << "responder did not announce " << count << " services: " << responder.readAllStandardError() << "\n";
        return 1;
    }
    out() << "responder: " << count << " instances probed and announced in " << announcing.elapsed() << " ms\n";
    out().flush();

    {
        MdnsTransport transport({u"lo"_s});
        QString error;
        if (!transport.start(&error))
            return 1;
        MdnsBrowser browser(&transport, {u"_arduino._tcp"_s});
        int resolved = 0;
        QObject::connect(&browser, &MdnsBrowser::instanceAdded, &browser, [&resolved](const ServiceInstance &instance) {
            if (!instance.txt.isEmpty())
                ++resolved;
        });
        QObject::connect(&browser, &MdnsBrowser::instanceUpdated, &browser, [](const ServiceInstance &) {});
        QElapsedTimer browsing;
        browsing.start();
        browser.start();
        const bool all = QTest::qWaitFor([&] { return resolved >= count; }, 30000);
        out() << "ota browser: " << resolved << "/" << count << " resolved in " << browsing.elapsed() << " ms"
              << (all ? "" : " (TIMED OUT)") << "\n";
        out().flush();

        const double cpuBefore = cpuSeconds();
        QElapsedTimer idle;
        idle.start();
        // The application's own event loop, not QTest::qWait: qWait polls
        // every few milliseconds and would be measured as the browser's CPU.
        QTimer::singleShot(idleSeconds * 1000, &browser, [] { QCoreApplication::exit(0); });
        QCoreApplication::exec();
        const double cpu = cpuSeconds() - cpuBefore;
        out() << "ota browser idle with " << browser.instances().size() << " instances: " << QString::number(cpu * 1000, 'f', 1)
              << " ms CPU in " << idle.elapsed() / 1000 << " s (" << QString::number(100.0 * cpu / (idle.elapsed() / 1000.0), 'f', 3)
              << " % of a core)\n";
        out().flush();
    }

    if (const auto reason = TestSupport::AvahiPeer::unavailableReason()) {
        out() << "avahi-browse: skipped (" << *reason << ")\n";
    } else {
        TestSupport::AvahiPeer avahi;
        QString error;
        if (!avahi.start(&error)) {
            out() << "avahi-browse: could not start avahi-daemon: " << error << "\n";
        } else {
            QElapsedTimer browsing;
            browsing.start();
            const QList<TestSupport::MdnsPeerService> found = avahi.browse(u"_arduino._tcp"_s, &error, 60000);
            out() << "avahi-browse -rt: " << found.size() << "/" << count << " resolved in " << browsing.elapsed()
                  << " ms (daemon started fresh just before; includes avahi-browse's own ~1 s 'all for now' wait)\n";
        }
    }
    responder.terminate();
    responder.waitForFinished(5000);
    return 0;
}
