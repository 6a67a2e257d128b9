#!/usr/bin/env bash
# Configures and builds StrataDB into a build directory.
#   scripts/build.sh [release|asan] [ninja targets...]
# release -> build/, asan -> build-asan/ (AddressSanitizer + UBSan).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FLAVOR="${1:-release}"
shift || true
case "$FLAVOR" in
  release) DIR="$ROOT/build"; EXTRA=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan) DIR="$ROOT/build-asan"; EXTRA=(-DCMAKE_BUILD_TYPE=Debug -DSTRATA_SANITIZE=ON) ;;
  *) echo "usage: $0 [release|asan] [targets...]" >&2; exit 2 ;;
esac
if [ ! -f "$DIR/build.ninja" ]; then
  cmake -S "$ROOT" -B "$DIR" -G Ninja "${EXTRA[@]}" >/dev/null
fi
ninja -C "$DIR" "$@"
