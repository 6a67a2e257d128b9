#!/usr/bin/env python3
"""The "options" startup parameter (PGOPTIONS) against stratad and PostgreSQL 15:
psql's output must be identical apart from the server's socket path."""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

CASES = [
    " -c intervalstyle=postgres_verbose",
    "-cintervalstyle=iso_8601 --DateStyle=German",
    r"-c application_name=a\ b",
    "-c geqo",
    "--geqo",
    "geqo=off",
    "-c",
    "-c timezone=nowhere",
    "-c no_such_parameter=1",
]
SOCKET = re.compile(r'socket "[^"]*"')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(args.stratad)
    failures = 0
    try:
        ref.start()
        strata.start()
        for options in CASES:
            query = "show intervalstyle; show datestyle; show application_name"
            outs = []
            for server in (ref, strata):
                code, out = server.psql(["-c", query], extra_env={"PGOPTIONS": options})
                outs.append((code, SOCKET.sub('socket "<socket>"', out)))
            if outs[0] != outs[1]:
                failures += 1
                print(f"FAIL PGOPTIONS={options!r}\n  postgres: {outs[0]}\n  stratad:  {outs[1]}")
    finally:
        ref.cleanup()
        strata.cleanup()
    print(f"startup options: {len(CASES) - failures}/{len(CASES)} identical")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
