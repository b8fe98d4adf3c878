#!/bin/sh
# Writes the class-data-sharing archive of an installed app image: the classes its window loads at start
# (lib/app/tcpmem.classlist, recorded at build time), parsed and verified once, mapped by every later start.
#   sh cds-archive.sh /opt/tcpmem-explorer      (run by the .deb's postinst; installer/README.md)
# Java 17 checks the archive against the absolute class path, so it is written where the app is installed;
# without it the app starts the same, only slower.
set -e
root=${1:?usage: cds-archive.sh APP_IMAGE_DIR}
app="$root/lib/app"
[ -f "$app/tcpmem.classlist" ] || { echo "cds-archive.sh: no $app/tcpmem.classlist" >&2; exit 1; }
# the class path exactly as the launcher builds it from its .cfg
cp=$(sed -n 's/^app\.classpath=//p' "$app/tcpmem-explorer.cfg" | sed "s#\$APPDIR#$app#" | paste -sd: -)
rm -f "$app/tcpmem.jsa"
"$root/lib/runtime/bin/java" -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off \
    -XX:SharedClassListFile="$app/tcpmem.classlist" -XX:SharedArchiveFile="$app/tcpmem.jsa" \
    -cp "$cp" >/dev/null
