<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>Ac&amp;tor:</source>
        <translation>&amp;Akteur:</translation>
    </message>
    <message>
        <source>alice, engine, token ...</source>
        <translation>alice, engine, token ...</translation>
    </message>
    <message>
        <source>A&amp;ction:</source>
        <translation>Akt&amp;ion:</translation>
    </message>
    <message>
        <source>key.add, rollout., login ...</source>
        <translation>key.add, rollout., login ...</translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <source>rollout name, key, device ...</source>
        <translation>Rollout-Name, Schlüssel, Gerät ...</translation>
    </message>
    <message>
        <source>Res&amp;ult:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>ok, refused, -&gt; PAUSED ...</source>
        <translation>ok, refused, -&gt; PAUSED ...</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>anywhere, also reason and detail</source>
        <translation>überall, auch in Grund und Detail</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>&amp;Bis</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>&amp;Verify chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <source>Asks the server to walk the whole hash chain: any entry changed or removed breaks it.</source>
        <translation>Lässt den Server die ganze Hash-Kette durchgehen: jeder geänderte oder entfernte Eintrag unterbricht sie.</translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation>E&amp;xportieren...</translation>
    </message>
    <message>
        <source>Saves the whole log as the server exports it, CSV or JSON.</source>
        <translation>Speichert das ganze Protokoll so, wie der Server es exportiert, als CSV oder JSON.</translation>
    </message>
    <message>
        <source>Select an entry to see it in full: the moment, the detail, its hashes.</source>
        <translation>Einen Eintrag auswählen, um ihn vollständig zu sehen: Zeitpunkt, Detail, Hashes.</translation>
    </message>
    <message>
        <source>Find in the audit log</source>
        <translation>Im Audit-Protokoll suchen</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>Das Audit-Protokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Verifying...</source>
        <translation>Wird geprüft...</translation>
    </message>
    <message>
        <source>Could not verify: %1</source>
        <translation>Prüfung nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Chain intact: %n entries, head %1</source>
        <translation>
            <numerusform>Kette intakt: %n Eintrag, Kopf %1</numerusform>
            <numerusform>Kette intakt: %n Einträge, Kopf %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Head hash %1: keep it elsewhere to notice a cut tail later.</source>
        <translation>Kopf-Hash %1: an anderer Stelle aufbewahren, um ein abgeschnittenes Ende später zu bemerken.</translation>
    </message>
    <message>
        <source>Chain broken at entry #%1: %2</source>
        <translation>Kette unterbrochen bei Eintrag Nr. %1: %2</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Audit-Protokoll exportieren</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Export nach %1...</translation>
    </message>
    <message>
        <source>The server did not export the log, nothing was written: %1</source>
        <translation>Der Server hat das Protokoll nicht exportiert, nichts wurde geschrieben: %1</translation>
    </message>
    <message>
        <source>Exported the audit log to %1 (%2).</source>
        <translation>Audit-Protokoll nach %1 exportiert (%2).</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entries match</source>
        <translation>
            <numerusform>%1 von %n Eintrag passt</numerusform>
            <numerusform>%1 von %n Einträgen passen</numerusform>
        </translation>
    </message>
    <message>
        <source>#%1  %2  %3 by %4</source>
        <translation>Nr. %1  %2  %3 von %4</translation>
    </message>
    <message>
        <source>OK: </source>
        <translation>OK: </translation>
    </message>
    <message>
        <source>Problem: </source>
        <translation>Problem: </translation>
    </message>
</context>
<context>
    <name>BreakGlassDialog</name>
    <message>
        <source>Break-glass rollback: %1</source>
        <translation>Notfall-Rollback: %1</translation>
    </message>
    <message>
        <source>What is wrong, and the ticket: kept in the audit log with your name</source>
        <translation>Was nicht stimmt, und das Ticket: wird mit Ihrem Namen im Audit-Protokoll festgehalten</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Type the rollout&apos;s &amp;name to confirm:</source>
        <translation>&amp;Namen des Rollouts zur Bestätigung eingeben:</translation>
    </message>
    <message>
        <source>Roll &amp;back now</source>
        <translation>Jetzt &amp;zurückrollen</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>%1 (%2 devices)</source>
        <translation>%1 (%2 Geräte)</translation>
    </message>
    <message>
        <source>their previous version</source>
        <translation>ihre vorherige Version</translation>
    </message>
    <message>
        <source>… (reading devices)</source>
        <translation>… (Geräte werden gelesen)</translation>
    </message>
    <message>
        <source>The token &apos;%1&apos; does not hold the break-glass right.</source>
        <translation>Das Token &apos;%1&apos; hat kein Recht zum Notfall-Rollback (Break-Glass).</translation>
    </message>
    <message>
        <source>Write the reason first: it is kept in the audit log with your name.</source>
        <translation>Zuerst den Grund eintragen: er wird mit Ihrem Namen im Audit-Protokoll festgehalten.</translation>
    </message>
    <message>
        <source>The name typed is not the rollout&apos;s: type &apos;%1&apos; exactly to confirm.</source>
        <translation>Der eingegebene Name ist nicht der des Rollouts: zur Bestätigung genau &apos;%1&apos; eingeben.</translation>
    </message>
    <message>
        <source>Sending the order…</source>
        <translation>Auftrag wird gesendet…</translation>
    </message>
    <message>
        <source>The server refused the rollback: %1</source>
        <translation>Der Server hat den Rollback abgelehnt: %1</translation>
    </message>
    <message>
        <source>Cannot read the devices: %1</source>
        <translation>Die Geräte können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>BREAK-GLASS ROLLBACK: the most audited act in the system</source>
        <translation>NOTFALL-ROLLBACK (BREAK-GLASS): die am strengsten protokollierte Handlung im System</translation>
    </message>
    <message>
        <source>1 device</source>
        <translation>1 Gerät</translation>
    </message>
    <message>
        <source>%1 devices</source>
        <translation>%1 Geräte</translation>
    </message>
    <message>
        <source>%1: %2 of %3 ordered back run their previous version again; %4 rolled back, %5 canceled.</source>
        <translation>%1: %2 von %3 zurückbeorderten Geräten laufen wieder mit ihrer vorherigen Version; %4 zurückgerollt, %5 abgebrochen.</translation>
    </message>
    <message>
        <source>No other device of it is left to cancel.</source>
        <translation>Es bleibt kein anderes Gerät des Rollouts abzubrechen.</translation>
    </message>
    <message>
        <source>Its 1 other device, which has not installed it, is canceled.</source>
        <translation>Sein 1 anderes Gerät, das es nicht installiert hat, wird abgebrochen.</translation>
    </message>
    <message>
        <source>Its %1 other devices, which have not installed it, are canceled.</source>
        <translation>Seine %1 anderen Geräte, die es nicht installiert haben, werden abgebrochen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 back to version %2, now, no stages&lt;/b&gt;, no deployment window and no approval.&lt;br&gt;Rollout &apos;%3&apos; (release %4) stops. %5 This cannot be undone from here.</source>
        <translation>&lt;b&gt;%1 zurück auf Version %2, sofort, ohne Stufen&lt;/b&gt;, ohne Verteilungsfenster und ohne Freigabe.&lt;br&gt;Rollout &apos;%3&apos; (Release %4) wird gestoppt. %5 Das lässt sich von hier aus nicht rückgängig machen.</translation>
    </message>
</context>
<context>
    <name>CertificatePanel</name>
    <message>
        <source>(none)</source>
        <translation>(keins)</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>Do&amp;n&apos;t trust it</source>
        <translation>&amp;Nicht vertrauen</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Ausgestellt für:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Ausgestellt von:</translation>
    </message>
    <message>
        <source>Valid:</source>
        <translation>Gültig:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>Problem:</translation>
    </message>
    <message>
        <source>Nothing this computer trusts vouches for the certificate of %1. Compare its SHA-256 fingerprint with the one the server&apos;s administrator gives you (openssl x509 -noout -fingerprint -sha256 -in CERT). Trust it only if they are the same: the console will then accept this certificate, and only this one, from this server.</source>
        <translation>Nichts, dem dieser Rechner vertraut, bürgt für das Zertifikat von %1. Vergleichen Sie seinen SHA-256-Fingerabdruck mit dem, den Ihnen der Administrator des Servers nennt (openssl x509 -noout -fingerprint -sha256 -in CERT). Vertrauen Sie ihm nur, wenn beide gleich sind: die Konsole nimmt dann dieses Zertifikat, und nur dieses, von diesem Server an.</translation>
    </message>
    <message>
        <source>from %1 to %2</source>
        <translation>von %1 bis %2</translation>
    </message>
    <message>
        <source>Trust and &amp;pin this certificate</source>
        <translation>Diesem Zertifikat vertrauen und es &amp;festhalten</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a rollout server</source>
        <translation>Mit einem Rollout-Server verbinden</translation>
    </message>
    <message>
        <source>&amp;Servers on the network and used before:</source>
        <translation>&amp;Server im Netz und bisher benutzte:</translation>
    </message>
    <message>
        <source>https://HOST:PORT or http://HOST:PORT</source>
        <translation>https://HOST:PORT oder http://HOST:PORT</translation>
    </message>
    <message>
        <source>none: the system&apos;s CAs, or a certificate you pin</source>
        <translation>keine: die CAs des Systems oder ein Zertifikat, das Sie festhalten</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen...</translation>
    </message>
    <message>
        <source>the API token (ota-server token create)</source>
        <translation>das API-Token (ota-server token create)</translation>
    </message>
    <message>
        <source>&amp;Keep the token in the system keychain</source>
        <translation>Token im Schlüsselbund des Systems &amp;aufbewahren</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>C&amp;onnect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>the server&apos;s certificate is not trusted. Give the CA file that signed it, or compare the fingerprint and trust it.</source>
        <translation>dem Zertifikat des Servers wird nicht vertraut. Geben Sie die CA-Datei an, die es signiert hat, oder vergleichen Sie den Fingerabdruck und vertrauen Sie ihm.</translation>
    </message>
    <message>
        <source>No servers can be found on the network: %1. Type the server&apos;s URL.</source>
        <translation>Im Netz lassen sich keine Server finden: %1. Geben Sie die URL des Servers ein.</translation>
    </message>
    <message>
        <source>Certificate pinned on %1 (SHA-256 %2...).</source>
        <translation>Zertifikat für %1 festgehalten (SHA-256 %2...).</translation>
    </message>
    <message>
        <source>Looking in the system keychain...</source>
        <translation>Schlüsselbund des Systems wird durchsucht...</translation>
    </message>
    <message>
        <source>Token from the system keychain.</source>
        <translation>Token aus dem Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>No token for this server in the keychain yet.</source>
        <translation>Noch kein Token für diesen Server im Schlüsselbund.</translation>
    </message>
    <message>
        <source>%1 The token you type is used for this session only.</source>
        <translation>%1 Das eingegebene Token gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>CA certificate (PEM)</source>
        <translation>CA-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Give the API token for %1 (ota-server token create --name NAME --role operator prints one).</source>
        <translation>Geben Sie das API-Token für %1 an (ota-server token create --name NAME --role operator gibt eines aus).</translation>
    </message>
    <message>
        <source>Looking at the certificate of %1...</source>
        <translation>Zertifikat von %1 wird geprüft...</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Verbindung zu %1 wird aufgebaut...</translation>
    </message>
    <message>
        <source>Keeping the token in the system keychain...</source>
        <translation>Token wird im Schlüsselbund des Systems abgelegt...</translation>
    </message>
    <message>
        <source>The token was not kept: %1 Connect again to use it for this session only.</source>
        <translation>Das Token wurde nicht abgelegt: %1 Verbinden Sie sich erneut, um es nur für diese Sitzung zu verwenden.</translation>
    </message>
    <message>
        <source>Connected to %1 as %2 (%3).</source>
        <translation>Verbunden mit %1 als %2 (%3).</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>&amp;Forget this certificate</source>
        <translation>Zertifikat ver&amp;gessen</translation>
    </message>
    <message>
        <source>The pinned certificate of %1 is forgotten; Connect shows the server&apos;s certificate again.</source>
        <translation>Das festgehaltene Zertifikat von %1 ist vergessen; Verbinden zeigt das Zertifikat des Servers erneut.</translation>
    </message>
