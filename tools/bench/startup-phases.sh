#!/usr/bin/env bash
# Where a cold start of the window goes: starts each command RUNS times on the Cassandra sample under Xvfb (fresh
# settings folder each time, the commands interleaved so a busy machine slows them alike), reads the app's
# -Dtcpmem.startupTiming lines and prints, per command, the median time since JVM start of each phase's end
# and the median length of each phase (BENCHMARKS.md, cold start):
#   bash tools/bench/startup-phases.sh RUNS COMMAND... [-- COMMAND...]
#   bash tools/bench/startup-phases.sh 5 java -jar target/tcpmem-explorer.jar -- target/installer/tcpmem-explorer/bin/tcpmem-explorer
# Needs: xvfb, xdotool.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/installer/quit-app.sh"
runs=${1:?usage: startup-phases.sh RUNS COMMAND... [-- COMMAND...]}
shift
commands=()
current=""
for arg in "$@"; do
    if [ "$arg" = "--" ]; then
        commands+=("$current")
        current=""
    else
        current+="${current:+ }$(printf '%q' "$arg")"
    fi
done
[ -n "$current" ] && commands+=("$current")
sample=$root/resources/scenarios/cassandra-seed.tcpmem.json
source "$root/tools/xvfb.sh"
start_xvfb 1600x1000x24 || { echo "Xvfb did not start" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $XVFB_PID 2>/dev/null; rm -rf "$work"' EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
    for c in "${!commands[@]}"; do
        log=$work/log
        export XDG_CONFIG_HOME=$work/config-$RANDOM
        # shellcheck disable=SC2086
        JAVA_TOOL_OPTIONS="-Dtcpmem.startupTiming=1 ${JAVA_TOOL_OPTIONS:-}" eval "${commands[$c]}" "$(printf '%q' "$sample")" \
            >"$log" 2>&1 &
        pid=$!
        for _ in $(seq 1 240); do grep -q "^startup phases" "$log" && break; sleep 0.25; done
        quit_app "$pid" || kill "$pid"
        wait "$pid" || true
        sed -n 's/^startup phases: //p' "$log" >>"$work/phases-$c"
        sed -n 's/.*CPU: process \([0-9]*\) ms, JavaFX thread \([0-9]*\) ms.*/\1 \2/p' "$log" >>"$work/cpu-$c"
    done
done

for c in "${!commands[@]}"; do
    echo
    echo "${commands[$c]}   ($(wc -l <"$work/phases-$c") starts)"
    # each line: "name 123 · name 456 … (ms since JVM start)"; phases in the order of the first line
    awk -F' · ' '
        { sub(/ \(ms since JVM start\)$/, "")
          for (i = 1; i <= NF; i++) { n = split($i, w, " "); t = w[n]; name = substr($i, 1, length($i) - length(t) - 1)
              if (NR == 1) order[i] = name
              v[name, NR] = t } runs = NR; phases = (NR == 1 ? NF : phases) }
        function median(name,   k, m, a, tmp, j) {
            m = 0; for (k = 1; k <= runs; k++) if ((name, k) in v) a[++m] = v[name, k]
            for (k = 2; k <= m; k++) { tmp = a[k]; for (j = k - 1; j >= 1 && a[j] > tmp; j--) a[j + 1] = a[j]; a[j + 1] = tmp }
            return m ? a[int((m + 1) / 2)] : "-" }
        function medianLength(name, prev,   k, m, a, tmp, j) {
            m = 0; for (k = 1; k <= runs; k++) if ((name, k) in v && (prev, k) in v) a[++m] = v[name, k] - v[prev, k]
            for (k = 2; k <= m; k++) { tmp = a[k]; for (j = k - 1; j >= 1 && a[j] > tmp; j--) a[j + 1] = a[j]; a[j + 1] = tmp }
            return m ? a[int((m + 1) / 2)] : "-" }
        # a mark of a background thread runs beside the others: it has a time but no length in the chain
        END { printf "  %-28s %10s %10s\n", "phase ends", "at (ms)", "length"
              prev = ""
              for (i = 1; i <= phases; i++) {
                  bg = order[i] ~ /background/
                  printf "  %-28s %10s %10s\n", order[i], median(order[i]), prev == "" || bg ? "-" : medianLength(order[i], prev)
                  if (!bg) prev = order[i] } }
    ' "$work/phases-$c"
    for column in 1 2; do cut -d' ' -f$column "$work/cpu-$c" | sort -n | awk '{ a[NR] = $1 } END { printf "%s ", NR ? a[int((NR + 1) / 2)] : "-" }'; done \
        | awk '{ printf "  CPU until the first frame (medians): process %s ms, JavaFX thread %s ms\n", $1, $2 }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
