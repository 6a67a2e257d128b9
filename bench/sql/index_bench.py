#!/usr/bin/env python3
"""Secondary-index benchmark: stratad against PostgreSQL 15, side by side in one run.

Both servers start fresh on this machine (same disk, loopback only) at their
default durability (stratad syncs its WAL at every commit; PostgreSQL runs with
fsync=on and synchronous_commit=on) and default memory settings: PostgreSQL's
128 MB shared_buffers with the kernel's page cache behind it (uncompressed
pages), stratad's block cache at its automatic size (a quarter of memory; the
page cache behind it holds compressed blocks, which every block-cache miss
must decompress). The insert load is the exception, because the issue asks for
data that outgrows memory: stratad runs with --insert-block-cache (128 MB by
default; the 4M rows take some 500 MB, 4x that), and each server runs in a
memory cgroup of --insert-memory (512 MB by default, page cache included; see
memory_limit.py), standing for a machine that size. PostgreSQL's table and
indexes (some 1.2 GB) then outgrow its 128 MB shared_buffers and the memory
behind them, as on a machine whose data is larger than its RAM; without the
cgroup this machine's page cache would hold them all. --insert-memory none
runs without it. Each phase runs against one server, then the other, never
both at once; insert and lookup phases on fresh servers.

  insert load    --insert-rows rows into a table with 3 secondary indexes, from
                 --clients pgbench clients, each transaction an INSERT ... SELECT
                 of 1000 rows with random index keys (server-side random() and
                 md5(), the same work on both servers). pgbench's progress lines
                 give rows/s over time, reported per quarter of the rows inserted:
                 the last quarter is the rate once table and indexes have grown
                 past both servers' caches. The size the table reached and, for
                 stratad, its write amplification (bytes flushed and compacted per
                 byte written, from pg_stat_lsm) are printed.
  index build    CREATE INDEX on an int column of a --rows-row table loaded with
                 \\copy (one statement, psql's \\timing).
  index lookup   pgbench -M prepared: equality on the indexed column (one row).
  index range    pgbench -M prepared: a 100-value range of the indexed column
                 (100 rows scattered over the table).
  index max      pgbench -M prepared: max() of the indexed column below a random
                 bound (both servers read one entry from the end of the range).

The table at the end gives each figure and the ratio stratad / PostgreSQL (higher
is better for stratad; for the build, PostgreSQL's time / stratad's). Nothing
here is a test: the figures are printed, never asserted.
"""
import argparse
import contextlib
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import memory_limit  # noqa: E402
import sql_bench  # noqa: E402
from sql_bench import PGBENCH, PhaseError, harness, pgbench, psql, timed_psql  # noqa: E402

INSERT_SCHEMA = ("create table ins (id bigserial primary key, a int, b int, c text, pad text); "
                 "create index ins_a on ins (a); create index ins_b on ins (b); "
                 "create index ins_c on ins (c)")
INSERT_BATCH = 1000
INSERT_SCRIPT = (
    "insert into ins (a, b, c, pad) "
    "select (random() * 2147483647)::int, (random() * 2147483647)::int, md5(random()::text), "
    "md5(random()::text) || md5(random()::text) "
    f"from generate_series(1, {INSERT_BATCH});\n")

LOOKUP_SCHEMA = "create table lk (id bigint primary key, k int not null, v text)"


def key_multiplier(rows):
    """A multiplier coprime with `rows`, so that id -> (id * m) % rows is a
    permutation: every k in 1..rows appears exactly once."""
    m = 7919
    while math.gcd(m, rows) != 1:
        m += 2
    return m


def write_lookup_file(path, rows):
    m = key_multiplier(rows)
    with open(path, "w") as f:
        for i in range(1, rows + 1):
            f.write(f"{i}\t{(i * m) % rows + 1}\tvalue-{i:012d}-{(i * 2654435761) % 4294967296:010d}\n")


