#include <QTest>
class TestImageReader final : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(TestImageReader)
#include "tst_imagereader.moc"
