# The Connect dialog: certificate pins, its server list model, and the dialog
# against the real ota-server (HTTP, HTTPS with a self-signed certificate, mDNS on lo).
ota_add_test(tst_certificatepin)
ota_add_test(tst_serverlistmodel LIBS otamodels_connect)
ota_add_console_test(tst_consoleconnect LIBS otaconsole_connect)
set_tests_properties(tst_consoleconnect PROPERTIES RESOURCE_LOCK mdns TIMEOUT 600)
