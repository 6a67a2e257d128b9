#!/usr/bin/env bash
# Builds the Debian package stratadb_<version>_<arch>.deb from a release build.
#   scripts/build_deb.sh [BUILD_DIR]
# Without BUILD_DIR: builds stratad and stratactl in build/ (release) first;
# with one: packages the binaries already in BUILD_DIR/server as they are.
# Prints the path of the .deb (written into BUILD_DIR/deb/). Needs dpkg-deb and
# dpkg-shlibdeps (dpkg-dev, installed by scripts/setup.sh).
#
# Layout of the package (packaging/README.md):
#   /usr/lib/stratadb/bin/{stratad,stratactl,stratadb-start}, symlinks in /usr/bin
#   /etc/stratadb/stratad.conf                 conffile, = packaging/stratad.conf
#   /lib/systemd/system/stratad.service        = packaging/stratad.service
#   /usr/share/doc/stratadb/README.md          = packaging/README.md
# Depends are computed by dpkg-shlibdeps from the binaries' dynamic libraries;
# maintainer scripts come from packaging/debian/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 0 ]; then
  BUILD="$ROOT/build"
  "$ROOT/scripts/build.sh" release stratad stratactl >/dev/null
else
  BUILD="$(cd "$1" && pwd)"
fi
for bin in stratad stratactl; do
  [ -x "$BUILD/server/$bin" ] || { echo "build_deb: $BUILD/server/$bin is missing" >&2; exit 1; }
done

VERSION="$(sed -nE 's/^project\(StrataDB VERSION ([0-9.]+).*/\1/p' "$ROOT/CMakeLists.txt")"
ARCH="$(dpkg --print-architecture)"
OUT="$BUILD/deb"
STAGE="$OUT/stage"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/usr/lib/stratadb/bin" "$STAGE/usr/bin" \
         "$STAGE/etc/stratadb" "$STAGE/lib/systemd/system" "$STAGE/usr/share/doc/stratadb"

# Binaries without their debug information (the build keeps it: RelWithDebInfo).
for bin in stratad stratactl; do
  strip --strip-unneeded -o "$STAGE/usr/lib/stratadb/bin/$bin" "$BUILD/server/$bin"
  chmod 0755 "$STAGE/usr/lib/stratadb/bin/$bin"
  ln -s "../lib/stratadb/bin/$bin" "$STAGE/usr/bin/$bin"
done
install -m 0755 "$ROOT/packaging/stratadb-start" "$STAGE/usr/lib/stratadb/bin/stratadb-start"
install -m 0644 "$ROOT/packaging/stratad.conf" "$STAGE/etc/stratadb/stratad.conf"
install -m 0644 "$ROOT/packaging/stratad.service" "$STAGE/lib/systemd/system/stratad.service"
install -m 0644 "$ROOT/packaging/README.md" "$STAGE/usr/share/doc/stratadb/README.md"
for script in postinst prerm postrm; do
  install -m 0755 "$ROOT/packaging/debian/$script" "$STAGE/DEBIAN/$script"
done
echo /etc/stratadb/stratad.conf > "$STAGE/DEBIAN/conffiles"

# Runtime Depends: dpkg-shlibdeps reads the binaries' NEEDED entries and the
# installed libraries' shlibs/symbols files. It wants a debian/control in its
# working directory, so it runs in a scratch one.
SHLIB="$OUT/shlibdeps"
rm -rf "$SHLIB"
mkdir -p "$SHLIB/debian"
printf 'Source: stratadb\n\nPackage: stratadb\nArchitecture: any\n' > "$SHLIB/debian/control"
DEPENDS="$(cd "$SHLIB" && dpkg-shlibdeps -O \
  "$STAGE/usr/lib/stratadb/bin/stratad" "$STAGE/usr/lib/stratadb/bin/stratactl" 2>/dev/null \
  | sed -n 's/^shlibs:Depends=//p')"
rm -rf "$SHLIB"
[ -n "$DEPENDS" ] || { echo "build_deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# The maintainer scripts' tools: useradd/groupadd/userdel (passwd).
DEPENDS="$DEPENDS, passwd"

SIZE="$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)"
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: stratadb
Version: $VERSION
Architecture: $ARCH
Maintainer: StrataDB developers <stratadb@localhost>
Installed-Size: $SIZE
Depends: $DEPENDS
Recommends: postgresql-client-15
Section: database
Priority: optional
Description: PostgreSQL-wire-compatible SQL server on an LSM storage engine
 StrataDB speaks the PostgreSQL v3 protocol (psql and PostgreSQL drivers
 connect to it) and keeps tables and indexes in an SSD-tuned LSM engine.
 This package installs the server stratad, the admin CLI stratactl, the
 configuration in /etc/stratadb and the systemd unit stratad.service.
CONTROL

DEB="$OUT/stratadb_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz -z1 --build "$STAGE" "$DEB" >/dev/null
rm -rf "$STAGE"
echo "$DEB"
