#!/usr/bin/env bash
# Regenerates the screenshots in this folder from the real window under Xvfb:
#   bash screenshots/make.sh
# Needs: xvfb, libgtk-3-0 (apt-get install -y xvfb libgtk-3-0), JDK 17, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# package (which compiles the tests too) so the export below uses the current jar, never a stale one
mvn -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
export HOME="${HOME:-/root}"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1700x1100x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY="$display" java -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
    dev.tcpmem.ui.ScreenshotsMain screenshots
# the exported chart, exactly as `export` writes it
java -jar target/tcpmem-explorer.jar export resources/scenarios/cassandra-seed.tcpmem.json \
    --chart node --out screenshots/export-node.png --width 1200 --height 650
