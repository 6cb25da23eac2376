# The New-rollout dialog: its models and arithmetic alone, and the dialog
# against the real ota-server and ota-fleet-sim.
ota_add_test(tst_stagesmodel LIBS otamodels_rolloutcreate)
ota_add_test(tst_rolloutestimate LIBS otamodels_rolloutcreate)
ota_add_console_test(tst_consolerolloutcreate LIBS otaconsole_rolloutcreate otaconsole_rollouts)
