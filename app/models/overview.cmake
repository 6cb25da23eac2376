# The Overview's and the Fleet page's models (Qt Core only): the fleet filter,
# the version mix, the health tally, alerts, active rollouts, and the device
# detail's histories and checks.
qt_add_library(otamodels_overview STATIC
    ${CMAKE_CURRENT_LIST_DIR}/fleetfilter.cpp ${CMAKE_CURRENT_LIST_DIR}/fleetfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/fleetfiltermodel.cpp ${CMAKE_CURRENT_LIST_DIR}/fleetfiltermodel.h
    ${CMAKE_CURRENT_LIST_DIR}/versionmixmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/versionmixmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/fleettally.cpp ${CMAKE_CURRENT_LIST_DIR}/fleettally.h
    ${CMAKE_CURRENT_LIST_DIR}/alertlistmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/alertlistmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/activerolloutfilter.cpp ${CMAKE_CURRENT_LIST_DIR}/activerolloutfilter.h
    ${CMAKE_CURRENT_LIST_DIR}/checkinhistorymodel.cpp ${CMAKE_CURRENT_LIST_DIR}/checkinhistorymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/devicestatehistorymodel.cpp ${CMAKE_CURRENT_LIST_DIR}/devicestatehistorymodel.h
    ${CMAKE_CURRENT_LIST_DIR}/healthchecksmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/healthchecksmodel.h
)
target_link_libraries(otamodels_overview PUBLIC otacore PRIVATE ota_options)
