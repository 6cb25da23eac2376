# The Audit page's models: the log as a table, its filters, and the feed that
# pages it in from the server (Qt Core only).
qt_add_library(otamodels_audit STATIC
    ${CMAKE_CURRENT_LIST_DIR}/auditmodel.cpp ${CMAKE_CURRENT_LIST_DIR}/auditmodel.h
    ${CMAKE_CURRENT_LIST_DIR}/auditfiltermodel.cpp ${CMAKE_CURRENT_LIST_DIR}/auditfiltermodel.h
    ${CMAKE_CURRENT_LIST_DIR}/auditfeed.cpp ${CMAKE_CURRENT_LIST_DIR}/auditfeed.h
    ${CMAKE_CURRENT_LIST_DIR}/auditexportfile.cpp ${CMAKE_CURRENT_LIST_DIR}/auditexportfile.h
)
target_link_libraries(otamodels_audit PUBLIC otacore PRIVATE ota_options)
