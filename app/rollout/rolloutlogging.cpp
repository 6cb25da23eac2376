#include "rolloutlogging.h"

Q_LOGGING_CATEGORY(lcServerClient, "ota.rollout.client", QtInfoMsg)
