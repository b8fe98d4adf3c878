#!/usr/bin/env bash
# Smoke test of the packaged app, run by .ci/run after `mvn -B verify`:
#   bash installer/smoke-test.sh [--skip-maven]
# Builds the .deb (installer/build.sh), unpacks it into a temporary folder the way dpkg would lay it out,
# checks its metadata, desktop entry and MIME type, writes the class-data-sharing archive as the postinst
# does, starts the window under Xvfb on a sample, checks its window class and title, takes a screenshot
# (target/installer/smoke.png) and checks it is not blank, quits with Ctrl+Q and expects exit code 0; then
# runs the headless commands through the same launcher. With --install (CI, on its fresh machine; needs root and
# the package's Depends) it then installs the .deb with dpkg, runs the CLI through /usr/bin/tcpmem-explorer and
# purges the package again, checking that nothing of it is left.
# Needs: xvfb, xdotool, x11-utils (xprop), imagemagick (import, identify), fakeroot.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
START=$(date +%s)

install=false
build_args=()
for a in "$@"; do
    if [ "$a" = --install ]; then install=true; else build_args+=("$a"); fi
done
if $install; then
    [ "$(id -u)" -eq 0 ] || fail "--install needs root (it runs dpkg -i and dpkg --purge)"
    [ "$(dpkg-query -W -f='${db:Status-Status}' tcpmem-explorer 2>/dev/null)" != installed ] \
        || fail "tcpmem-explorer is already installed: --install is for a machine without it"
fi

bash installer/build.sh "${build_args[@]}"
OUT=target/installer
deb=$(ls "$OUT"/tcpmem-explorer_*_amd64.deb)

# --- the package's metadata and scripts
info=$(dpkg-deb -I "$deb")
grep -q "^ Version: 0" <<<"$info" || fail "no version in $deb"
grep -q "^ Maintainer: TCP Memory Explorer" <<<"$info" || fail "no vendor in $deb"
grep -q "libgtk-3-0" <<<"$(dpkg-deb -f "$deb" Depends)" || fail "Depends lacks libgtk-3-0"
ctl=$(mktemp -d)
tmp=$(mktemp -d)
xvfb=
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
    rm -rf "$ctl" "$tmp"
}
trap cleanup EXIT
dpkg-deb -e "$deb" "$ctl"
grep -q "xdg-desktop-menu install" "$ctl/postinst" || fail "postinst does not install the menu entry"
grep -q "xdg-mime install" "$ctl/postinst" || fail "postinst does not install the MIME type"
grep -q "cds-archive.sh /opt/tcpmem-explorer" "$ctl/postinst" || fail "postinst does not write the CDS archive"
grep -q "xdg-mime uninstall" "$ctl/prerm" || fail "prerm does not remove the MIME type"
grep -q "ln -sf /opt/tcpmem-explorer/bin/tcpmem-explorer" "$ctl/postinst" || fail "postinst does not put the launcher on PATH"
grep -q "rm -f /usr/bin/tcpmem-explorer" "$ctl/prerm" || fail "prerm does not remove the launcher from PATH"
# a jpackage placeholder the JDK used did not fill stays a line of its own and runs as a command (JDK 25 renamed
# UTILITY_SCRIPTS): dpkg then fails the install or the removal
if grep -nE '^[A-Z][A-Z_]+$' "$ctl/postinst" "$ctl/prerm"; then fail "unfilled jpackage placeholder in the package scripts"; fi

