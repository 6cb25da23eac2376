#pragma once

#include <memory>

#include "command.h"

namespace Cli
{
    // otactl devices: the fleet as the server sees it, one device a row.
    std::unique_ptr<Command> makeDevicesCommand();
    // otactl device enrol: new devices and their secrets.
    std::unique_ptr<Command> makeDeviceCommand();
} // namespace Cli
