# Packaging (label packaging): the desktop entry and the AppStream metainfo
# validate, cpack builds a .deb holding what docs/packaging.md lists, and the
# German catalogue is complete and loads.
include(${PROJECT_SOURCE_DIR}/packaging/appid.cmake)
set(OTA_PACKAGING_LINUX_DIR ${PROJECT_SOURCE_DIR}/packaging/linux)
add_test(NAME packaging_desktopfile
    COMMAND desktop-file-validate ${OTA_PACKAGING_LINUX_DIR}/${OTA_APP_ID}.desktop)
add_test(NAME packaging_metainfo
    COMMAND appstreamcli validate --no-net ${OTA_PACKAGING_LINUX_DIR}/${OTA_APP_ID}.metainfo.xml)
# Needs every program built (CI builds all before testing); strips and runs
# dpkg-shlibdeps on all four, so it gets time under ASan.
add_test(NAME packaging_deb
    COMMAND ${CMAKE_COMMAND} -DCPACK=${CMAKE_CPACK_COMMAND} -DBINARY_DIR=${PROJECT_BINARY_DIR}
        -DSCRATCH_DIR=${CMAKE_CURRENT_BINARY_DIR}/packaging_deb -DAPP_ID=${OTA_APP_ID}
        -P ${PROJECT_SOURCE_DIR}/packaging/check-deb.cmake)
set_tests_properties(packaging_desktopfile packaging_metainfo PROPERTIES LABELS packaging)
set_tests_properties(packaging_deb PROPERTIES LABELS packaging TIMEOUT 900)

ota_add_test(tst_translations LABELS packaging)
target_compile_definitions(tst_translations PRIVATE
    OTA_TS_DIR="${PROJECT_SOURCE_DIR}/translations"
    OTA_QM_DIR="$<TARGET_FILE_DIR:ota-console>"
    OTA_CONSOLE_PATH="$<TARGET_FILE:ota-console>")
add_dependencies(tst_translations ota-console)

# The console in German (offscreen, no server): connect-de.png, settings-de.png.
ota_add_test(tst_consolegerman LIBS otaconsole_connect otaconsole_settings LABELS "packaging;gui")
target_compile_definitions(tst_consolegerman PRIVATE OTA_QM_DIR="$<TARGET_FILE_DIR:ota-console>")
add_dependencies(tst_consolegerman ota-console_lrelease)
set_tests_properties(tst_consolegerman PROPERTIES RESOURCE_LOCK mdns) # the Connect dialog browses mDNS on lo
