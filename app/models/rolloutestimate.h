#pragma once

#include <optional>

#include <QCoreApplication>
#include <QList>
#include <QString>

#include "models/stagesmodel.h"

namespace Models
{
    // What a rollout will cost before it starts: the data the devices
    // download, its price on a metered (cellular) link, and how long the
    // stages take. The rule of thumb from the field (ROLLOUTS.md): image
    // size x 1.15 transport overhead x devices x price per MB.
    struct RolloutEstimate
    {
        Q_DECLARE_TR_FUNCTIONS(RolloutEstimate)
    public:
        static constexpr double TransportOverhead = 1.15; // TCP/TLS/HTTP headers, range-request retries
        static constexpr double BytesPerMb = 1024.0 * 1024.0; // a carrier's MB; the case study's "$56" uses it

        struct Input
        {
            qint64 imageBytes = 0;
            qint64 devicesToUpdate = 0;          // targets that do not run the release yet
            std::optional<double> pricePerMb;    // none, or not above 0: no cost shown
            QList<StageDraft> stages;
            std::optional<qint64> checkInSeconds; // the devices' check-in interval; none: not known
        };

        struct Stage
        {
            QString name;
            qint64 devices = 0;
            qint64 seconds = 0; // two check-ins and the soak; 0 for a stage left empty
        };

        double bytes = 0;
        double megabytes = 0;
        std::optional<double> cost;
        QList<Stage> stages;
        qint64 durationSeconds = 0;  // the sum of the stages' times
        bool checkInKnown = false;   // false: durationSeconds holds only the soaks
        bool manualGates = false;    // a stage waits for an operator: add their time
        qint64 devicesLeftOver = 0;  // devices no stage takes (the server refuses that)

        static RolloutEstimate compute(const Input &input);
        // How the server deals devices to the stages: a count, or a percent
        // of what is left rounded up, never more than is left.
        static QList<qint64> dealStages(const QList<StageDraft> &stages, qint64 devices);
        // The typical check-in interval of a fleet: the median of the
        // intervals given (a few slow devices do not stretch it); none for
        // an empty list.
        static std::optional<qint64> typicalInterval(QList<qint64> intervals);

        // "6.9 GB (1.2 MB × 1.15 × 5,000 devices)"
        QString dataText(const Input &input) const;
        // "690.00 at 0.10 per MB", or that no price is set.
        QString costText(const Input &input) const;
        // "about 10 d 6 h: per stage two check-ins (1 h) plus its soak ..."
        QString durationText(const Input &input) const;
    };
} // namespace Models
