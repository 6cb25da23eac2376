#pragma once

#include <memory>

#include "command.h"

namespace Cli
{
    // otactl key add|list|revoke: the server's trusted signing keys.
    std::unique_ptr<Command> makeKeyCommand();
} // namespace Cli
