#include "models/rolloutestimate.h"

#include <algorithm>
#include <cmath>

#include <QLocale>

#include "models/devicecounttext.h"
#include "models/durationtext.h"

using namespace Qt::Literals::StringLiterals;

namespace Models
{
    namespace
    {
        // A device takes the order at its next check-in (up to one interval
        // away) and reports the new version at the check-in after its reboot:
        // two intervals per stage, then the stage's soak.
        constexpr int CheckInsPerStage = 2;

        QString amount(double bytes)
        {
            return QLocale().formattedDataSize(qint64(std::min(bytes, 9.0e18)), 1, QLocale::DataSizeTraditionalFormat);
        }
    } // namespace

    QList<qint64> RolloutEstimate::dealStages(const QList<StageDraft> &stages, qint64 devices)
    {
        QList<qint64> dealt;
        qint64 left = std::max<qint64>(devices, 0);
        for (const StageDraft &stage : stages) {
            qint64 size = 0;
            if (left > 0) {
                const double wanted = stage.sizeKind == StageDraft::SizeKind::Count
                                          ? stage.size
                                          : std::ceil(stage.size * double(left) / 100.0 - 1e-9);
                size = qint64(std::clamp<double>(wanted, 0, double(left)));
            }
            dealt.append(size);
            left -= size;
        }
        return dealt;
    }

    std::optional<qint64> RolloutEstimate::typicalInterval(QList<qint64> intervals)
    {
        intervals.removeIf([](qint64 seconds) { return seconds <= 0; });
        if (intervals.isEmpty())
            return std::nullopt;
        const auto middle = intervals.begin() + intervals.size() / 2;
        std::nth_element(intervals.begin(), middle, intervals.end());
        return *middle;
    }

    RolloutEstimate RolloutEstimate::compute(const Input &input)
    {
        RolloutEstimate estimate;
        const qint64 devices = std::max<qint64>(input.devicesToUpdate, 0);
        estimate.bytes = double(std::max<qint64>(input.imageBytes, 0)) * TransportOverhead * double(devices);
        estimate.megabytes = estimate.bytes / BytesPerMb;
        if (input.pricePerMb && *input.pricePerMb > 0)
            estimate.cost = estimate.megabytes * *input.pricePerMb;
        estimate.checkInKnown = input.checkInSeconds.has_value() && *input.checkInSeconds > 0;
        const qint64 checkIn = estimate.checkInKnown ? *input.checkInSeconds : 0;
        const QList<qint64> dealt = dealStages(input.stages, devices);
        qint64 taken = 0;
        for (int i = 0; i < input.stages.size(); ++i) {
            const StageDraft &draft = input.stages.at(i);
            Stage stage{draft.name, dealt.at(i), 0};
            // An empty stage passes at once: no check-in to wait for, no soak.
            if (stage.devices > 0) {
                stage.seconds = CheckInsPerStage * checkIn + std::max<qint64>(draft.soakSeconds, 0);
                estimate.manualGates = estimate.manualGates || draft.manualGate;
            }
            taken += stage.devices;
            estimate.durationSeconds += stage.seconds;
            estimate.stages.append(stage);
        }
        estimate.devicesLeftOver = devices - taken;
        return estimate;
    }

    QString RolloutEstimate::dataText(const Input &input) const
    {
        const QLocale locale;
        return tr("%1 (%2 image × %3 transport overhead × %4)")
            .arg(amount(bytes), amount(double(input.imageBytes)), locale.toString(TransportOverhead, 'f', 2),
                 deviceCountText(input.devicesToUpdate));
    }

    QString RolloutEstimate::costText(const Input &input) const
    {
        const QLocale locale;
        if (!cost)
            return tr("no price per MB set (cellular fleets: set it to see the cost)");
        return tr("%1 (%2 MB at %3 per MB)")
            .arg(locale.toString(*cost, 'f', 2), locale.toString(megabytes, 'f', 1),
                 locale.toString(*input.pricePerMb, 'f', 4));
    }

    QString RolloutEstimate::durationText(const Input &input) const
    {
        QStringList soaks;
        for (int i = 0; i < stages.size(); ++i) {
            if (stages.at(i).devices > 0)
                soaks.append(DurationText::format(input.stages.at(i).soakSeconds));
        }
        if (soaks.isEmpty())
            return tr("nothing to wait for: no stage has a device to update");
        const QString soakList = soaks.join(u" + "_s);
        QString text;
        if (checkInKnown) {
            text = tr("about %1: per stage with devices, two check-in intervals (%2 each: the order is taken at the "
                      "next check-in, the new version reported at the one after the reboot) plus its soak (%3)")
                       .arg(DurationText::format(durationSeconds), DurationText::format(*input.checkInSeconds),
                            soakList);
        } else {
            text = tr("at least %1: the stages' soaks (%2); the devices' check-in interval is not known yet, add two "
                      "intervals per stage")
                       .arg(DurationText::format(durationSeconds), soakList);
        }
        if (manualGates)
            text += tr("; plus the time an operator takes to advance each manual gate");
        return text;
    }
} // namespace Models
