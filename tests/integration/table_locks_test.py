#!/usr/bin/env python3
"""Table-level locks seen from concurrent sessions: LOCK TABLE in its modes
(NOWAIT, lock_timeout, deadlocks, read-only transactions, errors, ROLLBACK TO
a savepoint releasing what was locked after it, pg_stat_activity and pg_locks
during a wait) and the
implicit locks statements take (readers wait for ACCESS EXCLUSIVE, writers
for SHARE, DDL for open readers; a statement that waited for a TRUNCATE or
ALTER TABLE sees the table as it became) -- against stratad and a real
PostgreSQL 15.

Schedules use transcripts.py's step format (see txn_locks_test.py).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402
from cancel_test import shape  # noqa: E402

SETUP = ("drop view if exists acct_v; drop table if exists acct; drop table if exists other; "
         "drop sequence if exists acct_seq; "
         "create table acct (id int primary key, v int); "
         "insert into acct values (1, 10), (2, 20), (3, 30); "
         "create table other (id int primary key); create sequence acct_seq; "
         "create view acct_v as select id from acct")

SCHEDULES = {
    "LOCK TABLE needs a transaction block; its errors": [
        ("a", SETUP),
        ("a", "lock table acct"),
        ("a", "begin"),
        ("a", "lock table missing"),
        ("a", "rollback"),
        ("a", "begin"),
        ("a", "lock table acct_seq"),
        ("a", "rollback"),
        ("a", "begin"),
        ("a", "lock table acct_v in share mode"),
        ("a", "lock acct, other in row exclusive mode"),
        ("a", "lock table only acct in share update exclusive mode nowait"),
        ("a", "commit"),
        ("a", "begin read only"),
        ("a", "lock table acct in row exclusive mode"),
        ("a", "lock table acct in share mode"),
        ("a", "rollback"),
    ],
    "ACCESS EXCLUSIVE blocks a reader until commit": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "lock table acct"),
        ("b", ("send", "select count(*) from acct")),
        ("b", ("blocked",)),
        ("a", "insert into acct values (4, 40)"),
        ("a", "commit"),
        ("b", ("wait",)),
    ],
    "SHARE blocks writers, not readers; NOWAIT": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "lock table acct in share mode"),
        ("b", "select count(*) from acct"),
        ("b", "begin"),
        ("b", "lock table acct in share mode"),
        ("b", "lock table acct in row exclusive mode nowait"),
        ("b", "rollback"),
        ("b", ("send", "update acct set v = 0 where id = 1")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "a writer holds ROW EXCLUSIVE: EXCLUSIVE waits until lock_timeout": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set v = 11 where id = 1"),
        ("b", "begin"),
        ("b", "set lock_timeout = 200"),
        ("b", "lock table acct in exclusive mode"),
        ("b", "rollback"),
        ("b", "begin"),
        ("b", "lock table acct in row share mode"),
        ("b", "lock table acct in row exclusive mode"),
        ("b", "commit"),
        ("a", "commit"),
    ],
    "DDL waits for an open reader; the reader's next query sees the change": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "select * from acct where id = 1"),
        ("b", ("send", "alter table acct add column w int default 7")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("a", "select * from acct order by id"),
    ],
    "a reader that waited for TRUNCATE sees the empty table": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "lock table acct"),
        ("b", ("send", "select count(*) from acct")),
        ("b", ("blocked",)),
        ("a", "truncate acct"),
        ("a", "insert into acct values (9, 90)"),
        ("a", "commit"),
        ("b", ("wait",)),
    ],
    "a reader that waited for ALTER TABLE sees the new column": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "alter table acct add column w int default 5"),
        ("b", ("send", "select * from acct order by id")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
    ],
    "ROLLBACK TO a savepoint releases the row and table locks taken after it": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set v = 1 where id = 1"),
        ("a", "savepoint s"),
        ("a", "update acct set v = 2 where id = 2"),
        ("a", "lock table other in exclusive mode"),
        ("a", "rollback to s"),
        ("b", "update acct set v = 22 where id = 2"),
        ("c", "insert into other values (1)"),
        ("b", ("send", "update acct set v = 11 where id = 1")),
        ("b", ("blocked",)),
        ("a", "release s"),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "pg_stat_activity and pg_locks show a lock wait": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "lock table acct in share mode"),
        ("b", ("send", "insert into acct values (7, 70)")),
        ("b", ("blocked",)),
        ("c", "select state, wait_event_type, wait_event, query, xact_start is not null as in_xact "
              "from pg_stat_activity where backend_type = 'client backend' "
              "and pid <> pg_backend_pid() order by query"),
        ("c", "select l.mode, l.granted, a.query from pg_locks l join pg_stat_activity a "
              "on a.pid = l.pid where l.locktype = 'relation' and l.relation = 'acct'::regclass "
              "order by l.mode"),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select count(*) from pg_locks where locktype = 'relation' "
              "and relation = 'acct'::regclass"),

        # client_addr is an inet (these sessions come over TCP from 127.0.0.1).
        ("c", "select client_addr, pg_typeof(client_addr), family(client_addr), "
              "inet_client_addr() = client_addr, inet_client_port() = client_port "
              "from pg_stat_activity where pid = pg_backend_pid()"),
    ],
    "two LOCK TABLEs in opposite orders: 40P01 for the first waiter": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "lock table acct"),
        ("b", "begin"),
        ("b", "lock table other"),
        ("a", ("send", "lock table other")),
        ("a", ("blocked",)),
        ("b", ("send", "lock table acct")),
        ("a", ("wait",)),
        ("b", ("wait",)),
        ("a", "rollback"),
        ("b", "commit"),
    ],
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    return transcripts.compare_schedules(args.stratad, SCHEDULES, shape)


if __name__ == "__main__":
    sys.exit(main())
