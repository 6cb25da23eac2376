# CPack: one .deb with all four programs (cpack -G DEB in the build directory).
# Dependencies come from dpkg-shlibdeps (dpkg-dev) over the installed programs;
# the Qt plugins they load at run time are named by hand, as no ELF link shows them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ota-rollout-console)
set(CPACK_PACKAGE_VENDOR "OTA Rollout Console developers")
set(CPACK_PACKAGE_CONTACT "OTA Rollout Console developers <ota-rollout-console@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "ota-console (Qt operator console), otactl (command line), ota-server (rollout server) and ota-fleet-sim (simulated ESP32 devices).")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/otarolloutconsole/ota-rollout-console")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION electronics)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Added to what dpkg-shlibdeps finds: the window system plugins (xcb, wayland)
# of ota-console and the SQLite and PostgreSQL drivers of ota-server.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6sql6-sqlite")
# Qt's own German texts (standard buttons and dialogs) beside the console's.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libqt6sql6-psql, gnome-keyring")

include(CPack)
