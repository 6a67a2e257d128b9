#!/usr/bin/env python3
"""Rows written before ALTER TABLE ADD/DROP COLUMN (no rewrite: missing
values and dropped slots, see sql/storage_format/row_codec.h) and the schema
changes themselves (catalog records, views, foreign keys) read back the same
after a clean restart and after kill -9; the foreign keys are still enforced.

The statements also run against a real PostgreSQL 15 (not restarted); what
stratad prints after each restart must equal what PostgreSQL prints.
"""
import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

SETUP = """
create table t (id int primary key, a text, b int);
insert into t values (1, 'one', 10), (2, 'two', null);
alter table t add column c numeric(6,2) default 2.5;
alter table t add column d text;
insert into t values (3, 'three', 30, 3.25, 'dee');
alter table t drop column a;
insert into t values (4, 40, null, 'four');
alter table t add column e timestamp default '2024-01-02 03:04:05';
alter table t add column a text default 'new a';
create table h (x int);
insert into h values (1), (2);
alter table h add column y int default 7, add column z text;
alter table h drop column x;
insert into h values (8, 'z');
create table p (k int, v text);
insert into p values (2, 'b'), (1, 'a');
alter table p add primary key (k);
alter table p alter column v type varchar(5);
create view pv as select k, v from p where k > 1;
create table ctas as select id, b from t where b is not null;
create table fkc (id int primary key, pk int references p on delete cascade, b int);
insert into fkc values (1, 1, 1), (2, 2, 2), (3, null, 3);
alter table fkc add constraint fkc_self foreign key (b) references fkc;
"""
READ = ("select * from t order by id; select * from h order by y; "
        "select * from p order by k; select * from pv; select * from ctas order by id; "
        "select * from fkc order by id; "
        "select conname, pg_get_constraintdef(oid) from pg_constraint where contype = 'f' "
        "order by conname; "
        "insert into fkc values (4, 9, null);")
AFTER_KILL = ("alter table t add column f int default 99; "
              "insert into t (id, b) values (5, 50); alter table h drop column z; "
              "delete from p where k = 1;")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(args.stratad)
    failures = 0

    def compare(label, sql):
        nonlocal failures
        want = ref.psql(["-c", sql])
        got = strata.psql(["-c", sql])
        if want != got:
            failures += 1
            print(f"FAIL {label}\n--- postgresql-15\n{want[1]}\n--- stratad\n{got[1]}")
        else:
            print(f"ok   {label}")

    try:
        ref.start()
        strata.start()
        compare("setup", SETUP)
        compare("read before restart", READ)
        if strata.stop() != 0:
            failures += 1
            print("FAIL stratad did not exit 0 on SIGTERM")
        strata.start()
        compare("read after clean restart", READ)
        compare("alter before kill -9", AFTER_KILL)
        strata.stop(sig=signal.SIGKILL)
        strata.start()
        compare("read after kill -9", READ)
    finally:
        strata.stop()
        ref.cleanup()
        if failures:
            print("---- stratad log ----")
            print(strata.log_text())
        strata.cleanup()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
