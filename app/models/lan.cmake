# The LAN page's models: devices found on mDNS and one push job's rows.
# Qt Core only; the page library links them.
add_library(otamodels_lan STATIC
    ${CMAKE_CURRENT_LIST_DIR}/landevicemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/landevicemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/pushprogressmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/pushprogressmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/lantext.cpp ${CMAKE_CURRENT_LIST_DIR}/lantext.h
)
set_target_properties(otamodels_lan PROPERTIES AUTOMOC ON)
target_link_libraries(otamodels_lan PUBLIC otacore PRIVATE ota_options)
