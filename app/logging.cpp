#include "logging.h"

Q_LOGGING_CATEGORY(lcFirmware, "ota.firmware", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCrypto, "ota.crypto", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCli, "ota.cli", QtInfoMsg)
