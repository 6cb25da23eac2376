#include "deviceroutes.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QSet>
#include <QUrlQuery>

#include "access.h"
#include "apiserver.h"
#include "devicejson.h"
#include "routecontext.h"
#include "routesupport.h"
#include "service/firmwareregistry.h"
#include "service/journal.h"
#include "service/rolloutservice.h"
#include "store/database.h"
#include "store/devicestore.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        using Status = QHttpServerResponse::StatusCode;

        constexpr qint64 MaxDeviceBody = 64 * 1024;
        constexpr qint64 MaxEnrolBody = 8 * 1024 * 1024;
        constexpr int MaxEnrolDevices = 10000;

        // What a device needs to fetch and check a release itself.
        QJsonObject releaseForDevice(const Store::Release &release)
        {
            return {{u"version"_s, release.version},
                    {u"sha256"_s, release.sha256},
                    {u"size"_s, double(release.size)},
                    {u"manifest"_s, QString::fromUtf8(release.manifestBytes)},
                    {u"signature"_s, QString::fromLatin1(release.signature.toBase64())},
                    {u"url"_s, u"/api/v1/device/releases/%1/image"_s.arg(release.sha256)}};
        }

        // The rollout entries of one device, newest rollout last.
        QJsonArray rolloutEntriesOf(const Service::RolloutService &rollouts, const QString &deviceId)
        {
            QJsonArray entries;
            for (const Engine::Rollout *rollout : rollouts.byCreation()) {
                if (const Engine::DeviceEntry *entry = rollout->device(deviceId)) {
                    QJsonObject json = entry->toJson();
                    json.insert(u"rolloutId"_s, rollout->id);
                    json.insert(u"rolloutName"_s, rollout->spec.name);
                    entries.append(json);
                }
            }
            return entries;
        }

        // May this device download this image? Only what a rollout told it
        // to install, or the release it is ordered back to.
        bool mayDownload(RouteContext &context, const QString &deviceId, const Store::Release &release)
        {
            const Engine::RolloutEngine &engine = context.rollouts.engine();
            for (const QString &id : engine.rolloutIds()) {
                const Engine::Rollout *rollout = engine.rollout(id);
                const Engine::DeviceEntry *entry = rollout ? rollout->device(deviceId) : nullptr;
                if (!entry)
                    continue;
                // Told to install: from its notification until it runs the release.
                const bool told = entry->state >= Engine::DeviceState::Notified
                                  && entry->state <= Engine::DeviceState::Succeeded;
                if (told && rollout->spec.release.sha256 == release.sha256)
                    return true;
                if (entry->rollbackOrdered && entry->previousVersion == release.version)
                    return true;
            }
            return false;
        }

        QHttpServerResponse enrol(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto authorized = authorizedJson(context.access, request, Store::Role::Admin, MaxEnrolBody);
            if (!authorized)
                return authorized.error().toResponse();
            const Principal &principal = authorized.value().principal;
            const QJsonObject &body = authorized.value().body;
            const QJsonValue list = body.value(u"devices"_s);
            QStringList problems;
            if (!list.isArray() || list.toArray().isEmpty())
                problems.append(u"devices must be a non-empty list of {\"id\": ..., \"tags\": [...]}"_s);
            else if (list.toArray().size() > MaxEnrolDevices)
                problems.append(u"devices lists %1; at most %2 a request"_s.arg(list.toArray().size()).arg(MaxEnrolDevices));
            QList<std::pair<QString, QStringList>> devices;
            QSet<QString> seen;
            const QJsonArray array = list.toArray();
            for (qsizetype i = 0; problems.size() < 20 && i < array.size() && array.size() <= MaxEnrolDevices; ++i) {
                const QJsonObject device = array.at(i).toObject();
                const QString where = u"devices[%1]"_s.arg(i);
                if (!array.at(i).isObject() || !device.value(u"id"_s).isString()) {
                    problems.append(where + u" needs an \"id\" string"_s);
                    continue;
                }
                const QString id = device.value(u"id"_s).toString();
                if (seen.contains(id))
                    problems.append(where + u": device '"_s + id.left(64) + u"' is listed twice");
                seen.insert(id);
                QStringList tags;
                const QJsonValue tagValue = device.value(u"tags"_s);
                if (!tagValue.isUndefined() && !tagValue.isArray())
                    problems.append(where + u".tags must be a list of strings"_s);
                for (const QJsonValue &tag : tagValue.toArray()) {
                    if (!tag.isString() || tag.toString().isEmpty() || tag.toString().size() > 64)
                        problems.append(where + u".tags: a tag is a string of 1 to 64 characters"_s);
                    else
                        tags.append(tag.toString());
                }
                if (tags.size() > 32)
                    problems.append(where + u".tags: at most 32 tags a device"_s);
                devices.append({id, tags});
            }
            if (!problems.isEmpty())
                return invalid(u"enrolment refused, nothing enrolled"_s, problems).toResponse();
            auto secrets = Store::DeviceStore(context.db).enrolAll(devices);
            if (!secrets)
                return storeFailure(secrets.error()).toResponse();
            QJsonArray out;
            QStringList ids;
            for (qsizetype i = 0; i < devices.size(); ++i) {
                out.append(QJsonObject{{u"id"_s, devices.at(i).first}, {u"secret"_s, secrets.value().at(i)}});
                ids.append(devices.at(i).first);
            }
            const auto audited = context.journal.audit(
                principal.name, u"device.enrol"_s,
                ids.size() == 1 ? u"device "_s + ids.constFirst() : u"%1 devices"_s.arg(ids.size()), {}, u"ok"_s,
                {{u"devices"_s, QJsonArray::fromStringList(ids.mid(0, 100))}, {u"count"_s, ids.size()}});
            if (!audited)
                return storeFailure(audited.error()).toResponse();
            context.journal.post(u"devices.enrolled"_s, {{u"count"_s, ids.size()}});
            return QHttpServerResponse(QJsonObject{{u"devices"_s, out}}, Status::Created);
        }

        QHttpServerResponse listDevices(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            const QUrlQuery query(request.url());
            Store::DeviceFilter filter;
            filter.version = query.queryItemValue(u"version"_s);
            filter.project = query.queryItemValue(u"project"_s);
            const QDateTime now = context.rollouts.clock().now();
            if (query.hasQueryItem(u"overdue"_s)) {
                if (query.queryItemValue(u"overdue"_s) != u"true"_s)
                    return ApiError::badRequest(u"bad-query"_s, u"overdue takes only the value true"_s).toResponse();
                filter.overdueAt = now;
            }
            if (query.hasQueryItem(u"limit"_s)) {
                bool ok = false;
                filter.limit = query.queryItemValue(u"limit"_s).toInt(&ok);
                if (!ok || filter.limit < 1 || filter.limit > 1000000)
                    return ApiError::badRequest(u"bad-query"_s, u"limit must be a number from 1 to 1000000"_s).toResponse();
            }
            const auto devices = Store::DeviceStore(context.db).list(filter);
            if (!devices)
                return storeFailure(devices.error()).toResponse();
            return QHttpServerResponse("application/json", deviceListingJson(devices.value(), now));
        }

        QHttpServerResponse showDevice(RouteContext &context, const QString &deviceId, const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            const auto device = Store::DeviceStore(context.db).find(deviceId);
            if (!device)
                return storeFailure(device.error()).toResponse();
            if (!device.value())
                return ApiError::notFound(u"device '%1' is not enrolled"_s.arg(deviceId)).toResponse();
            QJsonObject out = deviceToJson(*device.value(), context.rollouts.clock().now());
            out.insert(u"rollouts"_s, rolloutEntriesOf(context.rollouts, deviceId));
            return QHttpServerResponse(out);
        }

        QHttpServerResponse deviceHistory(RouteContext &context, const QString &deviceId,
                                          const QHttpServerRequest &request)
        {
            const auto principal = context.access.require(request, Store::Role::Viewer);
            if (!principal)
                return principal.error().toResponse();
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            const QUrlQuery query(request.url());
            bool ok = true;
            const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt(&ok) : 100;
            if (!ok || limit < 1 || limit > 10000)
                return ApiError::badRequest(u"bad-query"_s, u"limit must be a number from 1 to 10000"_s).toResponse();
            Store::DeviceStore store(context.db);
            const auto device = store.find(deviceId);
            if (!device)
                return storeFailure(device.error()).toResponse();
            if (!device.value())
                return ApiError::notFound(u"device '%1' is not enrolled"_s.arg(deviceId)).toResponse();
            const auto history = store.history(deviceId, limit);
            if (!history)
                return storeFailure(history.error()).toResponse();
            QJsonArray checkIns;
            for (const Store::CheckInRecord &record : history.value())
                checkIns.append(checkInRecordToJson(record));
            return QHttpServerResponse(
                QJsonObject{{u"checkIns"_s, checkIns}, {u"rollouts"_s, rolloutEntriesOf(context.rollouts, deviceId)}});
        }

        QHttpServerResponse checkIn(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto deviceId = context.access.requireDevice(request);
            if (!deviceId)
                return deviceId.error().toResponse();
            const auto body = jsonBody(request, MaxDeviceBody);
            if (!body)
                return body.error().toResponse();
            const QDateTime now = context.rollouts.clock().now();
            const auto report = checkInFromJson(body.value(), deviceId.value(), now);
            if (!report)
                return invalid(u"check-in refused"_s, report.error()).toResponse();
            const auto device = Store::DeviceStore(context.db).checkIn(report.value());
            if (!device)
                return storeFailure(device.error()).toResponse();

            Engine::CheckIn engineCheckIn{report.value().version, std::nullopt};
            if (report.value().battery)
                engineCheckIn.batteryPercent = int(*report.value().battery);
            Engine::RolloutEngine::CheckInReply reply;
            const auto recorded = context.rollouts.run([&] {
                reply = context.rollouts.engine().instructionFor(deviceId.value(), engineCheckIn);
                return reply.changes;
            });
            if (!recorded)
                return storeFailure(recorded.error()).toResponse();
            context.journal.post(u"device.checkin"_s, deviceToJson(device.value(), now));

            const Engine::Instruction &instruction = reply.instruction;
            QJsonObject out{{u"kind"_s, Engine::Instruction::kindName(instruction.kind)}};
            if (instruction.kind != Engine::Instruction::Kind::NothingToDo)
                out.insert(u"rolloutId"_s, instruction.rolloutId);
            if (instruction.kind == Engine::Instruction::Kind::Install) {
                const auto release = context.firmware.find(instruction.release.sha256);
                if (!release)
                    return storeFailure(release.error()).toResponse();
                if (!release.value()) {
                    return ApiError{Status::ServiceUnavailable, u"release-missing"_s,
                                    u"the release of this rollout is not in the registry; tell an operator"_s}
                        .toResponse();
                }
                out.insert(u"release"_s, releaseForDevice(*release.value()));
                if (const Engine::Rollout *rollout = context.rollouts.engine().rollout(instruction.rolloutId))
                    out.insert(u"deferBelowPercent"_s, rollout->spec.batteryDeferBelow);
            }
            if (instruction.kind == Engine::Instruction::Kind::RollBack) {
                out.insert(u"version"_s, instruction.version);
                // The release it ran before is of the same project as the one it is leaving.
                QString project = device.value().project;
                if (const Engine::Rollout *rollout = context.rollouts.engine().rollout(instruction.rolloutId)) {
                    if (const auto leaving = context.firmware.find(rollout->spec.release.sha256); leaving && leaving.value())
                        project = leaving.value()->project;
                }
                const auto release = context.firmware.findVersion(instruction.version, project);
                if (release && release.value())
                    out.insert(u"release"_s, releaseForDevice(*release.value()));
            }
            return QHttpServerResponse(
                QJsonObject{{u"instruction"_s, out}, {u"serverTime"_s, now.toString(Qt::ISODateWithMs)}});
        }

        QHttpServerResponse report(RouteContext &context, const QHttpServerRequest &request)
        {
            const auto deviceId = context.access.requireDevice(request);
            if (!deviceId)
                return deviceId.error().toResponse();
            auto body = jsonBody(request, MaxDeviceBody);
            if (!body)
                return body.error().toResponse();
            const QJsonValue rolloutId = body.value().take(u"rolloutId"_s);
            if (!rolloutId.isString() || rolloutId.toString().isEmpty())
                return invalid(u"report refused"_s, {u"rolloutId is missing: the rollout the instruction named"_s}).toResponse();
            QStringList problems;
            if (optionalText(body.value(), u"detail"_s, problems, 1024); !problems.isEmpty())
                return invalid(u"report refused"_s, problems).toResponse();
            const auto parsed = Engine::DeviceReport::fromJson(body.value());
            if (!parsed)
                return invalid(u"report refused"_s, parsed.error()).toResponse();
            Engine::RolloutEngine &engine = context.rollouts.engine();
            Result<Engine::Changes, Engine::EngineError> changes = Engine::Changes();
            const auto recorded = context.rollouts.run([&] {
                changes = engine.onDeviceReport(rolloutId.toString(), deviceId.value(), parsed.value());
                return changes ? changes.value() : Engine::Changes();
            });
            if (!recorded)
                return storeFailure(recorded.error()).toResponse();
            if (!changes) {
                const Engine::EngineError &error = changes.error();
                if (error.kind == Engine::EngineError::Kind::InvalidInput)
                    return engineFailure(error).toResponse();
                return ApiError::conflict(u"report-refused"_s, error.message).toResponse();
            }
            // After a reboot the report says what runs now; the fleet shows it before the next check-in.
            const Engine::DeviceState reported = parsed.value().state;
            const bool rebooted = reported == Engine::DeviceState::Verifying || reported == Engine::DeviceState::Succeeded
                                  || reported == Engine::DeviceState::RolledBack;
            if (rebooted && !parsed.value().version.isEmpty()) {
                const auto changed = Store::DeviceStore(context.db).recordVersion(deviceId.value(), parsed.value().version);
                if (!changed)
                    return storeFailure(changed.error()).toResponse();
                if (changed.value()) {
                    context.journal.post(u"device.version"_s,
                                         {{u"id"_s, deviceId.value()}, {u"version"_s, parsed.value().version}});
                }
            }
            const Engine::Rollout *rollout = engine.rollout(rolloutId.toString());
            const Engine::DeviceEntry *entry = rollout ? rollout->device(deviceId.value()) : nullptr;
            return QHttpServerResponse(QJsonObject{{u"state"_s, entry ? Engine::name(entry->state) : QString()}});
        }

        QHttpServerResponse downloadImage(RouteContext &context, const QString &sha256, const QHttpServerRequest &request)
        {
            const auto deviceId = context.access.requireDevice(request);
            if (!deviceId)
                return deviceId.error().toResponse();
            if (const auto fresh = context.rollouts.refresh(); !fresh)
                return storeFailure(fresh.error()).toResponse();
            const auto release = context.firmware.find(sha256.toLower());
            if (!release)
                return storeFailure(release.error()).toResponse();
            if (!release.value() || !mayDownload(context, deviceId.value(), *release.value())) {
                return ApiError::notFound(u"no release %1 for device '%2': a device downloads only what a rollout "
                                          u"told it to install"_s.arg(sha256.left(64), deviceId.value()))
                    .toResponse();
            }
            return imageResponse(context.firmware.releases(), *release.value(), request.value("Range"));
        }
    } // namespace

    void addDeviceRoutes(ApiServer &server, RouteContext &context)
    {
        QHttpServer &http = server.http();
        using Method = QHttpServerRequest::Method;
        RouteContext *c = &context;
        http.route(u"/api/v1/devices"_s, Method::Post, [c](const QHttpServerRequest &request) { return enrol(*c, request); });
        http.route(u"/api/v1/devices"_s, Method::Get, [c](const QHttpServerRequest &request) { return listDevices(*c, request); });
        http.route(u"/api/v1/devices/<arg>/history"_s, Method::Get, [c](const QString &id, const QHttpServerRequest &request) {
            return deviceHistory(*c, id, request);
        });
        http.route(u"/api/v1/devices/<arg>"_s, Method::Get, [c](const QString &id, const QHttpServerRequest &request) {
            return showDevice(*c, id, request);
        });
        http.route(u"/api/v1/device/checkin"_s, Method::Post, [c](const QHttpServerRequest &request) { return checkIn(*c, request); });
        http.route(u"/api/v1/device/report"_s, Method::Post, [c](const QHttpServerRequest &request) { return report(*c, request); });
        http.route(u"/api/v1/device/releases/<arg>/image"_s, Method::Get,
                   [c](const QString &sha256, const QHttpServerRequest &request) { return downloadImage(*c, sha256, request); });
    }
} // namespace Http