</context>
<context>
    <name>ConsoleSession</name>
    <message>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <source>fetching the fleet...</source>
        <translation>Flotte wird abgerufen...</translation>
    </message>
    <message numerus="yes">
        <source>%n devices · refreshed just now</source>
        <translation>
            <numerusform>%n Gerät · gerade aktualisiert</numerusform>
            <numerusform>%n Geräte · gerade aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices · refreshed %1 s ago</source>
        <translation>
            <numerusform>%n Gerät · vor %1 s aktualisiert</numerusform>
            <numerusform>%n Geräte · vor %1 s aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>● live</source>
        <translation>● live</translation>
    </message>
    <message>
        <source>%1 answered the fleet listing with something this console cannot read: %2</source>
        <translation>%1 hat auf die Abfrage der Flotte mit etwas geantwortet, das diese Konsole nicht lesen kann: %2</translation>
    </message>
    <message numerus="yes">
        <source>polling every %n s</source>
        <translation>
            <numerusform>Abfrage jede Sekunde</numerusform>
            <numerusform>Abfrage alle %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>the live event stream is not connected: %1</source>
        <translation>der Live-Ereignisstrom ist nicht verbunden: %1</translation>
    </message>
    <message numerus="yes">
        <source>reconnecting in %n s</source>
        <translation>
            <numerusform>neue Verbindung in %n s</numerusform>
            <numerusform>neue Verbindung in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateAbortRules</name>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Failures of</source>
        <translation>Fehler vom Typ</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>Erreichen</translation>
    </message>
    <message>
        <source>After executed</source>
        <translation>Nach ausgeführten</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Dann</translation>
    </message>
    <message>
        <source>Rule &amp;%1</source>
        <translation>Regel &amp;%1</translation>
    </message>
    <message>
        <source>any type</source>
        <translation>jeder Typ</translation>
    </message>
    <message>
        <source>devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>% of executed</source>
        <translation>% der ausgeführten</translation>
    </message>
    <message>
        <source>Executed devices needed before the rule can trip</source>
        <translation>Ausgeführte Geräte, bevor die Regel auslösen kann</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>anhalten</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>stoppen</translation>
    </message>
</context>
<context>
    <name>CreateTargetsForm</name>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Ta&amp;gs</translation>
    </message>
    <message>
        <source>building-3, ring-canary (every tag must be carried)</source>
        <translation>building-3, ring-canary (jedes Tag muss vorhanden sein)</translation>
    </message>
    <message>
        <source>Pro&amp;jects</source>
        <translation>Pro&amp;jekte</translation>
    </message>
    <message>
        <source>smart-building</source>
        <translation>smart-building</translation>
    </message>
    <message>
        <source>C&amp;hips</source>
        <translation>C&amp;hips</translation>
    </message>
    <message>
        <source>esp32, esp32c3</source>
        <translation>esp32, esp32c3</translation>
    </message>
    <message>
        <source>&amp;Boards</source>
        <translation>&amp;Boards</translation>
    </message>
    <message>
        <source>any board</source>
        <translation>jedes Board</translation>
    </message>
    <message>
        <source>Device &amp;ids</source>
        <translation>Geräte-&amp;IDs</translation>
    </message>
    <message>
        <source>only these devices</source>
        <translation>nur diese Geräte</translation>
    </message>
    <message>
        <source>from, e.g. 2.0.0</source>
        <translation>von, z. B. 2.0.0</translation>
    </message>
    <message>
        <source>to, e.g. 2.3.1</source>
        <translation>bis, z. B. 2.3.1</translation>
    </message>
    <message>
        <source>Current &amp;version</source>
        <translation>Aktuelle &amp;Version</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a version such as 2.3.1 (numbers and dots).</source>
        <translation>„%1“ ist keine Version wie 2.3.1 (Zahlen und Punkte).</translation>
    </message>
</context>
<context>
    <name>CreateWindowForm</name>
    <message>
        <source>Only inside a maintenance &amp;window</source>
        <translation>Nur innerhalb eines &amp;Wartungsfensters</translation>
    </message>
    <message>
        <source>Outside this window the rollout pauses by itself and resumes when it opens</source>
        <translation>Außerhalb dieses Fensters hält der Rollout von selbst an und setzt fort, sobald es öffnet</translation>
    </message>
    <message>
        <source>00:00 means the end of the day (24:00)</source>
        <translation>00:00 bedeutet das Ende des Tages (24:00)</translation>
    </message>
    <message>
        <source>Op&amp;en from</source>
        <translation>Geöffnet &amp;ab</translation>
    </message>
    <message>
        <source>C&amp;loses at</source>
        <translation>&amp;Schließt um</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>&amp;Zeitzone</translation>
    </message>
    <message>
        <source>Maintenance window: pick at least one day.</source>
        <translation>Wartungsfenster: wählen Sie mindestens einen Tag.</translation>
    </message>
    <message>
        <source>Maintenance window: &quot;to&quot; must be after &quot;from&quot; on the same day (00:00 means 24:00).</source>
        <translation>Wartungsfenster: „bis“ muss am selben Tag nach „ab“ liegen (00:00 bedeutet 24:00).</translation>
    </message>
    <message>
        <source>Maintenance window: &quot;%1&quot; is not a time zone (an IANA id such as Europe/Berlin).</source>
        <translation>Wartungsfenster: „%1“ ist keine Zeitzone (eine IANA-Kennung wie Europe/Berlin).</translation>
    </message>
</context>
<context>
    <name>DeviceDetailDialog</name>
    <message>
        <source>Current checks</source>
        <translation>Aktuelle Prüfungen</translation>
    </message>
    <message>
        <source>&amp;State history in rollouts</source>
        <translation>&amp;Zustandsverlauf in Rollouts</translation>
    </message>
    <message>
        <source>Chec&amp;k-ins</source>
        <translation>Chec&amp;k-ins</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>%1: not in the fleet listing (yet)</source>
        <translation>%1: (noch) nicht in der Flottenliste</translation>
    </message>
    <message>
        <source>last check-in %1 (%2)%3</source>
        <translation>letzter Check-in %1 (%2)%3</translation>
    </message>
    <message numerus="yes">
        <source>, overdue by %n s</source>
        <translation>
            <numerusform>, seit %n s überfällig</numerusform>
            <numerusform>, seit %n s überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>never checked in</source>
        <translation>nie eingecheckt</translation>
    </message>
    <message>
        <source>%1 · version %2 on %3 · %4 / %5 · rollout state: %6 · %7</source>
        <translation>%1 · Version %2 auf %3 · %4 / %5 · Rollout-Zustand: %6 · %7</translation>
    </message>
    <message>
        <source>Could not fetch the history of %1: %2</source>
        <translation>Der Verlauf von %1 konnte nicht abgerufen werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n check-ins, %1 state changes</source>
        <translation>
            <numerusform>%n Check-in, %1 Zustandswechsel</numerusform>
            <numerusform>%n Check-ins, %1 Zustandswechsel</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Esphome::EsphomePush</name>
    <message>
        <source>%1 did not answer for %2 s %3; check that it is powered and on the network</source>
        <translation>%1 hat %2 s lang nicht geantwortet %3; prüfen Sie, ob es eingeschaltet und im Netz ist</translation>
    </message>
    <message>
        <source>during the handshake</source>
        <translation>beim Verbindungsaufbau</translation>
    </message>
    <message>
        <source>during the transfer</source>
        <translation>während der Übertragung</translation>
    </message>
    <message>
        <source>cancelled; the device keeps its current firmware</source>
        <translation>abgebrochen; das Gerät behält seine aktuelle Firmware</translation>
    </message>
    <message>
        <source>connecting to %1 (attempt %2)</source>
        <translation>Verbindung zu %1 (Versuch %2)</translation>
    </message>
    <message>
        <source>%1 refused the connection: is OTA enabled and the port right?</source>
        <translation>%1 hat die Verbindung abgelehnt: ist OTA aktiviert und der Port richtig?</translation>
    </message>
    <message>
        <source>the connection to %1 was lost (%2)</source>
        <translation>die Verbindung zu %1 ist abgebrochen (%2)</translation>
    </message>
    <message>
        <source>%1 sent %2 %3</source>
        <translation>%1 hat %2 gesendet %3</translation>
    </message>
    <message>
        <source>%1 speaks ESPHome OTA version %2, which this client does not know; push with ESPHome&apos;s own tools</source>
        <translation>%1 spricht ESPHome-OTA-Version %2, die dieser Client nicht kennt; übertragen Sie mit den Werkzeugen von ESPHome</translation>
    </message>
    <message>
        <source>device speaks OTA version %1</source>
        <translation>Gerät spricht OTA-Version %1</translation>
    </message>
    <message>
        <source>%1 answered the features with %2; it may not be an ESPHome device</source>
        <translation>%1 hat auf die Funktionsabfrage mit %2 geantwortet; vielleicht ist es kein ESPHome-Gerät</translation>
    </message>
    <message>
        <source>device takes gzip: %1 bytes become %2</source>
        <translation>Gerät nimmt gzip: aus %1 Bytes werden %2</translation>
    </message>
    <message>
        <source>%1 sent %2 where an authentication request belongs</source>
        <translation>%1 hat %2 gesendet, wo eine Authentifizierungsanfrage hingehört</translation>
    </message>
    <message>
        <source>%1 asks for the OTA password (the ota: password: of its YAML); give it with --password</source>
        <translation>%1 verlangt das OTA-Passwort (das ota: password: seiner YAML-Datei); geben Sie es mit --password an</translation>
    </message>
    <message>
        <source>%1 authentication</source>
        <translation>%1-Authentifizierung</translation>
    </message>
    <message>
        <source>after the password</source>
        <translation>nach dem Passwort</translation>
    </message>
    <message>
        <source>after the size</source>
        <translation>nach der Größe</translation>
    </message>
    <message>
        <source>after the MD5</source>
        <translation>nach der MD5-Summe</translation>
    </message>
    <message>
        <source>%1 sent %2 during the transfer</source>
        <translation>%1 hat während der Übertragung %2 gesendet</translation>
    </message>
    <message>
        <source>instead of RECEIVE_OK</source>
        <translation>statt RECEIVE_OK</translation>
    </message>
    <message>
        <source>instead of UPDATE_END_OK</source>
        <translation>statt UPDATE_END_OK</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1; retrying in %2 ms</source>
        <translation>%1; neuer Versuch in %2 ms</translation>
    </message>
    <message>
        <source>the device took the image and reboots</source>
        <translation>das Gerät hat das Image übernommen und startet neu</translation>
    </message>
