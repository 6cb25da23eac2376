#include "agentlogging.h"

Q_LOGGING_CATEGORY(lcAgent, "ota.sim.agent", QtInfoMsg)
