# The New-rollout dialog's models and arithmetic (Qt Core only): the stages
# editor's model, durations as operators write them, the estimate.
qt_add_library(otamodels_rolloutcreate STATIC
    ${CMAKE_CURRENT_LIST_DIR}/durationtext.cpp ${CMAKE_CURRENT_LIST_DIR}/durationtext.h
    ${CMAKE_CURRENT_LIST_DIR}/stagesmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/stagesmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/rolloutestimate.cpp ${CMAKE_CURRENT_LIST_DIR}/rolloutestimate.h
    ${CMAKE_CURRENT_LIST_DIR}/devicecounttext.h
    ${CMAKE_CURRENT_LIST_DIR}/rolloutrefusal.cpp ${CMAKE_CURRENT_LIST_DIR}/rolloutrefusal.h
)
target_link_libraries(otamodels_rolloutcreate PUBLIC otacore PRIVATE ota_options)
