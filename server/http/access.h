#pragma once

#include <QByteArray>
#include <QString>

#include "apierror.h"
#include "result.h"
#include <QDateTime>
#include <QHash>

#include "store/auditlog.h"
#include "store/devicestore.h"
#include "store/tokenstore.h"

class QHttpServerRequest;

namespace Http
{
    // Who made a request, as their token says.
    struct Principal
    {
        qint64 tokenId = 0;
        QString name;     // the token's name: the actor in the audit log
        Store::Role role = Store::Role::Viewer;
        bool breakGlass = false;
    };

    // Checks the bearer token of every request against the token store and
    // the role the route needs. 401 without a live token, 403 with one that
    // lacks the role; both say which role or right is needed.
    class Access final
    {
    public:
        explicit Access(const Store::Database &db) : m_tokens(db), m_devices(db), m_audit(db) {}

        Result<Principal, ApiError> require(const QHttpServerRequest &request, Store::Role needed);
        Result<Principal, ApiError> requireBreakGlass(const QHttpServerRequest &request);
        // A device's own routes: HTTP Basic "<device id>:<secret>". Gives the
        // device id; 401 device-unauthorized otherwise. The id always comes
        // from the credential, so one device cannot report for another.
        Result<QString, ApiError> requireDevice(const QHttpServerRequest &request);
        // For the event stream: empty when the token may read, else why not.
        QString refusalForStream(const QByteArray &bearerToken);

        static QByteArray bearerToken(const QHttpServerRequest &request);

    private:
        Result<Principal, ApiError> authenticate(const QByteArray &bearerToken);

        Store::TokenStore m_tokens;
        Store::DeviceStore m_devices;
        Store::AuditLog m_audit;
        QHash<QString, QDateTime> m_lastFailureAudit; // who -> when last audited

        // A failed login is audited, at most once a minute for the same who.
        void auditFailure(const QString &who, const QString &why);
    };
} // namespace Http
