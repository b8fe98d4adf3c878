#!/usr/bin/env bash
# Slider-to-repaint latency of the real window under Xvfb (GTK glass, software rendering as on a VM):
#   bash tools/bench/slider-latency.sh              # three measured drags per sample
#   REPEATS=1 bash tools/bench/slider-latency.sh     # one (faster, as before)
# Prints p50 / p95 / max of each measured drag per bundled sample, and the load average before and after (the
# machine's other work moves these figures); BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
export HOME="${HOME:-/root}"
display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
echo "# $(date -u +%FT%TZ) load before: $(cut -d' ' -f1-3 /proc/loadavg)"
DISPLAY="$display" java -Drepeats="${REPEATS:-3}" -Dprism.order=sw -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dev.tcpmem.ui.SliderLatencyBenchmark 2>&1 | grep -v -E "WARNING|Unsupported JavaFX"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
