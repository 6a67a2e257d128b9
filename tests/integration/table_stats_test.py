#!/usr/bin/env python3
"""Per-table and per-index statistics over the wire: a known workload run
with psql (inserts, COPY, updates, deletes, a rolled-back transaction, a
failed statement, scans with and without an index, ANALYZE, VACUUM,
TRUNCATE) leaves exact counters in pg_stat_user_tables and
pg_stat_user_indexes; pg_statio_user_tables counts SSTable blocks once the
rows are flushed; pg_stat_reset() clears; counters are kept across a clean
shutdown and start at zero after kill -9 or with a damaged statistics file."""
import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

checks = harness.Checks()
check = checks.check

TABLE_COLS = ("seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd, "
              "n_tup_del, n_tup_hot_upd, n_live_tup, n_dead_tup, n_mod_since_analyze, "
              "n_ins_since_vacuum, vacuum_count, analyze_count, autovacuum_count, "
              "last_autovacuum is null")


def run(s, sql):
    code, out = s.psql(["-v", "ON_ERROR_STOP=0", "-Atc", sql])
    return out.strip()


def table_row(s, name):
    return run(s, f"select {TABLE_COLS} from pg_stat_user_tables where relname = '{name}'")


def index_row(s, name):
    return run(s, "select idx_scan, idx_tup_read, idx_tup_fetch from pg_stat_user_indexes "
                  f"where indexrelname = '{name}'")


