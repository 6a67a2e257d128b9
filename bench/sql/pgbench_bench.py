#!/usr/bin/env python3
"""The real pgbench 15 against stratad and PostgreSQL 15, side by side.

Both servers start fresh on this machine at their default durability
(stratad syncs its WAL at every commit; PostgreSQL runs with fsync=on and
synchronous_commit=on). For each server: `pgbench -i -s SCALE`, then the
builtin scripts, each for --seconds with --clients clients (simple query
protocol, pgbench's default):

  tpcb-like       pgbench's TPC-B-like transaction (3 updates, a select, an insert)
  simple-update   -N: tpcb-like without the tellers/branches updates
  select-only     -S: one primary-key select

and prints TPS, average latency and failed transactions for both, and the
ratio stratad / PostgreSQL (higher is better for stratad). Nothing here is a
test: the figures are printed, never asserted. A script that fails on a
server is reported with its error and the run goes on.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "integration"))
import harness  # noqa: E402

PGBENCH = os.path.join(harness.PG_BIN, "pgbench")
SCRIPTS = [("tpcb-like", ["-b", "tpcb-like"]), ("simple-update", ["-N"]), ("select-only", ["-S"])]


def run(server, args, timeout):
    cmd = [PGBENCH, "-h", server.host, "-p", str(server.port), "-U", server.user] + args + \
        [server.database]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def bench_server(server, opts):
    results = {}
    code, out = run(server, ["-i", "-q", "-s", str(opts.scale)], 3600)
    if code != 0:
        err = [l for l in out.splitlines() if "ERROR" in l or "error" in l]
        print(f"  {server.label:9s} init failed: {err[:1] or out[-300:]}")
        return {name: None for name, _ in SCRIPTS}
    for name, flags in SCRIPTS:
        code, out = run(server, flags + ["-c", str(opts.clients), "-j", str(opts.threads),
                                         "-T", str(opts.seconds)], opts.seconds + 300)
        tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out)
        lat = re.search(r"latency average = ([0-9.]+) ms", out)
        failed = re.search(r"number of failed transactions: ([0-9]+)", out)
        if code != 0 or tps is None:
            err = [l for l in out.splitlines() if "ERROR" in l or "error" in l]
            print(f"  {server.label:9s} {name:14s} failed: {err[:1] or out[-300:]}")
            results[name] = None
            continue
        results[name] = (float(tps.group(1)), float(lat.group(1)) if lat else 0.0,
                         int(failed.group(1)) if failed else 0)
        print(f"  {server.label:9s} {name:14s} {results[name][0]:10,.1f} tps "
              f"{results[name][1]:8.2f} ms  failed {results[name][2]}", flush=True)
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--stratad", default=os.path.join(HERE, "..", "..", "build", "server", "stratad"))
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--threads", type=int, default=2, help="pgbench -j")
    ap.add_argument("--seconds", type=int, default=60, help="per script")
    opts = ap.parse_args()

    strata = harness.Stratad(os.path.abspath(opts.stratad), own_session=True)
    strata.label = "stratad"
    ref = harness.ReferencePostgres(durable=True)
    ref.label = "postgres"
    results = {}
    try:
        for server in (strata, ref):
            server.start()
            try:
                results[server.label] = bench_server(server, opts)
            finally:
                server.stop()
    finally:
        strata.cleanup()
        ref.cleanup()

    print()
    print(f"scale={opts.scale} clients={opts.clients} threads={opts.threads} "
          f"seconds={opts.seconds} cores={os.cpu_count()}")
    print(f"{'script':14s} {'stratad tps':>12s} {'lat ms':>8s} {'postgres tps':>13s} {'lat ms':>8s} "
          f"{'ratio':>7s} {'failed s/p':>10s}")
    for name, _ in SCRIPTS:
        s, p = results["stratad"].get(name), results["postgres"].get(name)
        if s is None or p is None:
            print(f"{name:14s} {'-' if s is None else f'{s[0]:,.0f}':>12s}")
            continue
        print(f"{name:14s} {s[0]:12,.0f} {s[1]:8.2f} {p[0]:13,.0f} {p[1]:8.2f} "
              f"{s[0] / p[0]:6.2f}x {s[2]:>5d}/{p[2]:<4d}")


if __name__ == "__main__":
    main()
