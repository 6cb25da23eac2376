// libFuzzer target for the DNS codec: any input gives a message or an error,
// never a crash, and what parses survives encode() and a second parse
// unchanged, down to the bytes of every label.

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <QByteArrayView>

#include "discovery/dnsmessage.h"

using namespace Discovery;

namespace
{
    void require(bool condition)
    {
        if (!condition)
            std::abort();
    }

    bool sameRecord(const DnsRecord &a, const DnsRecord &b)
    {
        return a.sameRecordAs(b) && a.name.labels() == b.name.labels() && a.ttl == b.ttl && a.cacheFlush == b.cacheFlush
            && a.txt == b.txt && a.ptr.labels() == b.ptr.labels() && a.srv.target.labels() == b.srv.target.labels()
            && a.nsec.types == b.nsec.types && a.nsec.nextName.labels() == b.nsec.nextName.labels();
    }

    bool sameRecords(const QList<DnsRecord> &a, const QList<DnsRecord> &b)
    {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!sameRecord(a.at(i), b.at(i)))
                return false;
        }
        return true;
    }

    bool sameMessage(const DnsMessage &a, const DnsMessage &b)
    {
        if (a.id != b.id || a.flags != b.flags || a.questions.size() != b.questions.size())
            return false;
        for (qsizetype i = 0; i < a.questions.size(); ++i) {
            const DnsQuestion &x = a.questions.at(i);
            const DnsQuestion &y = b.questions.at(i);
            if (x.name.labels() != y.name.labels() || x.type != y.type || x.klass != y.klass
                || x.unicastResponse != y.unicastResponse)
                return false;
        }
        return sameRecords(a.answers, b.answers) && sameRecords(a.authorities, b.authorities)
            && sameRecords(a.additionals, b.additionals);
    }

    void checkNames(const QList<DnsRecord> &records)
    {
        for (const DnsRecord &r : records) {
            require(r.name.isValid());
            (void)r.name.toString();
            (void)qHash(r.name);
            if (r.type == RecordType::TXT)
                (void)decodeTxt(r.txt);
        }
    }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    const auto parsed = DnsCodec::parse(input);
    if (!parsed) {
        require(!parsed.error().message.isEmpty());
        require(parsed.error().offset >= 0 && parsed.error().offset <= input.size());
        return 0;
    }
    checkNames(parsed->answers);
    checkNames(parsed->authorities);
    checkNames(parsed->additionals);
    const QByteArray encoded = DnsCodec::encode(*parsed);
    const auto again = DnsCodec::parse(encoded);
    require(again.hasValue());
    require(sameMessage(*again, *parsed));
    // The encoding is canonical: encoding the re-parsed message gives the same bytes.
    require(DnsCodec::encode(*again) == encoded);
    return 0;
}
