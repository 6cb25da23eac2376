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
# A device as the API writes it, and the listing written as text
ota_add_test(tst_devicejson LIBS otaserver)
# Rollouts through the API, the test playing the devices
ota_add_test(tst_serverrollouts LIBS Qt6::WebSockets LABELS network)
target_compile_definitions(tst_serverrollouts PRIVATE OTA_SERVER_PATH="$<TARGET_FILE:ota-server>")
add_dependencies(tst_serverrollouts ota-server)
# ... and the same two programs against PostgreSQL (a throwaway cluster each)
foreach(test IN ITEMS tst_serverapi tst_serverrollouts)
    add_test(NAME ${test}_postgresql COMMAND ${test})
    set_tests_properties(${test}_postgresql PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OTA_TEST_DB_ENGINE=postgresql"
        LABELS "unit;network;postgresql" RESOURCE_LOCK postgresql)
endforeach()
# Two instances on one PostgreSQL (skips where PostgreSQL cannot start)
ota_add_test(tst_servercluster LIBS Qt6::WebSockets LABELS "network;postgresql")
target_compile_definitions(tst_servercluster PRIVATE OTA_SERVER_PATH="$<TARGET_FILE:ota-server>")
add_dependencies(tst_servercluster ota-server)
set_tests_properties(tst_servercluster PROPERTIES RESOURCE_LOCK postgresql)
