#include "models/auditexportfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

namespace Models
{
    Result<qint64, QString> AuditExportFile::save(const QString &path, const QByteArray &contents)
    {
        const auto refused = [&path](const QString &why) {
            return QCoreApplication::translate("Models::AuditExportFile", "Nothing was written to %1: %2")
                .arg(path, why);
        };
        if (path.isEmpty())
            return QCoreApplication::translate("Models::AuditExportFile", "Choose a file to export to.");
        if (QFileInfo(path).isDir())
            return refused(QCoreApplication::translate("Models::AuditExportFile", "it is a folder."));
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return refused(file.errorString());
        if (file.write(contents) != contents.size()) {
            const QString why = file.errorString();
            file.cancelWriting();
            return refused(why);
        }
        if (!file.commit())
            return refused(file.errorString());
        return qint64(contents.size());
    }

    Rollout::AuditApi::ExportFormat AuditExportFile::formatFor(const QString &path)
    {
        return QFileInfo(path).suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0
            ? Rollout::AuditApi::ExportFormat::Json
            : Rollout::AuditApi::ExportFormat::Csv;
    }
} // namespace Models
