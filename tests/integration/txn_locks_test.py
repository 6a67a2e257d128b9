#!/usr/bin/env python3
"""Row locks seen from concurrent sessions: writers wait for writers, SELECT
... FOR UPDATE/SHARE, NOWAIT, SKIP LOCKED, lock_timeout, deadlocks, waits on
a key another session inserts, and a cancel while waiting -- against
stratad and a real PostgreSQL 15.

Schedules use transcripts.py's step format (waits: ("send", sql),
("blocked",), ("wait",), ("cancel",)). Replies are reduced to message kinds,
SQLSTATEs, messages, tags, rows and ReadyForQuery status (not DETAILs: a
deadlock's names process ids) and must match PostgreSQL's.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402
from cancel_test import shape  # noqa: E402


def run_schedule(server, schedule):
    return transcripts.run_schedule(server, schedule, shape)


SETUP = ("drop table if exists acct; create table acct (id int primary key, v int); "
         "insert into acct values (1, 10), (2, 20), (3, 30)")

HEAP_SETUP = ("drop table if exists heap; create table heap (id int, v int); "
              "create index heap_v on heap (v); "
              "insert into heap values (1, 10), (2, 20), (3, 30)")

SCHEDULES = {
    "a second updater waits, then (read committed) updates the new version": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set v = v + 1 where id = 1"),
        ("b", ("send", "update acct set v = v * 10 where id = 1 returning v")),
        ("b", ("blocked",)),
        ("c", "select v from acct where id = 1"),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "a waiter whose row no longer matches updates nothing": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set v = 99 where id = 2"),
        ("b", ("send", "update acct set v = 0 where v = 20")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("b", ("send", "delete from acct where id = 3")),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "a rollback lets the waiter go on with the old row": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "delete from acct where id = 1"),
        ("b", ("send", "update acct set v = v + 5 where id = 1")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "repeatable read: 40001 after waiting for a committed update": [
        ("a", SETUP),
        ("b", "begin isolation level repeatable read"),
        ("b", "select count(*) from acct"),
        ("a", "begin"),
        ("a", "update acct set v = 11 where id = 1"),
        ("b", ("send", "update acct set v = 12 where id = 1")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("b", "rollback"),
    ],
    "two inserters of one key: 23505 after a commit, success after a rollback": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into acct values (5, 50)"),
        ("b", ("send", "insert into acct values (5, 51)")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("a", "begin"),
        ("a", "insert into acct values (6, 60)"),
        ("b", ("send", "insert into acct values (6, 61)")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "SELECT FOR UPDATE / SHARE, NOWAIT and SKIP LOCKED": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "select * from acct where id = 1 for update"),
        ("b", "begin"),
        ("b", "select * from acct where id = 1 for update nowait"),
        ("b", "rollback"),
        ("b", "select * from acct order by id for update skip locked"),
        ("b", "select id from acct where id > 1 for share"),
        ("b", "select * from acct where id = 1"),
        ("b", ("send", "select * from acct where id = 1 for share")),
        ("b", ("blocked",)),
        ("a", "update acct set v = 100 where id = 1"),
        ("a", "commit"),
        ("b", ("wait",)),
    ],
    "FOR KEY SHARE does not block a non-key update but blocks a delete": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "select id from acct where id = 2 for key share"),
        ("b", "update acct set v = 21 where id = 2"),
        ("b", ("send", "delete from acct where id = 2")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
    ],
    "lock_timeout and a cancel while waiting": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set v = 1 where id = 3"),
        ("b", "set lock_timeout = '200ms'"),
        ("b", "update acct set v = 2 where id = 3"),
        ("b", "reset lock_timeout"),
        ("b", ("send", "update acct set v = 3 where id = 3")),
        ("b", ("blocked",)),
        ("b", ("cancel",)),
        ("b", ("wait",)),
        ("a", "commit"),
        ("c", "select * from acct order by id"),
    ],
    "a deadlock is broken with 40P01 for the first waiter": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set v = 1 where id = 1"),
        ("b", "begin"),
        ("b", "update acct set v = 2 where id = 2"),
        ("a", ("send", "update acct set v = 1 where id = 2")),
        ("a", ("blocked",)),
        ("b", ("send", "update acct set v = 2 where id = 1")),
        ("a", ("wait",)),
        ("b", ("wait",)),
        ("a", "rollback"),
        ("b", "commit"),
        ("c", "select * from acct order by id"),
    ],
    # A table without a primary key: an UPDATE moves the row to a new row
    # key (after the others, as PostgreSQL's heap appends the new version).
    # A waiter must find the moved row again (read committed) or fail with
    # "concurrent update" (repeatable read), never lose or duplicate it.
    "no primary key: a second updater waits, then updates the moved row": [
        ("a", HEAP_SETUP),
        ("a", "begin"),
        ("a", "update heap set v = v + 1 where id = 1"),
        ("b", ("send", "update heap set v = v * 10 where id = 1 returning id, v")),
        ("b", ("blocked",)),
        ("c", "select * from heap"),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from heap"),
        ("c", "select count(*) from heap where id = 1"),
    ],
    "no primary key: waiters in a transaction block, a delete and FOR UPDATE": [
        ("a", HEAP_SETUP),
        ("a", "begin"),
        ("a", "update heap set v = 21 where id = 2"),
        ("a", "update heap set v = 31 where id = 3"),
        ("b", "begin"),
        ("b", ("send", "update heap set v = v + 100 where id = 2")),
        ("b", ("blocked",)),
        ("c", "begin"),
        ("c", ("send", "delete from heap where id = 3 returning *")),
        ("c", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", ("wait",)),
        ("b", "commit"),
        ("c", "commit"),
        ("a", "begin"),
        ("a", "update heap set v = 0 where id = 1"),
        ("b", ("send", "select * from heap where id = 1 for update")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from heap"),
    ],
    "no primary key: a waiter whose row no longer matches, and a rollback": [
        ("a", HEAP_SETUP),
        ("a", "begin"),
        ("a", "update heap set v = 99 where id = 2"),
        ("b", ("send", "update heap set v = 0 where v = 20")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("a", "begin"),
        ("a", "update heap set v = 7 where id = 1"),
        ("b", ("send", "update heap set v = v + 5 where id = 1")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from heap"),
    ],
    "no primary key: repeatable read gets 40001 concurrent update": [
        ("a", HEAP_SETUP),
        ("b", "begin isolation level repeatable read"),
        ("b", "select count(*) from heap"),
        ("a", "begin"),
        ("a", "update heap set v = 11 where id = 1"),
        ("b", ("send", "update heap set v = 12 where id = 1")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("b", "rollback"),
        ("b", "begin isolation level repeatable read"),
        ("b", "select count(*) from heap"),
        ("a", "update heap set v = 22 where id = 2"),
        ("b", "delete from heap where id = 2"),
        ("b", "rollback"),
        ("b", "begin isolation level repeatable read"),
        ("b", "select count(*) from heap"),
        ("a", "delete from heap where id = 3"),
        ("b", "update heap set v = 0 where id = 3"),
        ("b", "rollback"),
        ("c", "select * from heap"),
    ],
    "FOR UPDATE errors": [
        ("a", SETUP),
        ("a", "select count(*) from acct for update"),
        ("a", "select distinct v from acct for share"),
        ("a", "select v from acct group by v for no key update"),
        ("a", "select * from acct a for update of b"),
        ("a", "select 1 for update"),
        ("a", "begin read only"),
        ("a", "select * from acct where id = 1 for update"),
        ("a", "rollback"),
        ("a", "begin read only"),
        ("a", "select * from acct where id = 1 for key share"),
        ("a", "rollback"),
    ],
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    return transcripts.compare_schedules(args.stratad, SCHEDULES, shape)


if __name__ == "__main__":
    sys.exit(main())
