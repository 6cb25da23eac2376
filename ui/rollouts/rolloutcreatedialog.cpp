#include "rolloutcreatedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include "consolesession.h"
#include "createabortrules.h"
#include "createtargetsform.h"
#include "createwindowform.h"
#include "models/consolesettings.h"
#include "models/devicecounttext.h"
#include "models/fleetmodel.h"
#include "models/stagesmodel.h"
#include "rollout/serverclient.h"
#include "stageseditor.h"

using namespace Qt::Literals::StringLiterals;
using Field = Models::RolloutRefusal::Field;

namespace
{
    // The live count asks the server after typing pauses this long.
    constexpr int PreviewDebounceMs = 300;
    constexpr int DefaultTimeoutMinutes = 120; // the server's default, 7200 s
    constexpr int DefaultBatteryDefer = 40;    // the case study: below 40 % a device is deferred

    QString shortSha(const QString &sha)
    {
        return sha.left(12);
    }
} // namespace

RolloutCreateDialog::RolloutCreateDialog(ConsoleSession *session, QWidget *parent)
    : QDialog(parent), m_session(session), m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("New rollout"));
    setObjectName(u"rolloutCreateDialog"_s);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PreviewDebounceMs);
    connect(m_previewTimer, &QTimer::timeout, this, &RolloutCreateDialog::preview);

    auto *left = new QVBoxLayout;
    left->addWidget(buildFirmwareAndTargets());
    auto *stagesBox = new QGroupBox(tr("Stages"), this);
    auto *stagesLayout = new QVBoxLayout(stagesBox);
    m_stages = new StagesEditor(stagesBox);
    stagesLayout->addWidget(m_stages);
    m_problems.insert(Field::Stages, stagesBox->findChild<QLabel *>(u"stagesError"_s));
    left->addWidget(stagesBox, 1);

    auto *right = new QVBoxLayout;
    right->addWidget(buildOptions());
    right->addWidget(buildStart());
    right->addWidget(buildEstimate());
    right->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addLayout(right, 2);

    m_status = new QLabel(this);
    m_status->setObjectName(u"statusMessage"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems.insert(Field::General, m_status);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_createButton = m_buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_createButton->setObjectName(u"createButton"_s);
    m_createButton->setDefault(true);
    connect(m_createButton, &QPushButton::clicked, this, &RolloutCreateDialog::createOrStart);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_targets, &CreateTargetsForm::changed, this, &RolloutCreateDialog::schedulePreview);
    connect(m_stages, &StagesEditor::stagesChanged, this, &RolloutCreateDialog::schedulePreview);
    connect(m_stages, &StagesEditor::stagesChanged, this, &RolloutCreateDialog::updateEstimate);
    connect(m_session, &ConsoleSession::refreshed, this, &RolloutCreateDialog::updateCheckInInterval);
    connect(m_session, &ConsoleSession::identityChanged, this, &RolloutCreateDialog::updateCreateAllowed);
    updateCreateAllowed();
    updateCheckInInterval();
    updateStartControls();
    fetchReleases();
    fetchWindow();
}

RolloutCreateDialog::~RolloutCreateDialog()
{
    if (m_previewCall)
        m_previewCall->abort();
}

QLabel *RolloutCreateDialog::addProblemLabel(Field field, const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #b00020;"_s);
    label->hide();
    m_problems.insert(field, label);
    return label;
}

QWidget *RolloutCreateDialog::buildFirmwareAndTargets()
{
    auto *box = new QGroupBox(tr("Firmware and targets"), this);
    auto *form = new QFormLayout(box);
    m_release = new QComboBox(box);
    m_release->setObjectName(u"releaseCombo"_s);
    m_release->setPlaceholderText(tr("loading the server's releases…"));
    form->addRow(tr("&Firmware"), m_release);
    form->addRow(QString(), addProblemLabel(Field::Release, u"releaseError"_s));
    m_name = new QLineEdit(box);
    m_name->setObjectName(u"rolloutName"_s);
    m_name->setMaxLength(128);
    m_name->setPlaceholderText(tr("a name a person recognises, e.g. smart-building 2.3.2 (building 3)"));
    form->addRow(tr("&Name"), m_name);
    form->addRow(QString(), addProblemLabel(Field::Name, u"nameError"_s));
    m_targets = new CreateTargetsForm(box);
    form->addRow(m_targets);
    m_matchCount = new QLabel(tr("Matching devices: pick a release first"), box);
    m_matchCount->setObjectName(u"matchCount"_s);
    m_matchCount->setWordWrap(true);
    form->addRow(tr("Matching"), m_matchCount);
    form->addRow(QString(), addProblemLabel(Field::Targets, u"targetsError"_s));
    connect(m_release, &QComboBox::currentIndexChanged, this, &RolloutCreateDialog::releaseChosen);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    return box;
}

