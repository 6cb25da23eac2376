#pragma once

#include <memory>

#include <QWidget>

#include "lanpushstarter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// The push form beside the device table: the image, where the password
// comes from, concurrency and the two filters, and the buttons. It only
// collects; the page acts on its signals.
class LanPushPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanPushPanel)
public:
    explicit LanPushPanel(QWidget *parent = nullptr);

    // Reads and checks the image on a worker thread; imageChanged() when
    // done. A bad file is said in the panel and leaves no image chosen.
    void loadImage(const QString &path);
    bool isLoadingImage() const { return m_loading > 0; }
    std::shared_ptr<const Espota::PushImage> image() const { return m_image; }
    LanPushRequest request() const;
    PasswordSource passwordSource() const;
    QString typedPassword() const;
    void setPasswordSource(PasswordSource source);
    void setTypedPassword(const QString &password);
    void setConcurrency(int devices);

    // What the selection means for a push, under the buttons.
    void setSelectionText(const QString &text, bool canPush);
    void setRunning(bool running);
    void setKeychainMessage(const QString &text, bool failed);

    QPushButton *pushButton() const { return m_push; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *saveButton() const { return m_save; }

Q_SIGNALS:
    void imageChanged();
    void pushRequested();
    void cancelRequested();
    void savePasswordRequested();

private:
    void chooseImage();
    void updateEnabled();
    void imageLoaded(const Result<Espota::PushImage, QString> &loaded);

    std::shared_ptr<const Espota::PushImage> m_image;
    QLineEdit *m_imagePath;
    QLabel *m_imageSummary;
    QComboBox *m_source;
    QLineEdit *m_password;
    QPushButton *m_save;
    QLabel *m_keychainMessage;
    QSpinBox *m_concurrency;
    QCheckBox *m_skipSame;
    QCheckBox *m_onlyOnline;
    QCheckBox *m_force;
    QLabel *m_selection;
    QPushButton *m_push;
    QPushButton *m_cancel;
    bool m_canPush = false;
    bool m_running = false;
    int m_loading = 0;
};
