#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "result.h"

namespace Engine
{
    // What one engine call changed, for the server to write as an audit
    // entry and push as an event. Every command, report, check-in and tick
    // returns the list of its changes, in the order they happened.
    //
    // action names what happened: create, approve, deny, start, pause,
    // resume, advance, stop, break-glass, window-override (operator acts);
    // gate, soak, abort-rule, window, finish, rolled-back (the engine's
    // decisions, actor "engine"); report, check-in, timeout, retry, cancel,
    // rollback-order (device changes).
    struct Change
    {
        enum class Subject
        {
            Rollout,
            Stage,
            Device,
        };

        Subject subject = Subject::Rollout;
        QDateTime at;
        QString rolloutId;
        QString action;
        QString actor;   // a person or token, "engine" for the engine's own decisions, the device id for reports
        QString from;    // state name before (rollout, stage or device state); "" when none
        QString to;      // state name after; equal to from for a note
        QString deviceId; // Device changes
        int stage = -1;   // Stage changes, and the stage of a Device change
        QString reason;   // the person's reason, or the engine's explanation
        QString detail;   // extra facts: device counts, override deadlines, versions

        static QString subjectName(Subject subject);
        QJsonObject toJson() const;
        static Result<Change, QStringList> fromJson(const QJsonObject &object);
        bool operator==(const Change &other) const = default;
    };

    using Changes = QList<Change>;
} // namespace Engine
