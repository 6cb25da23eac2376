#pragma once

#include <QLoggingCategory>

// The ota-server client: every request and its outcome at debug level
// (QT_LOGGING_RULES="ota.rollout.client.debug=true"). Never a token.
// Lives here rather than in app/logging.h while that file has other owners.
Q_DECLARE_LOGGING_CATEGORY(lcServerClient)
