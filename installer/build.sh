#!/usr/bin/env bash
# Builds the packaged app into target/installer/:
#   runtime/                    jlink runtime: only the JDK and JavaFX modules the app needs, JavaFX natives in lib/
#   tcpmem-explorer/            jpackage app image (bin/tcpmem-explorer is the launcher, GUI and CLI)
#   tcpmem-explorer_<v>_amd64.deb
#
#   bash installer/build.sh [--skip-maven]
#
# --skip-maven reuses target/tcpmem-explorer.jar and target/lib/ from an earlier `mvn package`/`verify`.
# Needs JDK 17 (jlink, jpackage, jdeps, jmods), Maven, dpkg-deb and fakeroot; with Xvfb (or a DISPLAY) it also
# records the class-data-sharing archive that makes the window start faster (installer/README.md).
# The runtime is made from $RUNTIME_JDK if set, else from a JDK 25 in /usr/lib/jvm if there is one (its
# ahead-of-time class linking starts the window faster: installer/README.md), else from the JDK 17 on the PATH;
# the app's bytecode is Java 17 either way. RUNTIME_JDK=$(dirname $(dirname $(readlink -f $(which java)))) forces 17.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_maven=false
[ "${1:-}" = "--skip-maven" ] && skip_maven=true

NAME=tcpmem-explorer
OUT=target/installer
START=$(date +%s)

if ! $skip_maven; then
    mvn -B -q -DskipTests package
fi
[ -f target/$NAME.jar ] || { echo "error: target/$NAME.jar missing: run without --skip-maven" >&2; exit 2; }
for tool in jlink jpackage jdeps dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (apt-get install openjdk-17-jdk fakeroot)" >&2; exit 2; }
done
if [ -z "${RUNTIME_JDK:-}" ]; then
    for jdk in /usr/lib/jvm/*-25-jdk* /usr/lib/jvm/jdk-25*; do
        [ -x "$jdk/bin/jlink" ] && [ -x "$jdk/bin/jpackage" ] && { RUNTIME_JDK=$jdk; break; }
    done
fi
RUNTIME_JDK=${RUNTIME_JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}
runtime_version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$RUNTIME_JDK/release")
[ "${runtime_version:-0}" -ge 17 ] || { echo "error: no JDK 17 or later in RUNTIME_JDK=$RUNTIME_JDK" >&2; exit 2; }
echo "runtime from $RUNTIME_JDK (Java $runtime_version)"
# JavaFX 21 calls System.load and sun.misc.Unsafe's memory methods: from Java 24 both print warnings unless
# allowed. And a missing archive (before the postinst wrote it, or if it failed) is an "[error][cds]" line on
# stdout from Java 24, which would land in `evaluate --json` output: Java 17 said nothing, and neither do we.
java_options=()
if [ "$runtime_version" -ge 24 ]; then
    java_options+=(--java-options --enable-native-access=javafx.graphics
                   --java-options --sun-misc-unsafe-memory-access=allow
                   --java-options -Xlog:cds=off --java-options -Xlog:aot=off)
fi
[ "$runtime_version" -ge 21 ] && compress=zip-6 || compress=2

rm -rf "$OUT"
mkdir -p "$OUT/input/lib" "$OUT/natives"
# (jar, not unzip: a fresh machine has the JDK but not necessarily unzip)
(cd "$OUT" && jar xf ../$NAME.jar META-INF/maven/dev.tcpmem/$NAME/pom.properties)
VERSION=$(sed -n 's/^version=//p' "$OUT/META-INF/maven/dev.tcpmem/$NAME/pom.properties" | tr -d '\r')
rm -rf "$OUT/META-INF"

# JavaFX goes into the runtime as real modules (the Maven "-linux" jars are modular jars carrying their
# natives); everything else stays on the class path exactly as `java -jar target/tcpmem-explorer.jar` runs it.
# (Making the app modular would need a descriptor patched into jfreechart, an automatic module that blocks jlink.)
fx_jars=$(ls target/lib/javafx-*-linux.jar | paste -sd:)
cp target/$NAME.jar "$OUT/input/"
for jar in target/lib/*.jar; do
    case "$(basename "$jar")" in javafx-*) ;; *) cp "$jar" "$OUT/input/lib/" ;; esac
done
app_cp=$(ls "$OUT"/input/lib/*.jar | paste -sd:)

# The JDK modules the app and its libraries use, found by jdeps; the JavaFX ones are listed by hand since
# the app uses them through FXML and reflection too.
jdk_modules=$(jdeps -R --multi-release 17 --ignore-missing-deps --print-module-deps \
    --module-path "$fx_jars" --class-path "$app_cp" target/$NAME.jar | tr ',' '\n' | grep -v '^javafx' | paste -sd,)
modules="$jdk_modules,javafx.controls,javafx.fxml,javafx.swing"
echo "runtime modules: $modules"

# The natives leave the module image for lib/, where the JDK's loader finds them: without this JavaFX would
# unpack them into ~/.openjfx/cache on every first start per user.
for jar in target/lib/javafx-*-linux.jar; do
    libs=$(jar tf "$jar" | grep '\.so$' || true)
    [ -z "$libs" ] || (cd "$OUT/natives" && jar xf "../../../$jar" $libs)
done
"$RUNTIME_JDK/bin/jlink" --module-path "$fx_jars" --add-modules "$modules" \
    --exclude-resources='glob:/javafx.*/*.so' \
    --strip-debug --no-header-files --no-man-pages --compress=$compress \
    --output "$OUT/runtime"
