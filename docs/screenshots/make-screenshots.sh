#!/bin/sh
# Saves PNGs of every console page and dialog: each console GUI test runs the
# real console offscreen against the real ota-server and ota-fleet-sim,
# inside a private network namespace (loopback only), and saves its
# screenshots here when OTA_SCREENSHOT_DIR is set.
# Run as root from the repository, after a build: docs/screenshots/make-screenshots.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../../build/default}
status=0
for test in "$build"/tests/tst_console*; do
    [ -f "$test" ] && [ -x "$test" ] || continue # not the _autogen folders
    echo "screenshots: $(basename "$test")"
    unshare -n sh -c "ip link set lo up && QT_QPA_PLATFORM=offscreen OTA_SCREENSHOT_DIR='$here' '$test' >/dev/null" \
        || { echo "screenshots: $(basename "$test") failed"; status=1; }
done
exit $status
