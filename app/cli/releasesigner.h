#pragma once

#include <optional>

#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

#include "firmware/manifestoverrides.h"
#include "firmware/releasemanifest.h"
#include "result.h"

namespace Cli
{
    // What `otactl sign` does to an image, shared with `otactl upload
    // --key`: the manifest options, the manifest built from the image, and
    // the signature with a passphrase-protected key. Writing files is the
    // caller's business (sign writes two, upload none).
    class ReleaseSigner final
    {
    public:
        struct Prepared
        {
            Firmware::ReleaseManifest manifest;
        };
        struct Signed
        {
            Firmware::ReleaseManifest manifest;
            QByteArray manifestBytes;   // the exact bytes that were signed
            QByteArray signatureBase64; // base64 DER, as NAME.manifest.sig holds it
            QString keyId;
        };
        // An exit code and what to print, for `return fail(...)`.
        struct Refusal
        {
            int code;
            QString message;
        };

        ReleaseSigner();

        // --passphrase-file, --version, --project, --build-date, --git-commit,
        // --min-previous-version, --notes, --notes-file.
        void addOptions(QCommandLineParser &parser) const;
        // Reads them once parsed: a usage error for bad values, a failure
        // for a notes file that cannot be read.
        std::optional<Refusal> readOptions(const QCommandLineParser &parser);

        // Reads the image (refusing an invalid one) and builds its manifest.
        Result<Prepared, QString> prepare(const QString &imagePath) const;
        // Asks for the key's passphrase and signs the manifest's canonical bytes.
        Result<Signed, QString> sign(const Prepared &prepared, const QString &keyPath) const;

    private:
        QCommandLineOption m_passphraseFile;
        QCommandLineOption m_version;
        QCommandLineOption m_project;
        QCommandLineOption m_buildDate;
        QCommandLineOption m_gitCommit;
        QCommandLineOption m_minPrevious;
        QCommandLineOption m_notes;
        QCommandLineOption m_notesFile;
        Firmware::ManifestOverrides m_overrides;
        QString m_passphrasePath;
    };
} // namespace Cli