cp "$OUT"/natives/*.so "$OUT/runtime/lib/"

# jpackage reads its resource folder for the files it would otherwise generate: our own desktop entry
# (with %F so a double-clicked scenario reaches the app, and StartupWMClass so the window joins its icon).
res="$OUT/resources"
mkdir -p "$res"
cp installer/linux/$NAME.desktop "$res/$NAME.desktop"
cp installer/linux/postinst installer/linux/prerm "$res/"
cp resources/icons/$NAME-256.png "$res/$NAME.png"

common=(--name $NAME --app-version "$VERSION"
    --vendor "TCP Memory Explorer authors"
    --copyright "TCP Memory Explorer authors"
    --description "What-if explorer for Linux TCP socket memory on Kubernetes worker nodes")

"$RUNTIME_JDK/bin/jpackage" --type app-image --dest "$OUT" "${common[@]}" \
    --runtime-image "$OUT/runtime" \
    --input "$OUT/input" --main-jar $NAME.jar --main-class dev.tcpmem.Main \
    --icon resources/icons/$NAME-256.png \
    --resource-dir "$res" \
    --java-options '-XX:SharedArchiveFile=$APPDIR/tcpmem.jsa' "${java_options[@]}"
image="$OUT/$NAME"
mkdir -p "$image/lib/samples"
cp resources/scenarios/*.tcpmem.json "$image/lib/samples/"
cp installer/linux/cds-archive.sh "$image/lib/"

# Class-data sharing: one start of the real window records the classes it loads (the list ships in the
# package); the archive itself is written where the app lands: by the .deb's postinst, and below for
# this app image (BENCHMARKS.md, cold start). Without a display or xdotool the app simply starts slower.
if bash installer/record-classlist.sh "$image"; then
    classlist=true
else
    classlist=false
    echo "warning: no class list recorded (needs Xvfb and xdotool): the package starts without class-data sharing" >&2
fi

"$RUNTIME_JDK/bin/jpackage" --type deb --dest "$OUT" "${common[@]}" \
    --app-image "$image" \
    --resource-dir "$res" \
    --linux-package-name $NAME --linux-app-release 1 \
    --linux-app-category devel \
    --linux-shortcut \
    --file-associations installer/linux/scenario-association.properties \
    --linux-package-deps "shared-mime-info, xdg-utils"

if $classlist; then
    sh "$image/lib/cds-archive.sh" "$(cd "$image" && pwd)"
fi

echo "built in $(( $(date +%s) - START )) s:"
du -sh "$image" "$OUT"/*.deb
