#!/usr/bin/env python3
"""packaging/stratad.conf must be exactly what `stratad --sample-config`
prints (both come from the one parameter table), and `stratad
--describe-config` must have PostgreSQL's nine tab-separated columns with
PostgreSQL 15's context, group and vartype for every parameter PostgreSQL
also has. Regenerate the template with:
  build/server/stratad --sample-config > packaging/stratad.conf"""
import argparse
import subprocess
import sys

PG_POSTGRES = "/usr/lib/postgresql/15/bin/postgres"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    ap.add_argument("--template", required=True)
    args = ap.parse_args()
    failures = 0
    sample = subprocess.run([args.stratad, "--sample-config"], check=True,
                            stdout=subprocess.PIPE).stdout.decode()
    with open(args.template) as f:
        template = f.read()
    if sample != template:
        print(f"FAIL {args.template} differs from `stratad --sample-config`; regenerate it")
        failures += 1
    else:
        print("ok template matches --sample-config")

    ours = subprocess.run([args.stratad, "--describe-config"], check=True,
                          stdout=subprocess.PIPE).stdout.decode().splitlines()
    theirs = {}
    try:
        out = subprocess.run([PG_POSTGRES, "--describe-config"], check=True,
                             stdout=subprocess.PIPE).stdout.decode()
        for line in out.splitlines():
            f = line.split("\t")
            theirs[f[0]] = f
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"FAIL cannot run PostgreSQL's describe-config: {e}")
        failures += 1
    names = set()
    for line in ours:
        f = line.split("\t")
        if len(f) != 9:
            print(f"FAIL {len(f)} columns: {line!r}")
            failures += 1
            continue
        names.add(f[0])
        if f"#{f[0]} = " not in template:
            print(f"FAIL {f[0]} missing from the template")
            failures += 1
        ref = theirs.get(f[0])
        if ref is None:
            continue
        # name, context, group, vartype, ..., short_desc
        for col, label in ((1, "context"), (2, "group"), (3, "vartype"), (7, "short_desc")):
            if f[col] != ref[col]:
                print(f"FAIL {f[0]} {label}: ours {f[col]!r}, PostgreSQL {ref[col]!r}")
                failures += 1
        if ref[3] in ("INTEGER", "REAL") and (f[5], f[6]) != (ref[5], ref[6]):
            print(f"FAIL {f[0]} range: ours {f[5]}..{f[6]}, PostgreSQL {ref[5]}..{ref[6]}")
            failures += 1
    for required in ("port", "listen_addresses", "work_mem", "log_line_prefix",
                     "log_min_duration_statement", "metrics_port"):
        if required not in names:
            print(f"FAIL {required} not described")
            failures += 1
    print(f"{len(names)} parameters, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
