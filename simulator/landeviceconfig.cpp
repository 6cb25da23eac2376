#include "landeviceconfig.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace Simulator
{
    namespace
    {
        constexpr LanFailure AllFailures[] = {LanFailure::None,           LanFailure::DropAtPercent,
                                              LanFailure::NotEnoughSpace, LanFailure::NeverConnectBack,
                                              LanFailure::NoFinalOk,      LanFailure::RebootIntoOldImage};
    } // namespace

    QString lanFailureName(LanFailure failure)
    {
        switch (failure) {
        case LanFailure::None: return u"none"_s;
        case LanFailure::DropAtPercent: return u"drop-at-percent"_s;
        case LanFailure::NotEnoughSpace: return u"not-enough-space"_s;
        case LanFailure::NeverConnectBack: return u"never-connect-back"_s;
        case LanFailure::NoFinalOk: return u"no-final-ok"_s;
        case LanFailure::RebootIntoOldImage: return u"reboot-into-old-image"_s;
        }
        return {};
    }

    std::optional<LanFailure> lanFailureByName(QStringView name)
    {
        for (LanFailure failure : AllFailures) {
            if (name.compare(lanFailureName(failure), Qt::CaseInsensitive) == 0)
                return failure;
        }
        return std::nullopt;
    }

    QStringList lanFailureNames()
    {
        QStringList names;
        for (LanFailure failure : AllFailures)
            names.append(lanFailureName(failure));
        return names;
    }

    QString defaultHostName(Espota::Flavour flavour, const QHostAddress &address)
    {
        const quint32 low = address.toIPv4Address() & 0xFFFFFFu;
        const QString tail = u"%1"_s.arg(low, 6, 16, QChar(u'0'));
        if (flavour == Espota::Flavour::Esp8266)
            return u"esp8266-"_s + tail; // ESP.getChipId(): the low three MAC bytes
        return u"esp32-240ac4"_s + tail;
    }
} // namespace Simulator
