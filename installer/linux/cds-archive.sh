#!/bin/sh
# Writes the class-data-sharing archive of an installed app image: the classes its window loads at start
# (lib/app/tcpmem.classlist, recorded at build time), parsed and verified once, mapped by every later start.
#   sh cds-archive.sh /opt/tcpmem-explorer      (run by the .deb's postinst; installer/README.md)
# Java 17 checks the archive against the absolute class path, so it is written where the app is installed;
# without it the app starts the same, only slower. On a Java 24+ runtime the archive also keeps those classes
# linked ahead of time (JEP 483, -XX:+AOTClassLinking).
set -e
root=${1:?usage: cds-archive.sh APP_IMAGE_DIR}
app="$root/lib/app"
[ -f "$app/tcpmem.classlist" ] || { echo "cds-archive.sh: no $app/tcpmem.classlist" >&2; exit 1; }
# the class path exactly as the launcher builds it from its .cfg
cp=$(sed -n 's/^app\.classpath=//p' "$app/tcpmem-explorer.cfg" | sed "s#\$APPDIR#$app#" | paste -sd: -)
# the launcher's own options but the archive's: an archive of linked classes is refused by a start whose
# module options (--enable-native-access) differ from the dump's
opts=$(sed -n 's/^java-options=//p' "$app/tcpmem-explorer.cfg" | grep -v -e SharedArchiveFile -e '^-Djpackage' \
    | sed "s#\$APPDIR#$app#g" | paste -sd' ' -)
version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$root/lib/runtime/release" 2>/dev/null)
if [ "${version:-17}" -ge 24 ]; then
    opts="$opts -XX:+AOTClassLinking -Xlog:aot=off"
fi
rm -f "$app/tcpmem.jsa"
# shellcheck disable=SC2086  # $opts: one option per word, none with spaces
"$root/lib/runtime/bin/java" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off $opts \
    -XX:SharedClassListFile="$app/tcpmem.classlist" -XX:SharedArchiveFile="$app/tcpmem.jsa" \
    -cp "$cp" >/dev/null