# --- unpacked as dpkg would (the postinst's steps are checked above and the archive step is run below)
dpkg-deb -x "$deb" "$tmp"
root="$tmp/opt/tcpmem-explorer"
launcher="$root/bin/tcpmem-explorer"
desktop="$root/lib/tcpmem-explorer-tcpmem-explorer.desktop"
[ -x "$launcher" ] || fail "no launcher in the package"
grep -q '^Exec=/opt/tcpmem-explorer/bin/tcpmem-explorer %F$' "$desktop" || fail "desktop entry passes no file (%F)"
grep -q '^MimeType=application/x-tcpmem-scenario;' "$desktop" || fail "desktop entry lacks the scenario MIME type"
grep -q '^Icon=/opt/tcpmem-explorer/lib/tcpmem-explorer.png$' "$desktop" || fail "desktop entry icon"
[ -f "$root/lib/tcpmem-explorer.png" ] || fail "icon missing"
wmclass=$(sed -n 's/^StartupWMClass=//p' "$desktop")
grep -q 'glob pattern="\*\.tcpmem\.json"' "$root"/lib/*MimeInfo.xml || fail "MIME type has no *.tcpmem.json glob"
[ "$(ls "$root"/lib/samples/*.tcpmem.json | wc -l)" -ge 6 ] || fail "sample scenarios missing"
size_mb=$(du -sm "$root" | cut -f1)
echo "installed size without the CDS archive: ${size_mb} MB"
[ "$size_mb" -lt 100 ] || fail "image is ${size_mb} MB, over 100 MB"
sh "$root/lib/cds-archive.sh" "$root"
[ -s "$root/lib/app/tcpmem.jsa" ] || fail "cds-archive.sh wrote no archive"

# --- the window, under Xvfb, with a sample passed as the file argument (what a double-click does)
export DISPLAY=:$((200 + RANDOM % 100))
Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export XDG_CONFIG_HOME="$tmp/config"   # the app's settings go here, not into the user's
log="$tmp/app.log"
# -Xshare:on makes an unusable CDS archive an error instead of a silently slower start
JAVA_TOOL_OPTIONS="-Xshare:on -Dtcpmem.startupTiming=1" \
    "$launcher" "$root/lib/samples/cassandra-seed.tcpmem.json" >"$log" 2>&1 &
app=$!
wid=$(timeout 60 xdotool search --sync --name "cassandra-seed.tcpmem.json" | head -1) \
    || { cat "$log" >&2; fail "no window titled with the sample within 60 s"; }
for _ in $(seq 1 60); do grep -q "first frame" "$log" && break; sleep 0.5; done
grep "first frame" "$log" || { cat "$log" >&2; fail "no first frame"; }
class=$(xprop -id "$wid" WM_CLASS)
grep -q "\"$wmclass\"" <<<"$class" || fail "window class $class does not match StartupWMClass=$wmclass"
sleep 2   # let the charts and the sweep paint
import -window root "$OUT/smoke.png"
colours=$(identify -format %k "$OUT/smoke.png")
echo "screenshot $OUT/smoke.png: $colours colours"
# a blank or half-drawn window has a handful of colours; the real one has thousands (antialiased text, charts)
[ "$colours" -gt 1000 ] || fail "screenshot looks blank ($colours colours)"
source installer/quit-app.sh
quit_app "$app" || fail "the app did not quit on Ctrl+Q"
set +e; wait "$app"; rc=$?; set -e
app=
[ "$rc" -eq 0 ] || { cat "$log" >&2; fail "the app exited with $rc"; }
# GTK under Xvfb sometimes warns "Gdk-WARNING ... XSetErrorHandler() called with a GDK error trap pushed": GTK's
# own note about its X error handling, not the app's
if grep -Ei "exception|error" "$log" | grep -v "Gdk-WARNING.*XSetErrorHandler"; then fail "the app logged errors"; fi

# --- the headless commands through the same launcher
out=$("$launcher" evaluate "$root/lib/samples/cassandra-seed.tcpmem.json")
# the scenario's own name and node (from the file), then the thresholds the model derived
grep -q "^Cassandra with 10k clients beside two web pods$" <<<"$out" && grep -q "^Node: 64GiB, 16 CPUs, kernel 5.15" <<<"$out" \
    && grep -q "^tcp_mem: low .* pages" <<<"$out" || { echo "$out" >&2; fail "evaluate printed no summary"; }
set +e; "$launcher" evaluate "$root/lib/samples/incident-pressure.tcpmem.json" --fail-on pressure >/dev/null; rc=$?; set -e
[ "$rc" -eq 1 ] || fail "evaluate --fail-on pressure on the incident sample exited $rc, expected 1"
"$launcher" export "$root/lib/samples/cassandra-seed.tcpmem.json" --chart node --out "$tmp/node.png"
[ "$(identify -format %m "$tmp/node.png")" = PNG ] || fail "export wrote no PNG"
set +e; "$launcher" evaluate "$tmp/missing.tcpmem.json" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" -eq 2 ] && grep -q "^error:" "$tmp/err" || fail "a missing file did not give exit 2 and an error: line"

# --- installed for real, then removed (CI only: --install)
if $install; then
    dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg -i failed"; }
    [ "$(readlink /usr/bin/tcpmem-explorer)" = /opt/tcpmem-explorer/bin/tcpmem-explorer ] \
        || { dpkg --purge tcpmem-explorer >/dev/null 2>&1 || true; fail "postinst did not link /usr/bin/tcpmem-explorer"; }
    [ -s /opt/tcpmem-explorer/lib/app/tcpmem.jsa ] || { dpkg --purge tcpmem-explorer >/dev/null 2>&1 || true; fail "postinst wrote no CDS archive"; }
    set +e; (cd "$tmp" && tcpmem-explorer evaluate /opt/tcpmem-explorer/lib/samples/incident-pressure.tcpmem.json \
        --fail-on pressure >/dev/null); rc=$?; set -e
    [ "$rc" -eq 1 ] || { dpkg --purge tcpmem-explorer >/dev/null 2>&1 || true; fail "tcpmem-explorer on PATH: evaluate --fail-on exited $rc, expected 1"; }
    dpkg --purge tcpmem-explorer >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; fail "dpkg --purge failed"; }
    [ ! -e /usr/bin/tcpmem-explorer ] && [ ! -L /usr/bin/tcpmem-explorer ] || fail "dpkg --purge left /usr/bin/tcpmem-explorer"
    [ ! -e /opt/tcpmem-explorer ] || fail "dpkg --purge left /opt/tcpmem-explorer: $(find /opt/tcpmem-explorer | head -5)"
    echo "installed with dpkg, ran tcpmem-explorer from PATH, removed cleanly"
fi

echo "smoke test passed in $(( $(date +%s) - START )) s"
