#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include "http/apiserver.h"
#include "http/eventstream.h"

using namespace Http;
using namespace Qt::Literals::StringLiterals;

namespace
{
    // The stream's feed as a list in memory, trimmed from the front as a
    // store with limited retention would be.
    class ListFeed final : public EventFeed
    {
    public:
        QList<StreamEvent> events;

        void add(const QString &kind, int n = 1)
        {
            for (int i = 0; i < n; ++i) {
                const qint64 seq = events.isEmpty() ? 1 : events.constLast().seq + 1;
                events.append({seq, QDateTime::currentDateTimeUtc(), kind, {{u"n"_s, seq}}});
                Q_EMIT appended(seq);
            }
        }
        void forgetBefore(qint64 seq) { events.removeIf([seq](const StreamEvent &e) { return e.seq < seq; }); }

        qint64 latestSeq() const override { return events.isEmpty() ? 0 : events.constLast().seq; }
        qint64 oldestSeq() const override { return events.isEmpty() ? 0 : events.constFirst().seq; }
        QList<StreamEvent> since(qint64 afterSeq, int limit) const override
        {
            QList<StreamEvent> out;
            for (const StreamEvent &event : events) {
                if (event.seq > afterSeq && out.size() < limit)
                    out.append(event);
            }
            return out;
        }
    };

    struct Frames
    {
        QList<QJsonObject> received;
        QList<qint64> eventSeqs() const
        {
            QList<qint64> seqs;
            for (const QJsonObject &frame : received) {
                for (const QJsonValue &event : frame.value(u"events"_s).toArray())
                    seqs.append(event.toObject().value(u"seq"_s).toInteger());
            }
            return seqs;
        }
    };
} // namespace

// The live event stream: snapshot, ordered deltas, resume after a sequence
// number, a fresh snapshot when that is too old, coalesced bursts, and a
// refusal for a client without a token.
class TestEventStream final : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<ListFeed> m_feed;
    std::unique_ptr<EventStream> m_stream;
    quint16 m_port = 0;

    void connectClient(QWebSocket &socket, Frames &frames, const QString &query = {}, const QByteArray &token = "good")
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [&frames](const QString &text) {
            frames.received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QNetworkRequest request(QUrl(u"ws://127.0.0.1:%1/api/v1/events%2"_s.arg(m_port).arg(query)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        socket.open(request);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ApiServer>(ServerIdentity {u"test"_s, 1, u"0"_s});
        m_feed = std::make_unique<ListFeed>();
        m_stream = std::make_unique<EventStream>(
            m_server.get(), m_feed.get(), [this] { return QJsonObject {{u"devices"_s, int(m_feed->events.size())}}; },
            [](const QByteArray &token) { return token == "good" ? QString() : u"a viewer token is needed"_s; });
        m_stream->setCoalesceInterval(50);
        const auto port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(port);
        m_port = port.value();
    }

    void cleanup()
    {
        m_stream.reset();
        m_feed.reset();
        m_server.reset();
    }

    void aNewClientGetsASnapshotThenOrderedDeltas()
    {
        m_feed->add(u"device.changed"_s, 3);
        QWebSocket socket;
        Frames frames;
        connectClient(socket, frames);
        QTRY_COMPARE(frames.received.size(), 1);
        const QJsonObject snapshot = frames.received.constFirst();
        QCOMPARE(snapshot.value(u"type"_s).toString(), u"snapshot"_s);
        QCOMPARE(snapshot.value(u"seq"_s).toInteger(), 3);
        QCOMPARE(snapshot.value(u"state"_s).toObject().value(u"devices"_s).toInt(), 3);
        m_feed->add(u"rollout.changed"_s, 2);
        QTRY_COMPARE(frames.eventSeqs(), (QList<qint64> {4, 5}));
        QCOMPARE(frames.received.constLast().value(u"seq"_s).toInteger(), 5);
    }

    void aBurstBecomesAFewFramesAndLosesNothing()
    {
        QWebSocket socket;
        Frames frames;
        connectClient(socket, frames);
        QTRY_COMPARE(frames.received.size(), 1);
        m_feed->add(u"device.changed"_s, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(frames.eventSeqs().size(), 5000, 10000);
        QVERIFY2(frames.received.size() <= 4, qPrintable(QString::number(frames.received.size())));
        const QList<qint64> seqs = frames.eventSeqs();
        QVERIFY(std::is_sorted(seqs.cbegin(), seqs.cend()));
        QCOMPARE(seqs.constLast(), 5000);
    }

    void aReconnectingClientGetsEverythingAfterItsLastSequence()
    {
        m_feed->add(u"device.changed"_s, 10);
        QWebSocket socket;
        Frames frames;
        connectClient(socket, frames, u"?after=7"_s);
        QTRY_COMPARE(frames.eventSeqs(), (QList<qint64> {8, 9, 10}));
        QCOMPARE(frames.received.constFirst().value(u"type"_s).toString(), u"events"_s);
    }

    void aResumePointNoLongerKeptGetsAFreshSnapshot()
    {
        m_feed->add(u"device.changed"_s, 10);
        m_feed->forgetBefore(6);
        QWebSocket socket;
        Frames frames;
        connectClient(socket, frames, u"?after=2"_s);
        QTRY_COMPARE(frames.received.size(), 1);
        QCOMPARE(frames.received.constFirst().value(u"type"_s).toString(), u"snapshot"_s);
        QCOMPARE(frames.received.constFirst().value(u"seq"_s).toInteger(), 10);
    }

    void aResumePointFromAnotherServerLifeGetsASnapshot()
    {
        m_feed->add(u"device.changed"_s, 2);
        QWebSocket socket;
        Frames frames;
        connectClient(socket, frames, u"?after=99"_s);
        QTRY_COMPARE(frames.received.size(), 1);
        QCOMPARE(frames.received.constFirst().value(u"type"_s).toString(), u"snapshot"_s);
    }

    void aClientWithoutAValidTokenIsToldWhyAndClosed()
    {
        QWebSocket socket;
        Frames frames;
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        connectClient(socket, frames, {}, "bad");
        QVERIFY(closed.wait(5000));
        QCOMPARE(frames.received.size(), 1);
        QCOMPARE(frames.received.constFirst().value(u"code"_s).toString(), u"unauthorized"_s);
        QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(m_stream->clientCount(), 0);
    }

    void aClientThatLeavesIsForgotten()
    {
        QWebSocket socket;
        Frames frames;
        connectClient(socket, frames);
        QTRY_COMPARE(m_stream->clientCount(), 1);
        socket.close();
        QTRY_COMPARE(m_stream->clientCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
