#pragma once

#include <memory>

#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include "postgrescluster.h"
#include "store/database.h"

namespace TestSupport
{
    // Every store test runs once per engine: initTestCase_data() adds the
    // rows "sqlite" and "postgresql"; each test opens a fresh, empty store
    // with OTA_OPEN_FRESH_STORE. The PostgreSQL cluster starts once per
    // program, in initTestCase(); without it the postgresql rows skip.
    class StoreFixture final
    {
    public:
        void addEngineRows();   // call from initTestCase_data()
        void startPostgres();   // call from initTestCase()

        QString engine() const; // the current global row
        bool postgresUsable() const { return m_postgres.isRunning(); }
        QString postgresSkipReason() const { return m_postgres.skipReason(); }
        PostgresCluster &postgres() { return m_postgres; }

        // A location no test used before: a new SQLite file or a new database.
        QString freshLocation();
        QString freshDataDir(); // for blobs
        QString tempPath(const QString &name) const { return m_dir.filePath(name); }

    private:
        QTemporaryDir m_dir;
        PostgresCluster m_postgres;
        int m_serial = 0;
    };
} // namespace TestSupport

// In a test function: skips the postgresql row when there is no cluster.
#define OTA_SKIP_WITHOUT_ENGINE(fixture)                                                                      \
    if ((fixture).engine() == u"postgresql" && !(fixture).postgresUsable())                                   \
    QSKIP(qPrintable((fixture).postgresSkipReason()))

// ... then opens a fresh store as std::unique_ptr<Store::Database> `var`.
#define OTA_OPEN_FRESH_STORE(fixture, var)                                                                    \
    OTA_SKIP_WITHOUT_ENGINE(fixture);                                                                         \
    auto var##Opened = Store::Database::open((fixture).freshLocation());                                      \
    QVERIFY2(var##Opened, var##Opened ? "" : qPrintable(var##Opened.error().message));                        \
    std::unique_ptr<Store::Database> var = std::move(var##Opened).value()

// Checks a Result (evaluated once) and says the store's message when it holds an error.
#define OTA_VERIFY_OK(expression)                                                                             \
    do {                                                                                                      \
        const auto &otaResult = (expression);                                                                 \
        QVERIFY2(otaResult, otaResult ? "" : qPrintable(otaResult.error().message));                          \
    } while (false)
