#include "tokenroutes.h"

#include <QHttpServer>
#include <QJsonObject>

#include "access.h"
#include "apiserver.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    void addTokenRoutes(ApiServer &server, Access &access)
    {
        server.http().route(u"/api/v1/token"_s, QHttpServerRequest::Method::Get, [&access](const QHttpServerRequest &request) {
            const auto principal = access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            return QHttpServerResponse(QJsonObject{{u"name"_s, principal->name},
                                                   {u"role"_s, Store::roleName(principal->role)},
                                                   {u"breakGlass"_s, principal->breakGlass}});
        });
    }
} // namespace Http
