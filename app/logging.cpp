#include "logging.h"

Q_LOGGING_CATEGORY(lcFirmware, "ota.firmware", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "ota.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "ota.cli", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDiscovery, "ota.discovery", QtInfoMsg)
// Every packet sent and received; debug only, it is loud.
Q_LOGGING_CATEGORY(lcMdnsWire, "ota.discovery.wire", QtWarningMsg)
Q_LOGGING_CATEGORY(lcEspota, "ota.espota", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEspotaDevice, "ota.espota.device", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSimulator, "ota.sim", QtInfoMsg)
