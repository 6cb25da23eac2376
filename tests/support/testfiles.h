#pragma once

#include <QByteArray>
#include <QString>

#include "firmware/signingkey.h"

namespace TestSupport
{
    // Whole-file helpers for tests: true / the bytes on success, false / empty otherwise.
    bool writeFile(const QString &path, const QByteArray &bytes);
    QByteArray readFile(const QString &path);

    // A fresh ECDSA P-256 signing key; generation failing is a broken test machine.
    Firmware::SigningKey newSigningKey();
} // namespace TestSupport
