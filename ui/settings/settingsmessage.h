#pragma once

#include "models/consolesettings.h"

class QLabel;

// The message next to a settings field: empty while the value is fine, the
// core's reason (with a word, not colour alone) when it is refused.
namespace SettingsMessage
{
    QLabel *make(const QString &objectName);
    void show(QLabel *label, const Models::SettingCheck &check);
} // namespace SettingsMessage
