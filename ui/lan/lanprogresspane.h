#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;
namespace Espota
{
    class PushJob;
    struct PushJobSummary;
}
namespace Models
{
    class PushProgressModel;
}

// One push job as it runs: a summary line, a row per device, and the
// selected device's own log beside the table.
class LanProgressPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanProgressPane)
public:
    explicit LanProgressPane(QWidget *parent = nullptr);

    // Not owned. Null clears the pane.
    void setJob(Espota::PushJob *job);
    QTableView *table() const { return m_table; }
    QPlainTextEdit *log() const { return m_log; }
    QLabel *summary() const { return m_summary; }
    Models::PushProgressModel *model() const { return m_model; }
    // "3 devices: 2 confirmed, 1 failed in 9.1 s", translated.
    static QString summaryText(const Espota::PushJobSummary &summary);

private:
    void showLogOf(int row);
    void updateSummary();
    int selectedRow() const;

    QPointer<Espota::PushJob> m_job;
    Models::PushProgressModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QPlainTextEdit *m_log;
};
