#!/usr/bin/env python3
"""SQL benchmark: stratad against PostgreSQL 15, side by side in one run.

Both servers start fresh on this machine (same disk, loopback only) at their
default durability: stratad syncs its WAL at every commit, PostgreSQL runs with
fsync=on and synchronous_commit=on. Each phase runs against one server, then the
other, never both at once, and the table at the end gives every figure and the
ratio stratad / PostgreSQL (higher is better for stratad).

  COPY load        --rows rows with psql's \\copy (COPY FROM STDIN), one transaction
  INSERT load      the same rows as INSERT statements of --insert-batch rows each
  point select     pgbench -M prepared (extended protocol): SELECT by primary key
  range scan       pgbench -M prepared: 100 consecutive primary keys
  GROUP BY         SELECT grp, count(*), sum(amount) ... GROUP BY grp, best of 3

A phase that stratad cannot run yet (an unsupported statement) is reported as
such, with the server's error, and the run goes on. Nothing here is a test: the
figures are printed, never asserted.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

PGBENCH = os.path.join(harness.PG_BIN, "pgbench")

SCHEMA = ("create table {t} (id bigint primary key, grp int not null, "
          "amount float8, filler text)")


class PhaseError(Exception):
    pass


def filler(i):
    # 80 bytes that vary per row, so neither server stores a run of equal values.
    return (f"{i * 2654435761 % 4294967296:010d}" * 8)[:80]


def write_copy_file(path, rows):
    with open(path, "w") as f:
        for i in range(1, rows + 1):
            f.write(f"{i}\t{i % 1000}\t{(i * 7919) % 100000 / 100}\t{filler(i)}\n")


def write_insert_file(path, rows, batch):
    with open(path, "w") as f:
        for start in range(1, rows + 1, batch):
            end = min(rows, start + batch - 1)
            values = ",".join(f"({i},{i % 1000},{(i * 7919) % 100000 / 100},'{filler(i)}')"
                              for i in range(start, end + 1))
            f.write(f"insert into bench_ins values {values};\n")


def psql(server, args, timeout):
    code, out = server.psql(["-v", "ON_ERROR_STOP=1", "-q"] + args, timeout=timeout)
    if code != 0:
        errors = [l for l in out.splitlines() if "ERROR:" in l]
        raise PhaseError(errors[0] if errors else out.strip()[-300:] or f"psql exit {code}")
    return out


def timed_psql(server, args, timeout):
    start = time.monotonic()
    psql(server, args, timeout)
    return time.monotonic() - start


def pgbench(server, script, clients, seconds, tmpdir):
    path = os.path.join(tmpdir, "script.sql")
    with open(path, "w") as f:
        f.write(script)
    cmd = [PGBENCH, "-n", "-M", "prepared", "-h", server.host, "-p", str(server.port), "-U",
           server.user, "-c", str(clients), "-j", str(clients), "-T", str(seconds), "-f", path,
           server.database]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=seconds + 120)
    out = p.stdout.decode("utf-8", "replace")
    m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
    failed = re.search(r"number of failed transactions: ([1-9][0-9]*)", out)
    if p.returncode != 0 or m is None or failed:
        lines = [l for l in out.splitlines() if "ERROR" in l or "error" in l]
        raise PhaseError(lines[0] if lines else out.strip()[-300:])
    return float(m.group(1))


def run_phases(server, args, files, tmpdir):
    """Returns {phase: (value, unit) or PhaseError} for one server."""
    results = {}

    def phase(name, fn):
        try:
            results[name] = fn()
        except (PhaseError, subprocess.TimeoutExpired) as e:
            results[name] = PhaseError(str(e))
        print(f"  {server.label:10s} {name:14s} {fmt(results[name])}", flush=True)

    def copy_load():
        psql(server, ["-c", SCHEMA.format(t="bench")], 60)
        secs = timed_psql(server, ["-c", f"\\copy bench from '{files['copy']}'"], 3600)
        return (args.rows / secs, "rows/s")

    def copy_nonempty():
        # The same rows into a table that already holds one row: no bulk ingest, rows go
        # through the ordinary write path.
        psql(server, ["-c", SCHEMA.format(t="bench_ne"), "-c",
                      "insert into bench_ne values (0, 0, 0, 'x')"], 60)
        secs = timed_psql(server, ["-c", f"\\copy bench_ne from '{files['copy']}'"], 3600)
        return (args.rows / secs, "rows/s")

    def insert_load():
        psql(server, ["-c", SCHEMA.format(t="bench_ins")], 60)
        secs = timed_psql(server, ["-f", files["insert"]], 3600)
        return (args.rows / secs, "rows/s")

    def point_select():
        script = (f"\\set id random(1, {args.rows})\n"
                  "select amount, filler from bench where id = :id;\n")
        return (pgbench(server, script, args.clients, args.seconds, tmpdir), "queries/s")

    def range_scan():
        script = (f"\\set lo random(1, {max(1, args.rows - 100)})\n"
                  "select id, amount from bench where id >= :lo and id < :lo + 100;\n")
        return (pgbench(server, script, args.clients, args.seconds, tmpdir), "queries/s")

    def group_by():
        q = "select grp, count(*), sum(amount) from bench group by grp"
        # One session, psql's \timing per query (client round trip, no connection set-up).
        out = psql(server, ["-o", "/dev/null", "-c", "\\timing on", "-c", q, "-c", q, "-c", q], 3600)
        times = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", out, re.MULTILINE)]
        if len(times) != 3:
            raise PhaseError(f"expected 3 timings from psql, got: {out[-300:]}")
        return (1000.0 / min(times), "queries/s")

    all_phases = [("copy", "COPY load", copy_load), ("copyne", "COPY non-empty", copy_nonempty),
                  ("insert", "INSERT load", insert_load),
                  ("point", "point select", point_select), ("range", "range scan", range_scan),
                  ("groupby", "GROUP BY", group_by)]
    for key, name, fn in all_phases:
        if key in args.phases:
            phase(name, fn)
    return results


def fmt(r):
    if isinstance(r, PhaseError):
        return f"not run: {r}"
    value, unit = r
    return f"{value:,.1f} {unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--stratad", default=os.path.join(HERE, "..", "..", "build", "server", "stratad"))
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--insert-batch", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=2, help="pgbench clients (and threads)")
    ap.add_argument("--seconds", type=int, default=20, help="per pgbench phase")
    ap.add_argument("--phases", default="copy,insert,point,range,groupby",
                    help="comma-separated subset of copy,copyne,insert,point,range,groupby; the "
                         "select phases read the table the copy phase loads")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run the whole side-by-side comparison this many times")
    args = ap.parse_args()
    args.phases = set(args.phases.split(","))

    tmpdir = tempfile.mkdtemp(prefix="sql-bench-")
    os.chmod(tmpdir, 0o755)  # the reference server's psql \copy reads as this user, fine
    files = {"copy": os.path.join(tmpdir, "rows.tsv"), "insert": os.path.join(tmpdir, "inserts.sql")}
    print(f"generating {args.rows:,} rows ...", flush=True)
    write_copy_file(files["copy"], args.rows)
    if "insert" in args.phases:
        write_insert_file(files["insert"], args.rows, args.insert_batch)

    try:
        for rep in range(args.repeat):
            # Fresh servers each repetition: every COPY goes into a new, empty table.
            run_once(args, files, tmpdir, rep)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def run_once(args, files, tmpdir, rep):
    results = {}
    strata = harness.Stratad(os.path.abspath(args.stratad), own_session=True)
    strata.label = "stratad"
    ref = harness.ReferencePostgres(durable=True)
    ref.label = "postgres"
    try:
        for server in (strata, ref):
            server.start()
            try:
                results[server.label] = run_phases(server, args, files, tmpdir)
            finally:
                server.stop()
    finally:
        strata.cleanup()
        ref.cleanup()

    print()
    print(f"run {rep + 1}/{args.repeat}: rows={args.rows:,} insert_batch={args.insert_batch} "
          f"clients={args.clients} seconds={args.seconds} cores={os.cpu_count()}")
    print(f"{'phase':14s} {'stratad':>22s} {'postgres 15':>22s} {'ratio':>7s}")
    for name in results["stratad"]:
        s, p = results["stratad"][name], results["postgres"][name]
        ratio = "-" if isinstance(s, PhaseError) or isinstance(p, PhaseError) else f"{s[0] / p[0]:.2f}x"
        cell = lambda r: "not run" if isinstance(r, PhaseError) else f"{r[0]:,.0f} {r[1]}"
        print(f"{name:14s} {cell(s):>22s} {cell(p):>22s} {ratio:>7s}", flush=True)

if __name__ == "__main__":
    main()
