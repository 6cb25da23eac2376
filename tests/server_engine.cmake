# ota-server rollout engine (server/engine): pure domain logic driven by a
# ManualClock, so days of soak and timeouts run in milliseconds.
ota_add_test(tst_rolloutspec LIBS otaserver LABELS engine)
ota_add_test(tst_deploymentwindow LIBS otaserver LABELS engine)
ota_add_test(tst_rolloutengine LIBS otaserver LABELS engine)
ota_add_test(tst_rolloutrecords LIBS otaserver LABELS engine)
ota_add_test(tst_rolloutcasestudy LIBS otaserver LABELS engine)
