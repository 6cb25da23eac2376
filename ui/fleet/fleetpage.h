#pragma once

#include <QElapsedTimer>
#include <QWidget>

#include "models/fleetfilter.h"
#include "rollout/eventstream.h"

class ConsoleSession;
class DeviceDetailDialog;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
namespace Models
{
    class FleetFilterModel;
}

// The fleet as a table: search and filters (version, rollout state, health,
// check-in), column sets (health / firmware / network) remembered across
// runs, sort on raw values; Enter or a double-click opens a device's detail.
class FleetPage final : public QWidget
{
    Q_OBJECT
public:
    explicit FleetPage(ConsoleSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *filter() const { return m_filter; }
    QComboBox *columnSets() const { return m_columns; }
    QComboBox *versionFilter() const { return m_version; }
    QComboBox *stateFilter() const { return m_state; }
    QComboBox *healthFilter() const { return m_health; }
    QComboBox *seenFilter() const { return m_seen; }
    Models::FleetFilterModel *rows() const { return m_rows; }
    DeviceDetailDialog *detail() const { return m_detail; }

    // Opens the detail of the device in the table's row (of the filtered rows).
    void openDetail(int row);

public Q_SLOTS:
    // Shows only the devices a filter text names ("version:2.3.1",
    // "health:failing", "seen:overdue", "state:deferred", words to search);
    // a text it cannot read is said in the page and changes nothing.
    void applyFilter(const QString &text);

private:
    QWidget *buildFilterBar();
    void showColumns();
    void setFilterControls(const Models::FleetFilter &filter);
    void filterFromControls();
    void fillVersions();
    void fetchRolloutStates();
    void onEvents(const QList<Rollout::StreamEvent> &events);

    ConsoleSession *m_session;
    Models::FleetFilterModel *m_rows = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_columns = nullptr;
    QComboBox *m_version = nullptr;
    QComboBox *m_state = nullptr;
    QComboBox *m_health = nullptr;
    QComboBox *m_seen = nullptr;
    QLabel *m_message = nullptr;
    DeviceDetailDialog *m_detail = nullptr;
    bool m_settingControls = false;
    int m_statesPending = 0;
    QElapsedTimer m_sinceStatesFetched;
};
