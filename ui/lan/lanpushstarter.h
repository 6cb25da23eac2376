#pragma once

#include <memory>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include "espota/pushimage.h"
#include "espota/pushtarget.h"

namespace Discovery
{
    class MdnsBrowser;
}
namespace Espota
{
    class PushJob;
}
namespace Secrets
{
    class SecretStore;
}

// Where the OTA password of a push comes from.
enum class PasswordSource
{
    SharedKeychain,    // one password for every device, from the keychain
    PerDeviceKeychain, // each device's own keychain entry, else the shared one
    TypedForThisPush,  // typed by the operator, used once, never stored
};

// What the operator asked for in the push panel.
struct LanPushRequest
{
    std::shared_ptr<const Espota::PushImage> image;
    PasswordSource source = PasswordSource::SharedKeychain;
    QString typedPassword;
    int concurrency = 4;
    bool skipSameVersion = false;
    bool onlyOnline = false;
    bool force = false;
    quint16 connectBackPort = 0; // where ArduinoOTA devices connect back; 0: any free port
};

// Keychain entry names; QSettings never sees a password.
QString sharedPasswordKey();
QString devicePasswordKey(const QString &deviceName);

// Turns a request into a running push job: reads the passwords from the
// keychain (asynchronously), then builds and starts the job. A keychain that
// cannot be reached stops it with that message; nothing falls back to plain text.
class LanPushStarter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanPushStarter)
public:
    explicit LanPushStarter(Secrets::SecretStore *secrets, QObject *parent = nullptr);

    // browser may be null (no confirmation then). Answers with jobStarted or failed.
    void start(const QList<Espota::PushTarget> &targets, const LanPushRequest &request, Discovery::MdnsBrowser *browser);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void jobStarted(Espota::PushJob *job); // owned by the starter's parent; deleted by whoever replaces it
    void failed(const QString &message);

private:
    void readDevicePassword(int index);
    void launch();
    void fail(const QString &message);

    Secrets::SecretStore *m_secrets;
    QPointer<Discovery::MdnsBrowser> m_browser;
    QList<Espota::PushTarget> m_targets;
    LanPushRequest m_request;
    QString m_sharedPassword;
    QHash<int, QString> m_devicePasswords;
    bool m_busy = false;
};
