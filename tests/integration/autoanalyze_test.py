#!/usr/bin/env python3
"""Background statistics work of a running stratad:

autoanalyze -- with autovacuum_naptime=1 a table whose changed rows pass
autovacuum_analyze_threshold + autovacuum_analyze_scale_factor * reltuples
is analyzed in the background (pg_stat_user_tables.last_autoanalyze,
autoanalyze_count, n_mod_since_analyze back to 0, pg_stats filled); fewer
changes leave it alone; a table whose lock another transaction holds
(SHARE UPDATE EXCLUSIVE conflicts) is skipped until the lock is free;
autovacuum=off turns it off; the server still stops cleanly and at once.

pg_stat_progress_create_index -- while a large CREATE INDEX runs in one
session, another sees its row (command, phase, relid, index_relid,
tuples); the row is gone once the build ends."""
import argparse
import os
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402

checks = harness.Checks()
check = checks.check


def run(s, sql):
    code, out = s.psql(["-v", "ON_ERROR_STOP=1", "-Atc", sql])
    if code:
        raise RuntimeError(f"{sql}: {out}")
    return out.strip()


def data_row(body):
    """A DataRow message's values as str (None for NULL)."""
    (n,) = struct.unpack("!H", body[:2])
    pos, out = 2, []
    for _ in range(n):
        (length,) = struct.unpack("!i", body[pos:pos + 4])
        pos += 4
        if length < 0:
            out.append(None)
        else:
            out.append(body[pos:pos + length].decode())
            pos += length
    return out


def wait_for(fn, timeout=30.0, interval=0.2):
    """Polls fn() until it returns a true value; returns the last value."""
    deadline = time.time() + timeout
    value = fn()
    while not value and time.time() < deadline:
        time.sleep(interval)
        value = fn()
    return value


def stat_row(s, table):
    return run(s, "select n_mod_since_analyze, autoanalyze_count, last_autoanalyze is not null, "
                  f"analyze_count from pg_stat_user_tables where relname = '{table}'")


def check_autoanalyze(binary):
    s = harness.Stratad(binary, extra_args=["-c", "autovacuum_naptime=1"]).start()
    try:
        check(run(s, "show autovacuum_naptime") == "1s", "autovacuum_naptime from the command line",
              run(s, "show autovacuum_naptime"))
        check(run(s, "show autovacuum") == "on", "autovacuum is on by default")
        check(run(s, "select setting from pg_settings where name = "
                     "'autovacuum_analyze_threshold'") == "50", "autovacuum_analyze_threshold")
        run(s, "create table aa (id int primary key, v int)")
        run(s, "insert into aa select g, g % 10 from generate_series(1, 200) g")
        # 200 changed rows > 50 + 0.1 * 0: analyzed within a few naptimes.
        row = wait_for(lambda: stat_row(s, "aa").endswith("|1|t|0") and stat_row(s, "aa"))
        check(row == "0|1|t|0", "a table past the threshold is analyzed in the background",
              stat_row(s, "aa"))
        check(run(s, "select n_distinct, most_common_vals from pg_stats "
                     "where tablename = 'aa' and attname = 'v'") ==
              "10|{0,1,2,3,4,5,6,7,8,9}", "pg_stats filled by autoanalyze")
        check(run(s, "select reltuples from pg_class where relname = 'aa'") == "200",
              "reltuples set by autoanalyze")
        # Now the threshold is 50 + 0.1 * 200 = 70 changes: 60 are not enough.
        run(s, "update aa set v = v + 1 where id <= 60")
        time.sleep(3)
        check(stat_row(s, "aa") == "60|1|t|0", "fewer changes than the threshold: left alone",
              stat_row(s, "aa"))
        # A lock that conflicts with ANALYZE's: skipped while it is held.
        holder = pgwire.Connection(unix_path=s.socket_path())
        holder.startup()
        holder.read_until_ready()
        holder.query("begin")
        holder.query("lock table aa in share update exclusive mode")
        run(s, "delete from aa where id > 180")  # 80 changes now
        time.sleep(3)
        check(stat_row(s, "aa") == "80|1|t|0", "a table whose lock is taken is skipped",
              stat_row(s, "aa"))
        holder.query("commit")
        holder.close()
        row = wait_for(lambda: stat_row(s, "aa").startswith("0|2|") and stat_row(s, "aa"))
        check(row == "0|2|t|0", "analyzed once the lock is free", stat_row(s, "aa"))
        check(run(s, "select reltuples from pg_class where relname = 'aa'") == "180",
              "reltuples after the second autoanalyze")
        # Manual ANALYZE counts apart.
        run(s, "analyze aa")
        check(stat_row(s, "aa") == "0|2|t|1", "manual ANALYZE counts in analyze_count")
        # Temporary tables are left to their session (a psql session ends
        # with its temporary table; only the absence of errors is checked).
        run(s, "create temp table tt as select g from generate_series(1, 500) g")
        start = time.time()
        code = s.stop()
        check(code == 0 and time.time() - start < 10, "clean, prompt shutdown with autovacuum on",
              f"exit {code} after {time.time() - start:.1f}s")
        log = s.log_text()
        check(not any("automatic analyze" in line and "failed" in line
                      for line in log.splitlines()),
              "no failed automatic analyze in the log", log[-2000:])
    finally:
        s.cleanup()

    # autovacuum=off: nothing is analyzed.
    s = harness.Stratad(binary, extra_args=["-c", "autovacuum_naptime=1",
                                            "-c", "autovacuum=off"]).start()
    try:
        run(s, "create table ab (id int)")
        run(s, "insert into ab select g from generate_series(1, 300) g")
        time.sleep(3)
        check(stat_row(s, "ab") == "300|0|f|0", "autovacuum=off: no autoanalyze",
              stat_row(s, "ab"))
        check(run(s, "select count(*) from pg_stats where tablename = 'ab'") == "0",
              "autovacuum=off: no statistics")
    finally:
        s.stop()
        s.cleanup()


