#include "consolesession.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "models/consolesettings.h"
#include "models/fleetmodel.h"
#include "models/rolloutlistmodel.h"
#include "rollout/eventstream.h"
#include "rollout/serverclient.h"

Q_LOGGING_CATEGORY(lcConsoleSession, "ota.console.session", QtInfoMsg)

namespace
{
    // While the stream is up, events keep the lists current; a whole fetch
    // now and then only catches what no event covers.
    constexpr int LiveRefreshSeconds = 300;
    constexpr int EventSettleMs = 1000;    // events arriving together cause one refresh
    constexpr int MaxBackoffSeconds = 60;

    ConsoleSession::Role roleFromName(const QString &name)
    {
        if (name == u"viewer")
            return ConsoleSession::Role::Viewer;
        if (name == u"operator")
            return ConsoleSession::Role::Operator;
        if (name == u"admin")
            return ConsoleSession::Role::Admin;
        return ConsoleSession::Role::Unknown;
    }

    // A fleet listing is tens of MB at 100,000 devices: it is read, and
    // compared with the rows the console held when it asked, on a worker
    // thread, so the window keeps answering meanwhile and applies only what
    // changed. The listing itself is freed here too, off the GUI thread.
    Result<Models::FleetModel::Changes, QString> parseFleet(const QByteArray &body,
                                                            const QList<Rollout::Device> &rows)
    {
        Result<Models::FleetModel::Changes, QString> changes = QString();
        {
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(body, &error);
            if (!document.isObject())
                return QStringLiteral("the fleet listing is not JSON (%1)").arg(error.errorString());
            auto list = Rollout::DeviceList::fromJson(document.object());
            if (!list)
                return list.error();
            for (Rollout::Device &device : list.value().devices)
                device.json = {}; // every field is parsed; the object would double the memory
            changes = Models::FleetModel::Changes::between(rows, std::move(list.value()));
        }
#ifdef __GLIBC__
        // The document and the listing were hundreds of MB in this pool
        // thread's malloc arena; glibc keeps freed arena memory, so without
        // this every refetch left the console's resident size higher.
        malloc_trim(0);
#endif
        return changes;
    }
} // namespace

