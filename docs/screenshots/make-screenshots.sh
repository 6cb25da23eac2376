#!/bin/sh
# Saves PNGs of the console's pages, run offscreen against the real ota-server
# and ota-fleet-sim inside a private network namespace (loopback only).
# Run as root from the repository: docs/screenshots/make-screenshots.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build/default}
exec unshare -n sh -c "ip link set lo up && QT_QPA_PLATFORM=offscreen OTA_SCREENSHOT_DIR='$here' '$build/tests/tst_consolefleet'"
