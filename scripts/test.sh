#!/usr/bin/env bash
# One command from a fresh machine to every test passing: installs packages,
# builds the release and the ASan+UBSan flavours, runs all ctest suites (unit
# tests, integration tests against a real PostgreSQL 15) in both, then the
# PostgreSQL 15 regression files that must pass whole (regress/passing.txt)
# against the release stratad, printing their statement-level score. The
# first run fetches the suite (apt-get source) into ~/.cache/stratadb/regress.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/scripts/setup.sh"
JOBS="${STRATA_TEST_JOBS:-2}"
for flavor in release asan; do
  echo "== build ($flavor)"
  "$ROOT/scripts/build.sh" "$flavor"
  dir="$ROOT/build"; [ "$flavor" = asan ] && dir="$ROOT/build-asan"
  echo "== test ($flavor)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$dir" --output-on-failure -j "$JOBS"
done
echo "== regress: PostgreSQL 15 regression files that must pass (regress/passing.txt)"
python3 "$ROOT/regress/run.py" --schedule passing --check --top 0 --max-total 900
echo "== all tests passed"
