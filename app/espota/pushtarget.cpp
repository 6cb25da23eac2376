#include "pushtarget.h"

#include <QStringList>

#include "discovery/serviceinstance.h"
#include "esphome/esphomewire.h"
#include "espotawire.h"

using namespace Qt::Literals::StringLiterals;

namespace Espota
{
    namespace
    {
        // Arduino-ESP8266 boards.txt ids an ESP8266 announces as `board`
        // (the common ones; "esp8266" in the id counts too).
        bool isEsp8266Board(const QString &board)
        {
            static const QStringList ids = {
                u"generic"_s, u"esp8285"_s, u"nodemcu"_s, u"nodemcuv2"_s, u"d1"_s, u"d1_mini"_s,
                u"d1_mini_lite"_s, u"d1_mini_pro"_s, u"d1_mini_clone"_s, u"huzzah"_s, u"esp01"_s,
                u"esp01_1m"_s, u"espduino"_s, u"wifinfo"_s, u"thing"_s, u"thingdev"_s, u"esp210"_s,
                u"espino"_s, u"espinotee"_s, u"wiolink"_s, u"oak"_s, u"sonoff"_s, u"inventone"_s,
                u"wifi_slot"_s, u"phoenix_v1"_s, u"phoenix_v2"_s, u"espresso_lite_v1"_s,
                u"espresso_lite_v2"_s, u"modwifi"_s, u"agruminolemon"_s, u"blynk"_s,
            };
            return ids.contains(board, Qt::CaseInsensitive) || board.contains(u"esp8266"_s, Qt::CaseInsensitive);
        }
    } // namespace

    std::optional<Firmware::Chip> PushTarget::chip() const
    {
        if (board.isEmpty())
            return std::nullopt;
        if (auto exact = Firmware::chipByName(board))
            return exact;
        // Arduino-ESP32 variant names often carry the chip: "adafruit_feather_esp32s3".
        const QString lower = board.toLower();
        std::optional<Firmware::Chip> best;
        for (const Firmware::Chip &candidate : Firmware::knownChips()) {
            if (candidate.family != Firmware::ChipFamily::Esp32 || !lower.contains(candidate.key))
                continue;
            if (!best || candidate.key.size() > best->key.size())
                best = candidate; // "esp32s3" over "esp32"
        }
        // A bare "esp32" inside a longer name says only the family.
        if (best && best->key == u"esp32"_s && lower != u"esp32"_s)
            return std::nullopt;
        return best;
    }

    std::optional<Firmware::ChipFamily> PushTarget::family() const
    {
        if (platform.compare(u"ESP8266"_s, Qt::CaseInsensitive) == 0)
            return Firmware::ChipFamily::Esp8266;
        if (platform.compare(u"ESP32"_s, Qt::CaseInsensitive) == 0 && board.isEmpty())
            return Firmware::ChipFamily::Esp32;
        if (!board.isEmpty()) {
            if (isEsp8266Board(board))
                return Firmware::ChipFamily::Esp8266;
            if (board.contains(u"esp32"_s, Qt::CaseInsensitive) || chip())
                return Firmware::ChipFamily::Esp32;
        }
        if (name.startsWith(u"esp8266-"_s, Qt::CaseInsensitive) || port == Esp8266DefaultPort)
            return Firmware::ChipFamily::Esp8266;
        if (name.startsWith(u"esp32-"_s, Qt::CaseInsensitive) || port == Esp32DefaultPort)
            return Firmware::ChipFamily::Esp32;
        return std::nullopt;
    }

    quint16 PushTarget::effectivePort() const
    {
        if (port != 0)
            return port;
        if (protocol == PushProtocol::Esphome) {
            if (const auto platformPort = Esphome::defaultOtaPort(platform))
                return *platformPort;
        }
        return family() == Firmware::ChipFamily::Esp8266 ? Esp8266DefaultPort : Esp32DefaultPort;
    }

    QString PushTarget::endpoint() const
    {
        return address.toString() + u':' + QString::number(effectivePort());
    }

    QString pushProtocolName(PushProtocol protocol)
    {
        return protocol == PushProtocol::Esphome ? u"esphome"_s : u"arduino"_s;
    }

    std::optional<PushProtocol> pushProtocolFromName(QStringView name)
    {
        if (name == u"arduino"_s)
            return PushProtocol::Arduino;
        if (name == u"esphome"_s)
            return PushProtocol::Esphome;
        return std::nullopt;
    }

    QString versionFromTxt(const QHash<QString, QString> &txt)
    {
        for (const QString &key : {u"version"_s, u"fw_version"_s, u"project_version"_s}) {
            const QString value = txt.value(key);
            if (!value.isEmpty())
                return value;
        }
        return {};
    }

    PushTarget PushTarget::fromService(const Discovery::ServiceInstance &instance)
    {
        PushTarget target;
        target.name = instance.instanceName;
        for (const QHostAddress &address : instance.addresses) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol) {
                target.address = address;
                break;
            }
        }
        target.port = instance.port;
        target.board = instance.txt.value(u"board"_s);
        target.announcedVersion = versionFromTxt(instance.txt);
        if (instance.serviceType.startsWith(u"_esphomelib._tcp"_s, Qt::CaseInsensitive)) {
            // The SRV port is the native API's (6053); `version` is ESPHome's own
            // release, and only `project_version` names the firmware.
            target.protocol = PushProtocol::Esphome;
            target.port = 0;
            target.platform = instance.txt.value(u"platform"_s);
            target.esphomeVersion = instance.txt.value(u"version"_s);
            target.announcedVersion = instance.txt.value(u"project_version"_s);
        }
        if (instance.txt.contains(u"auth_upload"_s))
            target.announcesPassword = instance.txt.value(u"auth_upload"_s) == u"yes"_s;
        target.heardOnMdns = true;
        return target;
    }

    Result<PushTarget, QString> PushTarget::fromAddressText(const QString &text)
    {
        QString host = text.trimmed();
        quint16 port = 0;
        const qsizetype colon = host.lastIndexOf(u':');
        if (colon >= 0) {
            bool ok = false;
            const uint value = host.sliced(colon + 1).toUInt(&ok);
            if (!ok || value == 0 || value > 65535)
                return QStringLiteral("\"%1\": the port after ':' must be a number from 1 to 65535").arg(text);
            port = static_cast<quint16>(value);
            host.truncate(colon);
        }
        const QHostAddress address(host);
        if (address.isNull() || address.protocol() != QAbstractSocket::IPv4Protocol)
            return QStringLiteral("\"%1\" is not an IPv4 address (ArduinoOTA listens on IPv4); "
                                  "give an address like 192.168.1.20 or a device name found by mDNS")
                .arg(text);
        PushTarget target;
        target.name = text.trimmed();
        target.address = address;
        target.port = port;
        return target;
    }
} // namespace Espota
