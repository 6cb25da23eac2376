// Writes the seed corpus of every fuzz target into SEEDROOT/<target>/:
// images from the test generator, and the real firmware files when present.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include "dnsseeds.h"
#include "manifestseeds.h"
#include "sbv2testsigner.h"
#include "testimagebuilder.h"

using namespace Qt::Literals::StringLiterals;
using namespace TestSupport;

namespace
{
    bool writeSeed(const QString &dir, const QString &name, const QByteArray &bytes)
    {
        QFile file(dir + u'/' + name);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

    void writeImageSeeds(const QString &dir)
    {
        for (quint16 chipId : {0, 2, 5, 9, 12, 13, 16, 18}) {
            writeSeed(dir, u"chip%1-hash"_s.arg(chipId), TestImageBuilder(chipId).build());
            writeSeed(dir, u"chip%1-nohash"_s.arg(chipId),
                      TestImageBuilder(chipId).setHashAppended(false).addSegment(0x40080000, QByteArray(32, 'x')).build());
        }
        writeSeed(dir, u"bootloader-like"_s, TestImageBuilder().setAppDescriptor(false).build());
        writeSeed(dir, u"esp8266-eboot"_s, buildEsp8266Image(true));
        writeSeed(dir, u"esp8266-plain"_s, buildEsp8266Image(false));
        // Real builds are large; their first 16 KiB keep the fuzzer fast and
        // still carry real headers, segment tables and app descriptors.
        const QDir fixtures(QStringLiteral(OTA_FIXTURES_DIR) + u"/firmware"_s);
        for (const QString &name : fixtures.entryList({u"*.bin"_s}, QDir::Files)) {
            QFile file(fixtures.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                writeSeed(dir, u"real-"_s + name, file.read(16 * 1024));
        }
    }
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        QTextStream(stderr) << "usage: fuzz_seeds SEEDROOT\n";
        return 2;
    }
    const QString root = app.arguments().at(1);
    const auto folder = [&](const QString &name) -> QString {
        QDir(root).mkpath(name);
        return root + u'/' + name;
    };
    writeImageSeeds(folder(u"imagereader"_s));
    writeSbv2FuzzSeeds(folder(u"sbv2sector"_s));
    writeManifestFuzzSeeds(folder(u"releasemanifest"_s));
    writeDnsFuzzSeeds(folder(u"dnsmessage"_s));
    return 0;
}
