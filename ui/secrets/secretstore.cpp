#include "secretstore.h"

#include <qt6keychain/keychain.h>

namespace Secrets
{
    namespace
    {
        SecretFailure failureOf(const QKeychain::Job &job)
        {
            SecretFailure failure;
            switch (job.error()) {
            case QKeychain::EntryNotFound:
                failure.kind = SecretFailure::Kind::NotFound;
                failure.message = SecretStore::tr("Nothing is stored in the keychain under '%1'.").arg(job.key());
                return failure;
            case QKeychain::AccessDenied:
            case QKeychain::AccessDeniedByUser:
                failure.kind = SecretFailure::Kind::Denied;
                failure.message = SecretStore::tr("The system keychain refused access (%1). Unlock it and try again.")
                                      .arg(job.errorString());
                return failure;
            default:
                failure.kind = SecretFailure::Kind::Unavailable;
                failure.message = SecretStore::tr("The system keychain cannot be reached: %1. Start a Secret Service "
                                                  "(GNOME Keyring, KWallet) in this session, or type the password "
                                                  "for this push only; it is not stored.")
                                      .arg(job.errorString());
                return failure;
            }
        }

        // One place where a job's end is turned into a result for its caller.
        template<typename Done>
        void whenFinished(QKeychain::Job *job, QObject *context, Done done)
        {
            job->setAutoDelete(true);
            job->setInsecureFallback(false);
            QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
                done(*finished);
            });
            job->start();
        }

        std::function<void(const QKeychain::Job &)> plainDone(std::function<void(const std::optional<SecretFailure> &)> done)
        {
            return [done = std::move(done)](const QKeychain::Job &job) {
                if (job.error() == QKeychain::NoError)
                    done(std::nullopt);
                else
                    done(failureOf(job));
            };
        }
    } // namespace

    SecretStore::SecretStore(QString service, QObject *parent) : QObject(parent), m_service(std::move(service)) {}

    SecretStore::~SecretStore() = default;

    void SecretStore::read(const QString &key, QObject *context, std::function<void(const SecretRead &)> done)
    {
        auto *job = new QKeychain::ReadPasswordJob(m_service, this);
        job->setKey(key);
        whenFinished(job, context, [job, done = std::move(done)](const QKeychain::Job &finished) {
            if (finished.error() == QKeychain::NoError)
                done(SecretRead(job->textData()));
            else
                done(SecretRead(failureOf(finished)));
        });
    }

    void SecretStore::write(const QString &key, const QString &secret, QObject *context,
                            std::function<void(const std::optional<SecretFailure> &)> done)
    {
        auto *job = new QKeychain::WritePasswordJob(m_service, this);
        job->setKey(key);
        job->setTextData(secret);
        whenFinished(job, context, plainDone(std::move(done)));
    }

    void SecretStore::remove(const QString &key, QObject *context,
                             std::function<void(const std::optional<SecretFailure> &)> done)
    {
        auto *job = new QKeychain::DeletePasswordJob(m_service, this);
        job->setKey(key);
        whenFinished(job, context, plainDone(std::move(done)));
    }
} // namespace Secrets
