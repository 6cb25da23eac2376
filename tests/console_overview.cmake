# The Overview and Fleet pages: their models (Qt Core only) and the pages
# against the real ota-server and ota-fleet-sim.
ota_add_test(tst_fleetfiltermodel LIBS otamodels_overview)
ota_add_test(tst_versionmixmodel LIBS otamodels_overview)
ota_add_test(tst_alertlistmodel LIBS otamodels_overview)
ota_add_test(tst_devicedetailmodels LIBS otamodels_overview)
ota_add_console_test(tst_consoleoverview SOURCES consoleoverviewfixture.cpp LIBS otaconsole_overview otaconsole_fleet)
ota_add_console_test(tst_consoledevicedetail SOURCES consoleoverviewfixture.cpp LIBS otaconsole_fleet)
