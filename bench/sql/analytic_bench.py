#!/usr/bin/env python3
"""Analytic SQL benchmark: stratad against PostgreSQL 15, side by side in one run.

Two tables of --rows rows each are loaded with psql's \\copy into both servers
(fresh, on this machine, loopback only, default settings -- work_mem 4MB on
both, so the big operators spill to disk):

  facts (id bigint primary key, dim_id int, grp int, amount float8, tag text)
  dims  (id int primary key, category int, label text)

then each query runs --repeat times in one psql session (\\timing), the best
time is kept:

  join+agg     2-way hash join facts x dims with a GROUP BY over the result
  window       row_number() over (partition by grp order by amount), summed
  sort         the whole of facts ordered by amount (OFFSET rows-1: one row back)
  count dist.  COUNT(DISTINCT tag)

The table gives both times and the ratio postgres / stratad (higher is better
for stratad). Nothing here is a test: figures are printed, never asserted; a
query a server cannot run is reported with its error.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402


class QueryError(Exception):
    pass


def write_files(tmpdir, rows):
    facts = os.path.join(tmpdir, "facts.tsv")
    dims = os.path.join(tmpdir, "dims.tsv")
    with open(facts, "w") as f:
        for i in range(1, rows + 1):
            h = i * 2654435761 % 4294967296
            f.write(f"{i}\t{h % rows + 1}\t{i % 1000}\t{h % 1000003 / 100}\ttag{h % (rows // 4 + 1)}\n")
    with open(dims, "w") as f:
        for i in range(1, rows + 1):
            f.write(f"{i}\t{i % 97}\tlabel{i % 5000}\n")
    return facts, dims


QUERIES = [
    ("join+agg", "select d.category, count(*), sum(f.amount) from facts f join dims d "
                 "on f.dim_id = d.id group by d.category"),
    ("window", "select sum(rn) from (select row_number() over (partition by grp order by amount) "
               "as rn from facts) s"),
    ("sort", "select id, amount from facts order by amount, id offset {last}"),
    ("count dist.", "select count(distinct tag) from facts"),
]


def psql(server, args, timeout):
    code, out = server.psql(["-v", "ON_ERROR_STOP=1", "-q"] + args, timeout=timeout)
    if code != 0:
        errors = [l for l in out.splitlines() if "ERROR:" in l]
        raise QueryError(errors[0] if errors else out.strip()[-300:] or f"psql exit {code}")
    return out


def run_server(server, args, facts, dims):
    results = {}
    start = time.monotonic()
    psql(server, ["-c", "create table facts (id bigint primary key, dim_id int, grp int, "
                        "amount float8, tag text)",
                  "-c", "create table dims (id int primary key, category int, label text)",
                  "-c", f"\\copy facts from '{facts}'", "-c", f"\\copy dims from '{dims}'",
                  "-c", "analyze facts", "-c", "analyze dims"], 7200)
    print(f"  {server.label:9s} load {time.monotonic() - start:8.1f} s", flush=True)
    for name, q in QUERIES:
        q = q.format(last=args.rows - 1)
        try:
            out = psql(server, ["-o", "/dev/null", "-c", "\\timing on"] +
                       [x for _ in range(args.repeat) for x in ("-c", q)], 7200)
            times = [float(t) for t in re.findall(r"^Time: ([0-9.]+) ms", out, re.MULTILINE)]
            if len(times) != args.repeat:
                raise QueryError(f"expected {args.repeat} timings, got: {out[-300:]}")
            results[name] = min(times)
        except QueryError as e:
            results[name] = e
        r = results[name]
        print(f"  {server.label:9s} {name:12s} "
              f"{'not run: ' + str(r) if isinstance(r, QueryError) else f'{r:10.1f} ms'}",
              flush=True)
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--stratad", default=os.path.join(HERE, "..", "..", "build", "server", "stratad"))
    ap.add_argument("--rows", type=int, default=10_000_000, help="rows in each of the two tables")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (best is kept)")
    args = ap.parse_args()

    tmpdir = tempfile.mkdtemp(prefix="analytic-bench-")
    os.chmod(tmpdir, 0o755)
    try:
        print(f"generating 2 x {args.rows:,} rows ...", flush=True)
        facts, dims = write_files(tmpdir, args.rows)
        results = {}
        strata = harness.Stratad(os.path.abspath(args.stratad), own_session=True)
        strata.label = "stratad"
        ref = harness.ReferencePostgres(durable=True)
        ref.label = "postgres"
        try:
            for server in (strata, ref):
                server.start()
                try:
                    results[server.label] = run_server(server, args, facts, dims)
                finally:
                    server.stop()
        finally:
            strata.cleanup()
            ref.cleanup()
        print()
        print(f"rows={args.rows:,} (each table) repeat={args.repeat} cores={os.cpu_count()}")
        print(f"{'query':12s} {'stratad ms':>12s} {'postgres ms':>12s} {'pg/strata':>10s}")
        for name, _ in QUERIES:
            s, p = results["stratad"][name], results["postgres"][name]
            cell = lambda r: "not run" if isinstance(r, QueryError) else f"{r:,.1f}"
            ratio = ("-" if isinstance(s, QueryError) or isinstance(p, QueryError)
                     else f"{p / s:.2f}x")
            print(f"{name:12s} {cell(s):>12s} {cell(p):>12s} {ratio:>10s}", flush=True)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
