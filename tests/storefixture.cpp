#include "storefixture.h"

#include <QDir>

using namespace Qt::Literals::StringLiterals;

namespace TestSupport
{
    void StoreFixture::addEngineRows()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    void StoreFixture::startPostgres()
    {
        if (!m_postgres.start())
            qWarning("PostgreSQL rows will skip: %s", qPrintable(m_postgres.skipReason()));
    }

    QString StoreFixture::engine() const
    {
        const QString *row = static_cast<const QString *>(QTest::qGlobalData("engine", qMetaTypeId<QString>()));
        return row ? *row : u"sqlite"_s;
    }

    QString StoreFixture::freshLocation()
    {
        const QString name = u"store%1"_s.arg(++m_serial);
        if (engine() == u"postgresql"_s) {
            if (!m_postgres.createDatabase(name))
                return u"postgresql://nobody@127.0.0.1:1/createdb-failed"_s;
            return m_postgres.url(name);
        }
        return m_dir.filePath(name + u".db"_s);
    }

    QString StoreFixture::freshDataDir()
    {
        const QString path = m_dir.filePath(u"data%1"_s.arg(++m_serial));
        QDir().mkpath(path);
        return path;
    }
} // namespace TestSupport