QWidget *RolloutCreateDialog::buildOptions()
{
    auto *box = new QGroupBox(tr("Abort rules and options"), this);
    auto *layout = new QVBoxLayout(box);
    m_abortRules = new CreateAbortRules(box);
    layout->addWidget(m_abortRules);
    layout->addWidget(addProblemLabel(Field::AbortRules, u"abortError"_s));
    auto *form = new QFormLayout;
    m_timeoutMinutes = new QSpinBox(box);
    m_timeoutMinutes->setObjectName(u"perDeviceTimeout"_s);
    m_timeoutMinutes->setRange(1, 7 * 24 * 60);
    m_timeoutMinutes->setValue(DefaultTimeoutMinutes);
    m_timeoutMinutes->setSuffix(tr(" min"));
    m_timeoutMinutes->setToolTip(tr("A device that has not succeeded this long after it was told is TIMED_OUT"));
    form->addRow(tr("Per-device &timeout"), m_timeoutMinutes);
    auto *retries = new QHBoxLayout;
    m_downloadRetries = new QSpinBox(box);
    m_downloadRetries->setObjectName(u"downloadRetries"_s);
    m_downloadRetries->setRange(0, 10);
    m_downloadRetries->setValue(3);
    m_downloadRetries->setPrefix(tr("download "));
    m_timeoutRetries = new QSpinBox(box);
    m_timeoutRetries->setObjectName(u"timeoutRetries"_s);
    m_timeoutRetries->setRange(0, 10);
    m_timeoutRetries->setValue(1);
    m_timeoutRetries->setPrefix(tr("timeout "));
    retries->addWidget(m_downloadRetries);
    retries->addWidget(m_timeoutRetries);
    form->addRow(tr("&Retries"), retries);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(retries)))
        label->setBuddy(m_downloadRetries);
    m_batteryDefer = new QSpinBox(box);
    m_batteryDefer->setRange(0, 100);
    m_batteryDefer->setValue(DefaultBatteryDefer);
    m_batteryDefer->setSuffix(tr(" %"));
    m_batteryDefer->setToolTip(tr("A device below this battery level is deferred (retried later), not failed"));
    form->addRow(tr("Defer below batter&y"), m_batteryDefer);
    m_approval = new QCheckBox(tr("Re&quires approval by someone else"), box);
    m_approval->setObjectName(u"requiresApproval"_s);
    form->addRow(m_approval);
    layout->addLayout(form);
    layout->addWidget(addProblemLabel(Field::Options, u"optionsError"_s));
    m_maintenanceWindow = new CreateWindowForm(box);
    layout->addWidget(m_maintenanceWindow);
    layout->addWidget(addProblemLabel(Field::MaintenanceWindow, u"windowError"_s));
    connect(m_approval, &QCheckBox::toggled, this, &RolloutCreateDialog::updateStartControls);
    return box;
}

QWidget *RolloutCreateDialog::buildStart()
{
    auto *box = new QGroupBox(tr("Start"), this);
    auto *form = new QFormLayout(box);
    m_deploymentWindow = new QLabel(tr("asking the server…"), box);
    m_deploymentWindow->setObjectName(u"deploymentWindow"_s);
    m_deploymentWindow->setWordWrap(true);
    form->addRow(tr("Deployment window"), m_deploymentWindow);
    m_startNow = new QCheckBox(tr("&Start it now"), box);
    m_startNow->setObjectName(u"startNow"_s);
    form->addRow(m_startNow);
    m_overrideReason = new QLineEdit(box);
    m_overrideReason->setObjectName(u"overrideReason"_s);
    m_overrideReason->setPlaceholderText(tr("why it cannot wait for the window (recorded for the audit)"));
    form->addRow(tr("&Override reason"), m_overrideReason);
    form->addRow(QString(), addProblemLabel(Field::WindowOverride, u"overrideError"_s));
    connect(m_startNow, &QCheckBox::toggled, this, &RolloutCreateDialog::updateStartControls);
    return box;
}