def insert_load(server, args, tmpdir):
    """Returns ([rows/s per quarter of the rows], overall rows/s, log lines)."""
    psql(server, ["-c", INSERT_SCHEMA], 120)
    path = os.path.join(tmpdir, "insert.sql")
    with open(path, "w") as f:
        f.write(INSERT_SCRIPT)
    per_client = max(1, args.insert_rows // INSERT_BATCH // args.clients)
    cmd = [PGBENCH, "-n", "-M", "prepared", "-h", server.host, "-p", str(server.port), "-U",
           server.user, "-c", str(args.clients), "-j", str(args.clients), "-t", str(per_client),
           "-P", str(args.progress), "-f", path, server.database]
    started = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=args.timeout)
    elapsed = time.monotonic() - started
    out = p.stdout.decode("utf-8", "replace")
    m = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
    if p.returncode != 0 or m is None:
        lines = [l for l in out.splitlines() if "ERROR" in l or "error" in l]
        raise PhaseError(lines[0] if lines else out.strip()[-300:])
    total_rows = per_client * args.clients * INSERT_BATCH
    # "progress: 10.0 s, 52.3 tps, lat ..." every --progress seconds.
    samples = [(float(t), float(tps)) for t, tps in
               re.findall(r"^progress: ([0-9.]+) s, ([0-9.]+) tps", out, re.MULTILINE)]
    # The rows after the last progress line, over the time pgbench ran on.
    reported = sum(tps * INSERT_BATCH * (t - t0) for (t, tps), t0 in
                   zip(samples, [0.0] + [t for t, _ in samples[:-1]]))
    last_t = samples[-1][0] if samples else 0.0
    if total_rows > reported and elapsed > last_t:
        samples.append((elapsed, (total_rows - reported) / INSERT_BATCH / (elapsed - last_t)))
    quarters = [[0.0, 0.0] for _ in range(4)]  # rows, seconds
    done, last_t = 0.0, 0.0
    for t, tps in samples:
        rows = tps * INSERT_BATCH * (t - last_t)
        q = min(3, int(4 * done / total_rows))
        quarters[q][0] += rows
        quarters[q][1] += t - last_t
        done, last_t = done + rows, t
    rates = [r / s if s > 0 else float("nan") for r, s in quarters]
    return rates, float(m.group(1)) * INSERT_BATCH


def relation_bytes(server, table):
    out = psql(server, ["-At", "-c", f"select pg_total_relation_size('{table}')"], 120)
    return int(out.strip().splitlines()[-1])


def strata_write_amplification(server, table):
    """(flush + compaction bytes written) / user bytes written over the trees of
    `table` and its indexes, from pg_stat_lsm (one row per tree and level)."""
    q = ("select sum(flush_bytes_written + compaction_bytes_written)::float8 / "
         "nullif(sum(user_bytes_written), 0) from (select distinct tree_id, user_bytes_written, "
         "flush_bytes_written, compaction_bytes_written from pg_stat_lsm where relid in "
         f"(select '{table}'::regclass union select indexrelid from pg_index "
         f"where indrelid = '{table}'::regclass)) t")
    out = psql(server, ["-At", "-c", q], 120).strip().splitlines()
    return float(out[-1]) if out and out[-1] else float("nan")


