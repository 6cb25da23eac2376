#pragma once

#include <QList>
#include <QWidget>

#include "models/releasereadiness.h"

class QGridLayout;
class QLabel;

// The release readiness card: one row per check, drawn as icon + word +
// what was found, with the line saying why the check matters beneath it.
class ReadinessCard final : public QWidget
{
    Q_OBJECT
public:
    explicit ReadinessCard(QWidget *parent = nullptr);

    void showItems(const QString &heading, const QList<Models::ReleaseReadiness::Item> &items);
    void showNothing(const QString &why);
    const QList<Models::ReleaseReadiness::Item> &items() const { return m_items; }

private:
    void clearRows();

    QLabel *m_heading;
    QGridLayout *m_rows;
    QList<Models::ReleaseReadiness::Item> m_items;
};
