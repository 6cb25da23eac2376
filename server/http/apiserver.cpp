#include "apiserver.h"

#include <QFile>
#include <QHttpServer>
#include <QJsonObject>
#include <QMetaEnum>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "apierror.h"
#include "requestlimit.h"
#include "firmware/opensslptr.h"
#include "serverlogging.h"

using namespace Qt::Literals::StringLiterals;

namespace Http
{
    namespace
    {
        Result<QByteArray, QString> readPem(const QString &path, const QString &what)
        {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return u"cannot read the TLS %1 %2: %3"_s.arg(what, path, file.errorString());
            return file.readAll();
        }

        // Qt cannot derive a public key from a private one; OpenSSL can.
        bool keyMatchesCertificate(const QByteArray &keyPem, const QByteArray &certificatePem)
        {
            using Firmware::OpenSsl::Owned;
            const Owned<BIO, &BIO_free> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
            const Owned<BIO, &BIO_free> certificateBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
            const Owned<EVP_PKEY, &EVP_PKEY_free> key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
            const Owned<X509, &X509_free> certificate(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
            return key && certificate && X509_check_private_key(certificate.get(), key.get()) == 1;
        }
    } // namespace

    struct ApiServer::Private
    {
        ServerIdentity identity;
        QHttpServer http;
        bool tls = false;
        QSslConfiguration sslConfiguration;
        qint64 maxBodyBytes = ApiServer::DefaultMaxBodyBytes;
        std::function<QJsonObject()> healthDetails;
    };

    ApiServer::ApiServer(ServerIdentity identity, QObject *parent)
        : QObject(parent)
        , d(std::make_unique<Private>())
    {
        d->identity = std::move(identity);
        d->http.route(u"/api/v1/health"_s, QHttpServerRequest::Method::Get, [this] {
            QJsonObject health{{u"status"_s, u"ok"_s},
                               {u"name"_s, d->identity.name},
                               {u"apiVersion"_s, d->identity.apiVersion},
                               {u"version"_s, d->identity.softwareVersion},
                               {u"tls"_s, d->tls}};
            if (d->healthDetails) {
                const QJsonObject details = d->healthDetails();
                for (auto it = details.begin(); it != details.end(); ++it)
                    health.insert(it.key(), it.value());
            }
            return health;
        });
        // Anything no route claims: a JSON 404 naming the path, not Qt's empty one.
        d->http.setMissingHandler([](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const QByteArray method = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
                static_cast<int>(request.method()));
            ApiError::notFound(u"no route %1 %2; the API reference is docs/server-api.md"_s.arg(
                                   QString::fromLatin1(method).toUpper(), request.url().path()))
                .toResponse()
                .write(std::move(responder));
        });
    }

    ApiServer::~ApiServer() = default;

    QHttpServer &ApiServer::http() { return d->http; }

    const ServerIdentity &ApiServer::identity() const { return d->identity; }

    bool ApiServer::usesTls() const { return d->tls; }

    void ApiServer::setMaxBodyBytes(qint64 bytes) { d->maxBodyBytes = bytes; }

    void ApiServer::setHealthDetails(std::function<QJsonObject()> details) { d->healthDetails = std::move(details); }

    Result<quint16, QString> ApiServer::listen(const QHostAddress &address, quint16 port, const std::optional<TlsFiles> &tls)
    {
        if (tls) {
            const auto certificatePem = readPem(tls->certificatePath, u"certificate"_s);
            if (!certificatePem)
                return certificatePem.error();
            const auto keyPem = readPem(tls->keyPath, u"key"_s);
            if (!keyPem)
                return keyPem.error();
            const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem.value(), QSsl::Pem);
            if (chain.isEmpty())
                return u"%1 holds no PEM certificate"_s.arg(tls->certificatePath);
            QSslKey key(keyPem.value(), QSsl::Ec, QSsl::Pem);
            if (key.isNull())
                key = QSslKey(keyPem.value(), QSsl::Rsa, QSsl::Pem);
            if (key.isNull())
                return u"%1 holds no unencrypted PEM private key (EC or RSA)"_s.arg(tls->keyPath);
            if (!keyMatchesCertificate(keyPem.value(), certificatePem.value()))
                return u"the key in %1 does not belong to the certificate in %2: every TLS handshake would fail"_s.arg(
                    tls->keyPath, tls->certificatePath);
            d->sslConfiguration = QSslConfiguration::defaultConfiguration();
            d->sslConfiguration.setLocalCertificateChain(chain);
            d->sslConfiguration.setPrivateKey(key);
            d->sslConfiguration.setProtocol(QSsl::TlsV1_2OrLater);
            d->tls = true;
        }
        QTcpServer *server = d->tls ? static_cast<QTcpServer *>(limitedSslServer(d->maxBodyBytes, d->sslConfiguration, this))
                                    : new LimitedTcpServer(d->maxBodyBytes, this);
        if (!server->listen(address, port)) {
            delete server;
            return u"cannot listen on %1 port %2: the address is in use or not ours; choose another with --listen/--port"_s
                .arg(address.toString())
                .arg(port);
        }
        d->http.bind(server);
        const quint16 bound = server->serverPort();
        qCInfo(lcHttp) << "listening on" << address.toString() << bound << (d->tls ? "(HTTPS)" : "(HTTP)");
        return bound;
    }
} // namespace Http
