#include "checkinload.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>

#include "serverprocess.h"

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    namespace
    {
        constexpr int EnrolBatch = 1000;
        constexpr int PaceMs = 10;
    } // namespace

    CheckInLoad::CheckInLoad(QUrl base, int concurrency, QObject *parent)
        : QObject(parent), m_checkInUrl(std::move(base)), m_concurrency(std::max(1, concurrency))
    {
        m_checkInUrl.setPath(u"/api/v1/device/checkin"_s);
        // QNetworkAccessManager keeps six connections per host: one manager per six in flight.
        for (int i = 0; i < (m_concurrency + 5) / 6; ++i)
            m_managers.push_back(std::make_unique<QNetworkAccessManager>());
        m_pacer.setInterval(PaceMs);
        connect(&m_pacer, &QTimer::timeout, this, &CheckInLoad::pace);
    }

    CheckInLoad::~CheckInLoad() = default;

    bool CheckInLoad::enrol(const QString &adminToken, int count, const QString &prefix, QString *error)
    {
        QUrl base = m_checkInUrl;
        base.setPath(QString());
        ApiClient admin(base);
        admin.useToken(adminToken);
        for (int first = 0; first < count; first += EnrolBatch) {
            QJsonArray batch;
            for (int i = first; i < std::min(count, first + EnrolBatch); ++i)
                batch.append(QJsonObject{{u"id"_s, u"%1-%2"_s.arg(prefix).arg(i, 6, 10, QChar(u'0'))}});
            const ApiReply enrolled = admin.post(u"/api/v1/devices"_s, {{u"devices"_s, batch}});
            if (enrolled.status != 201) {
                *error = u"enrolment failed: %1"_s.arg(enrolled.describe());
                return false;
            }
            for (const QJsonValue &device : enrolled.json[u"devices"_s].toArray()) {
                m_authorizations.push_back(
                    "Basic " + (device[u"id"_s].toString() + u':' + device[u"secret"_s].toString()).toUtf8().toBase64());
            }
        }
        return true;
    }

    void CheckInLoad::start(Body body, qint64 total, int perSecond)
    {
        m_body = std::move(body);
        m_total = total;
        m_perSecond = perSecond;
        m_sent = 0;
        // Each run reports on itself: a bench's setup run is not counted in
        // the rate of the run that follows it.
        m_latencies.clear();
        m_failures = 0;
        m_running = !m_authorizations.empty();
        m_clock.start();
        if (m_perSecond > 0)
            m_pacer.start();
        else
            for (int slot = 0; slot < m_concurrency; ++slot)
                send(slot);
    }

    void CheckInLoad::stop()
    {
        m_running = false;
        m_pacer.stop();
        if (m_inFlight == 0)
            Q_EMIT finished();
    }

    void CheckInLoad::pace()
    {
        // As many as the rate allows by now, without exceeding the concurrency.
        const qint64 due = m_clock.elapsed() * m_perSecond / 1000;
        while (m_running && m_sent < due && m_inFlight < m_concurrency)
            send(int(m_sent % m_concurrency));
    }

    void CheckInLoad::send(int slot)
    {
        if (!m_running)
            return;
        if (m_total > 0 && m_sent >= m_total) {
            m_running = false;
            m_pacer.stop();
            if (m_inFlight == 0)
                Q_EMIT finished();
            return;
        }
        const size_t index = size_t(m_sent++) % m_authorizations.size();
        QNetworkRequest request(m_checkInUrl);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", m_authorizations[index]);
        const qint64 started = m_clock.nsecsElapsed();
        QNetworkReply *reply = m_managers[size_t(slot) % m_managers.size()]->post(request, m_body(index));
        ++m_inFlight;
        connect(reply, &QNetworkReply::finished, this, [this, reply, slot, started] {
            --m_inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                m_latencies.push_back(double(m_clock.nsecsElapsed() - started) / 1e6);
            else
                ++m_failures;
            reply->deleteLater();
            if (m_perSecond == 0)
                send(slot);
            if (!m_running && m_inFlight == 0)
                Q_EMIT finished();
        });
    }

    double CheckInLoad::percentileMs(double p)
    {
        if (m_latencies.empty())
            return 0;
        std::sort(m_latencies.begin(), m_latencies.end());
        return m_latencies[std::min(m_latencies.size() - 1, size_t(p * double(m_latencies.size())))];
    }
} // namespace TestSupport
