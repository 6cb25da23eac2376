#pragma once

#include <QLoggingCategory>

// The rollout-server device agents' category: ota.sim.agent. It lives here
// and not in app/logging.h because only the simulator has agents.
Q_DECLARE_LOGGING_CATEGORY(lcAgent)