QWidget *RolloutCreateDialog::buildEstimate()
{
    auto *box = new QGroupBox(tr("Estimate"), this);
    auto *form = new QFormLayout(box);
    m_price = new QDoubleSpinBox(box);
    m_price->setObjectName(u"pricePerMb"_s);
    m_price->setDecimals(4);
    m_price->setRange(0, Models::ConsoleSettings::MaxCellularPricePerMb);
    m_price->setSingleStep(0.01);
    m_price->setSpecialValueText(tr("no price (not metered)"));
    m_price->setToolTip(tr("What a cellular link charges per MB; remembered"));
    m_price->setValue(Models::ConsoleSettings().cellularPricePerMb());
    form->addRow(tr("&Price per MB"), m_price);
    const auto addLine = [box, form](const QString &label, const QString &objectName) {
        auto *value = new QLabel(box);
        value->setObjectName(objectName);
        value->setWordWrap(true);
        form->addRow(label, value);
        return value;
    };
    m_estimateData = addLine(tr("Data"), u"estimateData"_s);
    m_estimateCost = addLine(tr("Cost"), u"estimateCost"_s);
    m_estimateStages = addLine(tr("Stages take"), u"estimateStages"_s);
    m_estimateDuration = addLine(tr("Duration"), u"estimateDuration"_s);
    connect(m_price, &QDoubleSpinBox::valueChanged, this, [this](double price) {
        // The spin box keeps the price within what the setting takes.
        Models::ConsoleSettings().setCellularPricePerMb(price);
        updateEstimate();
    });
    return box;
}

QJsonObject RolloutCreateDialog::spec() const
{
    QJsonObject release;
    if (const int index = m_release->currentIndex(); index >= 0 && index < m_releaseList.size())
        release = {{u"sha256"_s, m_releaseList.at(index).sha256}, {u"version"_s, m_releaseList.at(index).version}};
    QJsonObject retries;
    if (m_downloadRetries->value() > 0)
        retries.insert(u"download"_s, m_downloadRetries->value());
    if (m_timeoutRetries->value() > 0)
        retries.insert(u"timeout"_s, m_timeoutRetries->value());
    QJsonObject spec{
        {u"name"_s, m_name->text().trimmed()},
        {u"release"_s, release},
        {u"targets"_s, m_targets->selector()},
        {u"stages"_s, m_stages->model()->toJson()},
        {u"abortRules"_s, m_abortRules->toJson()},
        {u"perDeviceTimeoutSeconds"_s, m_timeoutMinutes->value() * 60},
        {u"retries"_s, retries},
        {u"batteryDeferBelow"_s, m_batteryDefer->value()},
        {u"requiresApproval"_s, m_approval->isChecked()},
    };
    if (const std::optional<QJsonObject> window = m_maintenanceWindow->toJson())
        spec.insert(u"maintenanceWindow"_s, *window);
    return spec;
}

int RolloutCreateDialog::matchingDevices() const
{
    if (!m_preview || m_previewTimer->isActive() || m_previewCall)
        return -1;
    return m_preview->matching;
}

void RolloutCreateDialog::fetchReleases()
{
    m_session->client()->releases().list(this, [this](const Result<QList<Rollout::Release>, Rollout::ApiError> &result) {
        if (!result) {
            m_release->setPlaceholderText(tr("no releases"));
            setProblem(Field::Release, tr("The server's releases could not be read: %1").arg(result.error().text()));
            return;
        }
        m_releaseList = result.value();
        const QLocale locale;
        for (const Rollout::Release &release : m_releaseList) {
            QString text = tr("%1 · %2 · %3 · %4 · %5")
                               .arg(release.version, release.project, release.chip,
                                    locale.formattedDataSize(release.size, 1, QLocale::DataSizeTraditionalFormat),
                                    shortSha(release.sha256));
            if (!release.startable)
                text += tr(" (its key is revoked: cannot start)");
            m_release->addItem(text, release.sha256);
        }
        if (m_releaseList.isEmpty()) {
            m_release->setPlaceholderText(tr("no releases on the server"));
            setProblem(Field::Release, tr("The server holds no release yet: upload one on the Firmware page first."));
        } else {
            m_release->setCurrentIndex(0); // the newest upload
        }
    });
}

