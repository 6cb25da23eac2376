#include "serverlogging.h"

Q_LOGGING_CATEGORY(lcServer, "ota.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "ota.server.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEngine, "ota.server.engine", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "ota.server.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAudit, "ota.server.audit", QtInfoMsg)
