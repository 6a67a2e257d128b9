#!/usr/bin/env bash
# One command from a fresh machine to a running server: installs packages,
# builds, and runs stratad in the foreground on localhost:5432 and the Unix
# socket /tmp/.s.PGSQL.5432, with its data in $STRATADATA (default ./data).
# Extra arguments go to stratad (e.g. -p 5433). Stop it with Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh" release stratad >/dev/null
export STRATADATA="${STRATADATA:-$ROOT/data}"
exec "$ROOT/build/server/stratad" -D "$STRATADATA" "$@"