void RolloutCreateDialog::releaseChosen()
{
    const int index = m_release->currentIndex();
    if (index < 0 || index >= m_releaseList.size())
        return;
    const Rollout::Release &release = m_releaseList.at(index);
    setProblem(Field::Release, release.startable ? QString()
                                                 : tr("This release was signed by a key that is revoked since: it "
                                                      "cannot start new rollouts. Sign it again with a trusted key."));
    if (!m_nameEdited)
        m_name->setText(tr("%1 %2").arg(release.project, release.version));
    schedulePreview();
    updateEstimate();
}

void RolloutCreateDialog::schedulePreview()
{
    if (m_release->currentIndex() < 0)
        return;
    // The last count stays readable while the next one is asked for.
    if (!m_matchCount->text().endsWith(tr(" (counting again…)")))
        m_matchCount->setText(m_preview ? m_matchCount->text() + tr(" (counting again…)") : tr("counting…"));
    m_previewTimer->start(); // restarts: one call after the typing stops
}

void RolloutCreateDialog::preview()
{
    if (m_previewCall)
        m_previewCall->abort();
    setProblem(Field::Targets, m_targets->problem());
    if (!m_targets->problem().isEmpty()) {
        m_preview.reset();
        m_matchCount->setText(tr("not counted: fix the selector first"));
        return;
    }
    // The count depends on the release and the selector only; the server
    // checks the whole spec, so what is not filled in yet is left out or stood in for.
    QJsonObject counted = spec();
    if (counted.value(u"name"_s).toString().isEmpty())
        counted.insert(u"name"_s, u"preview"_s);
    counted.remove(u"maintenanceWindow"_s);
    m_previewCall = m_session->client()->rollouts().preview(
        counted, this, [this](const Result<Rollout::RolloutPreview, Rollout::ApiError> &result) {
            if (!result && result.error().kind == Rollout::ApiError::Kind::Aborted)
                return; // a newer preview replaced it
            m_previewCall = nullptr;
            if (!result) {
                m_preview.reset();
                m_matchCount->setText(tr("not counted"));
                showRefusal(result.error());
                updateEstimate();
                return;
            }
            m_preview = result.value();
            const Rollout::RolloutPreview &counts = *m_preview;
            QString text = tr("%1 match").arg(Models::deviceCountText(counts.matching));
            QStringList besides;
            if (counts.alreadyInstalled > 0)
                besides.append(tr("%1 already on this version").arg(QLocale().toString(counts.alreadyInstalled)));
            if (counts.neverSeen > 0)
                besides.append(tr("%1 never seen, left out").arg(QLocale().toString(counts.neverSeen)));
            if (counts.otherChip > 0)
                besides.append(tr("%1 of another chip, left out").arg(QLocale().toString(counts.otherChip)));
            if (!besides.isEmpty())
                text += u" ("_s + besides.join(u", "_s) + u')';
            m_matchCount->setText(text);
            setProblem(Field::Targets, counts.matching == 0
                                           ? tr("No device matches: widen the selector (the server refuses a rollout "
                                                "without devices).")
                                           : QString());
            showWindow(counts.window);
            updateEstimate();
        });
}

void RolloutCreateDialog::fetchWindow()
{
    m_session->client()->rollouts().window(this, [this](const Result<Rollout::DeploymentWindow, Rollout::ApiError> &result) {
        if (!result) {
            m_deploymentWindow->setText(tr("not known: %1").arg(result.error().text()));
            return;
        }
        showWindow(result.value());
    });
}

