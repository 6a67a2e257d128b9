#!/usr/bin/env python3
"""Runs one driver test program (psycopg2, SQLAlchemy, pgjdbc, ...) against a
real PostgreSQL 15 and against stratad and fails on any difference in what it
printed. The program gets the server as four arguments (host port user
dbname) and prints what it observed: values with their driver-side types,
rowcounts, SQLSTATEs. The expected output is the reference server's, never
written by hand; the program ends with a line "-- done" so a run that stopped
early cannot pass."""
import argparse
import difflib
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def run_program(command, server, timeout):
    args = list(command) + [server.host, str(server.port), server.user, server.database]
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    parser.add_argument("--name", required=True, help="label for the report")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="the program and its leading arguments, after --")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no program given")
    ref = harness.ReferencePostgres().start()
    strata = harness.Stratad(args.stratad).start()
    failed = False
    try:
        ref_code, ref_out = run_program(command, ref, args.timeout)
        got_code, got_out = run_program(command, strata, args.timeout)
        if ref_code != 0 or not ref_out.rstrip().endswith("-- done"):
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
            print(strata.log_text()[-20000:])
        strata.cleanup()
        ref.cleanup()
    print(f"{args.name}: " + ("FAIL" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
