#!/usr/bin/env python3
"""Runs libpq_extended_client (PQprepare, PQexecPrepared, PQexecParams with
text and binary values, single-row and pipeline mode) against stratad and a
real PostgreSQL 15 and fails on any difference in what the client saw."""
import argparse
import difflib
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def run_client(client, server):
    conninfo = (f"host={server.host} port={server.port} user={server.user} "
                f"dbname={server.database} connect_timeout=10")
    p = subprocess.run([client, conninfo], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    parser.add_argument("--client", required=True)
    args = parser.parse_args()
    ref = harness.ReferencePostgres().start()
    strata = harness.Stratad(args.stratad).start()
    failed = False
    try:
        ref_code, ref_out = run_client(args.client, ref)
        got_code, got_out = run_client(args.client, strata)
        if ref_code != 0 or "-- still alive" not in ref_out:
            print(f"reference run failed ({ref_code}):\n{ref_out}")
            failed = True
        if (got_code, got_out) != (ref_code, ref_out):
            failed = True
            print(f"exit codes: postgresql-15 {ref_code}, stratad {got_code}")
            sys.stdout.writelines(difflib.unified_diff(
                ref_out.splitlines(True), got_out.splitlines(True), "postgresql-15", "stratad"))
    finally:
        code = strata.stop()
        if code != 0:
            print(f"stratad exit code {code}")
            failed = True
        if failed:
            print(strata.log_text())
        strata.cleanup()
        ref.cleanup()
    print("libpq extended protocol: " + ("FAIL" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
