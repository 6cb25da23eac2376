#pragma once

#include <QLoggingCategory>

// One category per subsystem; enable with QT_LOGGING_RULES="ota.firmware.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcFirmware)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
Q_DECLARE_LOGGING_CATEGORY(lcDiscovery)
Q_DECLARE_LOGGING_CATEGORY(lcMdnsWire)
Q_DECLARE_LOGGING_CATEGORY(lcEspota)
Q_DECLARE_LOGGING_CATEGORY(lcEspotaDevice)
Q_DECLARE_LOGGING_CATEGORY(lcSimulator)