ConsoleSession::ConsoleSession(Rollout::ServerClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_fleet(new Models::FleetModel(this)),
      m_rollouts(new Models::RolloutListModel(this)), m_pollSeconds(Models::ConsoleSettings().refreshSeconds())
{
    m_liveText = tr("connecting");
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &ConsoleSession::tick);
    m_timer->start();

    m_refreshSoon = new QTimer(this);
    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(EventSettleMs);
    connect(m_refreshSoon, &QTimer::timeout, this, [this] {
        if (m_pending == 0)
            poll();
        else
            m_refreshSoon->start(); // a refresh is under way; the next one sees this change
    });
    m_stream = new Rollout::EventStream(client->endpoint(), this);
    connect(m_stream, &Rollout::EventStream::statusChanged, this, &ConsoleSession::onStreamStatus);
    connect(m_stream, &Rollout::EventStream::snapshot, this, [this](const QJsonObject &state) {
        // A later snapshot means a gap the events could not fill.
        if (m_snapshots++ > 0) {
            refreshSoon();
            return;
        }
        // The first comes while the first fetch is under way or just done:
        // fetching 100,000 devices twice at connect costs seconds and memory,
        // so the listing is fetched again only when it disagrees with the
        // snapshot (devices enrolled or updated between the two).
        m_firstSnapshotFleet = state.value(QStringLiteral("fleet")).toObject();
        if (m_pending == 0 && m_refreshedAgo >= 0)
            checkFirstSnapshot();
    });
    connect(m_stream, &Rollout::EventStream::events, this, [this](const QList<Rollout::StreamEvent> &batch) {
        applyEvents(batch);
        Q_EMIT events(batch);
    });
    m_stream->start();
    poll();
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::refreshNow()
{
    if (m_pending == 0)
        poll();
    else
        refreshSoon();
}

void ConsoleSession::refreshSoon()
{
    if (!m_refreshSoon->isActive())
        m_refreshSoon->start();
}

bool ConsoleSession::isLive() const
{
    return m_stream && m_stream->status() == Rollout::EventStream::Status::Live;
}

QString ConsoleSession::freshnessText() const
{
    if (m_refreshedAgo < 0)
        return tr("fetching the fleet...");
    if (m_refreshedAgo == 0)
        return tr("%n devices · refreshed just now", nullptr, m_fleet->rowCount());
    return tr("%n devices · refreshed %1 s ago", nullptr, m_fleet->rowCount()).arg(m_refreshedAgo);
}

void ConsoleSession::setLive(const QString &text, const QString &detail)
{
    m_liveText = text;
    m_liveDetail = detail;
    Q_EMIT liveTextChanged();
}

void ConsoleSession::onStreamStatus()
{
    if (isLive()) {
        if (m_backoffSeconds == 0)
            setLive(tr("● live"), QString());
        // Back after a gap: what changed meanwhile is fetched whole. Live
        // for the first time, the stream's first snapshot is compared with
        // the listing instead (checkFirstSnapshot): a second 100,000-device
        // fetch at connect stalled the window for a quarter of a second.
        // Only with no listing read or under way (the server was down at
        // start) does the first live moment fetch at once, not after the
        // backoff.
        const bool wasLiveBefore = std::exchange(m_wasLive, true);
        if (wasLiveBefore || (m_pending == 0 && m_refreshedAgo < 0))
            refreshSoon();
    } else {
        // Polling takes over at once, not at the end of the slow live interval.
        m_secondsToNext = qMin(m_secondsToNext, m_pollSeconds);
        if (m_stream->status() == Rollout::EventStream::Status::Refused)
            setLive(m_liveText, m_stream->lastError());
    }
}

void ConsoleSession::applyEvents(const QList<Rollout::StreamEvent> &batch)
{
    // Check-ins and counts carry the whole row: applied in place, no fetch.
    // What they do not carry (new devices, a version reported after a
    // reboot, a rollout created) makes the next fetch come soon.
    bool stale = false;
    for (const Rollout::StreamEvent &event : batch) {
        if (event.kind == u"device.checkin") {
            if (auto device = Rollout::Device::fromJson(event.payload)) {
                device.value().json = {}; // as the listing's rows hold it
                m_fleet->applyDevice(*device);
            } else {
                stale = true;
            }
        } else if (event.kind == u"rollout.counts") {
            if (const auto summary = Rollout::RolloutSummary::fromJson(event.payload))
                m_rollouts->applySummary(*summary);
            else
                stale = true;
        } else if (event.kind == u"device.version" || event.kind == u"devices.enrolled" || event.kind == u"rollout.changed") {
            stale = true;
        }
    }
    if (stale)
        refreshSoon();
}

void ConsoleSession::checkFirstSnapshot()
{
    const std::optional<QJsonObject> snapshotFleet = std::exchange(m_firstSnapshotFleet, std::nullopt);
    if (!snapshotFleet)
        return;
    if (!m_fleet->agreesWithSnapshot(*snapshotFleet)) {
        qCInfo(lcConsoleSession) << "the fleet listing and the stream's first snapshot disagree: fetching again";
        refreshSoon();
        return;
    }
    // Rollout changes between the listing and the snapshot left no count
    // behind: the short rollout list is read again.
    m_client->rollouts().list(this, [this](const Result<QList<Rollout::RolloutSummary>, Rollout::ApiError> &result) {
        if (result)
            m_rollouts->update(*result);
    });
}

void ConsoleSession::fetchIdentity()
{
    m_client->send(Rollout::ApiRequest::get(QStringLiteral("/api/v1/token")), this, [this](const Rollout::ApiResult &reply) {
        if (!reply)
            return; // an older server, or not reachable: the next poll asks again
        m_identityKnown = true;
        m_role = roleFromName(reply.value().json.value(QStringLiteral("role")).toString());
        m_tokenName = reply.value().json.value(QStringLiteral("name")).toString();
        m_breakGlass = reply.value().json.value(QStringLiteral("breakGlass")).toBool();
        Q_EMIT identityChanged();
    });
}

void ConsoleSession::poll()
{
    if (!m_identityKnown)
        fetchIdentity();
    // Both calls answer on this thread's event loop: nothing here blocks.
    m_pending = 2;
    m_lastError.clear();
    Rollout::ApiRequest fleetRequest = Rollout::ApiRequest::get(QStringLiteral("/api/v1/devices"));
    fleetRequest.jsonAnswer = false;
    m_client->send(fleetRequest, this, [this](const Rollout::ApiResult &reply) {
        if (!reply) {
            callDone(reply.error().message);
            return;
        }
        auto *watcher = new QFutureWatcher<Result<Models::FleetModel::Changes, QString>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, server = reply.value().server] {
            watcher->deleteLater();
            // Taken, not copied: the future would otherwise share the
            // devices, and moving them into the model would copy them all.
            auto changes = watcher->future().takeResult();
            if (changes)
                m_fleet->apply(std::move(changes).value());
            callDone(changes ? QString() : tr("%1 answered the fleet listing with something this console cannot read: %2")
                                               .arg(server, changes.error()));
        });
        watcher->setFuture(QtConcurrent::run(parseFleet, reply.value().body, m_fleet->rows()));
    });
    m_client->rollouts().list(this, [this](const Result<QList<Rollout::RolloutSummary>, Rollout::ApiError> &result) {
        if (result)
            m_rollouts->update(*result);
        callDone(result ? QString() : result.error().message);
    });
}

void ConsoleSession::callDone(const QString &error)
{
    if (!error.isEmpty())
        m_lastError = error;
    if (--m_pending > 0)
        return;
    if (m_lastError.isEmpty())
        pollSucceeded();
    else
        pollFailed(m_lastError);
}

void ConsoleSession::pollSucceeded()
{
    m_backoffSeconds = 0;
    m_secondsToNext = isLive() ? LiveRefreshSeconds : m_pollSeconds;
    m_refreshedAgo = 0;
    if (isLive())
        setLive(tr("● live"), QString());
    else
        setLive(tr("polling every %n s", nullptr, m_pollSeconds),
                tr("the live event stream is not connected: %1").arg(m_stream->statusText()));
    Q_EMIT refreshed();
    checkFirstSnapshot();
}

void ConsoleSession::pollFailed(const QString &why)
{
    m_firstSnapshotFleet.reset(); // the next listing is newer than that snapshot
    m_backoffSeconds = m_backoffSeconds == 0 ? 2 : qMin(MaxBackoffSeconds, m_backoffSeconds * 2);
    m_secondsToNext = m_backoffSeconds;
    setLive(tr("reconnecting in %n s", nullptr, m_secondsToNext), why);
}

void ConsoleSession::tick()
{
    if (m_pending > 0)
        return;
    if (--m_secondsToNext <= 0) {
        poll();
        return;
    }
    if (m_backoffSeconds > 0) {
        setLive(tr("reconnecting in %n s", nullptr, m_secondsToNext), m_liveDetail);
    } else if (m_refreshedAgo >= 0) {
        ++m_refreshedAgo;
        Q_EMIT liveTextChanged();
    }
}
