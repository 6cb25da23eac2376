#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace TestSupport
{
    // Many devices checking in with a real ota-server, for benchmarks: enrols
    // them (batches of 1,000), then posts check-ins round robin, C in flight
    // at once, as fast as the server answers or at a set rate. Latencies of
    // the answered ones are kept for percentiles.
    class CheckInLoad final : public QObject
    {
        Q_OBJECT
    public:
        // The check-in body of device number index (0-based).
        using Body = std::function<QByteArray(size_t index)>;

        CheckInLoad(QUrl base, int concurrency, QObject *parent = nullptr);
        ~CheckInLoad() override;

        // Enrols count devices named prefix-000000 ... with the admin token.
        bool enrol(const QString &adminToken, int count, const QString &prefix, QString *error);
        size_t deviceCount() const { return m_authorizations.size(); }

        // total check-ins (0: until stop()), at most perSecond a second (0: no
        // limit). finished() when the last one answered. The counts and latencies
        // below are of this run only.
        void start(Body body, qint64 total, int perSecond = 0);
        void stop();

        qint64 answered() const { return qint64(m_latencies.size()); }
        qint64 failures() const { return m_failures; }
        double percentileMs(double p); // of the answered ones' latencies
        qint64 elapsedMs() const { return m_clock.elapsed(); }

    Q_SIGNALS:
        void finished();

    private:
        void send(int slot);
        void pace();

        QUrl m_checkInUrl;
        int m_concurrency;
        std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
        std::vector<QByteArray> m_authorizations;
        std::vector<double> m_latencies;
        Body m_body;
        qint64 m_total = 0;
        qint64 m_sent = 0;
        qint64 m_failures = 0;
        int m_inFlight = 0;
        int m_perSecond = 0;
        bool m_running = false;
        QElapsedTimer m_clock;
        QTimer m_pacer;
    };
} // namespace TestSupport