def run_server(server, args, lookup_file, tmpdir):
    res = {}

    def phase(name, fn):
        try:
            res[name] = fn()
        except (PhaseError, subprocess.TimeoutExpired) as e:
            res[name] = PhaseError(str(e))
        print(f"  {server.label:10s} {name:14s} {res[name]!r}", flush=True)

    if "insert" in args.phases:
        phase("insert", lambda: insert_load(server, args, tmpdir))
        phase("insert size", lambda: relation_bytes(server, "ins"))
        if server.label == "stratad":
            phase("write amp", lambda: strata_write_amplification(server, "ins"))
    if "lookup" in args.phases:
        def load():
            psql(server, ["-c", LOOKUP_SCHEMA], 60)
            return timed_psql(server, ["-c", f"\\copy lk from '{lookup_file}'"], args.timeout)

        def build():
            out = psql(server, ["-c", "\\timing on", "-c", "create index lk_k on lk (k)"],
                       args.timeout)
            t = re.findall(r"^Time: ([0-9.]+) ms", out, re.MULTILINE)
            if not t:
                raise PhaseError(f"no timing from psql: {out[-300:]}")
            psql(server, ["-c", "analyze lk"], args.timeout)
            return float(t[-1]) / 1000.0

        phase("load", load)
        phase("build", build)
        n = args.rows
        phase("lookup", lambda: pgbench(
            server, f"\\set k random(1, {n})\nselect id, v from lk where k = :k;\n",
            args.clients, args.seconds, tmpdir))
        phase("range", lambda: pgbench(
            server, f"\\set k random(1, {max(1, n - 100)})\n"
            "select id, v from lk where k >= :k and k < :k + 100;\n",
            args.clients, args.seconds, tmpdir))
        phase("max", lambda: pgbench(
            server, f"\\set k random(2, {n})\nselect max(k) from lk where k < :k;\n",
            args.clients, args.seconds, tmpdir))
    return res


def cell(r, fmt):
    return "not run" if isinstance(r, PhaseError) or r is None else fmt(r)


def ratio(s, p, inverse=False):
    if isinstance(s, PhaseError) or isinstance(p, PhaseError) or s is None or p is None:
        return "-"
    if not s or not p or math.isnan(s) or math.isnan(p):
        return "-"
    return f"{(p / s if inverse else s / p):.2f}x"


