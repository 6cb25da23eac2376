# The Rollouts page's models: stage gates, a rollout's devices, the timeline
# and which actions a rollout's state allows (Qt Core only).
qt_add_library(otamodels_rollouts STATIC
    ${CMAKE_CURRENT_LIST_DIR}/stagegatemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/stagegatemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/rolloutdevicemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/rolloutdevicemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/rollouttimeline.cpp ${CMAKE_CURRENT_LIST_DIR}/rollouttimeline.h
    ${CMAKE_CURRENT_LIST_DIR}/rolloutactionguard.cpp ${CMAKE_CURRENT_LIST_DIR}/rolloutactionguard.h
)
target_link_libraries(otamodels_rollouts PUBLIC otacore PRIVATE ota_options)
