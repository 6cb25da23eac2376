#pragma once

#include <QByteArray>
#include <QString>

#include "result.h"
#include "rollout/auditapi.h"

namespace Models
{
    // Writing an audit export to disk so that it is either all there or not
    // there at all: a temporary file beside the target, renamed over it at
    // the end (QSaveFile); any failure leaves the old file, or none.
    class AuditExportFile final
    {
    public:
        // The bytes written, or why nothing was (for a person to act on).
        static Result<qint64, QString> save(const QString &path, const QByteArray &contents);
        // .json means JSON; anything else (.csv, no suffix) CSV.
        static Rollout::AuditApi::ExportFormat formatFor(const QString &path);
    };
} // namespace Models
