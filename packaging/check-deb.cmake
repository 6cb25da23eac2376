# ctest packaging_deb: cpack -G DEB into a scratch directory (the build tree is
# only read), then the .deb must hold the four programs, the desktop entry, the
# metainfo, every icon and the translations, and depend on Qt through
# dpkg-shlibdeps. Run as: cmake -DCPACK=... -DBINARY_DIR=... -DSCRATCH_DIR=...
#   -DAPP_ID=... -P check-deb.cmake
foreach(var CPACK BINARY_DIR SCRATCH_DIR APP_ID)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "check-deb.cmake needs -D${var}=...")
    endif()
endforeach()

file(REMOVE_RECURSE ${SCRATCH_DIR})
file(MAKE_DIRECTORY ${SCRATCH_DIR})
execute_process(COMMAND ${CPACK} -G DEB --config ${BINARY_DIR}/CPackConfig.cmake -B ${SCRATCH_DIR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack -G DEB failed (${rc}):\n${out}")
endif()
file(GLOB debs ${SCRATCH_DIR}/*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${SCRATCH_DIR}, found ${count}: ${debs}\n${out}")
endif()

execute_process(COMMAND dpkg-deb -c ${debs} RESULT_VARIABLE rc OUTPUT_VARIABLE listing ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dpkg-deb -c ${debs} failed: ${err}")
endif()
set(expected
    ./usr/bin/ota-console ./usr/bin/otactl ./usr/bin/ota-server ./usr/bin/ota-fleet-sim
    ./usr/share/applications/${APP_ID}.desktop
    ./usr/share/metainfo/${APP_ID}.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/${APP_ID}.svg
    ./usr/share/ota-console/translations/ota-console_de.qm
    ./usr/share/ota-console/translations/ota-console_en.qm)
foreach(size 16 32 48 64 128 256)
    list(APPEND expected ./usr/share/icons/hicolor/${size}x${size}/apps/${APP_ID}.png)
endforeach()
set(missing)
foreach(path ${expected})
    string(FIND "${listing}" " ${path}\n" at)
    if(at EQUAL -1)
        list(APPEND missing ${path})
    endif()
endforeach()
if(missing)
    list(JOIN missing "\n  " missing)
    message(FATAL_ERROR "${debs} lacks:\n  ${missing}\nIt holds:\n${listing}")
endif()

execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends)
if(NOT depends MATCHES "libqt6widgets6" OR NOT depends MATCHES "qt6-qpa-plugins")
    message(FATAL_ERROR "Depends of ${debs} lack libqt6widgets6 (dpkg-shlibdeps) or qt6-qpa-plugins: ${depends}")
endif()
list(LENGTH expected wanted)
message(STATUS "${debs} holds all ${wanted} expected files; Depends: ${depends}")
