#!/usr/bin/env bash
# Slider-to-repaint latency of the real window under Xvfb (GTK glass, software rendering as on a VM):
#   bash tools/bench/slider-latency.sh
# Prints p50 / p95 / max per bundled sample; BENCHMARKS.md records the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
export HOME="${HOME:-/root}"
display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" java -Dprism.order=sw -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dev.tcpmem.ui.SliderLatencyBenchmark 2>&1 | grep -v -E "WARNING|Unsupported JavaFX"
