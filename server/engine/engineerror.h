#pragma once

#include <QString>
#include <QStringList>

namespace Engine
{
    // Why the engine refused a command. The kind is for code (the HTTP layer
    // maps it to a status); the message is for a person and names the
    // rollout, its state and what is allowed instead, e.g. "cannot resume
    // rollout 'x': it is RUNNING; resume is allowed only from PAUSED".
    struct EngineError
    {
        enum class Kind
        {
            NotFound,          // no such rollout or device in it (404)
            InvalidInput,      // a spec, target list or report that is wrong (400); problems lists each
            IllegalTransition, // not allowed in the current state (409)
            Forbidden,         // e.g. approving one's own rollout (403)
            WindowClosed,      // outside the deployment window without an override reason (409)
            Conflict,          // a device already in another live rollout (409)
        };

        Kind kind;
        QString message;
        QStringList problems;

        static QString kindName(Kind kind); // "not-found", "illegal-transition", ...
    };
} // namespace Engine
