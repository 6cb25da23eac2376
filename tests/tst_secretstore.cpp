// The keychain wrapper and the LAN page with no D-Bus session bus at all
// (CTest points DBUS_SESSION_BUS_ADDRESS nowhere): every call says the
// keychain cannot be reached, clearly, and nothing is stored elsewhere.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "consolesettingsdir.h"
#include "lan/lanpage.h"
#include "lan/lanpushpanel.h"
#include "secrets/secretstore.h"

using namespace Qt::Literals::StringLiterals;
using Secrets::SecretFailure;

class TestSecretStore final : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        TestSupport::keepConsoleSettingsIn(m_dir.filePath(u"settings"_s));
    }

    void withoutASessionBusEveryCallSaysTheKeychainIsUnreachable()
    {
        Secrets::SecretStore store(u"ota-rollout-console-test"_s);
        std::optional<Secrets::SecretRead> read;
        store.read(u"lan/x"_s, this, [&](const Secrets::SecretRead &r) { read = r; });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 30000);
        QVERIFY(!*read);
        QCOMPARE(read->error().kind, SecretFailure::Kind::Unavailable);
        QVERIFY2(read->error().message.contains(u"cannot be reached"_s), qPrintable(read->error().message));
        std::optional<std::optional<SecretFailure>> written;
        store.write(u"lan/x"_s, u"secret"_s, this, [&](const std::optional<SecretFailure> &f) { written = f; });
        QTRY_VERIFY_WITH_TIMEOUT(written.has_value(), 30000);
        QVERIFY(written->has_value());
        QCOMPARE((*written)->kind, SecretFailure::Kind::Unavailable);
        // Nothing went into the settings instead.
        QSettings settings;
        QVERIFY(settings.allKeys().isEmpty());
    }

    // The LAN page shows it where the operator acted, and offers typing the password.
    void theLanPageShowsTheErrorWhenSaving()
    {
        LanPage page(nullptr, {u"lo"_s});
        LanPushPanel *panel = page.pushPanel();
        panel->setTypedPassword(u"pw"_s);
        QVERIFY(panel->saveButton()->isEnabled());
        QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
        auto *message = panel->findChild<QLabel *>(u"keychainMessage"_s);
        QVERIFY(message);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains(u"cannot be reached"_s), 30000);
        QVERIFY(message->text().contains(u"for this push only"_s));
        QVERIFY(!message->isHidden());
        // The typed password stays for a push of its own; it was stored nowhere.
        QCOMPARE(panel->typedPassword(), u"pw"_s);
        panel->setPasswordSource(PasswordSource::TypedForThisPush);
        QVERIFY(!panel->saveButton()->isEnabled());
    }
};

QTEST_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
