#include "instruction.h"

using namespace Qt::Literals::StringLiterals;

namespace Engine
{
    QString Instruction::kindName(Kind kind)
    {
        switch (kind) {
        case Kind::NothingToDo: return u"nothing"_s;
        case Kind::Install: return u"install"_s;
        case Kind::RollBack: return u"rollback"_s;
        case Kind::Cancel: return u"cancel"_s;
        }
        return {};
    }

    QJsonObject Instruction::toJson() const
    {
        QJsonObject out{{u"kind"_s, kindName(kind)}};
        if (kind == Kind::NothingToDo)
            return out;
        out.insert(u"rolloutId"_s, rolloutId);
        if (kind == Kind::Install)
            out.insert(u"release"_s, release.toJson());
        if (kind == Kind::RollBack)
            out.insert(u"version"_s, version);
        return out;
    }
} // namespace Engine