def check_create_index_progress(binary):
    s = harness.Stratad(binary).start()
    try:
        run(s, "create table big (id int, t text)")
        run(s, "insert into big select g, md5(g::text) from generate_series(1, 1500000) g")
        oid = run(s, "select oid from pg_class where relname = 'big'")
        result = {}

        def build():
            result["out"] = s.psql(["-v", "ON_ERROR_STOP=1", "-Atc",
                                    "set maintenance_work_mem = '1MB'; "
                                    "create index big_t on big (t)"])

        thread = threading.Thread(target=build)
        thread.start()
        watcher = pgwire.Connection(unix_path=s.socket_path())
        watcher.startup()
        watcher.read_until_ready()
        seen = []
        query = ("select relid, index_relid <> 0, command, phase, tuples_total >= tuples_done, "
                 "datname from pg_stat_progress_create_index")
        while thread.is_alive():
            for m in watcher.query(query):
                if m.kind == b"D":
                    seen.append(data_row(m.body))
        thread.join()
        code, out = result["out"]
        check(code == 0, "CREATE INDEX of 1.5M rows succeeds", out)
        check(len(seen) > 0, "pg_stat_progress_create_index shows the running build")
        if seen:
            first = seen[0]
            check(first[0] == oid and first[1] == "t" and first[2] == "CREATE INDEX" and
                  first[4] == "t" and first[5] == "postgres",
                  "its relid, index_relid, command and counts", str(first))
            phases = {f[3] for f in seen}
            known = {"initializing", "building index: scanning table",
                     "building index: sorting live tuples",
                     "building index: loading tuples in tree"}
            check(phases <= known and len(phases) >= 1, "PostgreSQL's phase names",
                  str(phases))
        after = [m for m in watcher.query(query) if m.kind == b"D"]
        check(after == [], "the row is gone once the build ended", str(after))
        watcher.close()
    finally:
        s.stop()
        s.cleanup()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    check_autoanalyze(args.stratad)
    check_create_index_progress(args.stratad)
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
