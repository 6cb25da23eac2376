#pragma once

#include <functional>

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include "rollout/eventstream.h"

class QTimer;

// Runs a fetch when asked, but at most once a second and never two at once:
// a burst of events for one rollout becomes one request, and the last ask
// in a burst is never lost (it runs when the second is up).
class FetchThrottle final : public QObject
{
    Q_OBJECT
public:
    // fetch starts the request and must call done() when it has answered.
    explicit FetchThrottle(std::function<void()> fetch, QObject *parent = nullptr);

    void request();
    void done();

private:
    void fire();

    std::function<void()> m_fetch;
    QTimer *m_timer;
    QElapsedTimer m_sinceLast;
    bool m_inFlight = false;
    bool m_pending = false;
};

// Whether any of these stream events is about the rollout with this id.
bool concernsRollout(const QList<Rollout::StreamEvent> &events, const QString &rolloutId);
