#include "lanpushstarter.h"

#include "discovery/mdnsbrowser.h"
#include "espota/pushjob.h"
#include "secrets/secretstore.h"

using Secrets::SecretFailure;
using Secrets::SecretRead;

QString sharedPasswordKey()
{
    return QStringLiteral("lan/shared-ota-password");
}

QString devicePasswordKey(const QString &deviceName)
{
    return QStringLiteral("lan/ota-password/") + deviceName.toLower();
}

LanPushStarter::LanPushStarter(Secrets::SecretStore *secrets, QObject *parent) : QObject(parent), m_secrets(secrets) {}

void LanPushStarter::start(const QList<Espota::PushTarget> &targets, const LanPushRequest &request,
                           Discovery::MdnsBrowser *browser)
{
    if (m_busy)
        return;
    m_busy = true;
    m_targets = targets;
    m_request = request;
    m_browser = browser;
    m_sharedPassword.clear();
    m_devicePasswords.clear();
    if (request.source == PasswordSource::TypedForThisPush) {
        m_sharedPassword = request.typedPassword;
        launch();
        return;
    }
    m_secrets->read(sharedPasswordKey(), this, [this](const SecretRead &read) {
        if (read)
            m_sharedPassword = read.value();
        else if (read.error().kind != SecretFailure::Kind::NotFound)
            return fail(read.error().message);
        // Not found: devices without a password need none; the others say so on their row.
        if (m_request.source == PasswordSource::PerDeviceKeychain)
            readDevicePassword(0);
        else
            launch();
    });
}

void LanPushStarter::readDevicePassword(int index)
{
    if (index >= m_targets.size())
        return launch();
    m_secrets->read(devicePasswordKey(m_targets.at(index).name), this, [this, index](const SecretRead &read) {
        if (read)
            m_devicePasswords.insert(index, read.value());
        else if (read.error().kind != SecretFailure::Kind::NotFound)
            return fail(read.error().message);
        readDevicePassword(index + 1);
    });
}

void LanPushStarter::launch()
{
    Espota::PushJobOptions options;
    options.settings.password = m_sharedPassword;
    options.settings.force = m_request.force;
    options.devicePasswords = m_devicePasswords;
    options.concurrency = m_request.concurrency;
    options.skipSameVersion = m_request.skipSameVersion;
    options.onlyOnline = m_request.onlyOnline;
    options.confirm = m_browser != nullptr;
    options.listenPort = m_request.connectBackPort;
    m_sharedPassword.clear();
    m_devicePasswords.clear();
    auto *job = new Espota::PushJob(m_targets, m_request.image, options, m_browser, parent());
    if (const auto error = job->start()) {
        delete job;
        return fail(*error);
    }
    m_busy = false;
    Q_EMIT jobStarted(job);
}

void LanPushStarter::fail(const QString &message)
{
    m_busy = false;
    m_sharedPassword.clear();
    m_devicePasswords.clear();
    Q_EMIT failed(message);
}
