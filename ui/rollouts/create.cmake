# The new-rollout dialog, opened from the Rollouts page: the form's parts,
# the stages editor, and the dialog that puts them together.
qt_add_library(otaconsole_rolloutcreate STATIC
    rolloutcreatedialog.cpp rolloutcreatedialog.h
    createtargetsform.cpp createtargetsform.h
    createabortrules.cpp createabortrules.h
    createwindowform.cpp createwindowform.h
    stageseditor.cpp stageseditor.h
)
target_link_libraries(otaconsole_rolloutcreate PUBLIC otaconsoleui otamodels_rolloutcreate PRIVATE ota_options)
target_include_directories(otaconsole_rolloutcreate PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
