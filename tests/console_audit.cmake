# The Audit and Settings pages' tests: their models and settings alone, then
# the pages against the real ota-server.
ota_add_test(tst_consolesettings)
ota_add_test(tst_auditmodel LIBS otamodels_audit)
ota_add_console_test(tst_consoleaudit LIBS otaconsole_audit Qt6::Sql)
ota_add_test(tst_consolesettingspage LIBS otaconsole_settings LABELS gui)
