#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include "result.h"
#include "storeerror.h"

namespace Store
{
    // Content-addressed files: <dataDir>/blobs/<first two hex digits>/<sha256>.
    // A blob is written to a temporary file in its final directory, synced,
    // renamed into place and the directory synced: a reader sees the whole
    // file or none.
    class BlobStorage final
    {
    public:
        explicit BlobStorage(QString dataDir) : m_dataDir(std::move(dataDir)) {}

        static bool isSha256(const QString &sha256); // 64 lower-case hex digits
        static QString relativePath(const QString &sha256); // "blobs/ab/ab12..."
        QString absolutePath(const QString &sha256) const;

        // Writes bytes under their SHA-256 (computed here) and returns it.
        // Already there with the right size: nothing is written.
        Result<QString, StoreError> put(QByteArrayView bytes);
        bool contains(const QString &sha256) const;
        Result<qint64, StoreError> size(const QString &sha256) const;
        // Bytes [offset, offset + length) clipped to the end; length < 0 means
        // to the end. An offset at or beyond the end (of a non-empty blob) is
        // OutOfRange, as HTTP answers 416.
        Result<QByteArray, StoreError> read(const QString &sha256, qint64 offset = 0, qint64 length = -1) const;

    private:
        QString m_dataDir;
    };
} // namespace Store
