#pragma once

#include <QList>
#include <QWidget>

#include "models/consolesettings.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

// The remembered servers: a table of URL and CA file, with fields to add
// one (checked by the core before it is listed) and a button to remove the
// selected one.
class ServerListEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit ServerListEditor(QWidget *parent = nullptr);

    QList<Models::RememberedServer> servers() const;
    void setServers(const QList<Models::RememberedServer> &servers);

    QLineEdit *urlField() const { return m_url; }
    QLineEdit *caField() const { return m_ca; }
    QLabel *message() const { return m_message; }
    QTableView *table() const { return m_table; }

public Q_SLOTS:
    void addServer();
    void removeSelected();

Q_SIGNALS:
    void edited();

private:
    void append(const Models::RememberedServer &server);

    QStandardItemModel *m_model;
    QTableView *m_table;
    QLineEdit *m_url;
    QLineEdit *m_ca;
    QLabel *m_message;
    QPushButton *m_remove;
};
