#!/usr/bin/env python3
"""The Prometheus endpoint: stratad with metrics_port set serves GET /metrics
on 127.0.0.1 (listen_addresses); the text parses as Prometheus' exposition
format, has the expected families, and its counters move with the load."""
import argparse
import os
import re
import sys
import threading
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402

checks = harness.Checks()
check = checks.check
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"'
                    r'(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*)?\})? '
                    r'(-?[0-9.eE+-]+|\+Inf|NaN)$')


def scrape(port, path="/metrics"):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return r.status, r.headers.get("Content-Type"), r.read().decode()


def parse(text):
    samples, types = {}, {}
    for line in text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, kind = line.split(" ", 3)
            types[name] = kind
            continue
        if line.startswith("#") or not line:
            continue
        m = SAMPLE.match(line)
        if not m:
            raise ValueError(f"bad sample line: {line!r}")
        samples[m.group(1) + (m.group(2) or "")] = float(m.group(5))
    return samples, types


def concurrent_commits(s, clients, per_client):
    """`clients` sessions, each committing `per_client` single-row inserts at once."""
    errors = []

    def run(n):
        try:
            c = pgwire.Connection(unix_path=s.socket_path())
            c.startup()
            c.read_until_ready()
            for i in range(per_client):
                msgs = c.query(f"insert into gc values ({n * per_client + i})")
                if any(m.kind == b"E" for m in msgs):
                    errors.append(msgs)
            c.close()
        except Exception as e:  # noqa: BLE001 -- reported as a failed check
            errors.append(e)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def check_group_commit(s, port):
    """Concurrent committers share WAL writes: the batch-size histogram shows
    groups of more than one commit, and its buckets are consistent."""
    s.psql(["-c", "create table gc (a int primary key)"])
    before, types = parse(scrape(port)[2])
    check(types.get("strata_group_commit_batch_size") == "histogram", "batch-size histogram type")
    errors = concurrent_commits(s, 16, 40)
    check(not errors, "concurrent commits succeed", str(errors[:3]))
    after, _ = parse(scrape(port)[2])
    d = lambda k: after.get(k, 0) - before.get(k, 0)  # noqa: E731
    b = 'strata_group_commit_batch_size_bucket{le="%s"}'
    count = d("strata_group_commit_batch_size_count")
    total = d("strata_group_commit_batch_size_sum")
    check(total >= 640, "every commit is in the histogram's sum", f"{total}")
    check(count == d(b % "+Inf") and count == d("strata_group_commit_batches_total"),
          "count = +Inf bucket = group writes", f"{count}")
    buckets = [after.get(b % le, -1) for le in ("1", "2", "4", "8", "16", "32", "64", "+Inf")]
    check(all(x <= y for x, y in zip(buckets, buckets[1:])), "buckets are cumulative",
          str(buckets))
    # Groups of more than one commit: fewer groups than commits, and some
    # group above the le="1" bucket.
    check(count < total and d(b % "+Inf") - d(b % "1") > 0,
          "a concurrent commit load gives groups of more than one commit",
          f"groups={count} commits={total} le1={d(b % '1')}")


