#pragma once

#include <memory>

#include "command.h"

namespace Cli
{
    // otactl rollout create|list|show|approve|deny|start|pause|resume|advance|stop|rollback|watch
    std::unique_ptr<Command> makeRolloutCommand();
} // namespace Cli
