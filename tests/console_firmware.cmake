# The Firmware page: its models, its readiness rules, and the page with its
# upload dialog against the real ota-server.
ota_add_test(tst_releaselistmodel LIBS otamodels_firmware)
ota_add_test(tst_releasereadiness LIBS otamodels_firmware)
ota_add_console_test(tst_consolefirmware LIBS otaconsole_firmware)
