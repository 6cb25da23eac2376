#include "espotadevicetransfer.h"

#include <QTcpSocket>

#include "espotadeviceupdater.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace Espota
{
    namespace
    {
        // A small receive buffer keeps the kernel from soaking up the image
        // on the device's behalf (Linux doubles it, and has a floor).
        constexpr int SocketReceiveBuffer = 8192;
        constexpr int CloseGraceMs = 5000;
    } // namespace

    DeviceTransfer::DeviceTransfer(const Settings &settings, DeviceUpdater *updater, QObject *parent)
        : QObject(parent), m_settings(settings), m_updater(updater)
    {
        m_clock.start();
        m_inbound.setDelay(settings.linkDelayMs);
        m_outbound.setDelay(settings.linkDelayMs);
        for (QTimer *timer : {&m_stepTimer, &m_receiveTimer, &m_connectTimer}) {
            timer->setSingleShot(true);
            timer->setTimerType(Qt::PreciseTimer);
        }
        connect(&m_stepTimer, &QTimer::timeout, this, &DeviceTransfer::step);
        connect(&m_receiveTimer, &QTimer::timeout, this, &DeviceTransfer::onReceiveTimeout);
        connect(&m_connectTimer, &QTimer::timeout, this, [this] {
            qCInfo(lcEspotaDevice) << "connect back to" << m_settings.hostAddress.toString() << m_settings.hostPort
                                   << "timed out";
            m_updater->abort();
            closeLater(true);
            finish(false, u"Connect Failed"_s);
        });
    }

    DeviceTransfer::~DeviceTransfer() = default;

    void DeviceTransfer::start()
    {
        m_connectTimer.start(ConnectTimeoutMs);
        if (m_settings.faults.neverConnectBack) {
            qCInfo(lcEspotaDevice) << "fault: not connecting back";
            return;
        }
        auto *socket = new QTcpSocket(this);
        m_socket = socket;
        socket->setReadBufferSize(TcpWindow);
        // Bound first, so the host sees the connection come from the device's address.
        if (!socket->bind(m_settings.localAddress, 0)) {
            qCWarning(lcEspotaDevice) << "cannot bind the connect-back socket to"
                                      << m_settings.localAddress.toString() << socket->errorString();
        }
        socket->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, SocketReceiveBuffer);
        if (m_settings.flavour == Flavour::Esp8266)
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // client.setNoDelay(true)
        connect(socket, &QTcpSocket::connected, this, [this] { m_inbound.later([this] { onConnected(); }); });
        connect(socket, &QTcpSocket::readyRead, this, &DeviceTransfer::pull);
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            pull();
            m_inbound.later([this] {
                m_peerClosed = true;
                step();
            });
        });
        connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (m_connected || m_done || error == QAbstractSocket::RemoteHostClosedError)
                return;
            m_inbound.later([this] {
                if (m_connected || m_done)
                    return;
                qCInfo(lcEspotaDevice) << "connect back failed:" << (m_socket ? m_socket->errorString() : QString());
                m_connectTimer.stop();
                m_updater->abort();
                closeLater(true);
                finish(false, u"Connect Failed"_s);
            });
        });
        const QPointer<QTcpSocket> guarded = socket;
        m_outbound.later([guarded, this] {
            if (guarded)
                guarded->connectToHost(m_settings.hostAddress, m_settings.hostPort);
        });
    }

    void DeviceTransfer::onConnected()
    {
        if (m_done)
            return;
        m_connectTimer.stop();
        m_connected = true;
        qCDebug(lcEspotaDevice) << "connected back to" << m_settings.hostAddress.toString() << m_settings.hostPort;
        step();
    }

    void DeviceTransfer::pull()
    {
        if (m_done || !m_socket)
            return;
        while (m_inFlight < TcpWindow && m_socket->bytesAvailable() > 0) {
            const QByteArray chunk = m_socket->read(TcpWindow - m_inFlight);
            if (chunk.isEmpty())
                break;
            m_inFlight += chunk.size();
            m_inbound.later([this, chunk] {
                if (m_arrived.isEmpty())
                    m_waitingSince = nowUs();
                m_arrived += chunk;
                if (!m_stepTimer.isActive())
                    step();
            });
        }
    }

    bool DeviceTransfer::peerGone() const
    {
        return m_peerClosed && m_arrived.isEmpty() && m_inFlight == 0;
    }

    void DeviceTransfer::scheduleStep(qint64 inMicroseconds)
    {
        m_stepTimer.start(int((std::max<qint64>(0, inMicroseconds) + 999) / 1000));
    }

    void DeviceTransfer::step()
    {
        if (m_done || !m_connected)
            return;
        const bool esp8266 = m_settings.flavour == Flavour::Esp8266;
        // ESP8266's Updater::write(Stream&) reads nothing once it failed:
        // the device waits for the host to give up.
        const bool stalled = esp8266 && m_updater->error().has_value();
        if (m_updater->isFinished() || peerGone() || (stalled && m_peerClosed)) {
            endUpdate(); // the loop ends: finished, or no longer connected
            return;
        }
        if (stalled)
            return;
        if (nowUs() < m_pacedUntil) {
            scheduleStep(m_pacedUntil - nowUs());
            return;
        }
        if (m_arrived.isEmpty()) {
            if (!esp8266 && !m_receiveTimer.isActive())
                m_receiveTimer.start(ReceiveTimeoutMs);
            return; // ESP8266 waits as long as the connection is up
        }
        m_receiveTimer.stop();
        m_tried = 0;
        qint64 take = std::min<qint64>(m_arrived.size(), esp8266 ? Esp8266ReadSize : Esp32ReadSize);
        if (esp8266)
            take = std::min(take, m_updater->remaining()); // Updater::write(Stream&) reads no further
        const QByteArray chunk = m_arrived.first(take);
        m_arrived.remove(0, take);
        m_inFlight -= take;
        pull();

        m_lastWritten = m_updater->write(chunk);
        if (m_lastWritten > 0) {
            if (m_settings.flashBytesPerSecond > 0) {
                // The write began when both the flash and the bytes were
                // ready, not when our timer woke: timer lateness must not
                // slow the modelled flash.
                const qint64 began = std::max(m_pacedUntil, m_waitingSince);
                m_pacedUntil = began + m_lastWritten * 1000000 / m_settings.flashBytesPerSecond;
                m_waitingSince = m_arrived.isEmpty() ? 0 : m_pacedUntil;
            }
            // Update.write() returns when the flash write is done; the ack follows.
            const int writeEndsInMs = int(std::max<qint64>(0, m_pacedUntil - nowUs()) / 1000);
            sendLater(QByteArray::number(m_lastWritten), writeEndsInMs); // "%lu", no delimiter
            m_total += m_lastWritten;
            Q_EMIT progress(m_total, m_updater->size());
            const int dropAt = m_settings.faults.dropAtPercent;
            if (dropAt >= 0 && m_total * 100 >= m_updater->size() * dropAt && !m_updater->isFinished()) {
                qCInfo(lcEspotaDevice) << "fault: dropping the connection at" << m_total << "bytes";
                m_updater->abort();
                closeLater(true);
                finish(false, u"Connection dropped at %1 % (simulated)"_s.arg(dropAt));
                return;
            }
        } else {
            qCInfo(lcEspotaDevice) << "write error:" << m_updater->errorText();
        }
        scheduleStep(m_pacedUntil - nowUs());
    }

    void DeviceTransfer::onReceiveTimeout()
    {
        if (m_done)
            return;
        if (m_lastWritten > 0 && m_tried++ < AckRetries) {
            qCDebug(lcEspotaDevice) << "receive timeout, ack again" << m_lastWritten << "try" << m_tried;
            sendLater(QByteArray::number(m_lastWritten));
            m_receiveTimer.start(ReceiveTimeoutMs);
            return;
        }
        qCInfo(lcEspotaDevice) << "Receive Failed after" << m_total << "bytes";
        // A write error (Wrong Magic Byte, ...) ends here too: the device
        // stops acking, times out and closes without printing the error.
        const QString cause = m_updater->errorText();
        m_updater->abort();
        closeLater(false); // the client object goes out of scope: FIN
        finish(false, cause.isEmpty() ? u"Receive Failed"_s : u"Receive Failed: "_s + cause);
    }

    void DeviceTransfer::endUpdate()
    {
        m_receiveTimer.stop();
        const auto failed = m_updater->end();
        if (failed) {
            qCInfo(lcEspotaDevice) << "update failed:" << m_updater->errorText();
            sendLater(m_updater->errorLine()); // Update.printError(client)
            closeLater(false);
            finish(false, m_updater->errorText());
            return;
        }
        if (m_settings.faults.withholdFinalOk) {
            qCInfo(lcEspotaDevice) << "fault: closing without the final OK";
            closeLater(false);
            finish(true, {});
            return;
        }
        if (m_settings.flavour != Flavour::Esp8266) {
            sendLater(Reply::Ok.toByteArray());
            closeLater(false);
            finish(true, {});
            return;
        }
        // ESP8266: flush, 1000 ms, "OK", flush, 1000 ms, stop.
        m_done = true;
        QTimer::singleShot(Esp8266ResultDelayMs, this, [this] {
            if (m_finished)
                return; // lost power meanwhile
            sendLater(Reply::Ok.toByteArray());
            QTimer::singleShot(Esp8266ResultDelayMs, this, [this] {
                if (m_finished)
                    return;
                closeLater(false);
                finish(true, {});
            });
        });
    }

    void DeviceTransfer::sendLater(const QByteArray &bytes, int extraMs)
    {
        const QPointer<QTcpSocket> socket = m_socket;
        m_outbound.later([socket, bytes] {
            if (socket && socket->state() == QAbstractSocket::ConnectedState) {
                socket->write(bytes);
                socket->flush();
            }
        }, extraMs);
    }

    void DeviceTransfer::closeLater(bool reset)
    {
        m_done = true; // the close may come back synchronously as "disconnected"
        m_receiveTimer.stop();
        m_stepTimer.stop();
        m_connectTimer.stop();
        const QPointer<QTcpSocket> socket = m_socket;
        m_outbound.later([this, socket, reset] {
            if (!socket || socket->state() == QAbstractSocket::UnconnectedState) {
                deleteLater();
                return;
            }
            if (reset) {
                socket->abort();
                deleteLater();
                return;
            }
            socket->flush();
            socket->disconnectFromHost();
            if (socket->state() == QAbstractSocket::UnconnectedState) {
                deleteLater();
                return;
            }
            connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
            QTimer::singleShot(CloseGraceMs, this, &QObject::deleteLater);
        });
    }

    void DeviceTransfer::cut()
    {
        if (m_finished)
            return;
        m_finished = true; // no signal: nobody is left to hear it
        m_done = true;
        m_inbound.clear();
        m_updater->abort();
        closeLater(true);
    }

    void DeviceTransfer::finish(bool ok, const QString &errorText)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_done = true;
        m_inbound.clear();
        Q_EMIT finished(ok, errorText);
    }
} // namespace Espota
