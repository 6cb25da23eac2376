#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include "rollout/eventstream.h"
#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;
using Rollout::EventStream;
using Rollout::ServerEndpoint;
using Rollout::StreamEvent;
using TestSupport::ApiClient;
using TestSupport::ServerProcess;

namespace
{
    constexpr int Wait = 20000;

    // What a watcher saw: the snapshots and every event, in order.
    struct Watched
    {
        QList<QJsonObject> snapshots;
        QList<StreamEvent> events;

        explicit Watched(EventStream &stream)
        {
            QObject::connect(&stream, &EventStream::snapshot, &stream,
                             [this](const QJsonObject &state, qint64) { snapshots.append(state); });
            QObject::connect(&stream, &EventStream::events, &stream,
                             [this](const QList<StreamEvent> &batch) { events.append(batch); });
        }

        int count(const QString &kind) const
        {
            return int(std::count_if(events.cbegin(), events.cend(),
                                     [&kind](const StreamEvent &event) { return event.kind == kind; }));
        }
    };
} // namespace

// Rollout::EventStream against the real ota-server: the snapshot, events as
// they happen, a server killed and started again (reconnect with backoff,
// resume after the last event, nothing missed or seen twice), a refused
// token that is not retried, and the status words a console shows.
class TestEventStreamClient final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ServerProcess> m_server;

    ServerEndpoint endpoint(const QByteArray &token) const
    {
        ServerEndpoint where;
        where.base = m_server->base();
        where.token = token;
        return where;
    }

    void enrol(const QString &id)
    {
        ApiClient api(m_server->base());
        api.useToken(m_server->adminToken());
        const auto reply = api.post(u"/api/v1/devices"_s, {{u"devices"_s, QJsonArray{QJsonObject{{u"id"_s, id}}}}});
        QCOMPARE(reply.status, 201);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ServerProcess>(QStringLiteral(OTA_SERVER_PATH));
        QString error;
        QVERIFY2(m_server->init(&error), qPrintable(error));
        QVERIFY2(m_server->start({}, &error), qPrintable(error));
    }

    void cleanup() { m_server.reset(); }

    void firstASnapshotThenEventsAsTheyHappen()
    {
        EventStream stream(endpoint(m_server->adminToken().toUtf8()));
        Watched watched(stream);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(watched.snapshots.size(), 1, Wait);
        QCOMPARE(stream.status(), EventStream::Status::Live);
        QCOMPARE(stream.statusText(), u"live"_s);
        QVERIFY(watched.snapshots.constFirst().contains(u"fleet"_s));

        enrol(u"dev-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(watched.count(u"devices.enrolled"_s), 1, Wait);
        QCOMPARE(watched.events.constLast().payload.value(u"count"_s).toInt(), 1);
        QVERIFY(watched.events.constLast().seq == stream.lastSeq());
        QVERIFY(watched.events.constLast().at.isValid());
    }

    void aKilledServerIsReconnectedAndTheStreamResumesWithoutGapsOrRepeats()
    {
        EventStream stream(endpoint(m_server->adminToken().toUtf8()));
        stream.setMaxBackoffMs(2000);
        Watched watched(stream);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(watched.snapshots.size(), 1, Wait);
        enrol(u"before-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(watched.count(u"devices.enrolled"_s), 1, Wait);
        const qint64 seenBefore = stream.lastSeq();

        const QUrl base = m_server->base();
        m_server->kill();
        QTRY_COMPARE_WITH_TIMEOUT(stream.status(), EventStream::Status::Reconnecting, Wait);
        QVERIFY2(stream.statusText().startsWith(u"reconnecting in "_s), qPrintable(stream.statusText()));

        QString error;
        QVERIFY2(m_server->start({u"--port"_s, QString::number(base.port())}, &error), qPrintable(error));
        QCOMPARE(m_server->base().port(), base.port());
        enrol(u"after-1"_s); // written while the console is still away
        QTRY_COMPARE_WITH_TIMEOUT(stream.status(), EventStream::Status::Live, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(watched.count(u"devices.enrolled"_s), 2, Wait);
        QCOMPARE(watched.snapshots.size(), 1); // resumed: no second snapshot needed
        QVERIFY(stream.reconnects() >= 1);
        qint64 previous = 0;
        for (const StreamEvent &event : std::as_const(watched.events)) {
            QVERIFY2(event.seq > previous, "events in order, none twice");
            previous = event.seq;
        }
        QVERIFY(stream.lastSeq() > seenBefore);
    }

    void aRefusedTokenEndsTheStreamWithTheServersReason()
    {
        EventStream stream(endpoint("not-a-token"));
        Watched watched(stream);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(stream.status(), EventStream::Status::Refused, Wait);
        QVERIFY2(stream.lastError().contains(m_server->base().toString(QUrl::RemovePath)) ||
                     stream.lastError().contains(u"127.0.0.1"_s),
                 qPrintable(stream.lastError()));
        QVERIFY(stream.statusText().startsWith(u"refused: "_s));
        QTest::qWait(1500);
        QCOMPARE(stream.status(), EventStream::Status::Refused); // not retried
        QVERIFY(watched.snapshots.isEmpty());
    }

    void stopIsOfflineAndStaysSo()
    {
        EventStream stream(endpoint(m_server->adminToken().toUtf8()));
        Watched watched(stream);
        stream.start();
        QTRY_COMPARE_WITH_TIMEOUT(watched.snapshots.size(), 1, Wait);
        stream.stop();
        QCOMPARE(stream.status(), EventStream::Status::Idle);
        QCOMPARE(stream.statusText(), u"offline"_s);
        enrol(u"unseen-1"_s);
        QTest::qWait(500);
        QCOMPARE(watched.count(u"devices.enrolled"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventStreamClient)
#include "tst_eventstreamclient.moc"
