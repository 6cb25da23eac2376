#include "dnsseeds.h"

#include <QDir>
#include <QFile>

#include "discovery/dnsmessage.h"

using namespace Qt::Literals::StringLiterals;
using namespace Discovery;

namespace TestSupport
{
    namespace
    {
        void writeSeed(const QDir &dir, const QString &name, const QByteArray &bytes)
        {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                file.write(bytes);
        }

        DnsRecord makeRecord(const DnsName &name, quint16 type, quint32 ttl, bool cacheFlush)
        {
            DnsRecord r;
            r.name = name;
            r.type = type;
            r.ttl = ttl;
            r.cacheFlush = cacheFlush;
            return r;
        }

        // A full DNS-SD answer: PTR, SRV, TXT, A, AAAA and NSEC, compressed.
        DnsMessage announcement()
        {
            const DnsName type = DnsName::fromDotted(u"_arduino._tcp.local");
            const DnsName instance = DnsName::serviceInstance(u"Boiler Room. Unit 2"_s, type);
            const DnsName host = DnsName::fromDotted(u"boiler-room.local");
            DnsMessage m;
            m.flags = DnsMessage::ResponseFlag | DnsMessage::AuthoritativeFlag;
            m.questions = {{type, RecordType::PTR, ClassIn, true}, {host, RecordType::ANY, ClassIn, false}};
            DnsRecord ptr = makeRecord(type, RecordType::PTR, 4500, false);
            ptr.ptr = instance;
            DnsRecord srv = makeRecord(instance, RecordType::SRV, 120, true);
            srv.srv = {0, 0, 3232, host};
            DnsRecord txt = makeRecord(instance, RecordType::TXT, 4500, true);
            txt.txt = encodeTxt({{"board", "esp32"}, {"tcp_check", "no"}, {"ssh_upload", "no"}, {"auth_upload", "yes"}});
            DnsRecord a = makeRecord(host, RecordType::A, 120, true);
            a.address = QHostAddress(u"192.168.1.50"_s);
            DnsRecord aaaa = makeRecord(host, RecordType::AAAA, 120, true);
            aaaa.address = QHostAddress(u"fe80::1234:5678"_s);
            DnsRecord nsec = makeRecord(host, RecordType::NSEC, 120, true);
            nsec.nsec = {host, {RecordType::A, RecordType::AAAA, 256, 65535}};
            DnsRecord hinfo = makeRecord(host, 13, 120, true);
            hinfo.rawData = QByteArray("\x05" "ESP32" "\x08" "FreeRTOS");
            m.answers = {ptr};
            m.authorities = {hinfo};
            m.additionals = {srv, txt, a, aaaa, nsec};
            return m;
        }

        QByteArray be16(quint16 value)
        {
            const char bytes[] = {char(value >> 8), char(value & 0xFF)};
            return QByteArray(bytes, 2);
        }

        QByteArray header(quint16 questions, quint16 answers = 0)
        {
            return be16(0) + be16(0) + be16(questions) + be16(answers) + be16(0) + be16(0);
        }
    } // namespace

    void writeDnsFuzzSeeds(const QString &dirPath)
    {
        QDir dir(dirPath);
        dir.mkpath(u"."_s);

        const QDir recorded(QStringLiteral(OTA_MDNS_DATA_DIR));
        for (const QString &name : recorded.entryList({u"*.bin"_s}, QDir::Files)) {
            QFile file(recorded.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                writeSeed(dir, u"recorded-"_s + name, file.readAll());
        }

        const DnsMessage full = announcement();
        writeSeed(dir, u"announcement"_s, DnsCodec::encode(full));
        DnsMessage goodbye = full;
        goodbye.questions.clear();
        for (DnsRecord &r : goodbye.additionals)
            r.ttl = 0;
        writeSeed(dir, u"goodbye"_s, DnsCodec::encode(goodbye));
        DnsMessage query;
        query.questions = full.questions;
        query.answers = full.answers; // known-answer suppression
        writeSeed(dir, u"query-known-answer"_s, DnsCodec::encode(query));
        DnsMessage emptyTxt;
        emptyTxt.answers = {makeRecord(DnsName::fromDotted(u"Valve 7._arduino._tcp.local"), RecordType::TXT, 4500, true)};
        writeSeed(dir, u"empty-txt"_s, DnsCodec::encode(emptyTxt));

        // Near-valid messages, each breaking one rule.
        const QByteArray question = QByteArray("\x01" "a\x05" "local", 8) + '\0' + be16(RecordType::PTR) + be16(ClassIn);
        writeSeed(dir, u"bad-pointer-self"_s, header(1) + be16(0xC00C) + be16(RecordType::PTR) + be16(ClassIn));
        writeSeed(dir, u"bad-pointer-forward"_s, header(2) + be16(0xC012) + be16(RecordType::PTR) + be16(ClassIn) + question);
        writeSeed(dir, u"bad-label-64"_s, header(1) + char(64) + QByteArray(64, 'x') + '\0' + be16(1) + be16(1));
        writeSeed(dir, u"bad-counts"_s, header(3, 9) + question);
        writeSeed(dir, u"bad-trailing"_s, header(1) + question + "junk");
        QByteArray chain = header(0, 2) + question.left(9) + be16(13) + be16(ClassIn) + be16(0) + be16(120) + be16(2 * 130);
        for (int i = 0; i < 130; ++i)
            chain += be16(quint16(0xC000 | (i == 0 ? 12 : 31 + 2 * (i - 1))));
        chain += be16(quint16(0xC000 | (31 + 2 * 129))) + be16(1) + be16(1) + be16(0) + be16(120) + be16(4) + "\x7f\x00\x00\x01";
        writeSeed(dir, u"bad-pointer-chain"_s, chain);
    }
} // namespace TestSupport
