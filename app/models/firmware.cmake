# The Firmware page's models: the releases table and the readiness rules.
# Qt Core only (and the core's firmware readers), tested without a display.
add_library(otamodels_firmware STATIC
    ${CMAKE_CURRENT_LIST_DIR}/releaselistmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/releaselistmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/releasereadiness.cpp ${CMAKE_CURRENT_LIST_DIR}/releasereadiness.h
    ${CMAKE_CURRENT_LIST_DIR}/securebootfacts.cpp ${CMAKE_CURRENT_LIST_DIR}/securebootfacts.h
)
set_target_properties(otamodels_firmware PROPERTIES AUTOMOC ON)
target_link_libraries(otamodels_firmware PUBLIC otacore PRIVATE ota_options)
