#!/usr/bin/env bash
# Cold start to first painted frame of the packaged app, with and without its class-data-sharing archive,
# with CDS and software rendering chosen up front (Xvfb has no GPU: the default first tries OpenGL ES 2 and
# falls back), and of the plain jar, interleaved so a busy machine slows all three alike (BENCHMARKS.md, cold start):
#   bash installer/cold-start.sh [RUNS]        (after installer/build.sh; default 5 runs each)
# Each run starts the launcher on the Cassandra sample under its own Xvfb display with a fresh settings
# folder, reads the app's own -Dtcpmem.startupTiming line (JVM start to the first laid-out frame) and quits
# with Ctrl+Q. Needs: xvfb, xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/quit-app.sh
runs=${1:-5}
image=$(pwd)/target/installer/tcpmem-explorer
sample=$image/lib/samples/cassandra-seed.tcpmem.json
[ -s "$image/lib/app/tcpmem.jsa" ] || { echo "no $image/lib/app/tcpmem.jsa: run installer/build.sh first" >&2; exit 2; }
export DISPLAY=:$((300 + RANDOM % 100))
Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1

# one start: prints the milliseconds from JVM start to the first frame
first_frame() {
    local log=$work/log
    export XDG_CONFIG_HOME=$work/config-$RANDOM
    JAVA_TOOL_OPTIONS="-Dtcpmem.startupTiming=1 $1" "${@:2}" "$sample" >"$log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 240); do grep -q "first frame" "$log" && break; sleep 0.25; done
    quit_app "$pid" || kill "$pid"
    wait "$pid" || true
    sed -n 's/^first frame \([0-9]*\) ms.*/\1/p' "$log"
}

declare -A all
for i in $(seq 1 "$runs"); do
    all[cds]+=" $(first_frame "" "$image/bin/tcpmem-explorer")"
    all[cds_sw]+=" $(first_frame "-Dprism.order=sw" "$image/bin/tcpmem-explorer")"
    all[nocds]+=" $(first_frame "-Xshare:off" "$image/bin/tcpmem-explorer")"
    all[jar]+=" $(first_frame "" java -jar target/tcpmem-explorer.jar)"
done
for mode in cds cds_sw nocds jar; do
    sorted=$(tr ' ' '\n' <<<"${all[$mode]}" | grep . | sort -n | paste -sd' ')
    median=$(tr ' ' '\n' <<<"$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-6s median %5s ms   runs: %s\n' "$mode" "$median" "$sorted"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
