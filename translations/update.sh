#!/bin/sh
# Updates translations/*.ts from the strings in ui/ and app/; lupdate writes
# only the .ts files, never a source. German gets every string, English only
# the plural forms (%n), since its source text is English already.
# Run from anywhere: translations/update.sh   (LUPDATE=... to pick the tool)
# -I app -I ui as in the build: without them lupdate cannot read the headers
# ("models/fleetmodel.h") and names the context FleetModel, not the
# Models::FleetModel that tr() asks for at run time.
#
# lupdate 6.4 spins forever on a number inside parentheses in the count
# argument of QCoreApplication::translate(), e.g. "..., nullptr, int(s / 60))"
# (tr() is not affected): each file first gets a short pass of its own. Such a
# file is read from a copy whose numbers outside string literals and comments
# became a name (same strings, same contexts); if the copy hangs too, the file
# is named and left out.
set -eu
cd "$(dirname "$0")/.."
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

hangs() {
    status=0
    timeout 20 "$lupdate" -silent "$1" -ts "$scratch/probe_de.ts" >/dev/null 2>&1 || status=$?
    [ "$status" = 124 ]
}
without_numbers() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
out, quote, i = [], None, 0
while i < len(text):
    c = text[i]
    if quote:
        out.append(c)
        if c == "\\":
            out.append(text[i + 1]); i += 1
        elif c == quote:
            quote = None
    elif text.startswith("//", i):
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        out.append(text[i:end]); i = end; continue
    elif text.startswith("/*", i):
        end = text.find("*/", i)
        end = len(text) if end < 0 else end + 2
        out.append(text[i:end]); i = end; continue
    elif c in "\"'":
        quote = c; out.append(c)
    elif c.isdigit() and not (text[i - 1].isalnum() or text[i - 1] == "_"):
        out.append("N")
        while i + 1 < len(text) and (text[i + 1].isalnum() or text[i + 1] in "._'"):
            i += 1
    else:
        out.append(c)
    i += 1
open(sys.argv[2], "w", encoding="utf-8").write("".join(out))
PY
}

files=""
hanging=""
for file in $(find app ui \( -name '*.cpp' -o -name '*.h' \) | sort); do
    if hangs "$file"; then
        copy="$scratch/$(echo "$file" | tr / _)"
        without_numbers "$file" "$copy"
        if hangs "$copy"; then
            hanging="$hanging $file"
            continue
        fi
        echo "update.sh: lupdate hangs on $file; its strings are read from a copy without numbers" >&2
        file=$copy
    fi
    files="$files $file"
done
# The same list as OTA_CONSOLE_LANGUAGES in ui/CMakeLists.txt.
for language in de en; do
    only=""
    [ "$language" = en ] && only=-pluralonly
    # shellcheck disable=SC2086
    "$lupdate" -no-obsolete -locations none -I app -I ui $only $files -ts "translations/ota-console_$language.ts"
done
if [ -n "$hanging" ]; then
    echo "update.sh: lupdate hangs on these files, their strings are NOT in the .ts files:$hanging" >&2
    echo "update.sh: look for a number inside parentheses in a translate() count argument; compute the count first" >&2
    exit 1
fi
