# The Connect dialog's model: rollout servers found by mDNS and recently used.
# Qt Core only; otaconsole_connect links it.
add_library(otamodels_connect STATIC
    ${CMAKE_CURRENT_LIST_DIR}/serverlistmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/serverlistmodel.h
)
set_target_properties(otamodels_connect PROPERTIES AUTOMOC ON)
target_link_libraries(otamodels_connect PUBLIC otacore PRIVATE ota_options)
