#!/usr/bin/env bash
# JMH benchmarks of the model, the scenario files and the chart datasets (src/jmh/java, Maven profile jmh):
#   bash tools/bench/jmh.sh                 # all of them (about 8 minutes on 2 cores)
#   bash tools/bench/jmh.sh Evaluate        # only benchmarks matching a regex; other JMH options may follow
# Writes benchmarks/jmh-results.json, then benchmarks/jmh-report.txt (every figure with its best iteration, and the
# scaling checks; BENCHMARKS.md cites both), benchmarks/cpu-time.txt (thread CPU time per evaluation, which other
# processes' load does not inflate) and benchmarks/jmh-machine.txt (date, CPU, JDK, load before and after).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Pjmh -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/jmh-classpath.txt
mkdir -p benchmarks
out=benchmarks/jmh-results.json
cp="target/test-classes:target/classes:$(cat target/jmh-classpath.txt)"
{ echo "# $(date -u +%FT%TZ) nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"
  echo "# $(java -version 2>&1 | head -1); load before: $(uptime | sed 's/.*load average/load average/')"
} | tee benchmarks/jmh-machine.txt
java -cp "$cp" org.openjdk.jmh.Main -rf json -rff "$out" "$@"
java -Xmx1g -cp "$cp" dev.tcpmem.bench.EvaluateCpuTime | tee benchmarks/cpu-time.txt
echo "# load after: $(uptime | sed 's/.*load average/load average/')" | tee -a benchmarks/jmh-machine.txt
status=0
java -cp "$cp" dev.tcpmem.bench.JmhReport "$out" | tee benchmarks/jmh-report.txt || status=${PIPESTATUS[0]}
[ "$status" -eq 2 ] && status=0  # no scaling figures in a partial run
exit "$status"
