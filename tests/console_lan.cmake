# The LAN page: its models, the keychain wrapper, and the page against the
# real ota-fleet-sim LAN devices (mDNS on lo: never beside another mDNS test).
ota_add_test(tst_landevicemodel LIBS otamodels_lan)
ota_add_test(tst_pushprogressmodel LIBS otamodels_lan)
ota_add_console_test(tst_consolelan LIBS otaconsole_lan)
set_tests_properties(tst_consolelan PROPERTIES RESOURCE_LOCK mdns)
# Without any D-Bus session bus: the keychain says so, nothing falls back.
ota_add_console_test(tst_secretstore LIBS otaconsole_lan)
set_tests_properties(tst_secretstore PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/ota-no-bus;DISPLAY=")
