#include "mdnsrawpeer.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>
#include <QTest>

#include "discovery/mdnstransport.h"

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;

namespace TestSupport
{
    MdnsRawPeer::MdnsRawPeer(QObject *parent) : QObject(parent)
    {
        m_clock.start();
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] { readPending(); });
    }

    bool MdnsRawPeer::start(QString *error)
    {
        const QNetworkInterface lo = QNetworkInterface::interfaceFromName(u"lo"_s);
        if (!m_socket.bind(QHostAddress::AnyIPv4, MdnsTransport::Port,
                           QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)
            || !m_socket.joinMulticastGroup(MdnsTransport::ipv4Group(), lo)) {
            *error = u"raw peer: "_s + m_socket.errorString();
            return false;
        }
        m_socket.setMulticastInterface(lo);
        if (!m_legacy.bind(QHostAddress::LocalHost, 0)) {
            *error = u"raw peer legacy socket: "_s + m_legacy.errorString();
            return false;
        }
        m_legacy.setMulticastInterface(lo);
        return true;
    }

    void MdnsRawPeer::readPending()
    {
        while (m_socket.hasPendingDatagrams()) {
            const QNetworkDatagram d = m_socket.receiveDatagram();
            if (m_sent.contains(qHash(d.data())))
                continue;
            const auto parsed = DnsCodec::parse(d.data());
            if (!parsed) {
                qWarning() << "raw peer: undecodable packet:" << parsed.error().message;
                continue;
            }
            m_captured.append({parsed.value(), d.senderAddress(), quint16(d.senderPort()), m_clock.elapsed(),
                               int(d.data().size())});
        }
    }

    void MdnsRawPeer::clear()
    {
        readPending();
        m_captured.clear();
    }

    QList<DnsRecord> MdnsRawPeer::recordsOf(const QList<DnsRecord> &records, const DnsName &name, quint16 type)
    {
        QList<DnsRecord> out;
        for (const DnsRecord &r : records)
            if (r.type == type && r.name == name)
                out.append(r);
        return out;
    }

    QList<MdnsRawPeer::Captured> MdnsRawPeer::probesFor(const DnsName &name) const
    {
        QList<Captured> out;
        for (const Captured &c : m_captured) {
            if (c.message.isResponse())
                continue;
            const auto &auth = c.message.authorities;
            if (std::any_of(auth.cbegin(), auth.cend(), [&name](const DnsRecord &r) { return r.name == name; }))
                out.append(c);
        }
        return out;
    }

    QList<MdnsRawPeer::Captured> MdnsRawPeer::responsesWith(const DnsName &name, quint16 type) const
    {
        QList<Captured> out;
        for (const Captured &c : m_captured) {
            if (!c.message.isResponse())
                continue;
            const auto &answers = c.message.answers;
            if (std::any_of(answers.cbegin(), answers.cend(), [&](const DnsRecord &r) {
                    return r.name == name && r.type == type && r.ttl > 0;
                }))
                out.append(c);
        }
        return out;
    }

    QList<MdnsRawPeer::Captured> MdnsRawPeer::goodbyesFor(const DnsName &name) const
    {
        QList<Captured> out;
        for (const Captured &c : m_captured) {
            const auto &answers = c.message.answers;
            if (c.message.isResponse() && std::any_of(answers.cbegin(), answers.cend(), [&](const DnsRecord &r) {
                    return r.name == name && r.ttl == 0;
                }))
                out.append(c);
        }
        return out;
    }

    QSet<DnsName> MdnsRawPeer::ptrTargets(const DnsName &type) const
    {
        QSet<DnsName> out;
        for (const Captured &c : m_captured)
            if (c.message.isResponse())
                for (const DnsRecord &r : c.message.answers + c.message.additionals)
                    if (r.type == RecordType::PTR && r.name == type && r.ttl > 0)
                        out.insert(r.ptr);
        return out;
    }

    QSet<DnsName> MdnsRawPeer::srvNames() const
    {
        QSet<DnsName> out;
        for (const Captured &c : m_captured)
            if (c.message.isResponse())
                for (const DnsRecord &r : c.message.answers + c.message.additionals)
                    if (r.type == RecordType::SRV && r.ttl > 0)
                        out.insert(r.name);
        return out;
    }

    qsizetype MdnsRawPeer::queryCount() const
    {
        return std::count_if(m_captured.cbegin(), m_captured.cend(),
                             [](const Captured &c) { return !c.message.isResponse(); });
    }

    qsizetype MdnsRawPeer::responseCount() const
    {
        return std::count_if(m_captured.cbegin(), m_captured.cend(),
                             [](const Captured &c) { return c.message.isResponse(); });
    }

    int MdnsRawPeer::largestPacket() const
    {
        int largest = 0;
        for (const Captured &c : m_captured)
            largest = std::max(largest, c.size);
        return largest;
    }

    void MdnsRawPeer::sendMulticastQuery(const QList<DnsQuestion> &questions, const QList<DnsRecord> &knownAnswers,
                                         quint16 flags)
    {
        DnsMessage m;
        m.flags = flags;
        m.questions = questions;
        m.answers = knownAnswers;
        const QByteArray bytes = DnsCodec::encode(m);
        m_sent.insert(qHash(bytes));
        m_socket.writeDatagram(bytes, MdnsTransport::ipv4Group(), MdnsTransport::Port);
    }

    void MdnsRawPeer::sendMulticastResponse(const QList<DnsRecord> &answers)
    {
        DnsMessage m;
        m.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
        m.answers = answers;
        const QByteArray bytes = DnsCodec::encode(m);
        m_sent.insert(qHash(bytes));
        m_socket.writeDatagram(bytes, MdnsTransport::ipv4Group(), MdnsTransport::Port);
    }

    void MdnsRawPeer::sendUnicast(const DnsMessage &message, const QHostAddress &address, quint16 port)
    {
        m_socket.writeDatagram(DnsCodec::encode(message), address, port);
    }

    QList<MdnsRawPeer::Captured> MdnsRawPeer::queriesAsking(const DnsName &name, quint16 type, qint64 sinceMs) const
    {
        QList<Captured> out;
        for (const Captured &c : m_captured) {
            const auto &questions = c.message.questions;
            const bool asks = std::any_of(questions.cbegin(), questions.cend(),
                                          [&](const DnsQuestion &q) { return q.name == name && q.type == type; });
            if (!c.message.isResponse() && asks && c.atMs >= sinceMs)
                out.append(c);
        }
        return out;
    }

    std::optional<MdnsRawPeer::Captured> MdnsRawPeer::legacyQuery(quint16 id, const QList<DnsQuestion> &questions,
                                                                  int timeoutMs, const QList<DnsRecord> &knownAnswers)
    {
        DnsMessage m;
        m.id = id;
        m.questions = questions;
        m.answers = knownAnswers;
        m_legacy.writeDatagram(DnsCodec::encode(m), MdnsTransport::ipv4Group(), MdnsTransport::Port);
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < timeoutMs) {
            while (m_legacy.hasPendingDatagrams()) {
                const QNetworkDatagram d = m_legacy.receiveDatagram();
                const auto parsed = DnsCodec::parse(d.data());
                if (parsed && parsed->id == id && parsed->isResponse())
                    return Captured{parsed.value(), d.senderAddress(), quint16(d.senderPort()), m_clock.elapsed(),
                                    int(d.data().size())};
            }
            QTest::qWait(5); // the responder under test runs in this thread
        }
        return std::nullopt;
    }
} // namespace TestSupport
