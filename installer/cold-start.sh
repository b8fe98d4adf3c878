#!/usr/bin/env bash
# Cold start to the first frame of the packaged app, with and without its class-data-sharing archive, with the
# archive and software rendering chosen up front (Xvfb has no GPU: the default first tries OpenGL ES 2 and falls
# back), and of the plain jar, all interleaved so a busy machine slows them alike (BENCHMARKS.md, cold start):
#   bash installer/cold-start.sh [RUNS] [APP_IMAGE...]
# RUNS defaults to 5; APP_IMAGE to target/installer/tcpmem-explorer (after installer/build.sh). Give two images to
# compare runtimes, e.g. one built with RUNTIME_JDK=<a JDK 17> and copied away (then re-run its
# lib/cds-archive.sh, as Java 17 ties the archive to the folder it was written in) against the default one.
# Each run starts the launcher on the Cassandra sample under its own Xvfb display with a fresh settings folder,
# reads the app's own -Dtcpmem.startupTiming line (JVM start to the first laid-out frame, and the CPU time the
# process and the JavaFX thread used until then, which a busy machine inflates less) and quits with Ctrl+Q.
# MODES="archive jar" (say) leaves the other starts out. Needs: xvfb, xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
source installer/quit-app.sh
runs=${1:-5}
shift || true
images=("$@")
[ ${#images[@]} -gt 0 ] || images=("$(pwd)/target/installer/tcpmem-explorer")
for image in "${images[@]}"; do
    [ -s "$image/lib/app/tcpmem.jsa" ] || { echo "no $image/lib/app/tcpmem.jsa: run installer/build.sh first" >&2; exit 2; }
done
sample=$(pwd)/resources/scenarios/cassandra-seed.tcpmem.json
# which starts, each round: of each image with its archive, with it and prism.order=sw, without it; the plain jar
MODES=${MODES:-archive archive-sw no-archive jar}
source tools/xvfb.sh
start_xvfb 1600x1000x24 || { echo "Xvfb did not start" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $XVFB_PID 2>/dev/null; rm -rf "$work"' EXIT

# one start: prints "FRAME_MS PROCESS_CPU_MS FX_CPU_MS" (empty when the app printed no first frame)
first_frame() {
    local log=$work/log
    export XDG_CONFIG_HOME=$work/config-$RANDOM
    JAVA_TOOL_OPTIONS="-Dtcpmem.startupTiming=1 $1" "${@:2}" "$sample" >"$log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 240); do grep -q "first frame" "$log" && break; sleep 0.25; done
    sleep 0.5
    quit_app "$pid" || kill "$pid"
    wait "$pid" || true
    # (builds before 26 Nov 2026 print no CPU times: "-" then)
    sed -n 's/^first frame \([0-9]*\) ms.*/\1/p' "$log" | head -1 | tr '\n' ' '
    sed -n 's/.*process \([0-9-]*\) ms, JavaFX thread \([0-9-]*\) ms.*/\1 \2/p' "$log" | grep . || echo "- -"
}

# an image's modes are named by its place in the arguments and its runtime's Java version
label() { echo "$2:$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/java\1/p' "$1/lib/runtime/release")"; }

declare -A frame cpu fx
modes=()
record() {
    local mode=$1 result
    shift
    result=$(first_frame "$@")
    [[ " ${modes[*]} " == *" $mode "* ]] || modes+=("$mode")
    [ -n "$result" ] || return 0
    read -r f c x <<<"$result"
    [[ "$f" =~ ^[0-9]+$ ]] || return 0
    frame[$mode]+=" $f"; cpu[$mode]+=" $c"; fx[$mode]+=" $x"
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

n=0
for image in "${images[@]}"; do
    n=$((n + 1))
    echo "$(label "$image" $n): $image"
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
    n=0
    for image in "${images[@]}"; do
        n=$((n + 1))
        l=$(label "$image" $n)
        for mode in $MODES; do
            case $mode in
                archive) record "$l-archive" "" "$image/bin/tcpmem-explorer" ;;
                archive-sw) record "$l-archive-sw" "-Dprism.order=sw" "$image/bin/tcpmem-explorer" ;;
                no-archive) record "$l-no-archive" "-Xshare:off" "$image/bin/tcpmem-explorer" ;;
            esac
        done
    done
    [[ " $MODES " != *" jar "* ]] || record "jar" "" java -jar target/tcpmem-explorer.jar
done
printf '%-22s %8s %10s %9s   %s\n' mode "frame ms" "process CPU" "FX CPU" "first frame, all runs (ms)"
for mode in "${modes[@]}"; do
    sorted=$(tr ' ' '\n' <<<"${frame[$mode]:-}" | grep . | sort -n | paste -sd' ')
    printf '%-22s %8s %10s %9s   %s\n' "$mode" "$(median "${frame[$mode]:-}")" "$(median "${cpu[$mode]:-}")" \
        "$(median "${fx[$mode]:-}")" "$sorted"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
