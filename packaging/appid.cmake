# The one reverse-DNS id of ota-console (house style point 16): the names of the
# desktop entry, the metainfo and the icons, the metainfo's <id> and
# <launchable>, and QGuiApplication::setDesktopFileName(). Included by every
# CMake file that needs it, so it is spelled once.
set(OTA_APP_ID io.github.otarolloutconsole.OtaConsole)
