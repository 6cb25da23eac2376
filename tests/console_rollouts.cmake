# The Rollouts page: its models, and the page against the real server and simulator.
ota_add_test(tst_stagegatemodel LIBS otamodels_rollouts)
ota_add_test(tst_rolloutdevicemodel LIBS otamodels_rollouts)
ota_add_test(tst_rollouttimeline LIBS otamodels_rollouts)
ota_add_test(tst_rolloutactionguard LIBS otamodels_rollouts)
ota_add_console_test(tst_consolerollouts SOURCES consolerolloutfixture.cpp consolerolloutfixture.h LIBS otaconsole_rollouts)
ota_add_console_test(tst_consolebreakglass SOURCES consolerolloutfixture.cpp consolerolloutfixture.h LIBS otaconsole_rollouts)
