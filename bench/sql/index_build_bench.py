#!/usr/bin/env python3
"""CREATE INDEX build time: stratad against PostgreSQL 15, side by side in one run.

index_bench.py's table (`lk (id bigint primary key, k int not null, v text)`,
--rows rows loaded with \\copy) is loaded once per server; then, alternating
between the servers (one at a time, so each has the machine's cores), each
repetition runs `create index lk_k on lk (k)` (psql's \\timing) and drops it
again. Besides wall-clock time, the CPU seconds the server process(es) used
during the statement are printed (/proc/<pid>/stat of stratad; of every
postgres process for the reference, whose parallel workers are processes):
on a shared, loaded machine CPU time is steadier than elapsed time.
--settings adds `set ...;` statements before each build on both servers
(e.g. "max_parallel_maintenance_workers = 0"). Nothing is asserted.
"""
import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import index_bench  # noqa: E402
from sql_bench import harness, psql, timed_psql  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(server):
    """utime + stime (+ waited-for children) of the server's processes."""
    total = 0
    if server.label == "stratad":
        pids = [server.proc.pid]
    else:
        pids = [p for p in (int(x) for x in os.listdir("/proc") if x.isdigit())
                if is_reference(p, server)]
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / TICKS


def is_reference(pid, server):
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read()
    except OSError:
        return False
    if not stat.split(" (", 1)[1].startswith("postgres"):
        return False
    if server.data_dir.encode() in cmd:
        return True  # the postmaster
    ppid = int(stat.rsplit(")", 1)[1].split()[1])
    try:
        with open(f"/proc/{ppid}/cmdline", "rb") as f:
            return server.data_dir.encode() in f.read()
    except OSError:
        return False


def build_once(server, settings, timeout):
    sets = [a for s in settings for a in ("-c", f"set {s}")]
    before = cpu_seconds(server)
    out = psql(server, sets + ["-c", "\\timing on", "-c", "create index lk_k on lk (k)"], timeout)
    cpu = cpu_seconds(server) - before
    t = re.findall(r"^Time: ([0-9.]+) ms", out, re.MULTILINE)
    psql(server, ["-c", "drop index lk_k"], timeout)
    return float(t[-1]) / 1000.0, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--stratad", default=os.path.join(HERE, "..", "..", "build", "server", "stratad"))
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=int, default=3600)
    ap.add_argument("--settings", action="append", default=[],
                    help="a setting for both servers' builds, e.g. 'maintenance_work_mem = 256MB'")
    ap.add_argument("--strata-settings", action="append", default=[],
                    help="a setting for stratad's builds only")
    ap.add_argument("--only", choices=["stratad", "postgres"], help="run one server only")
    ap.add_argument("--log-grep", help="print stratad's log lines holding this string at the end")
    args = ap.parse_args()

    tmpdir = tempfile.mkdtemp(prefix="index-build-bench-")
    os.chmod(tmpdir, 0o755)
    lookup_file = os.path.join(tmpdir, "lookup.tsv")
    servers = []
    try:
        print(f"generating {args.rows:,} rows ...", flush=True)
        index_bench.write_lookup_file(lookup_file, args.rows)
        if args.only != "postgres":
            s = harness.Stratad(os.path.abspath(args.stratad), own_session=True)
            s.label = "stratad"
            servers.append(s)
        if args.only != "stratad":
            p = harness.ReferencePostgres(durable=True)
            p.label = "postgres"
            servers.append(p)
        for server in servers:
            server.start()
            psql(server, ["-c", index_bench.LOOKUP_SCHEMA], 60)
            t = timed_psql(server, ["-c", f"\\copy lk from '{lookup_file}'"], args.timeout)
            print(f"  {server.label:9s} load {t:.2f} s"
                  + (f" (pid {server.proc.pid})" if server.label == "stratad" else ""), flush=True)
        results = {s.label: [] for s in servers}
        for rep in range(args.repeat):
            for server in servers:
                settings = args.settings + (args.strata_settings if server.label == "stratad" else [])
                wall, cpu = build_once(server, settings, args.timeout)
                results[server.label].append((wall, cpu))
                print(f"  {server.label:9s} build {rep + 1}: {wall:.2f} s wall, {cpu:.2f} s cpu",
                      flush=True)
        print()
        print(f"rows={args.rows:,} repeat={args.repeat} cores={os.cpu_count()} "
              f"settings={args.settings} strata_settings={args.strata_settings}")
        for label, r in results.items():
            walls = [w for w, _ in r]
            cpus = [c for _, c in r]
            print(f"{label:9s} CREATE INDEX wall median {statistics.median(walls):.2f} s "
                  f"(min {min(walls):.2f}), cpu median {statistics.median(cpus):.2f} s")
        if args.log_grep:
            for server in servers:
                if server.label == "stratad":
                    with open(server.log_path, errors="replace") as f:
                        for line in f:
                            if args.log_grep in line:
                                print(line.rstrip())
    finally:
        for server in servers:
            try:
                server.stop()
            finally:
                server.cleanup()
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