void RolloutCreateDialog::showWindow(const Rollout::DeploymentWindow &window)
{
    m_window = window;
    if (window.open) {
        m_deploymentWindow->setText(tr("✔ open now (%1)").arg(window.describe));
    } else {
        const QString next = window.nextOpening.isValid()
                                 ? tr("opens next at %1").arg(QLocale().toString(window.nextOpening.toLocalTime(),
                                                                                   QLocale::ShortFormat))
                                 : tr("it never opens");
        m_deploymentWindow->setText(tr("✖ closed now: %1 (%2). Starting now needs an override reason.")
                                        .arg(next, window.describe));
    }
    updateStartControls();
}

void RolloutCreateDialog::updateCheckInInterval()
{
    // The interval each device announced: from its last check-in to the next one it promised.
    QList<qint64> intervals;
    const Models::FleetModel *fleet = m_session->fleet();
    for (int row = 0; row < fleet->rowCount(); ++row) {
        const Rollout::Device *device = fleet->device(row);
        if (device && device->lastSeen.isValid() && device->nextExpected.isValid())
            intervals.append(device->lastSeen.secsTo(device->nextExpected));
    }
    m_checkInSeconds = Models::RolloutEstimate::typicalInterval(intervals);
    updateEstimate();
}

void RolloutCreateDialog::updateEstimate()
{
    Models::RolloutEstimate::Input input;
    const int index = m_release->currentIndex();
    input.imageBytes = m_preview ? m_preview->imageSize
                                 : (index >= 0 && index < m_releaseList.size() ? m_releaseList.at(index).size : 0);
    input.devicesToUpdate = m_preview ? m_preview->matching - m_preview->alreadyInstalled : 0;
    if (m_price->value() > 0)
        input.pricePerMb = m_price->value();
    input.stages = m_stages->model()->stages();
    input.checkInSeconds = m_checkInSeconds;
    const Models::RolloutEstimate estimate = Models::RolloutEstimate::compute(input);
    if (!m_preview) {
        m_estimateData->setText(tr("waiting for the count of matching devices"));
    } else {
        m_estimateData->setText(estimate.dataText(input));
    }
    m_estimateCost->setText(estimate.costText(input));
    const QLocale locale;
    QStringList taken;
    for (const Models::RolloutEstimate::Stage &stage : estimate.stages)
        taken.append(tr("%1 %2").arg(stage.name, locale.toString(stage.devices)));
    QString stagesText = taken.join(u" · "_s);
    if (estimate.devicesLeftOver > 0)
        stagesText += tr(" — %1 left over: make the last stage 100%").arg(Models::deviceCountText(estimate.devicesLeftOver));
    m_estimateStages->setText(stagesText);
    m_estimateDuration->setText(estimate.durationText(input));
}

void RolloutCreateDialog::updateStartControls()
{
    // Approval comes from someone else first: such a rollout cannot start from here.
    m_startNow->setEnabled(!m_approval->isChecked());
    m_startNow->setToolTip(m_approval->isChecked()
                               ? tr("A rollout that requires approval starts after someone else approved it")
                               : tr("Start the rollout as soon as the server created it"));
    if (m_approval->isChecked())
        m_startNow->setChecked(false);
    const bool overrideNeeded = m_startNow->isChecked() && m_window && !m_window->open;
    m_overrideReason->setEnabled(overrideNeeded);
    m_overrideReason->setVisible(overrideNeeded);
    if (auto *form = qobject_cast<QFormLayout *>(m_overrideReason->parentWidget()->layout())) {
        if (QWidget *label = form->labelForField(m_overrideReason))
            label->setVisible(overrideNeeded);
    }
    if (m_createdId.isEmpty())
        m_createButton->setText(m_startNow->isChecked() ? tr("&Create and start") : tr("&Create"));
}

void RolloutCreateDialog::setProblem(Field field, const QString &text)
{
    QLabel *label = m_problems.value(field);
    if (!label)
        return;
    label->setText(text);
    label->setVisible(!text.isEmpty() || field == Field::General);
    if (field == Field::Stages)
        label->setVisible(!text.isEmpty());
}

void RolloutCreateDialog::clearProblems()
{
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it)
        setProblem(it.key(), {});
}