def report(results, args, rep):
    s, p = results["stratad"], results["postgres"]
    print()
    print(f"run {rep + 1}/{args.repeat}: insert_rows={args.insert_rows:,} rows={args.rows:,} "
          f"clients={args.clients} seconds={args.seconds} cores={os.cpu_count()}")
    print(f"{'phase':26s} {'stratad':>18s} {'postgres 15':>18s} {'ratio':>7s}")
    if "insert" in args.phases:
        si, pi = s.get("insert"), p.get("insert")
        for q in range(4):
            sv = None if isinstance(si, PhaseError) or si is None else si[0][q]
            pv = None if isinstance(pi, PhaseError) or pi is None else pi[0][q]
            print(f"{'insert rows/s, quarter ' + str(q + 1):26s} {cell(sv, '{:,.0f}'.format):>18s} "
                  f"{cell(pv, '{:,.0f}'.format):>18s} {ratio(sv, pv):>7s}")
        sv = None if isinstance(si, PhaseError) or si is None else si[1]
        pv = None if isinstance(pi, PhaseError) or pi is None else pi[1]
        print(f"{'insert rows/s, overall':26s} {cell(sv, '{:,.0f}'.format):>18s} "
              f"{cell(pv, '{:,.0f}'.format):>18s} {ratio(sv, pv):>7s}")
        mb = lambda b: f"{b / 1048576:,.0f} MB"
        print(f"{'table + indexes size':26s} {cell(s.get('insert size'), mb):>18s} "
              f"{cell(p.get('insert size'), mb):>18s}")
        print(f"{'write amplification':26s} {cell(s.get('write amp'), '{:.2f}'.format):>18s}")
        if args.insert_memory != "none":
            print(f"{'peak memory (cgroup)':26s} {cell(s.get('peak memory'), mb):>18s} "
                  f"{cell(p.get('peak memory'), mb):>18s}   (limit {args.insert_memory})")
    if "lookup" in args.phases:
        secs = lambda v: f"{v:.2f} s"
        print(f"{'COPY load of ' + format(args.rows, ',') + ' rows':26s} "
              f"{cell(s.get('load'), secs):>18s} {cell(p.get('load'), secs):>18s} "
              f"{ratio(s.get('load'), p.get('load'), inverse=True):>7s}")
        print(f"{'CREATE INDEX':26s} {cell(s.get('build'), secs):>18s} "
              f"{cell(p.get('build'), secs):>18s} "
              f"{ratio(s.get('build'), p.get('build'), inverse=True):>7s}")
        qps = lambda v: f"{v:,.0f} q/s"
        labels = {"lookup": "index lookup (k = $1)", "range": "index range (100 keys)",
                  "max": "index max (k < $1)"}
        for name, label in labels.items():
            print(f"{label:26s} {cell(s.get(name), qps):>18s} {cell(p.get(name), qps):>18s} "
                  f"{ratio(s.get(name), p.get(name)):>7s}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--stratad", default=os.path.join(HERE, "..", "..", "build", "server", "stratad"))
    ap.add_argument("--insert-rows", type=int, default=4_000_000,
                    help="rows of the insert load (the default grows PostgreSQL's table and indexes past "
                         "1 GB and stratad's to 500 MB, 4x --insert-block-cache)")
    ap.add_argument("--rows", type=int, default=10_000_000, help="rows of the lookup table")
    ap.add_argument("--clients", type=int, default=2, help="pgbench clients (and threads)")
    ap.add_argument("--seconds", type=int, default=20, help="per lookup phase")
    ap.add_argument("--progress", type=int, default=2, help="pgbench -P interval of the insert load")
    ap.add_argument("--timeout", type=int, default=3600, help="per statement or load, seconds")
    ap.add_argument("--phases", default="insert,lookup", help="comma-separated subset of insert,lookup")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--insert-block-cache", default="128MB",
                    help="stratad's block_cache_size during the insert load")
    ap.add_argument("--insert-memory", default="512MB",
                    help="memory (a memory cgroup, page cache included) each server gets during "
                         "the insert load, standing for a machine that size; 'none' for all of "
                         "this machine's")
    args = ap.parse_args()
    args.phases = set(args.phases.split(","))
    if "insert" in args.phases and args.insert_memory != "none":
        why = memory_limit.available()
        if why:
            ap.error(f"--insert-memory {args.insert_memory} needs a memory cgroup: {why}; "
                     "pass --insert-memory none to run with all of this machine's memory")

    tmpdir = tempfile.mkdtemp(prefix="index-bench-")
    os.chmod(tmpdir, 0o755)  # the reference server's psql reads the file as this user
    lookup_file = os.path.join(tmpdir, "lookup.tsv")
    try:
        if "lookup" in args.phases:
            print(f"generating {args.rows:,} rows ...", flush=True)
            write_lookup_file(lookup_file, args.rows)
        for rep in range(args.repeat):
            results = {}
            for group in (["insert"], ["lookup"]):
                if not args.phases.intersection(group):
                    continue
                extra = (["-c", f"block_cache_size={args.insert_block_cache}"]
                         if group == ["insert"] else [])
                strata = harness.Stratad(os.path.abspath(args.stratad), extra_args=extra,
                                         own_session=True)
                strata.label = "stratad"
                ref = harness.ReferencePostgres(durable=True)
                ref.label = "postgres"
                group_args = argparse.Namespace(**vars(args))
                group_args.phases = args.phases.intersection(group)
                try:
                    for server in (strata, ref):
                        limit = None
                        if group == ["insert"] and args.insert_memory != "none":
                            limit = memory_limit.MemoryLimit(
                                f"index-bench-{server.label}",
                                memory_limit.parse_size(args.insert_memory))
                        try:
                            with limit.entered() if limit else contextlib.nullcontext():
                                server.start()
                            try:
                                results.setdefault(server.label, {}).update(
                                    run_server(server, group_args, lookup_file, tmpdir))
                            finally:
                                server.stop()
                            if limit:
                                results[server.label]["peak memory"] = limit.peak_bytes()
                        finally:
                            if limit:
                                limit.remove()
                finally:
                    strata.cleanup()
                    ref.cleanup()
            report(results, args, rep)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