</context>
<context>
    <name>FirmwarePage</name>
    <message>
        <source>&amp;Upload signed release...</source>
        <translation>Signiertes Release &amp;hochladen...</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Sign an image with your key and upload it (Ctrl+U)</source>
        <translation>Ein Image mit Ihrem Schlüssel signieren und hochladen (Strg+U)</translation>
    </message>
    <message>
        <source>Uploading needs an operator or admin token; this one is a viewer&apos;s</source>
        <translation>Hochladen braucht ein Operator- oder Admin-Token; dieses gehört einem Betrachter</translation>
    </message>
    <message>
        <source>Releases could not be listed: %1</source>
        <translation>Die Releases konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n release(s)</source>
        <translation>
            <numerusform>%n Release</numerusform>
            <numerusform>%n Releases</numerusform>
        </translation>
    </message>
    <message>
        <source>No releases yet: upload a signed one (Ctrl+U).</source>
        <translation>Noch keine Releases: laden Sie ein signiertes hoch (Strg+U).</translation>
    </message>
    <message>
        <source>Select a release to see whether it is ready to roll out.</source>
        <translation>Ein Release auswählen, um zu sehen, ob es für einen Rollout bereit ist.</translation>
    </message>
    <message>
        <source>%1 %2 for %3, SHA-256 %4</source>
        <translation>%1 %2 für %3, SHA-256 %4</translation>
    </message>
</context>
<context>
    <name>FleetPage</name>
    <message>
        <source>Search id, version, chip, tag... (Ctrl+F)</source>
        <translation>ID, Version, Chip, Tag suchen... (Strg+F)</translation>
    </message>
    <message>
        <source>Only devices running this version</source>
        <translation>Nur Geräte mit dieser Version</translation>
    </message>
    <message>
        <source>Any version</source>
        <translation>Jede Version</translation>
    </message>
    <message>
        <source>Only devices in this state in a live rollout</source>
        <translation>Nur Geräte in diesem Zustand in einem laufenden Rollout</translation>
    </message>
    <message>
        <source>In no rollout</source>
        <translation>In keinem Rollout</translation>
    </message>
    <message>
        <source>Only devices whose last health checks say this</source>
        <translation>Nur Geräte, deren letzte Zustandsprüfungen dies sagen</translation>
    </message>
    <message>
        <source>Any health</source>
        <translation>Jeder Zustand</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>Fehlgeschlagene Prüfungen</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>Nicht gemeldet</translation>
    </message>
    <message>
        <source>Only devices whose check-ins are on time, late or missing</source>
        <translation>Nur Geräte, deren Check-ins pünktlich, verspätet oder ausgeblieben sind</translation>
    </message>
    <message>
        <source>Any check-in</source>
        <translation>Jeder Check-in</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>Pünktlich</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Never seen</source>
        <translation>Nie gesehen</translation>
    </message>
    <message>
        <source>Which columns the table shows</source>
        <translation>Welche Spalten die Tabelle zeigt</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>Zu&amp;stand:</translation>
    </message>
    <message>
        <source>&amp;Health:</source>
        <translation>Gesund&amp;heit:</translation>
    </message>
    <message>
        <source>Check-&amp;in:</source>
        <translation>Check-&amp;in:</translation>
    </message>
    <message>
        <source>C&amp;olumns:</source>
        <translation>Spa&amp;lten:</translation>
    </message>
    <message>
        <source>Cannot filter by &quot;%1&quot;: %2</source>
        <translation>Nach „%1“ kann nicht gefiltert werden: %2</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Jeder Zustand</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
</context>
<context>
    <name>GateRatesChart</name>
    <message>
        <source>Rates against each stage&apos;s gate (%)</source>
        <translation>Quoten gegen den Haltepunkt jeder Stufe (%)</translation>
    </message>
    <message>
        <source>success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>rollback rate</source>
        <translation>Rollback-Quote</translation>
    </message>
    <message>
        <source>minimum success</source>
        <translation>Mindest-Erfolgsquote</translation>
    </message>
    <message>
        <source>maximum rollback</source>
        <translation>maximale Rollback-Quote</translation>
    </message>
</context>
<context>
    <name>HealthHistoryChart</name>
    <message>
        <source>Health over time</source>
        <translation>Zustand im Zeitverlauf</translation>
    </message>
    <message>
        <source>Battery (%)</source>
        <translation>Akku (%)</translation>
    </message>
    <message>
        <source>RSSI (dBm)</source>
        <translation>RSSI (dBm)</translation>
    </message>
    <message>
        <source>Boot count</source>
        <translation>Boot-Zähler</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Battery %</source>
        <translation>Akku %</translation>
    </message>
    <message>
        <source>RSSI dBm</source>
        <translation>RSSI dBm</translation>
    </message>
    <message>
        <source>Boots</source>
        <translation>Starts</translation>
    </message>
</context>
<context>
    <name>ImageInspection</name>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is larger than any ESP flash; is it an application image?</source>
        <translation>%1 ist größer als jeder ESP-Flash; ist es ein Anwendungs-Image?</translation>
    </message>
</context>
<context>
    <name>LanDiscovery</name>
    <message>
        <source>LAN discovery could not start: %1</source>
        <translation>Die LAN-Suche konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>every interface</source>
        <translation>jede Schnittstelle</translation>
    </message>
    <message>
        <source>Looking for ArduinoOTA and ESPHome devices on %1.</source>
        <translation>Suche nach ArduinoOTA- und ESPHome-Geräten auf %1.</translation>
    </message>
</context>
<context>
    <name>LanPage</name>
    <message>
        <source>C&amp;heck now</source>
        <translation>Jetzt &amp;prüfen</translation>
    </message>
    <message>
        <source>Ask the selected devices (all, when none is selected) whether they are still there (F5)</source>
        <translation>Die ausgewählten Geräte (alle, wenn keines ausgewählt ist) fragen, ob sie noch da sind (F5)</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms.</source>
        <translation>%1 hat in %2 ms geantwortet.</translation>
    </message>
    <message>
        <source>%1 did not answer; it is marked offline.</source>
        <translation>%1 hat nicht geantwortet; es wird als offline markiert.</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) found; select the ones to push to.</source>
        <translation>
            <numerusform>%n Gerät gefunden; wählen Sie die Ziele der Übertragung aus.</numerusform>
            <numerusform>%n Geräte gefunden; wählen Sie die Ziele der Übertragung aus.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) selected.</source>
        <translation>
            <numerusform>%n Gerät ausgewählt.</numerusform>
            <numerusform>%n Geräte ausgewählt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them offline.</source>
        <translation>
            <numerusform>%n davon offline.</numerusform>
            <numerusform>%n davon offline.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n will be refused unless forced: %1</source>
        <translation>
            <numerusform>%n wird ohne Erzwingen abgelehnt: %1</numerusform>
            <numerusform>%n werden ohne Erzwingen abgelehnt: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking %n device(s)…</source>
        <translation>
            <numerusform>%n Gerät wird geprüft…</numerusform>
            <numerusform>%n Geräte werden geprüft…</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the OTA password for this push, or choose a keychain password.</source>
        <translation>Geben Sie das OTA-Passwort für diese Übertragung ein oder wählen Sie ein Passwort aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>Select the devices this password belongs to first.</source>
        <translation>Wählen Sie zuerst die Geräte aus, zu denen dieses Passwort gehört.</translation>
    </message>
    <message>
        <source>every device without its own</source>
        <translation>jedes Gerät ohne eigenes</translation>
    </message>
    <message>
        <source>Saved in the keychain for %1.</source>
        <translation>Im Schlüsselbund für %1 gespeichert.</translation>
    </message>
    <message>
        <source>Push to the selected devices</source>
        <translation>An die ausgewählten Geräte übertragen</translation>
    </message>
