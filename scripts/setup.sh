#!/usr/bin/env bash
# Installs every Debian package StrataDB's build and tests need. Idempotent and
# fast when everything is present (no apt-get run at all). Uses sudo when not root.
#   scripts/setup.sh [--bench]
# --bench also installs the engines bench/storage_bench compares against
# (RocksDB, LevelDB): benchmark-only, never needed by the build or the tests.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build ccache pkg-config make
  libpg-query-dev libprotobuf-c-dev libboost-dev libssl-dev libxxhash-dev liblz4-dev
  liburing-dev catch2 libfmt-dev libpq-dev
  postgresql-15 postgresql-client-15
  python3 procps
)
case "${1:-}" in
  "") ;;
  --bench) PACKAGES+=(librocksdb-dev libleveldb-dev) ;;
  *) echo "usage: $0 [--bench]" >&2; exit 2 ;;
esac

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# The tests start their own PostgreSQL 15 on free ports; Debian's default
# "main" cluster would only sit on port 5432, where stratad listens. Ask
# postgresql-common not to create it (only when it is not installed yet, so an
# existing setup is left alone).
if ! dpkg-query -W -f='${Status}' postgresql-common 2>/dev/null | grep -q "install ok installed"; then
  $SUDO mkdir -p /etc/postgresql-common/createcluster.d
  echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/stratadb.conf >/dev/null
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
