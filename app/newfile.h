#pragma once

#include <variant>

#include <QByteArray>
#include <QFileDevice>
#include <QString>

#include "result.h"

// A file that must be complete or absent and must never replace another:
// key pairs, device secrets. It is written under a temporary name in the
// same folder (mode 0600 from the moment it exists), synced, given its
// permissions, then renamed into place without replacing anything, so a
// file that appeared meanwhile is not overwritten either.
class NewFile final
{
public:
    struct Error
    {
        bool alreadyExists = false; // the path was taken, before or during the write
        QString message;            // says what went wrong with which path
    };

    static constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    static constexpr QFileDevice::Permissions WorldReadable =
        OwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther;

    static Result<std::monostate, Error> write(const QString &path, const QByteArray &contents,
                                               QFileDevice::Permissions permissions);
    static bool isTaken(const QString &path);
};