def check_restarts(s, before_db):
    """Counters survive a clean shutdown (pg_stat/pgstat.stat, read and
    deleted at startup), start at zero after kill -9 or a damaged file."""
    stat_file = os.path.join(s.data_dir, "pg_stat", "pgstat.stat")
    check(s.stop() == 0, "clean shutdown")
    check(os.path.exists(stat_file), "statistics file written at clean shutdown")
    s.start()
    check(not os.path.exists(stat_file), "statistics file deleted once read")
    check(run(s, "select n_tup_ins, n_live_tup from pg_stat_user_tables "
                 "where relname = 'h'") == "1|1", "table counters kept across a clean restart",
          run(s, "select n_tup_ins, n_live_tup from pg_stat_user_tables where relname = 'h'"))
    check(index_row(s, "t_b") == "1|1|1", "index counters kept across a clean restart",
          index_row(s, "t_b"))
    after_db = run(s, "select xact_commit, tup_inserted from pg_stat_database").split("|")
    commits, inserted = before_db.split("|")
    check(int(after_db[0]) > int(commits) and after_db[1] == inserted,
          "pg_stat_database counters kept across a clean restart", f"{before_db} -> {after_db}")

    # SIGINT (fast shutdown) keeps them as well.
    run(s, "insert into h values (11)")
    check(s.stop(signal.SIGINT) == 0, "fast shutdown")
    s.start()
    check(run(s, "select n_tup_ins from pg_stat_user_tables where relname = 'h'") == "2",
          "kept across a fast (SIGINT) shutdown")

    # kill -9: no file (deleted at the last start), counters from zero.
    s.stop(signal.SIGKILL)
    check(not os.path.exists(stat_file), "no statistics file after a crash")
    s.start()
    check(run(s, "select n_tup_ins, n_live_tup from pg_stat_user_tables "
                 "where relname = 'h'") == "0|0", "counters start at zero after kill -9")
    check(run(s, "select tup_inserted from pg_stat_database") == "0",
          "database counters start at zero after kill -9")

    # A damaged file is ignored (WARNING), deleted, and counters start at zero.
    run(s, "insert into h values (12)")
    check(s.stop() == 0, "clean shutdown")
    with open(stat_file, "r+b") as f:
        f.seek(20)
        b = f.read(1)
        f.seek(20)
        f.write(bytes([b[0] ^ 0xFF]))
    s.start()
    check(not os.path.exists(stat_file), "damaged statistics file deleted")
    check(run(s, "select n_tup_ins from pg_stat_user_tables where relname = 'h'") == "0",
          "damaged statistics file ignored")
    check("corrupted statistics file" in s.log_text(), "damaged file logged")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    s = harness.Stratad(args.stratad)
    try:
        s.start()
        run(s, "create table t (a int primary key, b int, c text)")
        run(s, "create index t_b on t (b)")
        run(s, "create table h (x int)")
        run(s, "select pg_stat_reset()")
        check(table_row(s, "t") == "0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|t", "fresh table: zeros",
              table_row(s, "t"))
        run(s, "insert into t select g, g, 'v' || g from generate_series(1, 20) g")
        run(s, "update t set c = 'u' where a <= 5")        # primary-key range: 5 rows
        run(s, "delete from t where a = 20")               # primary-key lookup: 1 row
        run(s, "begin; insert into t values (100, 1, 'r'); update t set c = 'r' where a = 1; "
               "rollback")                                 # pk lookup: 1 row
        out = run(s, "insert into t values (1, 1, 'dup')")  # 23505: nothing written
        check("23505" in out or "duplicate key" in out, "duplicate insert fails", out)
        run(s, "select count(*) from t")                   # sequential scan: 19 rows
        # The table is tiny: only with seq scans off does the planner read t_b.
        # through t_b: 1 row
        run(s, "set enable_seqscan = off; set enable_bitmapscan = off; select * from t where b = 7")
        run(s, "select * from t where b between 3 and 4")  # through t_b: 2 rows
        check(table_row(s, "t") == "1|19|5|10|21|6|1|0|19|8|26|21|0|0|0|t",
              "t after the workload", table_row(s, "t"))
        check(index_row(s, "t_pkey") == "3|7|7", "t_pkey scans", index_row(s, "t_pkey"))
        check(index_row(s, "t_b") == "2|3|3", "t_b scans", index_row(s, "t_b"))

        # COPY (bulk path into an empty table) and a failing COPY.
        code, out = s.psql(["-c", "copy h from stdin"], stdin=b"1\n2\n3\n\\.\n")
        check(code == 0, "copy into h", out)
        run(s, "select * from h")
        check(table_row(s, "h") == "1|3|||3|0|0|0|3|0|3|3|0|0|0|t", "h after COPY",
              table_row(s, "h"))
        check(run(s, "select idx_blks_read is null, toast_blks_read is null "
                     "from pg_statio_user_tables where relname = 'h'") == "t|t",
              "statio: no index, no toast")

        # ANALYZE / VACUUM / TRUNCATE.
        run(s, "analyze t")
        check(run(s, "select n_live_tup, n_mod_since_analyze, analyze_count, last_analyze "
                     "is not null from pg_stat_user_tables where relname = 't'") == "19|0|1|t",
              "analyze")
        run(s, "vacuum t")
        check(run(s, "select n_dead_tup, n_ins_since_vacuum, vacuum_count, last_vacuum "
                     "is not null from pg_stat_user_tables where relname = 't'") == "0|0|1|t",
              "vacuum")
        run(s, "truncate h")
        run(s, "insert into h values (9)")
        check(run(s, "select n_tup_ins, n_live_tup, n_dead_tup from pg_stat_user_tables "
                     "where relname = 'h'") == "4|1|0", "truncate resets live/dead")

        # Blocks: after a checkpoint the rows are in SSTables.
        run(s, "select strata_checkpoint()")
        run(s, "select count(*) from t")
        # The table is tiny: only with seq scans off does the planner read t_b.
        run(s, "set enable_seqscan = off; set enable_bitmapscan = off; select * from t where b = 7")
        out = run(s, "select heap_blks_read + heap_blks_hit > 0, idx_blks_read + idx_blks_hit > 0 "
                     "from pg_statio_user_tables where relname = 't'")
        check(out == "t|t", "statio counts heap and index blocks", out)
        out = run(s, "select idx_blks_read + idx_blks_hit > 0 from pg_statio_user_indexes "
                     "where indexrelname = 't_b'")
        check(out == "t", "statio per index", out)

        # The sys and all views.
        check(run(s, "select count(*) > 0 from pg_stat_sys_tables where relname = 'pg_class'")
              == "t", "pg_class in pg_stat_sys_tables")
        check(run(s, "select count(*) from pg_stat_all_tables where relname in ('t', 'h', "
                     "'pg_class')") == "3", "pg_stat_all_tables = user + sys")

        run(s, "select pg_stat_reset()")
        check(run(s, "select sum(n_tup_ins) from pg_stat_user_tables") == "0", "reset")
        run(s, "insert into h values (10)")
        # The table is tiny: only with seq scans off does the planner read t_b.
        run(s, "set enable_seqscan = off; set enable_bitmapscan = off; select * from t where b = 7")
        before_db = run(s, "select xact_commit, tup_inserted from pg_stat_database")
        check_restarts(s, before_db)
    finally:
        s.stop()
        s.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