</context>
<context>
    <name>LanProgressPane</name>
    <message>
        <source>No push yet. Select devices above, choose an image and press Push.</source>
        <translation>Noch keine Übertragung. Wählen Sie oben Geräte und ein Image aus und drücken Sie Übertragen.</translation>
    </message>
    <message>
        <source>Select a device&apos;s row to see its log.</source>
        <translation>Die Zeile eines Geräts auswählen, um sein Protokoll zu sehen.</translation>
    </message>
    <message>
        <source>No push yet.</source>
        <translation>Noch keine Übertragung.</translation>
    </message>
    <message>
        <source>Pushing: %1 of %2 devices finished</source>
        <translation>Übertragung: %1 von %2 Geräten fertig</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed</source>
        <translation>
            <numerusform>%n bestätigt</numerusform>
            <numerusform>%n bestätigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not confirmed</source>
        <translation>
            <numerusform>%n nicht bestätigt</numerusform>
            <numerusform>%n nicht bestätigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n übersprungen</numerusform>
            <numerusform>%n übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing to do</source>
        <translation>nichts zu tun</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n device(s): %1 in %2 s</source>
        <translation>
            <numerusform>Fertig: %n Gerät: %1 in %2 s</numerusform>
            <numerusform>Fertig: %n Geräte: %1 in %2 s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanPushPanel</name>
    <message>
        <source>no image chosen</source>
        <translation>kein Image gewählt</translation>
    </message>
    <message>
        <source>Choose &amp;image…</source>
        <translation>&amp;Image wählen…</translation>
    </message>
    <message>
        <source>Shared password from the keychain</source>
        <translation>Gemeinsames Passwort aus dem Schlüsselbund</translation>
    </message>
    <message>
        <source>Each device&apos;s password from the keychain</source>
        <translation>Das Passwort jedes Geräts aus dem Schlüsselbund</translation>
    </message>
    <message>
        <source>Typed for this push only (not stored)</source>
        <translation>Nur für diese Übertragung eingegeben (nicht gespeichert)</translation>
    </message>
    <message>
        <source>OTA password</source>
        <translation>OTA-Passwort</translation>
    </message>
    <message>
        <source>Sa&amp;ve to keychain</source>
        <translation>Im Schlüsselbund &amp;speichern</translation>
    </message>
    <message>
        <source>Stores the typed password in the system keychain: as the shared one, or, when each device&apos;s password is chosen, for every selected device.</source>
        <translation>Speichert das eingegebene Passwort im Schlüsselbund des Systems: als gemeinsames oder, wenn das Passwort jedes Geräts gewählt ist, für jedes ausgewählte Gerät.</translation>
    </message>
    <message>
        <source>&amp;Skip devices already on this version</source>
        <translation>Geräte mit dieser Version ü&amp;berspringen</translation>
    </message>
    <message>
        <source>Only &amp;online devices</source>
        <translation>Nur e&amp;rreichbare Geräte</translation>
    </message>
    <message>
        <source>&amp;Force: push even where the image check refuses</source>
        <translation>&amp;Erzwingen: auch übertragen, wo die Image-Prüfung ablehnt</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>Image:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>At &amp;once:</source>
        <translation>&amp;Gleichzeitig:</translation>
    </message>
    <message>
        <source>How many devices are pushed at the same time</source>
        <translation>Wie viele Geräte gleichzeitig übertragen werden</translation>
    </message>
    <message>
        <source>&amp;Push to selected</source>
        <translation>An ausgewählte &amp;übertragen</translation>
    </message>
    <message>
        <source>&amp;Cancel push</source>
        <translation>Übertragung &amp;abbrechen</translation>
    </message>
    <message>
        <source>Image to push</source>
        <translation>Zu übertragendes Image</translation>
    </message>
    <message>
        <source>Firmware images (*.bin);;All files (*)</source>
        <translation>Firmware-Images (*.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>no version</source>
        <translation>keine Version</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>application image</source>
        <translation>Anwendungs-Image</translation>
    </message>
    <message>
        <source>%1, %2, %3 KiB</source>
        <translation>%1, %2, %3 KiB</translation>
    </message>
    <message>
        <source>Choose an image first</source>
        <translation>Zuerst ein Image wählen</translation>
    </message>
    <message>
        <source>Select one or more devices first</source>
        <translation>Zuerst ein oder mehrere Geräte auswählen</translation>
    </message>
    <message>
        <source>Push the image to the selected devices (Ctrl+Return)</source>
        <translation>Das Image an die ausgewählten Geräte übertragen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Reading the image…</source>
        <translation>Image wird gelesen…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OTA Rollout Console</source>
        <translation>OTA-Rollout-Konsole</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
    <message>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>LAN</source>
        <translation>LAN</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>token: checking...</source>
        <translation>Token: wird geprüft...</translation>
    </message>
    <message>
        <source>Until the server says what this token may do, actions stay enabled and the server&apos;s answer says what is missing.</source>
        <translation>Bis der Server sagt, was dieses Token darf, bleiben die Aktionen aktiv, und die Antwort des Servers sagt, was fehlt.</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>%1 (%2, break-glass)</source>
        <translation>%1 (%2, Notfall-Rollback)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The token&apos;s name is the actor in the audit log; its role decides which actions are enabled.</source>
        <translation>Der Name des Tokens ist der Akteur im Audit-Protokoll; seine Rolle entscheidet, welche Aktionen aktiv sind.</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>%1 is allowed only from %2; this rollout is %3.</source>
        <translation>%1 ist nur aus %2 heraus erlaubt; dieser Rollout ist %3.</translation>
    </message>
    <message>
        <source>It waits at a stage&apos;s gate: advance to accept the stage&apos;s result, or stop it.</source>
        <translation>Er wartet am Haltepunkt einer Stufe: weiterschalten, um das Ergebnis der Stufe anzunehmen, oder stoppen.</translation>
    </message>
</context>
<context>
    <name>Models::Age</name>
    <message>
        <source>%n s ago</source>
        <translation>vor %n s</translation>
    </message>
    <message>
        <source>%n min ago</source>
        <translation>vor %n min</translation>
    </message>
    <message>
        <source>%n h ago</source>
        <translation>vor %n h</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::AlertListModel</name>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>%1: paused by a threshold: %2</source>
        <translation>%1: von einem Schwellwert angehalten: %2</translation>
    </message>
    <message>
        <source>%1: waiting at a gate for an operator: %2</source>
        <translation>%1: wartet an einem Haltepunkt auf einen Operator: %2</translation>
    </message>
    <message>
        <source>%1: break-glass rollback in progress, %2 of %3 devices back on their previous version</source>
        <translation>%1: Notfall-Rollback läuft, %2 von %3 Geräten wieder auf ihrer vorherigen Version</translation>
    </message>
</context>
<context>
    <name>Models::AuditExportFile</name>
    <message>
        <source>Nothing was written to %1: %2</source>
        <translation>Nach %1 wurde nichts geschrieben: %2</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>Eine Datei für den Export wählen.</translation>
    </message>
    <message>
        <source>it is a folder.</source>
        <translation>es ist ein Ordner.</translation>
    </message>
</context>
<context>
    <name>Models::AuditModel</name>
    <message>
        <source>#</source>
        <comment>audit entry sequence number</comment>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::CheckInHistoryModel</name>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message numerus="yes">
        <source>all %n passed</source>
        <translation>
            <numerusform>%n bestanden</numerusform>
            <numerusform>alle %n bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 dBm</source>
        <translation>%1 dBm</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <source>RSSI</source>
        <translation>RSSI</translation>
    </message>
    <message>
        <source>Boot count</source>
        <translation>Boot-Zähler</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
</context>
<context>
    <name>Models::ConsoleSettings</name>
    <message>
        <source>%1 must be from %2 to %3 (not %4).</source>
        <translation>%1 muss zwischen %2 und %3 liegen (nicht %4).</translation>
    </message>
    <message>
        <source>The refresh interval in seconds</source>
        <translation>Das Aktualisierungsintervall in Sekunden</translation>
    </message>
    <message>
        <source>At most %1 servers are remembered; remove one first.</source>
        <translation>Höchstens %1 Server werden gemerkt; entfernen Sie zuerst einen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address; enter one like https://ota.example.net:8443.</source>
        <translation>„%1“ ist keine Serveradresse; geben Sie eine wie https://ota.example.net:8443 ein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must start with https:// (or http:// for a server on this machine).</source>
        <translation>„%1“ muss mit https:// beginnen (oder mit http:// für einen Server auf diesem Rechner).</translation>
    </message>
    <message>
        <source>The CA file %1 cannot be read; choose a PEM file that exists.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden; wählen Sie eine vorhandene PEM-Datei.</translation>
    </message>
    <message>
        <source>Enter a folder.</source>
        <translation>Geben Sie einen Ordner ein.</translation>
    </message>
    <message>
        <source>Enter a full path (starting with /), not %1.</source>
        <translation>Geben Sie einen vollständigen Pfad ein (beginnend mit /), nicht %1.</translation>
    </message>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 ist eine Datei, kein Ordner.</translation>
    </message>
    <message>
        <source>The espota port</source>
        <translation>Der espota-Port</translation>
    </message>
    <message>
        <source>Devices pushed at once</source>
        <translation>Gleichzeitig übertragene Geräte</translation>
    </message>
    <message>
        <source>Name at least one interface (lo keeps discovery on this machine).</source>
        <translation>Nennen Sie mindestens eine Schnittstelle (lo hält die Suche auf diesem Rechner).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an interface name (like lo, eth0 or wlan0).</source>
        <translation>„%1“ ist kein Schnittstellenname (wie lo, eth0 oder wlan0).</translation>
    </message>
    <message>
        <source>The settings could not be saved to %1; is the disk full or the file read-only?</source>
        <translation>Die Einstellungen konnten nicht in %1 gespeichert werden; ist der Datenträger voll oder die Datei schreibgeschützt?</translation>
    </message>
</context>
<context>
    <name>Models::DeviceCount</name>
    <message>
        <source>%1 device</source>
        <translation>%1 Gerät</translation>
    </message>
    <message>
        <source>%1 devices</source>
        <translation>%1 Geräte</translation>
    </message>
</context>
<context>
    <name>Models::DeviceStateHistoryModel</name>
    <message>
        <source>Rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>Models::FleetFilter</name>
    <message>
        <source>&apos;%1&apos; is not a device state; use none or one of %2</source>
        <translation>&apos;%1&apos; ist kein Gerätezustand; verwenden Sie none oder einen von %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a health filter; use one of %2</source>
        <translation>&apos;%1&apos; ist kein Zustandsfilter; verwenden Sie einen von %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a check-in filter; use one of %2</source>
        <translation>&apos;%1&apos; ist kein Check-in-Filter; verwenden Sie einen von %2</translation>
    </message>
</context>
<context>
    <name>Models::FleetModel</name>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Last check-in %1; next expected %2</source>
        <translation>Letzter Check-in %1; nächster erwartet %2</translation>
    </message>
    <message>
        <source>not announced</source>
        <translation>nicht angekündigt</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>%1 of %2 passed</source>
        <translation>%1 von %2 bestanden</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 dBm</source>
        <translation>%1 dBm</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 (check-in, overdue)</source>
        <translation>%1 (Check-in, überfällig)</translation>
    </message>
    <message>
        <source>%1 (check-in)</source>
        <translation>%1 (Check-in)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Chip</source>
        <translation>Chip</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>Board</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <source>RSSI</source>
        <translation>RSSI</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Rollout state</source>
        <translation>Rollout-Zustand</translation>
    </message>
</context>
<context>
    <name>Models::HealthChecksModel</name>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>Models::Lan</name>
    <message>
        <source>ESPHome</source>
        <translation>ESPHome</translation>
    </message>
    <message>
        <source>ArduinoOTA</source>
        <translation>ArduinoOTA</translation>
    </message>
</context>
<context>
    <name>Models::LanDeviceModel</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Board / platform</source>
        <translation>Board / Plattform</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Auth</source>
        <comment>column: whether the device asks for an OTA password</comment>
        <translation>Auth.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Last heard</source>
        <translation>Zuletzt gehört</translation>
    </message>
    <message>
        <source>Image check</source>
        <translation>Image-Prüfung</translation>
    </message>
    <message>
        <source>%1, by %2</source>
        <translation>%1, von %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>not announced</source>
        <translation>nicht angekündigt</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (ESPHome %2)</source>
        <translation>%1 (ESPHome %2)</translation>
    </message>
    <message>
        <source>offline (%1), %2</source>
        <translation>offline (%1), %2</translation>
    </message>
    <message>
        <source>suits this device</source>
        <translation>passt zu diesem Gerät</translation>
    </message>
</context>
<context>
    <name>Models::PushProgressModel</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Sent</source>
        <comment>column: share of the image the device acknowledged</comment>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>Models::ReleaseListModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Chip</source>
        <translation>Chip</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>Uploaded by</source>
        <translation>Hochgeladen von</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <comment>column: when the release was uploaded</comment>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>SHA-256 %1</source>
        <translation>SHA-256 %1</translation>
    </message>
    <message>
        <source>%1 (revoked)</source>
        <translation>%1 (widerrufen)</translation>
    </message>
    <message>
        <source>unsigned</source>
        <translation>unsigniert</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>vor %n s</numerusform>
            <numerusform>vor %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n min</numerusform>
            <numerusform>vor %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n h</numerusform>
            <numerusform>vor %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Models::ReleaseReadiness</name>
    <message>
        <source>pass</source>
        <comment>readiness verdict</comment>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>readiness verdict</comment>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>fail</source>
        <comment>readiness verdict</comment>
        <translation>durchgefallen</translation>
    </message>
    <message>
        <source>Signed manifest</source>
        <translation>Signiertes Manifest</translation>
    </message>
    <message>
        <source>Devices install only what a key the server trusts has signed; a revoked key&apos;s releases cannot start rollouts.</source>
        <translation>Geräte installieren nur, was ein Schlüssel signiert hat, dem der Server vertraut; Releases eines widerrufenen Schlüssels können keine Rollouts starten.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no key verified its signature</source>
        <translation>kein Schlüssel hat seine Signatur bestätigt</translation>
    </message>
    <message>
        <source>signed by %1, which has been revoked: sign it again with a trusted key</source>
        <translation>signiert von %1, der widerrufen wurde: mit einem vertrauenswürdigen Schlüssel neu signieren</translation>
    </message>
    <message>
        <source>signed by %1, a trusted key</source>
        <translation>signiert von %1, einem vertrauenswürdigen Schlüssel</translation>
    </message>
    <message>
        <source>Secure Boot V2 block</source>
        <translation>Secure-Boot-V2-Block</translation>
    </message>
    <message>
        <source>A device with Secure Boot V2 enabled boots only an image signed for the key in its eFuse; anything else it refuses after flashing.</source>
        <translation>Ein Gerät mit aktivem Secure Boot V2 startet nur ein Image, das für den Schlüssel in seiner eFuse signiert ist; alles andere lehnt es nach dem Flashen ab.</translation>
    </message>
    <message>
        <source>the ESP8266 has no Secure Boot</source>
        <translation>der ESP8266 hat kein Secure Boot</translation>
    </message>
    <message>
        <source>not checked yet: the image is being read</source>
        <translation>noch nicht geprüft: das Image wird gelesen</translation>
    </message>
    <message>
        <source>not checked: %1</source>
        <translation>nicht geprüft: %1</translation>
    </message>
    <message>
        <source>no signature sector: devices with Secure Boot V2 enabled will not boot it</source>
        <translation>kein Signatursektor: Geräte mit aktivem Secure Boot V2 starten es nicht</translation>
    </message>
    <message>
        <source>present and verifying (%1, key digest %2)</source>
        <translation>vorhanden und gültig (%1, Schlüssel-Digest %2)</translation>
    </message>
    <message>
        <source>present but not verifying: %1</source>
        <translation>vorhanden, aber nicht gültig: %1</translation>
    </message>
    <message>
        <source>Secure version (anti-rollback)</source>
        <translation>Sichere Version (Anti-Rollback)</translation>
    </message>
    <message>
        <source>Raising it burns the new floor into the eFuse, so an older image with a known hole cannot be installed again; below the fleet&apos;s floor, devices refuse the image.</source>
        <translation>Eine höhere sichere Version brennt die neue Untergrenze in die eFuse, sodass ein älteres Image mit bekannter Lücke nicht wieder installiert werden kann; unter der Untergrenze der Flotte lehnen Geräte das Image ab.</translation>
    </message>
    <message>
        <source>secure version %1; the fleet&apos;s is not known (no device runs a release the server holds)</source>
        <translation>sichere Version %1; die der Flotte ist unbekannt (kein Gerät führt ein Release aus, das der Server kennt)</translation>
    </message>
    <message>
        <source>secure version %1, raised from the fleet&apos;s %2</source>
        <translation>sichere Version %1, angehoben von %2 der Flotte</translation>
    </message>
    <message>
        <source>secure version %1, the same as the fleet&apos;s: older images stay installable</source>
        <translation>sichere Version %1, dieselbe wie die der Flotte: ältere Images bleiben installierbar</translation>
    </message>
    <message>
        <source>secure version %1 is below the fleet&apos;s %2: devices with anti-rollback refuse it</source>
        <translation>sichere Version %1 liegt unter %2 der Flotte: Geräte mit Anti-Rollback lehnen es ab</translation>
    </message>
    <message>
        <source>Fits the OTA slot</source>
        <translation>Passt in den OTA-Slot</translation>
    </message>
    <message>
        <source>An image larger than the inactive OTA partition fails while downloading, on every device.</source>
        <translation>Ein Image, das größer ist als die inaktive OTA-Partition, scheitert beim Herunterladen, auf jedem Gerät.</translation>
    </message>
    <message>
        <source>%1; no device reported its OTA slot size</source>
        <translation>%1; kein Gerät hat seine OTA-Slot-Größe gemeldet</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 von %2 (%3%)</translation>
    </message>
    <message>
        <source>%1 is larger than the devices&apos; %2 slot</source>
        <translation>%1 ist größer als der %2-Slot der Geräte</translation>
    </message>
    <message>
        <source>Minimum previous version</source>
        <translation>Vorausgesetzte Mindestversion</translation>
    </message>
    <message>
        <source>A device too old to migrate its settings or partitions must not jump straight to this release.</source>
        <translation>Ein Gerät, das zu alt ist, um seine Einstellungen oder Partitionen zu migrieren, darf nicht direkt auf dieses Release springen.</translation>
    </message>
    <message>
        <source>not set: a device on any older version takes this image</source>
        <translation>nicht gesetzt: ein Gerät mit jeder älteren Version nimmt dieses Image</translation>
    </message>
    <message>
        <source>devices must run %1 or later first</source>
        <translation>Geräte müssen zuerst %1 oder neuer ausführen</translation>
    </message>
</context>
<context>
    <name>Models::RolloutDeviceModel</name>
    <message>
        <source>since %1</source>
        <translation>seit %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft mit</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>Models::RolloutListModel</name>
    <message numerus="yes">
        <source>not started (%n stages)</source>
        <translation>
            <numerusform>nicht gestartet (%n Stufe)</numerusform>
            <numerusform>nicht gestartet (%n Stufen)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Release</translation>
    </message>
</context>
<context>
    <name>Models::SecureBootFacts</name>
    <message>
        <source>block %1: its digest is not the image&apos;s (the image changed after signing)</source>
        <translation>Block %1: sein Digest ist nicht der des Images (das Image wurde nach dem Signieren geändert)</translation>
    </message>
    <message>
        <source>block %1: %2</source>
        <translation>Block %1: %2</translation>
    </message>
    <message>
        <source>block %1: the signature does not verify with the block&apos;s key</source>
        <translation>Block %1: die Signatur lässt sich mit dem Schlüssel des Blocks nicht bestätigen</translation>
    </message>
</context>
<context>
    <name>Models::ServerListModel</name>
    <message>
        <source>%1, ota-server %2</source>
        <translation>%1, ota-server %2</translation>
    </message>
    <message>
        <source>yes</source>
        <comment>TLS</comment>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <comment>TLS</comment>
        <translation>nein</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Known from</source>
        <translation>Bekannt durch</translation>
    </message>
    <message>
        <source>found on the network, used before</source>
        <translation>im Netz gefunden, bisher benutzt</translation>
    </message>
    <message>
        <source>found on the network</source>
        <translation>im Netz gefunden</translation>
    </message>
    <message>
        <source>used before</source>
        <translation>bisher benutzt</translation>
    </message>
</context>
<context>
    <name>Models::StageGateModel</name>
    <message>
        <source>— (nothing executed)</source>
        <translation>— (nichts ausgeführt)</translation>
    </message>
    <message>
        <source>%1% (%2/%3)</source>
        <translation>%1% (%2/%3)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>soak ends in %1</source>
        <translation>Beobachtungszeit endet in %1</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1 executed of %2</source>
        <translation>%1 von %2 ausgeführt</translation>
    </message>
    <message>
        <source>%1, min %2%</source>
        <translation>%1, min. %2%</translation>
    </message>
    <message>
        <source>%1, no maximum</source>
        <translation>%1, kein Maximum</translation>
    </message>
    <message>
        <source>%1, max %2%</source>
        <translation>%1, max. %2%</translation>
    </message>
    <message>
        <source>%1 soak</source>
        <translation>%1 Beobachtung</translation>
    </message>
    <message>
        <source>pauses for an operator</source>
        <translation>hält für einen Operator an</translation>
    </message>
    <message>
        <source>advances by itself</source>
        <translation>schaltet von selbst weiter</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Success rate</source>
        <translation>Erfolgsquote</translation>
    </message>
    <message>
        <source>Rollback rate</source>
        <translation>Rollback-Quote</translation>
    </message>
    <message>
        <source>Soak</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Haltepunkt</translation>
    </message>
</context>
<context>
    <name>Models::StagesModel</name>
    <message>
        <source>pause for an operator</source>
        <translation>für einen Operator anhalten</translation>
    </message>
    <message>
        <source>advance by itself</source>
        <translation>von selbst weiterschalten</translation>
    </message>
    <message>
        <source>%1 % of the devices the stages before it left, rounded up</source>
        <translation>%1 % der Geräte, die die Stufen davor übrig ließen, aufgerundet</translation>
    </message>
    <message>
        <source>%1 % of the rest</source>
        <translation>%1 % des Rests</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>A device count (50) or a percent of the devices left (100%)</source>
        <translation>Eine Geräteanzahl (50) oder ein Prozentsatz der übrigen Geräte (100%)</translation>
    </message>
    <message>
        <source>Succeeded / executed devices must reach this for the stage to pass</source>
        <translation>Erfolgreiche / ausgeführte Geräte müssen diesen Wert erreichen, damit die Stufe besteht</translation>
    </message>
    <message>
        <source>Rolled back / executed devices must stay at or under this; empty: no limit</source>
        <translation>Zurückgerollte / ausgeführte Geräte müssen höchstens diesen Wert erreichen; leer: keine Grenze</translation>
    </message>
    <message>
        <source>Monitoring time after the stage&apos;s last device ended (30min, 24h, 7d)</source>
        <translation>Beobachtungszeit, nachdem das letzte Gerät der Stufe fertig war (30min, 24h, 7d)</translation>
    </message>
    <message>
        <source>Checked: the rollout pauses after this stage until an operator advances it</source>
        <translation>Angehakt: der Rollout hält nach dieser Stufe an, bis ein Operator ihn weiterschaltet</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Min. success</source>
        <translation>Min. Erfolg</translation>
    </message>
    <message>
        <source>Max. rollback</source>
        <translation>Max. Rollback</translation>
    </message>
    <message>
        <source>Soak</source>
        <translation>Beobachtung</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Haltepunkt</translation>
    </message>
    <message>
        <source>Stage %1 (%2)</source>
        <translation>Stufe %1 (%2)</translation>
    </message>
    <message>
        <source>%1: a stage needs a name.</source>
        <translation>%1: eine Stufe braucht einen Namen.</translation>
    </message>
    <message>
        <source>%1: a stage name has at most %2 characters.</source>
        <translation>%1: ein Stufenname hat höchstens %2 Zeichen.</translation>
    </message>
    <message>
        <source>%1: stage %2 is already called &quot;%3&quot;; stage names must differ.</source>
        <translation>%1: Stufe %2 heißt schon „%3“; Stufennamen müssen sich unterscheiden.</translation>
    </message>
    <message>
        <source>%1: a stage takes at least 1 device (and at most 100,000,000).</source>
        <translation>%1: eine Stufe umfasst mindestens 1 Gerät (und höchstens 100.000.000).</translation>
    </message>
    <message>
        <source>%1: a percent must be above 0 and at most 100.</source>
        <translation>%1: ein Prozentsatz muss über 0 und höchstens 100 sein.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is neither a device count (50) nor a percent of the devices left (10%).</source>
        <translation>%1: „%2“ ist weder eine Geräteanzahl (50) noch ein Prozentsatz der übrigen Geräte (10%).</translation>
    </message>
    <message>
        <source>%1: minimum success &quot;%2&quot; is not a percent from 0 to 100 (95 or 95%).</source>
        <translation>%1: Mindest-Erfolgsquote „%2“ ist kein Prozentsatz von 0 bis 100 (95 oder 95%).</translation>
    </message>
    <message>
        <source>%1: maximum rollback &quot;%2&quot; is not a percent from 0 to 100 (5 or 5%); leave it empty for no limit.</source>
        <translation>%1: maximale Rollback-Quote „%2“ ist kein Prozentsatz von 0 bis 100 (5 oder 5%); leer lassen für keine Grenze.</translation>
    </message>
    <message>
        <source>%1: soak &quot;%2&quot; is not a duration with a unit such as 30s, 15min, 24h or 7d.</source>
        <translation>%1: Beobachtungszeit „%2“ ist keine Dauer mit Einheit wie 30s, 15min, 24h oder 7d.</translation>
    </message>
    <message>
        <source>%1: this column cannot be edited.</source>
        <translation>%1: diese Spalte kann nicht bearbeitet werden.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>stage %1</source>
        <translation>Stufe %1</translation>
    </message>
</context>
<context>
    <name>Models::VersionMixModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
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
    <message>
        <source>Fleet versions</source>
        <translation>Versionen der Flotte</translation>
    </message>
    <message>
        <source>Click a slice to see those devices in the Fleet page</source>
        <translation>Ein Segment anklicken, um diese Geräte auf der Seite Flotte zu sehen</translation>
    </message>
    <message>
        <source>Enter or double-click: see these devices in the Fleet page</source>
        <translation>Eingabe oder Doppelklick: diese Geräte auf der Seite Flotte zeigen</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Active rollouts</source>
        <translation>Aktive Rollouts</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>No alerts: no rollout is paused by a threshold or rolling back.</source>
        <translation>Keine Warnungen: kein Rollout ist von einem Schwellwert angehalten oder rollt zurück.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>other versions: %1</source>
        <translation>andere Versionen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n devices reported a version;</source>
        <translation>
            <numerusform>%n Gerät hat eine Version gemeldet;</numerusform>
            <numerusform>%n Geräte haben eine Version gemeldet;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n never checked in.</source>
        <translation>
            <numerusform>%n hat nie eingecheckt.</numerusform>
            <numerusform>%n haben nie eingecheckt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n devices reported a version.</source>
        <translation>
            <numerusform>%n Gerät hat eine Version gemeldet.</numerusform>
            <numerusform>%n Geräte haben eine Version gemeldet.</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>newest check-in %1</source>
        <translation>neuester Check-in %1</translation>
    </message>
    <message>
        <source>Failing checks</source>
        <translation>Fehlgeschlagene Prüfungen</translation>
    </message>
    <message>
        <source>last report %1</source>
        <translation>letzte Meldung %1</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>longest %1 late</source>
        <translation>längste Verspätung %1</translation>
    </message>
    <message>
        <source>Offline (never seen)</source>
        <translation>Offline (nie gesehen)</translation>
    </message>
    <message>
        <source>enrolled %1</source>
        <translation>angemeldet %1</translation>
    </message>
    <message>
        <source>Deferred for battery</source>
        <translation>Wegen Akku zurückgestellt</translation>
    </message>
    <message>
        <source>in live rollouts</source>
        <translation>in laufenden Rollouts</translation>
    </message>
    <message>
        <source>%1: %2 · %3</source>
        <translation>%1: %2 · %3</translation>
    </message>
    <message>
        <source>Show these devices in the Fleet page</source>
        <translation>Diese Geräte auf der Seite Flotte zeigen</translation>
    </message>
</context>
<context>
    <name>ReadinessCard</name>
    <message>
        <source>Select a release to see whether it is ready to roll out.</source>
        <translation>Ein Release auswählen, um zu sehen, ob es für einen Rollout bereit ist.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ReleaseSigning</name>
    <message>
        <source>The signing key %1 cannot be read: %2. Nothing was sent.</source>
        <translation>Der Signaturschlüssel %1 kann nicht gelesen werden: %2. Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>The passphrase does not open this signing key; type it again. Nothing was sent.</source>
        <translation>Die Passphrase öffnet diesen Signaturschlüssel nicht; geben Sie sie erneut ein. Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>The signing key cannot be used: %1. Nothing was sent.</source>
        <translation>Der Signaturschlüssel ist nicht verwendbar: %1. Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Signing failed: %1. Nothing was sent.</source>
        <translation>Signieren fehlgeschlagen: %1. Nichts wurde gesendet.</translation>
    </message>
</context>
<context>
    <name>Rollout::EventStream</name>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>reconnecting in %1 s</source>
        <translation>neue Verbindung in %1 s</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>RolloutActionBar</name>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>&amp;Deny...</source>
        <translation>&amp;Ablehnen...</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>S&amp;tarten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>An&amp;halten</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>Fort&amp;setzen</translation>
    </message>
    <message>
        <source>Ad&amp;vance</source>
        <translation>&amp;Weiterschalten</translation>
    </message>
    <message>
        <source>St&amp;op...</source>
        <translation>St&amp;oppen...</translation>
    </message>
    <message>
        <source>&amp;Break-glass rollback...</source>
        <translation>&amp;Notfall-Rollback...</translation>
    </message>
    <message>
        <source>The token &apos;%1&apos; is a viewer: it may watch rollouts, not act on them.</source>
        <translation>Das Token &apos;%1&apos; gehört einem Betrachter: es darf Rollouts beobachten, nicht steuern.</translation>
    </message>
    <message>
        <source>The token &apos;%1&apos; does not hold the break-glass right (ota-server token create --break-glass).</source>
        <translation>Das Token &apos;%1&apos; hat kein Recht zum Notfall-Rollback (ota-server token create --break-glass).</translation>
    </message>
    <message>
        <source>Select a rollout first.</source>
        <translation>Zuerst einen Rollout auswählen.</translation>
    </message>
    <message>
        <source>Waiting for the server&apos;s answer to the last action.</source>
        <translation>Warte auf die Antwort des Servers auf die letzte Aktion.</translation>
    </message>
    <message>
        <source>Stop rollout</source>
        <translation>Rollout stoppen</translation>
    </message>
    <message>
        <source>Stop &apos;%1&apos;? Devices done stay done, scheduled ones never start, those updating are told to cancel.
Why (kept in the audit log):</source>
        <translation>&apos;%1&apos; stoppen? Fertige Geräte bleiben fertig, geplante starten nie, laufende Aktualisierungen werden zum Abbruch aufgefordert.
Warum (wird im Audit-Protokoll festgehalten):</translation>
    </message>
    <message>
        <source>Not stopped: a stop needs a reason, for the audit.</source>
        <translation>Nicht gestoppt: ein Stopp braucht einen Grund, für das Audit.</translation>
    </message>
    <message>
        <source>Deny rollout</source>
        <translation>Rollout ablehnen</translation>
    </message>
    <message>
        <source>Deny &apos;%1&apos;? This is final. Why (for the creator and the audit):</source>
        <translation>&apos;%1&apos; ablehnen? Das ist endgültig. Warum (für den Ersteller und das Audit):</translation>
    </message>
    <message>
        <source>Not denied: a denial needs a remark saying why.</source>
        <translation>Nicht abgelehnt: eine Ablehnung braucht eine Begründung.</translation>
    </message>
    <message>
        <source>%1: done, now %2.</source>
        <translation>%1: erledigt, jetzt %2.</translation>
    </message>
    <message>
        <source>Outside the deployment window</source>
        <translation>Außerhalb des Verteilungsfensters</translation>
    </message>
    <message>
        <source>%1

Act anyway? Why (audited as a window override):</source>
        <translation>%1

Trotzdem ausführen? Warum (wird als Übergehen des Fensters protokolliert):</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>RolloutCreateDialog</name>
    <message>
        <source>New rollout</source>
        <translation>Neuer Rollout</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Stufen</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>Firmware and targets</source>
        <translation>Firmware und Ziele</translation>
    </message>
    <message>
        <source>loading the server&apos;s releases…</source>
        <translation>Releases des Servers werden geladen…</translation>
    </message>
    <message>
        <source>&amp;Firmware</source>
        <translation>&amp;Firmware</translation>
    </message>
    <message>
        <source>a name a person recognises, e.g. smart-building 2.3.2 (building 3)</source>
        <translation>ein Name, den Menschen wiedererkennen, z. B. smart-building 2.3.2 (Gebäude 3)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Matching devices: pick a release first</source>
        <translation>Passende Geräte: zuerst ein Release wählen</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>Passend</translation>
    </message>
    <message>
        <source>Abort rules and options</source>
        <translation>Abbruchregeln und Optionen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>A device that has not succeeded this long after it was told is TIMED_OUT</source>
        <translation>Ein Gerät, das so lange nach dem Auftrag nicht erfolgreich war, wird TIMED_OUT</translation>
    </message>
    <message>
        <source>Per-device &amp;timeout</source>
        <translation>&amp;Zeitlimit pro Gerät</translation>
    </message>
    <message>
        <source>download </source>
        <translation>Download </translation>
    </message>
    <message>
        <source>timeout </source>
        <translation>Zeitlimit </translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation>&amp;Wiederholungen</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>A device below this battery level is deferred (retried later), not failed</source>
        <translation>Ein Gerät unter diesem Akkustand wird zurückgestellt (später erneut versucht), nicht als fehlgeschlagen gewertet</translation>
    </message>
    <message>
        <source>Defer below batter&amp;y</source>
        <translation>Zurückstellen unter A&amp;kkustand</translation>
    </message>
    <message>
        <source>Re&amp;quires approval by someone else</source>
        <translation>&amp;Braucht die Freigabe durch jemand anderen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>asking the server…</source>
        <translation>Server wird gefragt…</translation>
    </message>
    <message>
        <source>Deployment window</source>
        <translation>Verteilungsfenster</translation>
    </message>
    <message>
        <source>&amp;Start it now</source>
        <translation>&amp;Sofort starten</translation>
    </message>
    <message>
        <source>why it cannot wait for the window (recorded for the audit)</source>
        <translation>warum er nicht auf das Fenster warten kann (wird für das Audit festgehalten)</translation>
    </message>
    <message>
        <source>&amp;Override reason</source>
        <translation>&amp;Grund für das Übergehen</translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation>Schätzung</translation>
    </message>
    <message>
        <source>no price (not metered)</source>
        <translation>kein Preis (nicht nach Volumen abgerechnet)</translation>
    </message>
    <message>
        <source>What a cellular link charges per MB; remembered</source>
        <translation>Was eine Mobilfunkverbindung pro MB kostet; wird gemerkt</translation>
    </message>
    <message>
        <source>&amp;Price per MB</source>
        <translation>&amp;Preis pro MB</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Stages take</source>
        <translation>Stufen dauern</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>no releases</source>
        <translation>keine Releases</translation>
    </message>
    <message>
        <source>The server&apos;s releases could not be read: %1</source>
        <translation>Die Releases des Servers konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4 · %5</source>
        <translation>%1 · %2 · %3 · %4 · %5</translation>
    </message>
    <message>
        <source> (its key is revoked: cannot start)</source>
        <translation> (sein Schlüssel ist widerrufen: kann nicht starten)</translation>
    </message>
    <message>
        <source>no releases on the server</source>
        <translation>keine Releases auf dem Server</translation>
    </message>
    <message>
        <source>The server holds no release yet: upload one on the Firmware page first.</source>
        <translation>Der Server hat noch kein Release: laden Sie zuerst eines auf der Seite Firmware hoch.</translation>
    </message>
    <message>
        <source>This release was signed by a key that is revoked since: it cannot start new rollouts. Sign it again with a trusted key.</source>
        <translation>Dieses Release wurde mit einem inzwischen widerrufenen Schlüssel signiert: es kann keine neuen Rollouts starten. Signieren Sie es neu mit einem vertrauenswürdigen Schlüssel.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message>
        <source>not counted: fix the selector first</source>
        <translation>nicht gezählt: zuerst die Auswahl korrigieren</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>nicht gezählt</translation>
    </message>
    <message>
        <source>No device matches: widen the selector (the server refuses a rollout without devices).</source>
        <translation>Kein Gerät passt: erweitern Sie die Auswahl (der Server lehnt einen Rollout ohne Geräte ab).</translation>
    </message>
    <message>
        <source>not known: %1</source>
        <translation>nicht bekannt: %1</translation>
    </message>
    <message>
        <source>✔ open now (%1)</source>
        <translation>✔ jetzt offen (%1)</translation>
    </message>
    <message>
        <source>opens next at %1</source>
        <translation>öffnet als Nächstes um %1</translation>
    </message>
    <message>
        <source>it never opens</source>
        <translation>es öffnet nie</translation>
    </message>
    <message>
        <source>✖ closed now: %1 (%2). Starting now needs an override reason.</source>
        <translation>✖ jetzt geschlossen: %1 (%2). Ein Start jetzt braucht einen Grund für das Übergehen.</translation>
    </message>
    <message>
        <source>waiting for the count of matching devices</source>
        <translation>warte auf die Zahl der passenden Geräte</translation>
    </message>
    <message>
        <source>A rollout that requires approval starts after someone else approved it</source>
        <translation>Ein Rollout, der eine Freigabe braucht, startet, nachdem jemand anderes ihn freigegeben hat</translation>
    </message>
    <message>
        <source>Start the rollout as soon as the server created it</source>
        <translation>Den Rollout starten, sobald der Server ihn angelegt hat</translation>
    </message>
    <message>
        <source>&amp;Create and start</source>
        <translation>Anlegen und s&amp;tarten</translation>
    </message>
    <message>
        <source>Pick the release to roll out.</source>
        <translation>Das auszurollende Release wählen.</translation>
    </message>
    <message>
        <source>Give the rollout a name a person recognises.</source>
        <translation>Geben Sie dem Rollout einen Namen, den Menschen wiedererkennen.</translation>
    </message>
    <message>
        <source>The deployment window is closed: say why this cannot wait (it is recorded for the audit), or untick &quot;Start it now&quot;.</source>
        <translation>Das Verteilungsfenster ist geschlossen: sagen Sie, warum das nicht warten kann (es wird für das Audit festgehalten), oder entfernen Sie den Haken bei „Sofort starten“.</translation>
    </message>
    <message>
        <source>Creating the rollout…</source>
        <translation>Rollout wird angelegt…</translation>
    </message>
    <message>
        <source>The server refused the rollout; nothing was created. See the fields marked in red.</source>
        <translation>Der Server hat den Rollout abgelehnt; nichts wurde angelegt. Siehe die rot markierten Felder.</translation>
    </message>
    <message>
        <source>Nothing was created: %1</source>
        <translation>Nichts wurde angelegt: %1</translation>
    </message>
    <message>
        <source>Created; starting…</source>
        <translation>Angelegt; wird gestartet…</translation>
    </message>
    <message>
        <source>The rollout &quot;%1&quot; was created but did not start: %2 It is in the Rollouts list; start it there, or fix the reason and press Start.</source>
        <translation>Der Rollout „%1“ wurde angelegt, aber nicht gestartet: %2 Er steht in der Liste der Rollouts; starten Sie ihn dort, oder beheben Sie die Ursache und drücken Sie Starten.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source> (counting again…)</source>
        <translation> (wird neu gezählt…)</translation>
    </message>
    <message>
        <source>%1 match</source>
        <translation>%1 passen</translation>
    </message>
    <message>
        <source>%1 already on this version</source>
        <translation>%1 schon auf dieser Version</translation>
    </message>
    <message>
        <source>%1 never seen, left out</source>
        <translation>%1 nie gesehen, ausgelassen</translation>
    </message>
    <message>
        <source>%1 of another chip, left out</source>
        <translation>%1 mit anderem Chip, ausgelassen</translation>
    </message>
    <message>
        <source> — %1 left over: make the last stage 100%</source>
        <translation> — %1 übrig: die letzte Stufe auf 100% setzen</translation>
    </message>
    <message>
        <source>Your token (%1) is a viewer: creating and starting rollouts needs an operator token</source>
        <translation>Ihr Token (%1) gehört einem Betrachter: Rollouts anlegen und starten braucht ein Operator-Token</translation>
    </message>
</context>
<context>
    <name>RolloutDetailView</name>
    <message>
        <source>Select a rollout to see its stages.</source>
        <translation>Einen Rollout auswählen, um seine Stufen zu sehen.</translation>
    </message>
    <message>
        <source>Cannot read the rollout: %1</source>
        <translation>Der Rollout kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>stage %1 of %2 (%3)</source>
        <translation>Stufe %1 von %2 (%3)</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — &lt;span style=&apos;color:%2&apos;&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; · release %4 · %5 · created by %6</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — &lt;span style=&apos;color:%2&apos;&gt;&lt;b&gt;%3&lt;/b&gt;&lt;/span&gt; · Release %4 · %5 · angelegt von %6</translation>
    </message>
    <message>
        <source>an abort rule tripped</source>
        <translation>eine Abbruchregel hat ausgelöst</translation>
    </message>
    <message>
        <source>outside its maintenance window</source>
        <translation>außerhalb seines Wartungsfensters</translation>
    </message>
    <message>
        <source>a stage&apos;s gate failed or waits for an operator</source>
        <translation>der Haltepunkt einer Stufe ist nicht bestanden oder wartet auf einen Operator</translation>
    </message>
    <message>
        <source>paused by an operator</source>
        <translation>von einem Operator angehalten</translation>
    </message>
    <message>
        <source>PAUSED (%1): %2. %3</source>
        <translation>ANGEHALTEN (%1): %2. %3</translation>
    </message>
    <message>
        <source>ROLLING BACK (break-glass): %1</source>
        <translation>ROLLT ZURÜCK (Notfall-Rollback): %1</translation>
    </message>
</context>
<context>
    <name>RolloutEstimate</name>
    <message>
        <source>%1 (%2 image × %3 transport overhead × %4)</source>
        <translation>%1 (%2 Image × %3 Transport-Overhead × %4)</translation>
    </message>
    <message>
        <source>no price per MB set (cellular fleets: set it to see the cost)</source>
        <translation>kein Preis pro MB gesetzt (Mobilfunkflotten: setzen, um die Kosten zu sehen)</translation>
    </message>
    <message>
        <source>%1 (%2 MB at %3 per MB)</source>
        <translation>%1 (%2 MB zu %3 pro MB)</translation>
    </message>
    <message>
        <source>nothing to wait for: no stage has a device to update</source>
        <translation>nichts zu warten: keine Stufe hat ein Gerät zu aktualisieren</translation>
    </message>
    <message>
        <source>about %1: per stage with devices, two check-in intervals (%2 each: the order is taken at the next check-in, the new version reported at the one after the reboot) plus its soak (%3)</source>
        <translation>etwa %1: je Stufe mit Geräten zwei Check-in-Intervalle (je %2: der Auftrag wird beim nächsten Check-in abgeholt, die neue Version beim Check-in nach dem Neustart gemeldet) plus ihre Beobachtungszeit (%3)</translation>
    </message>
    <message>
        <source>at least %1: the stages&apos; soaks (%2); the devices&apos; check-in interval is not known yet, add two intervals per stage</source>
        <translation>mindestens %1: die Beobachtungszeiten der Stufen (%2); das Check-in-Intervall der Geräte ist noch unbekannt, rechnen Sie zwei Intervalle pro Stufe dazu</translation>
    </message>
    <message>
        <source>; plus the time an operator takes to advance each manual gate</source>
        <translation>; plus die Zeit, die ein Operator braucht, um jeden manuellen Haltepunkt weiterzuschalten</translation>
    </message>
</context>
<context>
    <name>RolloutsPage</name>
    <message>
        <source>&amp;New rollout...</source>
        <translation>&amp;Neuer Rollout...</translation>
    </message>
</context>
<context>
    <name>Secrets::SecretStore</name>
    <message>
        <source>Nothing is stored in the keychain under &apos;%1&apos;.</source>
        <translation>Im Schlüsselbund ist unter &apos;%1&apos; nichts gespeichert.</translation>
    </message>
    <message>
        <source>The system keychain refused access (%1). Unlock it and try again.</source>
        <translation>Der Schlüsselbund des Systems hat den Zugriff verweigert (%1). Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The system keychain cannot be reached: %1. Start a Secret Service (GNOME Keyring, KWallet) in this session, or type the password for this push only; it is not stored.</source>
        <translation>Der Schlüsselbund des Systems ist nicht erreichbar: %1. Starten Sie in dieser Sitzung einen Secret Service (GNOME Keyring, KWallet) oder geben Sie das Passwort nur für diese Übertragung ein; es wird nicht gespeichert.</translation>
    </message>
</context>
<context>
    <name>ServerCheck</name>
    <message>
        <source>The server refused the token: %1 Check that it is the whole token for this server (ota-server token list shows the names), or create one with ota-server token create.</source>
        <translation>Der Server hat das Token abgelehnt: %1 Prüfen Sie, ob es das vollständige Token für diesen Server ist (ota-server token list zeigt die Namen), oder legen Sie eines mit ota-server token create an.</translation>
    </message>
</context>
<context>
    <name>ServerListEditor</name>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>CA file (empty: the system&apos;s CAs)</source>
        <translation>CA-Datei (leer: die CAs des Systems)</translation>
    </message>
    <message>
        <source>https://ota.example.net:8443</source>
        <translation>https://ota.example.net:8443</translation>
    </message>
    <message>
        <source>optional: PEM file of a private CA</source>
        <translation>optional: PEM-Datei einer privaten CA</translation>
    </message>
    <message>
        <source>Bro&amp;wse...</source>
        <translation>Durch&amp;suchen...</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Select a server in the list to remove it.</source>
        <translation>Einen Server in der Liste auswählen, um ihn zu entfernen.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s URL, like https://ota.example.net:8443.</source>
        <translation>Geben Sie die URL des Servers ein, etwa https://ota.example.net:8443.</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 steht schon in der Liste.</translation>
    </message>
    <message>
        <source>Add ser&amp;ver</source>
        <translation>Ser&amp;ver hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>CA &amp;file:</source>
        <translation>CA-&amp;Datei:</translation>
    </message>
    <message>
        <source>At most %1 servers are remembered; remove one first.</source>
        <translation>Höchstens %1 Server werden gemerkt; entfernen Sie zuerst einen.</translation>
    </message>
</context>
<context>
    <name>SettingsMessage</name>
    <message>
        <source>Not accepted: %1</source>
        <translation>Nicht angenommen: %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Servers</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Signing keys:</source>
        <translation>&amp;Signaturschlüssel:</translation>
    </message>
    <message>
        <source>&amp;Public keys:</source>
        <translation>&amp;Öffentliche Schlüssel:</translation>
    </message>
    <message>
        <source>LAN devices</source>
        <translation>LAN-Geräte</translation>
    </message>
    <message>
        <source>&amp;espota port:</source>
        <translation>&amp;espota-Port:</translation>
    </message>
    <message>
        <source>The local port ArduinoOTA devices connect back to for the image.</source>
        <translation>Der lokale Port, zu dem sich ArduinoOTA-Geräte für das Image zurückverbinden.</translation>
    </message>
    <message>
        <source>Push &amp;concurrency:</source>
        <translation>&amp;Gleichzeitige Übertragungen:</translation>
    </message>
    <message>
        <source> devices</source>
        <translation> Geräte</translation>
    </message>
    <message>
        <source>lo, eth0, wlan0</source>
        <translation>lo, eth0, wlan0</translation>
    </message>
    <message>
        <source>Where LAN discovery listens, separated by commas. Only lo keeps it on this machine.</source>
        <translation>Wo die LAN-Suche lauscht, durch Kommas getrennt. Nur lo hält sie auf diesem Rechner.</translation>
    </message>
    <message>
        <source>Discovery &amp;interfaces:</source>
        <translation>Such-Schn&amp;ittstellen:</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>&amp;Refresh every:</source>
        <translation>&amp;Aktualisieren alle:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>How often the server is polled while its event stream is down; applies at the next connection.</source>
        <translation>Wie oft der Server abgefragt wird, solange sein Ereignisstrom ausgefallen ist; gilt ab der nächsten Verbindung.</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>A new language applies at the next start of the console.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start der Konsole.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Stan&amp;dardwerte wiederherstellen</translation>
    </message>
    <message>
        <source>Puts every setting on this page back to its default and saves it.</source>
        <translation>Setzt jede Einstellung dieser Seite auf ihren Standardwert zurück und speichert sie.</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Einen Ordner wählen</translation>
    </message>
    <message>
        <source>Nothing was saved: correct the fields marked &quot;Not accepted&quot; first.</source>
        <translation>Nichts wurde gespeichert: korrigieren Sie zuerst die mit „Nicht angenommen“ markierten Felder.</translation>
    </message>
    <message>
        <source>Saved. The refresh interval applies at the next connection, the language at the next start.</source>
        <translation>Gespeichert. Das Aktualisierungsintervall gilt ab der nächsten Verbindung, die Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Defaults restored and saved.</source>
        <translation>Standardwerte wiederhergestellt und gespeichert.</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
</context>
<context>
    <name>StageCountsChart</name>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>updating</source>
        <translation>in Aktualisierung</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgerollt</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Devices per stage</source>
        <translation>Geräte pro Stufe</translation>
    </message>
</context>
<context>
    <name>StagesEditor</name>
    <message>
        <source>&amp;Add stage</source>
        <translation>Stufe &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>F2 or typing edits a cell; Space toggles the gate</source>
        <translation>F2 oder Tippen bearbeitet eine Zelle; Leertaste schaltet den Haltepunkt um</translation>
    </message>
    <message>
        <source>Remove the selected stage</source>
        <translation>Die ausgewählte Stufe entfernen</translation>
    </message>
    <message>
        <source>A rollout needs at least one stage</source>
        <translation>Ein Rollout braucht mindestens eine Stufe</translation>
    </message>
</context>
<context>
    <name>StateLook</name>
    <message>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <source>moving</source>
        <translation>in Bewegung</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>bad</source>
        <translation>schlecht</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>rückgängig</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Successes, failures and rollbacks over time</source>
        <translation>Erfolge, Fehler und Rollbacks im Zeitverlauf</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>rolled back</source>
        <translation>zurückgerollt</translation>
    </message>
</context>
<context>
    <name>UploadDialog</name>
    <message>
        <source>Upload a signed release</source>
        <translation>Ein signiertes Release hochladen</translation>
    </message>
    <message>
        <source>%p% sent</source>
        <translation>%p% gesendet</translation>
    </message>
    <message>
        <source>&amp;Sign and upload</source>
        <translation>Signieren und &amp;hochladen</translation>
    </message>
    <message>
        <source>Cance&amp;l upload</source>
        <translation>Hochladen a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Pick an application image (.bin) to see what it is.</source>
        <translation>Ein Anwendungs-Image (.bin) wählen, um zu sehen, was es ist.</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>firmware.bin</source>
        <translation>firmware.bin</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen...</translation>
    </message>
    <message>
        <source>Application image</source>
        <translation>Anwendungs-Image</translation>
    </message>
    <message>
        <source>ESP application images (*.bin);;All files (*)</source>
        <translation>ESP-Anwendungs-Images (*.bin);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>Da&amp;tei:</translation>
    </message>
    <message>
        <source>Chip:</source>
        <translation>Chip:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>Projekt:</translation>
    </message>
    <message>
        <source>ESP-IDF:</source>
        <translation>ESP-IDF:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Secure version:</source>
        <translation>Sichere Version:</translation>
    </message>
    <message>
        <source>Secure Boot V2:</source>
        <translation>Secure Boot V2:</translation>
    </message>
    <message>
        <source>public key (PEM) to check the Secure Boot V2 block</source>
        <translation>öffentlicher Schlüssel (PEM) zur Prüfung des Secure-Boot-V2-Blocks</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>Du&amp;rchsuchen...</translation>
    </message>
    <message>
        <source>Secure Boot V2 public key</source>
        <translation>Öffentlicher Secure-Boot-V2-Schlüssel</translation>
    </message>
    <message>
        <source>PEM files (*.pem);;All files (*)</source>
        <translation>PEM-Dateien (*.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Secure Boot &amp;key:</source>
        <translation>Secure-Boot-Sch&amp;lüssel:</translation>
    </message>
    <message>
        <source>Manifest (what devices are told)</source>
        <translation>Manifest (was den Geräten gesagt wird)</translation>
    </message>
    <message>
        <source>optional: oldest version that may update to this one</source>
        <translation>optional: älteste Version, die auf diese aktualisieren darf</translation>
    </message>
    <message>
        <source>optional: 7 to 40 hex digits</source>
        <translation>optional: 7 bis 40 Hex-Ziffern</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Projekt:</translation>
    </message>
    <message>
        <source>&amp;Minimum previous:</source>
        <translation>&amp;Mindestens vorher:</translation>
    </message>
    <message>
        <source>&amp;Git commit:</source>
        <translation>&amp;Git-Commit:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>Signieren</translation>
    </message>
    <message>
        <source>your private key (PEM, passphrase-protected)</source>
        <translation>Ihr privater Schlüssel (PEM, mit Passphrase geschützt)</translation>
    </message>
    <message>
        <source>Bro&amp;wse...</source>
        <translation>Durchs&amp;uchen...</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Signaturschlüssel</translation>
    </message>
    <message>
        <source>Signing &amp;key:</source>
        <translation>Signatur&amp;schlüssel:</translation>
    </message>
    <message>
        <source>asked every time, never stored</source>
        <translation>wird jedes Mal abgefragt, nie gespeichert</translation>
    </message>
    <message>
        <source>P&amp;assphrase:</source>
        <translation>P&amp;assphrase:</translation>
    </message>
    <message>
        <source>Sign the manifest with your key and upload</source>
        <translation>Das Manifest mit Ihrem Schlüssel signieren und hochladen</translation>
    </message>
    <message>
        <source>Pick an application image first</source>
        <translation>Zuerst ein Anwendungs-Image wählen</translation>
    </message>
    <message>
        <source>Reading %1...</source>
        <translation>%1 wird gelesen...</translation>
    </message>
    <message>
        <source>Not an image that can be released, nothing will be sent: %1</source>
        <translation>Kein Image, das sich veröffentlichen lässt, nichts wird gesendet: %1</translation>
    </message>
    <message>
        <source>none (ESP8266 images carry none)</source>
        <translation>keine (ESP8266-Images haben keine)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <source>0 (none)</source>
        <translation>0 (keine)</translation>
    </message>
    <message>
        <source>The manifest is not valid, nothing was sent: %1</source>
        <translation>Das Manifest ist ungültig, nichts wurde gesendet: %1</translation>
    </message>
    <message>
        <source>Pick an application image first; nothing was sent.</source>
        <translation>Zuerst ein Anwendungs-Image wählen; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Choose your signing key (a PEM file); nothing was sent.</source>
        <translation>Wählen Sie Ihren Signaturschlüssel (eine PEM-Datei); nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Type the signing key&apos;s passphrase; nothing was sent.</source>
        <translation>Geben Sie die Passphrase des Signaturschlüssels ein; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Signing...</source>
        <translation>Wird signiert...</translation>
    </message>
    <message>
        <source>Signed by key %1; uploading...</source>
        <translation>Mit Schlüssel %1 signiert; wird hochgeladen...</translation>
    </message>
    <message>
        <source>Upload cancelled; the server kept nothing.</source>
        <translation>Hochladen abgebrochen; der Server hat nichts behalten.</translation>
    </message>
    <message>
        <source>The server refused the upload: %1</source>
        <translation>Der Server hat das Hochladen abgelehnt: %1</translation>
    </message>
    <message>
        <source>Accepted: %1 %2 (SHA-256 %3), signed by trusted key %4%5.</source>
        <translation>Angenommen: %1 %2 (SHA-256 %3), signiert vom vertrauenswürdigen Schlüssel %4%5.</translation>
    </message>
    <message>
        <source>, which is revoked: it cannot start rollouts</source>
        <translation>, der widerrufen ist: es kann keine Rollouts starten</translation>
    </message>
    <message>
        <source>An application image for %1. Check the manifest, choose your signing key and type its passphrase.</source>
        <translation>Ein Anwendungs-Image für %1. Prüfen Sie das Manifest, wählen Sie Ihren Signaturschlüssel und geben Sie seine Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>OTA Rollout Console</source>
        <translation>OTA-Rollout-Konsole</translation>
    </message>
    <message>
        <source>The ota-server base URL.</source>
        <translation>Die Basis-URL des ota-server.</translation>
    </message>
    <message>
        <source>A file holding the API token (else OTA_TOKEN).</source>
        <translation>Eine Datei mit dem API-Token (sonst OTA_TOKEN).</translation>
    </message>
    <message>
        <source>The language: en or de (else the one chosen in Settings).</source>
        <translation>Die Sprache: en oder de (sonst die in den Einstellungen gewählte).</translation>
    </message>
</context>
</TS>
