#include "lanprogresspane.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "espota/pushjob.h"
#include "models/pushprogressmodel.h"
#include "statetable.h"

LanProgressPane::LanProgressPane(QWidget *parent) : QWidget(parent), m_model(new Models::PushProgressModel(this))
{
    m_summary = new QLabel(tr("No push yet. Select devices above, choose an image and press Push."));
    m_summary->setObjectName(QStringLiteral("pushSummary"));
    m_summary->setWordWrap(true);
    m_table = makeStateTable(m_model, QStringLiteral("progressTable"), QAbstractItemView::SingleSelection);
    m_log = new QPlainTextEdit;
    m_log->setObjectName(QStringLiteral("deviceLog"));
    m_log->setReadOnly(true);
    m_log->setPlaceholderText(tr("Select a device's row to see its log."));
    m_log->setMaximumBlockCount(5000);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showLogOf(current.row()); });

    auto *split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(m_log);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    split->setSizes({800, 380});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
}

void LanProgressPane::setJob(Espota::PushJob *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    m_model->setJob(job);
    m_log->clear();
    if (job) {
        connect(job, &Espota::PushJob::deviceChanged, this, &LanProgressPane::updateSummary);
        connect(job, &Espota::PushJob::finished, this, &LanProgressPane::updateSummary);
        connect(job, &Espota::PushJob::deviceLog, this, [this](int row, const QString &line) {
            if (row == selectedRow())
                m_log->appendPlainText(line);
        });
        m_table->resizeColumnsToContents();
        // Room for "100 %" before any byte was acknowledged.
        const int sent = m_table->fontMetrics().horizontalAdvance(tr("%1 %").arg(100)) + 24;
        m_table->setColumnWidth(Models::PushProgressModel::ProgressColumn,
                                qMax(sent, m_table->columnWidth(Models::PushProgressModel::ProgressColumn)));
    }
    updateSummary();
}

int LanProgressPane::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void LanProgressPane::showLogOf(int row)
{
    m_log->clear();
    if (!m_job || row < 0 || row >= m_job->count())
        return;
    m_log->setPlainText(m_job->device(row).log.join(QLatin1Char('\n')));
}

QString LanProgressPane::summaryText(const Espota::PushJobSummary &summary)
{
    QStringList parts;
    const auto add = [&](int count, const QString &text) {
        if (count > 0)
            parts.append(text);
    };
    add(summary.confirmed, tr("%n confirmed", nullptr, summary.confirmed));
    add(summary.unconfirmed, tr("%n not confirmed", nullptr, summary.unconfirmed));
    add(summary.failed, tr("%n failed", nullptr, summary.failed));
    add(summary.cancelled, tr("%n cancelled", nullptr, summary.cancelled));
    add(summary.skipped, tr("%n skipped", nullptr, summary.skipped));
    const QString what = parts.isEmpty() ? tr("nothing to do") : parts.join(QStringLiteral(", "));
    return tr("Finished: %n device(s): %1 in %2 s", nullptr, summary.devices)
        .arg(what)
        .arg(summary.elapsedMs / 1000.0, 0, 'f', 1);
}

void LanProgressPane::updateSummary()
{
    if (!m_job) {
        m_summary->setText(tr("No push yet."));
        return;
    }
    if (m_job->isFinished()) {
        m_summary->setText(summaryText(m_job->summary()));
        m_table->resizeColumnsToContents();
        return;
    }
    int settled = 0;
    for (int i = 0; i < m_job->count(); ++i)
        settled += Espota::isFinal(m_job->device(i).stage) ? 1 : 0;
    m_summary->setText(tr("Pushing: %1 of %2 devices finished").arg(settled).arg(m_job->count()));
}
