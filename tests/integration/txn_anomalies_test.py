#!/usr/bin/env python3
"""The classic anomaly catalogue (Berenson et al.; Adya's G0/G1/G2 and the
PostgreSQL docs' examples) at READ COMMITTED, REPEATABLE READ and
SERIALIZABLE: dirty write, dirty read, non-repeatable read, phantom, lost
update, read skew, write skew and write skew on a predicate. Each schedule
runs against stratad and a real PostgreSQL 15 (txn_locks_test.py's runner:
who waits, values seen, who fails with which SQLSTATE) and the transcripts
must be identical.

At SERIALIZABLE both write skews fail the second committer with 40001
(serializable snapshot isolation, txn/ssi_manager.h), a read-only
transaction overlapping a write skew is not aborted, and writers of disjoint
rows both commit.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402
from txn_locks_test import run_schedule  # noqa: E402

LEVELS = ["read committed", "repeatable read", "serializable"]
SETUP = ("drop table if exists t; create table t (id int primary key, v int); "
         "insert into t values (1, 10), (2, 20)")
DOCTORS = ("drop table if exists doctors; create table doctors (name text primary key, "
           "on_call bool); insert into doctors values ('alice', true), ('bob', true)")


def begin(level):
    return f"begin isolation level {level}"


def schedules(level):
    b = begin(level)
    s = {
        # G0: a second writer of a row waits for the first to end.
        "dirty write": [
            ("a", SETUP), ("a", b), ("b", b),
            ("a", "update t set v = 11 where id = 1"),
            ("b", ("send", "update t set v = 12 where id = 1")),
            ("b", ("blocked",)),
            ("a", "commit"), ("b", ("wait",)), ("b", "commit"),
            ("c", "select * from t order by id"),
        ],
        # G1a/G1b: uncommitted and aborted values are never read.
        "dirty read": [
            ("a", SETUP), ("a", b), ("b", b),
            ("a", "update t set v = 99 where id = 1"),
            ("b", "select v from t where id = 1"),
            ("a", "rollback"),
            ("b", "select v from t where id = 1"), ("b", "commit"),
        ],
        # P2 / fuzzy read.
        "non-repeatable read": [
            ("a", SETUP), ("a", b),
            ("a", "select v from t where id = 1"),
            ("b", "update t set v = 15 where id = 1"),
            ("a", "select v from t where id = 1"), ("a", "commit"),
        ],
        # P3: a predicate read sees a new row.
        "phantom": [
            ("a", SETUP), ("a", b),
            ("a", "select count(*) from t where v > 5"),
            ("b", "insert into t values (3, 30)"),
            ("a", "select count(*) from t where v > 5"), ("a", "commit"),
        ],
        # P4: read-modify-write from two sessions.
        "lost update": [
            ("a", SETUP), ("a", b), ("b", b),
            ("a", "select v from t where id = 1"),
            ("b", "select v from t where id = 1"),
            ("a", "update t set v = v + 1 where id = 1"),
            ("b", ("send", "update t set v = v + 2 where id = 1")),
            ("b", ("blocked",)),
            ("a", "commit"), ("b", ("wait",)), ("b", "commit"),
            ("c", "select * from t order by id"),
        ],
        # A5A: a transfer seen half way.
        "read skew": [
            ("a", SETUP), ("a", b),
            ("a", "select v from t where id = 1"),
            ("b", "begin; update t set v = v - 5 where id = 1; "
                  "update t set v = v + 5 where id = 2; commit"),
            ("a", "select v from t where id = 2"), ("a", "commit"),
        ],
        # A5B on a predicate: each reads the count, each takes one off call.
        "write skew on a predicate": [
            ("a", DOCTORS), ("a", b), ("b", b),
            ("a", "select count(*) from doctors where on_call"),
            ("b", "select count(*) from doctors where on_call"),
            ("a", "update doctors set on_call = false where name = 'alice'"),
            ("b", "update doctors set on_call = false where name = 'bob'"),
            ("a", "commit"), ("b", "commit"),
            ("c", "select * from doctors order by name"),
        ],
        # A5B on rows: each reads the other's row and writes its own.
        "write skew": [
            ("a", SETUP), ("a", b), ("b", b),
            ("a", "select v from t where id = 2"),
            ("b", "select v from t where id = 1"),
            ("a", "update t set v = 0 where id = 1"),
            ("b", "update t set v = 0 where id = 2"),
            ("a", "commit"), ("b", "commit"),
            ("c", "select * from t order by id"),
        ],
    }
    if level == "serializable":
        # Read-only transactions are not aborted needlessly: a reader that
        # overlaps two writers which each read what the other wrote.
        s["read-only transaction in a write skew"] = [
            ("a", SETUP), ("a", b), ("b", b), ("r", b),
            ("a", "select v from t where id = 2"),
            ("b", "select v from t where id = 1"),
            ("r", "select sum(v) from t"),
            ("a", "update t set v = 0 where id = 1"),
            ("r", "commit"),
            ("a", "commit"),
            ("b", "update t set v = 0 where id = 2"),
            ("b", "commit"),
            ("c", "select * from t order by id"),
        ]
        # No conflict at all: disjoint rows read and written.
        s["disjoint serializable writers"] = [
            ("a", SETUP), ("a", b), ("b", b),
            ("a", "select v from t where id = 1"),
            ("b", "select v from t where id = 2"),
            ("a", "update t set v = 1 where id = 1"),
            ("b", "update t set v = 2 where id = 2"),
            ("a", "commit"), ("b", "commit"),
            ("c", "select * from t order by id"),
        ]
    return s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    cases = {f"{level}: {name}": (lambda server, s=schedule: run_schedule(server, s))
             for level in LEVELS for name, schedule in schedules(level).items()}
    return transcripts.compare_cases(args.stratad, cases)

if __name__ == "__main__":
    sys.exit(main())
