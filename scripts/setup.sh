#!/usr/bin/env bash
# Installs every Debian package StrataDB's build and tests need, and
# node-postgres from npm for the node driver test (see the end). Idempotent and
# fast when everything is present (no apt-get run at all). Uses sudo when not root.
#   scripts/setup.sh [--bench | --regress]
# --bench also installs the engines bench/storage_bench compares against
# (RocksDB, LevelDB): benchmark-only, never needed by the build or the tests.
# --regress also prepares what regress/ needs to fetch and build PostgreSQL
# 15's regression suite: Debian's deb-src entries (apt-get source), dpkg-dev
# (unpacks source packages), gcc and make (regress.so). Not part of the
# default set; regress/suite.py runs it on first use.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build ccache pkg-config make
  libpg-query-dev libprotobuf-c-dev libboost-dev libssl-dev libxxhash-dev liblz4-dev
  liburing-dev catch2 libfmt-dev libpq-dev
  postgresql-15 postgresql-client-15
  python3 procps dpkg-dev
  python3-psycopg2 python3-sqlalchemy libpostgresql-jdbc-java openjdk-17-jdk-headless
  libpqxx-dev
)
# npm (and Debian's nodejs with it) only when no node installation is there.
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi
REGRESS=0
case "${1:-}" in
  "") ;;
  --bench) PACKAGES+=(librocksdb-dev libleveldb-dev) ;;
  --regress) REGRESS=1; PACKAGES+=(dpkg-dev gcc make) ;;
  *) echo "usage: $0 [--bench | --regress]" >&2; exit 2 ;;
esac

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Debian's deb-src entries, for `apt-get source postgresql-15`: written once to
# a file of our own beside the distribution's (never editing theirs), mirroring
# its deb entries. Skipped when any deb-src entry for Debian already exists.
NEED_UPDATE=0
if [ "$REGRESS" = 1 ]; then
  SRC_FILE=/etc/apt/sources.list.d/stratadb-deb-src.sources
  if ! grep -rqsE '^[[:space:]]*(deb-src[[:space:]]|Types:.*deb-src)' \
        /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      # deb822: every stanza again, with Types: deb-src.
      sed -E 's/^Types:.*$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
        | $SUDO tee "$SRC_FILE" >/dev/null
    elif [ -f /etc/apt/sources.list ]; then
      grep -E '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list | sed -E 's/^([[:space:]]*)deb /\1deb-src /' \
        | $SUDO tee /etc/apt/sources.list.d/stratadb-deb-src.list >/dev/null
    else
      echo "setup: no Debian apt sources found to derive deb-src entries from" >&2
      exit 1
    fi
    echo "setup: enabled Debian deb-src entries"
    NEED_UPDATE=1
  fi
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  if [ "$NEED_UPDATE" = 1 ]; then $SUDO apt-get update -q; fi
else
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
fi

# node-postgres for tests/integration/drivers/node_pg_client.js. Debian's
# node-pg needs Debian's nodejs and cannot be installed beside another one
# (NodeSource's), so pg comes from npm, once, into a cache directory outside
# the repository, where tests/integration/CMakeLists.txt looks for it; never
# at build or test time.
NODE_PG_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/stratadb/node-pg"
if [ ! -f "$NODE_PG_DIR/node_modules/pg/package.json" ]; then
  echo "setup: installing node-postgres (npm pg@8) into $NODE_PG_DIR"
  mkdir -p "$NODE_PG_DIR"
  npm install --prefix "$NODE_PG_DIR" --no-audit --no-fund --no-save pg@8
fi
