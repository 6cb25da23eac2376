#include "models/fleetfilter.h"

#include <QCoreApplication>
#include <QStringList>

#include "rollout/rolloutsummary.h"

using namespace Qt::Literals::StringLiterals;

namespace Models
{
    namespace
    {
        QString tr(const char *text)
        {
            return QCoreApplication::translate("Models::FleetFilter", text);
        }

        struct Named
        {
            QStringView word;
            int value;
        };
        constexpr Named HealthWords[] = {{u"healthy", int(FleetFilter::Health::Healthy)},
                                         {u"failing", int(FleetFilter::Health::Failing)},
                                         {u"unreported", int(FleetFilter::Health::NotReported)}};
        constexpr Named SeenWords[] = {{u"ontime", int(FleetFilter::Liveness::OnTime)},
                                       {u"overdue", int(FleetFilter::Liveness::Overdue)},
                                       {u"never", int(FleetFilter::Liveness::NeverSeen)}};

        template<std::size_t N>
        std::optional<int> lookUp(const Named (&table)[N], QStringView word)
        {
            for (const Named &named : table) {
                if (named.word.compare(word, Qt::CaseInsensitive) == 0)
                    return named.value;
            }
            return std::nullopt;
        }

        template<std::size_t N>
        QString wordOf(const Named (&table)[N], int value)
        {
            for (const Named &named : table) {
                if (named.value == value)
                    return named.word.toString();
            }
            return {};
        }

        template<std::size_t N>
        QString wordsOf(const Named (&table)[N])
        {
            QStringList words;
            for (const Named &named : table)
                words << named.word.toString();
            return words.join(u", "_s);
        }
    } // namespace

    Result<FleetFilter, QString> FleetFilter::parse(const QString &words)
    {
        FleetFilter filter;
        QStringList text;
        for (const QString &word : words.split(u' ', Qt::SkipEmptyParts)) {
            const qsizetype colon = word.indexOf(u':');
            const QString key = colon > 0 ? word.left(colon).toLower() : QString();
            const QString value = colon > 0 ? word.mid(colon + 1) : QString();
            if (key == u"version"_s) {
                filter.version = value;
            } else if (key == u"state"_s) {
                const QString state = value.toUpper();
                if (state != NoRollout && !Rollout::deviceStates().contains(state))
                    return tr("'%1' is not a device state; use none or one of %2")
                        .arg(value, Rollout::deviceStates().join(u", "_s));
                filter.rolloutState = state;
            } else if (key == u"health"_s) {
                const auto health = lookUp(HealthWords, value);
                if (!health)
                    return tr("'%1' is not a health filter; use one of %2").arg(value, wordsOf(HealthWords));
                filter.health = Health(*health);
            } else if (key == u"seen"_s) {
                const auto seen = lookUp(SeenWords, value);
                if (!seen)
                    return tr("'%1' is not a check-in filter; use one of %2").arg(value, wordsOf(SeenWords));
                filter.liveness = Liveness(*seen);
            } else {
                text << word;
            }
        }
        filter.text = text.join(u' ');
        return filter;
    }

    QString FleetFilter::toString() const
    {
        QStringList words;
        if (!version.isEmpty())
            words << u"version:"_s + version;
        if (!rolloutState.isEmpty())
            words << u"state:"_s + rolloutState.toLower();
        if (health != Health::Any)
            words << u"health:"_s + wordOf(HealthWords, int(health));
        if (liveness != Liveness::Any)
            words << u"seen:"_s + wordOf(SeenWords, int(liveness));
        if (!text.isEmpty())
            words << text;
        return words.join(u' ');
    }
} // namespace Models
