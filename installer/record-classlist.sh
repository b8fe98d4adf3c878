#!/usr/bin/env bash
# Training run for class-data sharing: starts the app image's window on the Cassandra sample under Xvfb
# (or the current DISPLAY), waits for the first frame and the charts, quits with Ctrl+Q, and keeps the list
# of classes it loaded in lib/app/tcpmem.classlist. Called by build.sh:
#   bash installer/record-classlist.sh target/installer/tcpmem-explorer
# Needs: xvfb (or a display), xdotool.
set -euo pipefail
image=$(cd "${1:?usage: record-classlist.sh APP_IMAGE_DIR}" && pwd)
for tool in xdotool; do command -v $tool >/dev/null || { echo "record-classlist.sh: $tool missing" >&2; exit 1; }; done
log=$(mktemp)
xvfb=
cleanup() { [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null; rm -f "$log"; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
    export DISPLAY=:$((100 + RANDOM % 100))
    Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
fi
# a settings folder of its own, so the run neither reads nor changes the builder's
export XDG_CONFIG_HOME=$(mktemp -d)
JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$image/lib/app/tcpmem.classlist -Dtcpmem.startupTiming=1" \
    "$image/bin/tcpmem-explorer" "$image/lib/samples/cassandra-seed.tcpmem.json" >"$log" 2>&1 &
app=$!
for _ in $(seq 1 120); do grep -q "first frame" "$log" && break; sleep 0.5; done
grep -q "first frame" "$log" || { cat "$log" >&2; kill $app; exit 1; }
sleep 3   # the sweep and the tooltips' classes load after the first frame
source "$(dirname "$0")/quit-app.sh"
quit_app $app || { kill $app; echo "record-classlist.sh: the app did not quit on Ctrl+Q" >&2; exit 1; }
wait $app
rm -rf "$XDG_CONFIG_HOME"
echo "classlist: $(wc -l < "$image/lib/app/tcpmem.classlist") classes"
