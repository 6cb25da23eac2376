#pragma once

#include <optional>

#include <QDialog>
#include <QList>
#include <QMap>
#include <QPointer>

#include "models/rolloutestimate.h"
#include "models/rolloutrefusal.h"
#include "rollout/release.h"
#include "rollout/rolloutpreview.h"

class ConsoleSession;
class CreateAbortRules;
class CreateTargetsForm;
class CreateWindowForm;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class StagesEditor;

namespace Rollout
{
    class ApiCall;
    struct ApiError;
} // namespace Rollout

// A new rollout: firmware, targets with a live count, stages (the case
// study's canary / pilot / full by default), abort rules, window, and the
// estimate of data and duration before it is created. Create (and, when
// asked, start) goes to the server; a refusal is shown next to the field it
// names. A rollout created but not started is said plainly, and the dialog
// then only offers to start that one.
class RolloutCreateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutCreateDialog)
public:
    explicit RolloutCreateDialog(ConsoleSession *session, QWidget *parent = nullptr);
    ~RolloutCreateDialog() override;

    // The spec as the form stands (docs/server-api.md "The rollout spec").
    QJsonObject spec() const;

    // For tests and the Rollouts page.
    QComboBox *releases() const { return m_release; }
    QLineEdit *nameField() const { return m_name; }
    CreateTargetsForm *targets() const { return m_targets; }
    StagesEditor *stages() const { return m_stages; }
    QCheckBox *startNow() const { return m_startNow; }
    QLineEdit *overrideReason() const { return m_overrideReason; }
    QPushButton *createButton() const { return m_createButton; }
    QLabel *matchCount() const { return m_matchCount; }
    QLabel *statusMessage() const { return m_status; }
    QLabel *problemLabel(Models::RolloutRefusal::Field field) const { return m_problems.value(field); }
    // The server's count for the form as it stands; -1 while not known (being asked).
    int matchingDevices() const;

Q_SIGNALS:
    // The server created it (and started it, when asked to).
    void created(const QString &rolloutId);

private:
    QWidget *buildFirmwareAndTargets();
    QWidget *buildOptions();
    QWidget *buildStart();
    QWidget *buildEstimate();
    QLabel *addProblemLabel(Models::RolloutRefusal::Field field, const QString &objectName);

    void fetchReleases();
    void releaseChosen();
    void schedulePreview();
    void preview();
    void fetchWindow();
    void showWindow(const Rollout::DeploymentWindow &window);
    void updateCheckInInterval();
    void updateEstimate();
    void updateStartControls();

    bool checkLocally();
    void clearProblems();
    void showRefusal(const Rollout::ApiError &error);
    void setProblem(Models::RolloutRefusal::Field field, const QString &text);
    void createOrStart();
    void start();
    void setBusy(bool busy, const QString &status);
    void updateCreateAllowed();

    ConsoleSession *m_session;
    QList<Rollout::Release> m_releaseList;
    std::optional<Rollout::RolloutPreview> m_preview;
    std::optional<Rollout::DeploymentWindow> m_window;
    std::optional<qint64> m_checkInSeconds;
    QPointer<Rollout::ApiCall> m_previewCall;
    QString m_createdId; // set once the server created it: from then on only start is offered
    QString m_createdName;
    bool m_nameEdited = false;
    bool m_busy = false; // a create or start is under way

    QComboBox *m_release = nullptr;
    QLineEdit *m_name = nullptr;
    CreateTargetsForm *m_targets = nullptr;
    QLabel *m_matchCount = nullptr;
    StagesEditor *m_stages = nullptr;
    CreateAbortRules *m_abortRules = nullptr;
    QSpinBox *m_timeoutMinutes = nullptr;
    QSpinBox *m_downloadRetries = nullptr;
    QSpinBox *m_timeoutRetries = nullptr;
    QSpinBox *m_batteryDefer = nullptr;
    QCheckBox *m_approval = nullptr;
    CreateWindowForm *m_maintenanceWindow = nullptr;
    QLabel *m_deploymentWindow = nullptr;
    QCheckBox *m_startNow = nullptr;
    QLineEdit *m_overrideReason = nullptr;
    QDoubleSpinBox *m_price = nullptr;
    QLabel *m_estimateData = nullptr;
    QLabel *m_estimateCost = nullptr;
    QLabel *m_estimateDuration = nullptr;
    QLabel *m_estimateStages = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_createButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QTimer *m_previewTimer = nullptr;
    QMap<Models::RolloutRefusal::Field, QLabel *> m_problems;
};
