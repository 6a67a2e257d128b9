#!/usr/bin/env python3
"""Runs the same psql scripts and psql -c commands against stratad and a real
PostgreSQL 15, and fails on any byte of difference in psql's output.

  psql/*.sql          each run with `psql -X -a -f FILE` (echoing every line),
                      each on a clean state: a new database case_N on
                      PostgreSQL, and the same database in a stratad on a
                      fresh data directory
  psql_commands.txt   one `psql -c` command string per line ('#' comments;
                      a line starting "@tcp " connects over TCP, not the socket)

Expected output is never written down: the reference server produces it.
"""
import argparse
import difflib
import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# \errverbose prints "LOCATION:  function, file.c:line": where in the server's
# own C source the error was raised. That is an implementation detail no
# client can rely on, and ours is not PostgreSQL's source, so both outputs
# have that one line masked before comparing. Everything else is byte for byte.
LOCATION_LINE = re.compile(r"^LOCATION:  .*$", re.MULTILINE)


def normalise(output):
    return LOCATION_LINE.sub("LOCATION:  <server source location>", output)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    parser.add_argument("--cases", default=os.path.join(HERE, "psql"))
    args = parser.parse_args()

    ref = harness.ReferencePostgres()
    strata = harness.Stratad(args.stratad, extra_args=("-c", "autovacuum=off"))
    failures = 0
    total = 0
    try:
        ref.start()
        strata.start()

        def compare(label, psql_args, stdin=None):
            nonlocal failures, total
            total += 1
            ref_code, ref_out = ref.psql(psql_args, stdin=stdin)
            got_code, got_out = strata.psql(psql_args, stdin=stdin)
            ref_out, got_out = normalise(ref_out), normalise(got_out)
            if ref_out != got_out or ref_code != got_code:
                failures += 1
                print(f"FAIL {label}: exit {got_code} (reference {ref_code})")
                for line in difflib.unified_diff(ref_out.splitlines(), got_out.splitlines(),
                                                 "postgresql-15", "stratad", lineterm=""):
                    print("   ", line)
            else:
                print(f"ok   {label}")

        commands_file = os.path.join(HERE, "psql_commands.txt")
        with open(commands_file) as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                # "@tcp " runs the command over TCP (127.0.0.1) instead of the Unix socket.
                if line.startswith("@tcp "):
                    line = line[len("@tcp "):]
                    compare(f"tcp -c {line!r}", ["-h", "127.0.0.1", "-c", line])
                else:
                    compare(f"-c {line!r}", ["-c", line])

        # Each .sql file starts from a clean state on both servers: a new
        # database on PostgreSQL, a stratad on a fresh data directory.
        main_strata = strata
        for index, path in enumerate(sorted(glob.glob(os.path.join(args.cases, "*.sql")))):
            db = f"case_{index}"
            ref.database = "postgres"
            ref.psql(["-q", "-c", f"DROP DATABASE IF EXISTS {db}"])
            ref.psql(["-q", "-c", f"CREATE DATABASE {db}"])
            ref.database = db
            strata = harness.Stratad(args.stratad, extra_args=("-c", "autovacuum=off")).start()
            # The same database name on both, so current_database() and
            # `\c` agree.
            strata.psql(["-q", "-c", f"CREATE DATABASE {db}"])
            strata.database = db
            try:
                compare(os.path.relpath(path, HERE), ["-a", "-f", path])
            finally:
                code = strata.stop()
                if code not in (0, None):
                    print(f"FAIL stratad exited with {code} on SIGTERM after {path}")
                    failures += 1
                    print(strata.log_text())
                strata.cleanup()
                ref.database = "postgres"
        strata = main_strata
    finally:
        code = strata.stop()
        ref.cleanup()
        if code not in (0, None):
            print(f"FAIL stratad exited with {code} on SIGTERM")
            failures += 1
        if failures:
            print("---- stratad log ----")
            print(strata.log_text())
        strata.cleanup()
    print(f"{total - failures}/{total} psql comparisons identical")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
