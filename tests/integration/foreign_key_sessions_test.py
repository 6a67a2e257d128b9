#!/usr/bin/env python3
"""FOREIGN KEY checks between concurrent sessions, against stratad and a real
PostgreSQL 15: an insert referencing a row another session is deleting waits
for it, then fails with 23503 (delete committed) or goes on (rolled back); a
delete of a row another session's uncommitted insert references waits, then
sees the committed referencing row (23503) or none (rolled back); an update
of a referenced row's other columns does not wait (FOR KEY SHARE).

Schedules use transcripts.py's step format, as txn_locks_test.py does.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402
from cancel_test import shape  # noqa: E402

SETUP = ("drop table if exists plain, parent; "
         "create table parent (id int primary key, note text); "
         "create table plain (id int primary key, p int references parent); "
         "insert into parent values (1, 'one'), (2, 'two')")

SCHEDULES = {
    "insert referencing a row being deleted: 23503 after the delete commits": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "delete from parent where id = 2"),
        ("b", ("send", "insert into plain values (1, 2)")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from plain order by id"),
    ],
    "insert referencing a row being deleted: success after a rollback": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "delete from parent where id = 2"),
        ("b", ("send", "insert into plain values (1, 2)")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from plain order by id"),
    ],
    "delete of a row a concurrent insert references: 23503 after it commits": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into plain values (1, 1)"),
        ("b", ("send", "delete from parent where id = 1")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from parent order by id"),
    ],
    "delete of a row a concurrent insert references: success after a rollback": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into plain values (1, 1)"),
        ("b", ("send", "delete from parent where id = 1")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from parent order by id"),
    ],
    "an update of a referenced row's other columns does not wait": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into plain values (1, 1)"),
        ("b", "update parent set note = 'uno' where id = 1"),
        ("a", "commit"),
        ("c", "select * from parent order by id"),
    ],
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    return transcripts.compare_schedules(args.stratad, SCHEDULES, shape)


if __name__ == "__main__":
    sys.exit(main())
