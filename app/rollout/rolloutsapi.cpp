#include "rolloutsapi.h"

#include <array>

#include "serverclient.h"
#include "wirereader.h"

using namespace Qt::Literals::StringLiterals;

namespace Rollout
{
    namespace
    {
        constexpr std::array<std::pair<RolloutAction, const char *>, 8> ActionNames{{
            {RolloutAction::Approve, "approve"},
            {RolloutAction::Deny, "deny"},
            {RolloutAction::Start, "start"},
            {RolloutAction::Pause, "pause"},
            {RolloutAction::Resume, "resume"},
            {RolloutAction::Advance, "advance"},
            {RolloutAction::Stop, "stop"},
            {RolloutAction::Rollback, "rollback"},
        }};
    } // namespace

    QString actionName(RolloutAction action)
    {
        for (const auto &[value, name] : ActionNames) {
            if (value == action)
                return QString::fromLatin1(name);
        }
        return {};
    }

    std::optional<RolloutAction> parseAction(const QString &name)
    {
        for (const auto &[value, text] : ActionNames) {
            if (name == QLatin1StringView(text))
                return value;
        }
        return std::nullopt;
    }

    bool isWindowed(RolloutAction action)
    {
        return action == RolloutAction::Start || action == RolloutAction::Resume || action == RolloutAction::Advance;
    }

    ApiCall *RolloutsApi::create(const QJsonObject &spec, QObject *context, Done<RolloutSummary> done)
    {
        return m_client->send(ApiRequest::post(u"/api/v1/rollouts"_s, spec), context,
                              typedHandler(std::move(done), &RolloutSummary::fromJson));
    }

    ApiCall *RolloutsApi::preview(const QJsonObject &spec, QObject *context, Done<RolloutPreview> done)
    {
        return m_client->send(ApiRequest::post(u"/api/v1/rollouts/preview"_s, spec), context,
                              typedHandler(std::move(done), &RolloutPreview::fromJson));
    }

    ApiCall *RolloutsApi::list(QObject *context, Done<QList<RolloutSummary>> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/rollouts"_s), context,
                              typedHandler(std::move(done), [](const QJsonObject &answer) {
                                  return listFromJson<RolloutSummary>(answer.value(u"rollouts"_s), u"rollouts"_s);
                              }));
    }

    ApiCall *RolloutsApi::show(const QString &rolloutId, QObject *context, Done<RolloutDetail> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/rollouts/"_s + ApiRequest::segment(rolloutId)), context,
                              typedHandler(std::move(done), &RolloutDetail::fromJson));
    }

    ApiCall *RolloutsApi::devices(const QString &rolloutId, const QString &state, int stage, QObject *context,
                                  Done<QList<RolloutDevice>> done)
    {
        QUrlQuery query;
        if (!state.isEmpty())
            query.addQueryItem(u"state"_s, state);
        if (stage >= -1)
            query.addQueryItem(u"stage"_s, QString::number(stage));
        return m_client->send(ApiRequest::get(u"/api/v1/rollouts/%1/devices"_s.arg(ApiRequest::segment(rolloutId)), query),
                              context, typedHandler(std::move(done), [](const QJsonObject &answer) {
                                  return listFromJson<RolloutDevice>(answer.value(u"devices"_s), u"devices"_s);
                              }));
    }

    ApiCall *RolloutsApi::act(const QString &rolloutId, RolloutAction action, const ActionInput &input, QObject *context,
                              Done<RolloutSummary> done)
    {
        QJsonObject body;
        if (!input.reason.isEmpty())
            body.insert(u"reason"_s, input.reason);
        if (!input.remark.isEmpty())
            body.insert(u"remark"_s, input.remark);
        if (!input.windowOverrideReason.isEmpty())
            body.insert(u"windowOverrideReason"_s, input.windowOverrideReason);
        const QString path = u"/api/v1/rollouts/%1/%2"_s.arg(ApiRequest::segment(rolloutId), actionName(action));
        return m_client->send(ApiRequest::post(path, body), context,
                              typedHandler(std::move(done), &RolloutSummary::fromJson));
    }

    ApiCall *RolloutsApi::window(QObject *context, Done<DeploymentWindow> done)
    {
        return m_client->send(ApiRequest::get(u"/api/v1/policy/window"_s), context,
                              typedHandler(std::move(done), &DeploymentWindow::fromJson));
    }
} // namespace Rollout
