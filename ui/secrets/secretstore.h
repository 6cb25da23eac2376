#pragma once

#include <functional>
#include <optional>

#include <QObject>
#include <QPointer>
#include <QString>

#include "result.h"

namespace Secrets
{
    // Why a secret could not be had.
    struct SecretFailure
    {
        enum class Kind
        {
            NotFound,    // the keychain works; nothing is stored under this key
            Unavailable, // no keychain reachable (no D-Bus session bus, no Secret Service)
            Denied,      // the keychain refused (locked, the user said no)
        };
        Kind kind = Kind::Unavailable;
        QString message; // for a person: what went wrong and what to do
    };
    using SecretRead = Result<QString, SecretFailure>;

    // Passwords in the system keychain (QtKeychain), asynchronously: each
    // call answers once through its callback, never blocking the caller.
    // Nothing is ever written anywhere else: there is no plain-text fallback.
    // Secrets never reach a log line.
    class SecretStore final : public QObject
    {
        Q_OBJECT
        Q_DISABLE_COPY_MOVE(SecretStore)

    public:
        // service: the keychain's collection name for this application's secrets.
        explicit SecretStore(QString service, QObject *parent = nullptr);
        ~SecretStore() override;

        // done runs on the GUI thread, unless context was destroyed first.
        void read(const QString &key, QObject *context, std::function<void(const SecretRead &)> done);
        void write(const QString &key, const QString &secret, QObject *context,
                   std::function<void(const std::optional<SecretFailure> &)> done);
        void remove(const QString &key, QObject *context,
                    std::function<void(const std::optional<SecretFailure> &)> done);

    private:
        QString m_service;
    };
} // namespace Secrets
