#pragma once

#include <memory>

#include <QList>
#include <QObject>
#include <QStringList>

#include "serviceinstance.h"

namespace Discovery
{
    class MdnsTransport;

    enum class RemovalReason
    {
        Goodbye,     // the instance said goodbye (TTL 0)
        Expired,     // its records were not refreshed before their TTL ran out
        CheckFailed, // a "check now" got no answer in time
    };
    QString removalReasonName(RemovalReason reason); // "goodbye", "expired", "check failed"

    // Browses DNS-SD service types (RFC 6762/6763) over a shared transport:
    // continuous querying (first query within 120 ms, then 1 s, doubling up
    // to a cap), known-answer suppression, duplicate-question suppression, a
    // TTL cache that honours goodbyes and cache-flush, resolution of each
    // instance to host, port, TXT and addresses, refresh queries at 80-95 %
    // of each TTL, and removal when a record is not refreshed in time.
    class MdnsBrowser final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(MdnsBrowser)

    public:
        // serviceTypes like "_arduino._tcp" (".local" is added).
        MdnsBrowser(MdnsTransport *transport, const QStringList &serviceTypes, QObject *parent = nullptr);
        ~MdnsBrowser() override;

        // RFC 6762 lets the interval grow to 60 minutes; tests lower it.
        void setMaximumQueryInterval(int milliseconds);
        void start();

        // Resolved instances, in no particular order.
        QList<ServiceInstance> instances() const;

        // Liveness on demand: a direct query for one instance (legacy
        // unicast from an ephemeral port, and multicast), repeated once;
        // livenessChecked() reports within timeoutMs. No answer removes the
        // instance with RemovalReason::CheckFailed.
        void checkNow(const DnsName &instanceName, int timeoutMs = 2000);

    Q_SIGNALS:
        void instanceAdded(const Discovery::ServiceInstance &instance);
        void instanceUpdated(const Discovery::ServiceInstance &instance);
        void instanceRemoved(const Discovery::ServiceInstance &instance, Discovery::RemovalReason reason);
        void livenessChecked(const Discovery::DnsName &instanceName, bool answered, int elapsedMs);

    private:
        struct Private;
        std::unique_ptr<Private> d;
    };
} // namespace Discovery
