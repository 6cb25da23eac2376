#include "serverlisteditor.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>

#include "settingsmessage.h"

ServerListEditor::ServerListEditor(QWidget *parent) : QWidget(parent), m_model(new QStandardItemModel(0, 2, this))
{
    m_model->setHorizontalHeaderLabels({tr("Server URL"), tr("CA file (empty: the system's CAs)")});
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("settingsServers"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(0, 320);
    m_table->setMaximumHeight(m_table->fontMetrics().height() * 7);
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("settingsServerUrl"));
    m_url->setPlaceholderText(tr("https://ota.example.net:8443"));
    m_ca = new QLineEdit;
    m_ca->setObjectName(QStringLiteral("settingsServerCa"));
    m_ca->setPlaceholderText(tr("optional: PEM file of a private CA"));
    auto *browse = new QPushButton(tr("Bro&wse..."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("CA certificate"), m_ca->text(),
                                                          tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_ca->setText(file);
    });
    auto *add = new QPushButton(tr("Add ser&ver"));
    add->setObjectName(QStringLiteral("settingsServerAdd"));
    m_remove = new QPushButton(tr("Re&move"));
    m_remove->setObjectName(QStringLiteral("settingsServerRemove"));
    m_remove->setEnabled(false);
    m_remove->setToolTip(tr("Select a server in the list to remove it."));
    m_message = SettingsMessage::make(QStringLiteral("settingsServerMessage"));

    auto *urlLabel = new QLabel(tr("&URL:"));
    urlLabel->setBuddy(m_url);
    auto *caLabel = new QLabel(tr("CA &file:"));
    caLabel->setBuddy(m_ca);
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_table, 0, 0, 1, 4);
    grid->addWidget(urlLabel, 1, 0);
    grid->addWidget(m_url, 1, 1);
    grid->addWidget(add, 1, 2);
    grid->addWidget(m_remove, 1, 3);
    grid->addWidget(caLabel, 2, 0);
    grid->addWidget(m_ca, 2, 1);
    grid->addWidget(browse, 2, 2);
    grid->addWidget(m_message, 3, 1, 1, 3);
    grid->setColumnStretch(1, 1);

    connect(add, &QPushButton::clicked, this, &ServerListEditor::addServer);
    connect(m_url, &QLineEdit::returnPressed, this, &ServerListEditor::addServer);
    connect(m_remove, &QPushButton::clicked, this, &ServerListEditor::removeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, m_remove,
            [this] { m_remove->setEnabled(m_table->selectionModel()->hasSelection()); });
}

QList<Models::RememberedServer> ServerListEditor::servers() const
{
    QList<Models::RememberedServer> servers;
    for (int row = 0; row < m_model->rowCount(); ++row)
        servers.append({QUrl(m_model->item(row, 0)->text()), m_model->item(row, 1)->text()});
    return servers;
}

void ServerListEditor::setServers(const QList<Models::RememberedServer> &servers)
{
    m_model->removeRows(0, m_model->rowCount());
    for (const Models::RememberedServer &server : servers)
        append(server);
    SettingsMessage::show(m_message, Models::Accepted{});
}

void ServerListEditor::addServer()
{
    const Models::RememberedServer server{QUrl::fromUserInput(m_url->text().trimmed()), m_ca->text().trimmed()};
    // fromUserInput makes "ota.local" http://ota.local; say what was typed when refusing.
    auto check = m_url->text().trimmed().isEmpty()
        ? Models::SettingCheck(tr("Enter the server's URL, like https://ota.example.net:8443."))
        : Models::ConsoleSettings::checkServer(server);
    if (check && servers().contains(server))
        check = tr("%1 is already in the list.").arg(server.url.toString());
    if (check && servers().size() >= Models::ConsoleSettings::MaxRecentServers)
        check = tr("At most %1 servers are remembered; remove one first.").arg(Models::ConsoleSettings::MaxRecentServers);
    SettingsMessage::show(m_message, check);
    if (!check)
        return;
    append(server);
    m_url->clear();
    m_ca->clear();
    Q_EMIT edited();
}

void ServerListEditor::removeSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    m_model->removeRow(rows.first().row());
    Q_EMIT edited();
}

void ServerListEditor::append(const Models::RememberedServer &server)
{
    m_model->appendRow({new QStandardItem(server.url.toString()), new QStandardItem(server.caFile)});
}
