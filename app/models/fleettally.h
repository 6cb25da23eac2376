#pragma once

#include <QDateTime>

namespace Models
{
    class FleetModel;
    class RolloutListModel;

    // The fleet's health in five numbers, each with the age that says how
    // fresh it is: the Overview's health summary.
    struct FleetTally
    {
        int devices = 0;
        int healthy = 0;   // seen, on time, every reported check passed
        int failing = 0;   // a check failed at the last check-in
        int overdue = 0;   // seen, but missed the expected check-in
        int neverSeen = 0; // enrolled, never checked in ("offline")
        int deferred = 0;  // DEFERRED for battery in a live rollout
        QDateTime newestCheckIn;       // of all devices
        QDateTime newestFailingReport; // the last check-in of a failing device
        qint64 longestOverdueSeconds = 0;
        QDateTime oldestNeverSeenEnrolment;
        QDateTime serverTime; // ages are measured on it

        static FleetTally of(const FleetModel &fleet, const RolloutListModel &rollouts);
    };
} // namespace Models