void RolloutCreateDialog::showRefusal(const Rollout::ApiError &error)
{
    if (error.kind != Rollout::ApiError::Kind::Refused) {
        setProblem(Field::General, error.text());
        return;
    }
    const QMap<Field, QStringList> byField = Models::RolloutRefusal::split(error.code, error.message);
    for (auto it = byField.cbegin(); it != byField.cend(); ++it)
        setProblem(it.key(), it.value().join(u"; "_s));
}

bool RolloutCreateDialog::checkLocally()
{
    bool fine = true;
    const auto require = [this, &fine](bool ok, Field field, const QString &why) {
        if (!ok) {
            setProblem(field, why);
            fine = false;
        }
    };
    require(m_release->currentIndex() >= 0, Field::Release, tr("Pick the release to roll out."));
    require(!m_name->text().trimmed().isEmpty(), Field::Name, tr("Give the rollout a name a person recognises."));
    require(m_targets->problem().isEmpty(), Field::Targets, m_targets->problem());
    require(m_maintenanceWindow->problem().isEmpty(), Field::MaintenanceWindow, m_maintenanceWindow->problem());
    const bool overrideNeeded = m_startNow->isChecked() && m_window && !m_window->open;
    require(!overrideNeeded || !m_overrideReason->text().trimmed().isEmpty(), Field::WindowOverride,
            tr("The deployment window is closed: say why this cannot wait (it is recorded for the audit), or untick "
               "\"Start it now\"."));
    return fine;
}

void RolloutCreateDialog::setBusy(bool busy, const QString &status)
{
    m_busy = busy;
    updateCreateAllowed();
    setProblem(Field::General, status);
}

void RolloutCreateDialog::updateCreateAllowed()
{
    // A viewer may look at the preview and the estimate, but not create.
    const bool mayOperate = m_session->mayOperate();
    m_createButton->setEnabled(mayOperate && !m_busy);
    m_createButton->setToolTip(mayOperate ? QString()
                                          : tr("Your token (%1) is a viewer: creating and starting rollouts needs an "
                                               "operator token")
                                                .arg(m_session->tokenName()));
}

void RolloutCreateDialog::createOrStart()
{
    if (!m_createdId.isEmpty()) {
        start();
        return;
    }
    clearProblems();
    if (!checkLocally())
        return;
    setBusy(true, tr("Creating the rollout…"));
    m_session->client()->rollouts().create(spec(), this, [this](const Result<Rollout::RolloutSummary, Rollout::ApiError> &result) {
        if (!result) {
            setBusy(false, {});
            showRefusal(result.error());
            if (m_problems.value(Field::General)->text().isEmpty())
                setProblem(Field::General, tr("The server refused the rollout; nothing was created. See the fields "
                                              "marked in red."));
            else
                setProblem(Field::General, tr("Nothing was created: %1").arg(m_problems.value(Field::General)->text()));
            return;
        }
        m_createdId = result->id;
        m_createdName = result->name;
        m_session->refreshNow();
        if (!m_startNow->isChecked()) {
            Q_EMIT created(m_createdId);
            accept();
            return;
        }
        start();
    });
}

void RolloutCreateDialog::start()
{
    Rollout::ActionInput input;
    if (m_window && !m_window->open)
        input.windowOverrideReason = m_overrideReason->text().trimmed();
    setBusy(true, tr("Created; starting…"));
    m_session->client()->rollouts().act(
        m_createdId, Rollout::RolloutAction::Start, input, this,
        [this](const Result<Rollout::RolloutSummary, Rollout::ApiError> &result) {
            m_session->refreshNow();
            if (result) {
                Q_EMIT created(m_createdId);
                accept();
                return;
            }
            // It exists now: never create it twice; offer to start this one only.
            setBusy(false, {});
            showRefusal(result.error());
            if (result.error().code == u"window-closed"_s)
                fetchWindow();
            setProblem(Field::General, tr("The rollout \"%1\" was created but did not start: %2 It is in the Rollouts "
                                          "list; start it there, or fix the reason and press Start.")
                                           .arg(m_createdName, result.error().text()));
            m_createButton->setText(tr("&Start"));
            m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
            Q_EMIT created(m_createdId);
        });
}
