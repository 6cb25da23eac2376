# ota-server's HTTP front, run as a program
ota_add_test(tst_otaserver LIBS Qt6::Network LABELS network)
target_compile_definitions(tst_otaserver PRIVATE OTA_SERVER_PATH="$<TARGET_FILE:ota-server>")
add_dependencies(tst_otaserver ota-server)
set_tests_properties(tst_otaserver PROPERTIES RESOURCE_LOCK mdns)
# The WebSocket event stream, in-process
ota_add_test(tst_eventstream LIBS otaserver LABELS network)
# The API as consoles, CI jobs and devices use it: the real ota-server as a program
ota_add_test(tst_serverapi LABELS network)
target_compile_definitions(tst_serverapi PRIVATE OTA_SERVER_PATH="$<TARGET_FILE:ota-server>")
add_dependencies(tst_serverapi ota-server)
ota_add_test(tst_byterange LIBS otaserver)
