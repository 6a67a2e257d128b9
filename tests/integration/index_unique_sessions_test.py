#!/usr/bin/env python3
"""Unique secondary indexes and UNIQUE constraints seen from concurrent
sessions, against stratad and a real PostgreSQL 15: a second inserter of a
value waits for the first, then fails with 23505 (first committed) or goes
on (first rolled back); ON CONFLICT on a unique index waits too; an update
freeing a value lets a waiting inserter take it. Afterwards every index of
the stratad side must pass strata_index_check (StrataDB's own checker, not
run against PostgreSQL).

Schedules use transcripts.py's step format, as txn_locks_test.py does.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import transcripts  # noqa: E402
from cancel_test import shape  # noqa: E402

SETUP = ("drop table if exists acct; create table acct (id int primary key, email text unique, "
         "code int); create unique index acct_code on acct (code); "
         "insert into acct values (1, 'a@x', 10), (2, 'b@x', 20)")

SCHEDULES = {
    "two inserters of one unique value: 23505 after the first commits": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into acct values (3, 'c@x', 30)"),
        ("b", ("send", "insert into acct values (4, 'c@x', 40)")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "two inserters of one unique value: success after the first rolls back": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into acct values (3, 'c@x', 30)"),
        ("b", ("send", "insert into acct values (4, 'd@x', 30)")),
        ("b", ("blocked",)),
        ("a", "rollback"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "ON CONFLICT on a unique index waits, then updates the winner's row": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into acct values (3, 'c@x', 30)"),
        ("b", ("send", "insert into acct values (4, 'z@x', 30) on conflict (code) "
                       "do update set email = excluded.email returning id, email")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "an update that frees a value lets the waiting inserter have it": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "update acct set code = 11 where id = 1"),
        ("b", ("send", "insert into acct values (5, 'e@x', 10)")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
    "an update onto a value another session inserted waits, then fails": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into acct values (6, 'f@x', 60)"),
        ("b", ("send", "update acct set code = 60 where id = 2")),
        ("b", ("blocked",)),
        ("a", "commit"),
        ("b", ("wait",)),
        ("c", "select * from acct order by id"),
    ],
}


def check_indexes(stratad_binary):
    """Runs every schedule's end state once more on a fresh stratad and checks
    its indexes with strata_index_check."""
    strata = harness.Stratad(stratad_binary).start()
    try:
        for name, steps in SCHEDULES.items():
            transcripts.run_schedule(strata, steps, shape)
            code, out = strata.psql(["-At", "-c", "select strata_index_check('acct')"])
            if code != 0 or out.strip() != "t":
                print(f"FAIL index check after {name!r}: {out}")
                return 1
            print(f"ok   index check after {name!r}")
    finally:
        strata.stop()
        strata.cleanup()
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    failed = transcripts.compare_schedules(args.stratad, SCHEDULES, shape)
    return failed or check_indexes(args.stratad)


if __name__ == "__main__":
    sys.exit(main())
