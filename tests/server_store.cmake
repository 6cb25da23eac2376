# ota-server store: one program per class, each run against SQLite and a
# throwaway PostgreSQL cluster it starts itself (tests/support/postgrescluster).
set(ota_store_tests tst_storedatabase tst_tokenstore tst_keystore tst_releasestore tst_devicestore
    tst_auditlog tst_eventlog tst_rolloutstore)
foreach(test IN LISTS ota_store_tests)
    ota_add_test(${test} SOURCES storefixture.cpp storefixture.h LIBS otaserver LABELS "store;postgresql")
    set_tests_properties(${test} PROPERTIES RESOURCE_LOCK postgresql)
endforeach()
ota_add_test(tst_storelocation LIBS otaserver LABELS store)

# kill -9 safety of SQLite: a writer process killed mid-stream
qt_add_executable(store_writer store_writer.cpp)
target_link_libraries(store_writer PRIVATE otaserver ota_options)
ota_add_test(tst_storecrashsafety LIBS otaserver LABELS store)
target_compile_definitions(tst_storecrashsafety PRIVATE STORE_WRITER_PATH="$<TARGET_FILE:store_writer>")
add_dependencies(tst_storecrashsafety store_writer)