def check_tree_counters(s, port):
    """Per-tree figures: bytes written, flushed and compacted, write
    amplification, block-cache and Bloom-filter counts, in the endpoint and
    in pg_stat_lsm."""
    s.psql(["-c", "create table tc (a int primary key, b text); "
                  "insert into tc select g, repeat('x', 100) from generate_series(1, 2000) g"])
    code, tree = s.psql(["-Atc", "select distinct tree_name from pg_stat_lsm where relid = "
                                 "(select oid from pg_class where relname = 'tc')"])
    tree = tree.strip()
    check(code == 0 and tree.startswith("rel_"), "the table's tree in pg_stat_lsm", tree)
    code, out = s.psql(["-Atc", "select strata_compact((select oid from pg_class "
                                "where relname = 'tc'))"])
    check(code == 0, "compact the table", out)
    # Point reads of present and absent keys go through the SSTables now.
    s.psql(["-c", "select b from tc where a = 5; select b from tc where a = 1500; "
                  "select b from tc where a = 99999; select count(*) from tc"])
    m, _ = parse(scrape(port)[2])
    lab = '{tree="%s"}' % tree
    user = m.get("strata_lsm_user_bytes_written_total" + lab, 0)
    written = (m.get("strata_lsm_flush_bytes_written_total" + lab, 0)
               + m.get("strata_lsm_compaction_bytes_written_total" + lab, 0))
    check(user >= 2000 * 100, "user bytes of the tree", str(user))
    check(m.get("strata_lsm_flush_bytes_written_total" + lab, 0) > 0, "tree flush bytes")
    wa = m.get("strata_lsm_write_amplification" + lab, -1)
    check(user > 0 and abs(wa - written / user) < 1e-6, "tree write amplification",
          f"{wa} vs {written}/{user}")
    reads = (m.get("strata_lsm_block_cache_hits_total" + lab, 0)
             + m.get("strata_lsm_block_cache_misses_total" + lab, 0))
    check(reads > 0, "tree block reads counted", str(reads))
    check(m.get("strata_lsm_bloom_filter_checks_total" + lab, 0) >= 1, "tree bloom checks")
    for family in ("strata_lsm_write_stalls_total", "strata_lsm_write_stall_seconds_total",
                   "strata_lsm_bloom_filter_negatives_total",
                   "strata_lsm_compaction_bytes_read_total"):
        check(family + lab in m, f"per-tree {family}")
    code, out = s.psql(["-Atc", "select user_bytes_written >= 200000, flush_bytes_written > 0, "
                                "write_amplification > 0, blks_read + blks_hit > 0, "
                                "blks_hit_ratio between 0 and 1, bloom_checks > 0, "
                                "stalls >= 0, stall_time >= 0 from pg_stat_lsm "
                                f"where tree_name = '{tree}' and level = 0"])
    check(code == 0 and out.strip() == "t|t|t|t|t|t|t|t", "pg_stat_lsm per-tree figures", out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    port = harness.free_port()
    s = harness.Stratad(args.stratad, extra_args=["-c", f"metrics_port={port}"])
    try:
        s.start()
        status, ctype, text = scrape(port)
        check(status == 200 and ctype.startswith("text/plain; version=0.0.4"), "200 text/plain",
              f"{status} {ctype}")
        before, types = parse(text)
        for family in ("strata_connections", "strata_xact_commit_total",
                       "strata_statement_duration_seconds", "strata_rows_inserted_total",
                       "strata_wal_bytes_total", "strata_wal_fsyncs_total",
                       "strata_group_commit_batches_total", "strata_lsm_level_files",
                       "strata_lsm_pending_compaction_bytes", "strata_write_amplification",
                       "strata_block_cache_hits_total", "strata_bloom_filter_useful_total"):
            check(family in types, f"family {family}", text[:3000])
        check(types.get("strata_statement_duration_seconds") == "histogram", "histogram type")
        s.psql(["-c", "create table m (a int primary key); "
                      "insert into m select g from generate_series(1, 100) g"])
        s.psql(["-c", "begin; delete from m where a <= 10; rollback"])
        s.psql(["-c", "select 1/0"])
        s.psql(["-c", "select * from m"])
        after, _ = parse(scrape(port)[2])
        d = lambda k: after.get(k, 0) - before.get(k, 0)  # noqa: E731
        check(d("strata_rows_inserted_total") == 100, "rows inserted +100",
              str(d("strata_rows_inserted_total")))
        check(d("strata_rows_returned_total") >= 90, "rows returned counted")
        check(d("strata_xact_commit_total") >= 2, "commits counted")
        check(d("strata_xact_rollback_total") >= 2, "rollbacks counted (ROLLBACK, error)")
        check(d("strata_statement_errors_total") == 1, "one statement error")
        check(d('strata_statement_duration_seconds_bucket{le="+Inf"}') >= 4,
              "latency histogram counts statements")
        check(d("strata_wal_bytes_total") > 0 and d("strata_wal_fsyncs_total") > 0,
              "WAL bytes and fsyncs move")
        check(after.get('strata_connections{state="idle"}', -1) >= 0, "connections by state")
        # Per-table series (pg_stat_user_tables' counters).
        ins = [v for k, v in after.items()
               if k.startswith('strata_table_rows_inserted_total{table="public.m",')]
        check(ins == [100], "per-table rows inserted", str(ins))
        live = [v for k, v in after.items() if k.startswith('strata_table_live_rows{table="public.m",')]
        check(live == [100], "per-table live rows (the rolled-back delete kept them)", str(live))
        scans = [v for k, v in after.items()
                 if k.startswith('strata_table_seq_scan_total{table="public.m",')]
        check(scans == [1], "per-table sequential scans", str(scans))
        # pg_stat_statements: per normalised query.
        code, out = s.psql(["-Atc", "select calls, rows, query from pg_stat_statements "
                                    "where query like 'select * from m%'"])
        check(code == 0 and out.strip() == "1|100|select * from m", "pg_stat_statements row", out)
        code, out = s.psql(["-Atc", "select xact_commit > 0, tup_inserted from pg_stat_database"])
        check(code == 0 and out.strip() == "t|100", "pg_stat_database", out)
        code, out = s.psql(["-Atc", "select count(*) > 0 from pg_stat_lsm where relid = "
                                    "(select oid from pg_class where relname = 'm')"])
        check(code == 0 and out.strip() == "t", "pg_stat_lsm has the table's tree", out)
        check_group_commit(s, port)
        check_tree_counters(s, port)
        try:
            scrape(port, "/other")
            check(False, "404 for other paths")
        except urllib.error.HTTPError as e:
            check(e.code == 404, "404 for other paths", str(e.code))
    finally:
        s.stop()
        s.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
