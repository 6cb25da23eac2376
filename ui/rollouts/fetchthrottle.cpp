#include "fetchthrottle.h"

#include <QTimer>

namespace
{
    constexpr int MinimumGapMs = 1000;
}

FetchThrottle::FetchThrottle(std::function<void()> fetch, QObject *parent)
    : QObject(parent), m_fetch(std::move(fetch)), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &FetchThrottle::fire);
}

void FetchThrottle::request()
{
    if (m_inFlight || m_timer->isActive()) {
        m_pending = true;
        return;
    }
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < MinimumGapMs) {
        m_timer->start(int(MinimumGapMs - m_sinceLast.elapsed()));
        return;
    }
    fire();
}

void FetchThrottle::fire()
{
    m_pending = false;
    m_inFlight = true;
    m_sinceLast.start();
    m_fetch();
}

void FetchThrottle::done()
{
    m_inFlight = false;
    if (m_pending) {
        m_pending = false;
        request();
    }
}

bool concernsRollout(const QList<Rollout::StreamEvent> &events, const QString &rolloutId)
{
    if (rolloutId.isEmpty())
        return false;
    return std::any_of(events.cbegin(), events.cend(), [&rolloutId](const Rollout::StreamEvent &e) {
        // rollout.counts carries the summary (id); the changes carry rolloutId.
        return e.payload.value(QStringLiteral("rolloutId")).toString() == rolloutId
            || (e.kind == QStringLiteral("rollout.counts") && e.payload.value(QStringLiteral("id")).toString() == rolloutId);
    });
}
