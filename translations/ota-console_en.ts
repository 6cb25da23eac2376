<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditPage</name>
    <message numerus="yes">
        <source>Chain intact: %n entries, head %1</source>
        <translation>
            <numerusform>Chain intact: %n entry, head %1</numerusform>
            <numerusform>Chain intact: %n entries, head %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entries match</source>
        <translation>
            <numerusform>%1 of %n entry matches</numerusform>
            <numerusform>%1 of %n entries match</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message numerus="yes">
        <source>%n devices · refreshed just now</source>
        <translation>
            <numerusform>%n device · refreshed just now</numerusform>
            <numerusform>%n devices · refreshed just now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices · refreshed %1 s ago</source>
        <translation>
            <numerusform>%n device · refreshed %1 s ago</numerusform>
            <numerusform>%n devices · refreshed %1 s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>polling every %n s</source>
        <translation>
            <numerusform>polling every %n s</numerusform>
            <numerusform>polling every %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reconnecting in %n s</source>
        <translation>
            <numerusform>reconnecting in %n s</numerusform>
            <numerusform>reconnecting in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeviceDetailDialog</name>
    <message numerus="yes">
        <source>, overdue by %n s</source>
        <translation>
            <numerusform>, overdue by %n s</numerusform>
            <numerusform>, overdue by %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check-ins, %1 state changes</source>
        <translation>
            <numerusform>%n check-in, %1 state changes</numerusform>
            <numerusform>%n check-ins, %1 state changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirmwarePage</name>
    <message numerus="yes">
        <source>%n release(s)</source>
        <translation>
            <numerusform>%n release</numerusform>
            <numerusform>%n releases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanPage</name>
    <message numerus="yes">
        <source>%n device(s) found; select the ones to push to.</source>
        <translation>
            <numerusform>%n device found; select the ones to push to.</numerusform>
            <numerusform>%n devices found; select the ones to push to.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) selected.</source>
        <translation>
            <numerusform>%n device selected.</numerusform>
            <numerusform>%n devices selected.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them offline.</source>
        <translation>
            <numerusform>%n of them offline.</numerusform>
            <numerusform>%n of them offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be refused unless forced: %1</source>
        <translation>
            <numerusform>%n will be refused unless forced: %1</numerusform>
            <numerusform>%n will be refused unless forced: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n device(s)…</source>
        <translation>
            <numerusform>Checking %n device…</numerusform>
            <numerusform>Checking %n devices…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanProgressPane</name>
    <message numerus="yes">
        <source>%n confirmed</source>
        <translation>
            <numerusform>%n confirmed</numerusform>
            <numerusform>%n confirmed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not confirmed</source>
        <translation>
            <numerusform>%n not confirmed</numerusform>
            <numerusform>%n not confirmed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelled</numerusform>
            <numerusform>%n cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n device(s): %1 in %2 s</source>
        <translation>
            <numerusform>Finished: %n device: %1 in %2 s</numerusform>
            <numerusform>Finished: %n devices: %1 in %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::Age</name>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::AuditModel</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::CheckInHistoryModel</name>
    <message numerus="yes">
        <source>all %n passed</source>
        <translation>
            <numerusform>%n passed</numerusform>
            <numerusform>all %n passed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::FleetModel</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::ReleaseListModel</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::RolloutListModel</name>
    <message numerus="yes">
        <source>not started (%n stages)</source>
        <translation>
            <numerusform>not started (%n stage)</numerusform>
            <numerusform>not started (%n stages)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices reported a version;</source>
        <translation>
            <numerusform>%n device reported a version;</numerusform>
            <numerusform>%n devices reported a version;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n never checked in.</source>
        <translation>
            <numerusform>%n never checked in.</numerusform>
            <numerusform>%n never checked in.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices reported a version.</source>
        <translation>
            <numerusform>%n device reported a version.</numerusform>
            <numerusform>%n devices reported a version.</numerusform>
        </translation>
    </message>
</context>
</TS>
