#!/usr/bin/env python3
"""Transaction blocks seen from two concurrent sessions, over the wire.

Each schedule is a list of steps (session, what to send) run against stratad
and a real PostgreSQL 15; every reply is reduced to its message kinds,
ReadyForQuery status bytes (I/T/E), command tags, data rows and SQLSTATEs,
and the two transcripts must be identical. The schedules avoid row-lock
waits (PostgreSQL would block; stratad has no lock table yet): the second
writer always comes after the first one committed.
"""
import argparse
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402


def shape(msgs):
    out = []
    for m in msgs:
        if m.kind in (b"E", b"N"):
            f = m.fields()
            out.append((m.kind.decode(), f.get("V"), f.get("C"), f.get("M")))
        elif m.kind in (b"Z", b"C", b"D"):
            out.append((m.kind.decode(), m.body))
        elif m.kind == b"S":
            continue  # ParameterStatus: server-specific values
        else:
            out.append((m.kind.decode(),))
    return out


def cstr(s):
    return s.encode() + b"\0"


def parse(name, sql):
    return (b"P", cstr(name) + cstr(sql) + struct.pack("!H", 0))


def bind(portal, stmt):
    return (b"B", cstr(portal) + cstr(stmt) + struct.pack("!HHH", 0, 0, 0))


def execute(portal, max_rows=0):
    return (b"E", cstr(portal) + struct.pack("!I", max_rows))


SYNC = (b"S", b"")


SETUP = "drop table if exists acct; create table acct (id int primary key, v int)"

SCHEDULES = {
    "uncommitted rows are invisible to others": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "insert into acct values (1, 10)"),
        ("a", "select * from acct"),
        ("b", "select count(*) from acct"),
        ("a", "commit"),
        ("b", "select * from acct"),
        ("a", "begin"),
        ("a", "delete from acct"),
        ("b", "select count(*) from acct"),
        ("a", "rollback"),
        ("b", "select count(*) from acct"),
    ],
    "read committed sees each statement's commits": [
        ("a", SETUP + "; insert into acct values (1, 10)"),
        ("a", "begin"),
        ("a", "select v from acct"),
        ("b", "update acct set v = 20 where id = 1"),
        ("a", "select v from acct"),
        ("a", "update acct set v = v + 1 where id = 1 returning v"),
        ("a", "commit"),
        ("b", "select v from acct"),
    ],
    "repeatable read keeps its snapshot": [
        ("a", SETUP + "; insert into acct values (1, 10)"),
        ("a", "begin isolation level repeatable read"),
        ("a", "select v from acct"),
        ("b", "update acct set v = 20 where id = 1"),
        ("b", "insert into acct values (2, 30)"),
        ("a", "select * from acct order by id"),
        ("a", "commit"),
        ("a", "select * from acct order by id"),
    ],
    "repeatable read: 40001 on a row changed after the snapshot": [
        ("a", SETUP + "; insert into acct values (1, 10), (2, 20)"),
        ("a", "begin transaction isolation level repeatable read"),
        ("a", "select count(*) from acct"),
        ("b", "update acct set v = 11 where id = 1"),
        ("a", "update acct set v = 12 where id = 2"),
        ("a", "update acct set v = 13 where id = 1"),
        ("a", "select 1"),
        ("a", "rollback"),
        ("a", "begin isolation level serializable"),
        ("a", "select count(*) from acct"),
        ("b", "delete from acct where id = 2"),
        ("a", "delete from acct where id = 2"),
        ("a", "commit"),
        ("a", "select * from acct order by id"),
    ],
    "a key committed by another session": [
        ("a", SETUP),
        ("a", "begin"),
        ("a", "select count(*) from acct"),
        ("b", "insert into acct values (5, 1)"),
        ("a", "insert into acct values (5, 2)"),
        ("a", "rollback"),
        ("a", "begin isolation level repeatable read"),
        ("a", "select count(*) from acct"),
        ("b", "insert into acct values (6, 1)"),
        ("a", "insert into acct values (6, 2)"),
        ("a", "commit"),
        ("a", "select * from acct order by id"),
    ],
    "extended protocol inside a block": [
        ("a", SETUP + "; insert into acct values (1, 10), (2, 20), (3, 30)"),
        ("a", [parse("", "begin"), bind("", ""), execute(""), SYNC]),
        ("a", [parse("s1", "select id from acct order by id"), bind("p1", "s1"),
               execute("p1", 1), SYNC]),
        # The portal outlives Sync inside a block.
        ("a", [execute("p1", 1), SYNC]),
        ("a", [parse("", "insert into acct values (4, 40)"), bind("", ""), execute(""), SYNC]),
        ("b", "select count(*) from acct"),
        ("a", [parse("", "select 1/0"), bind("", ""), execute(""), SYNC]),
        ("a", [execute("p1", 1), SYNC]),
        ("a", [parse("", "rollback"), bind("", ""), execute(""), SYNC]),
        ("a", [execute("p1", 1), SYNC]),
        ("b", "select count(*) from acct"),
    ],
    "extended protocol: the Executes up to Sync are one transaction": [
        ("a", SETUP),
        ("a", [parse("i1", "insert into acct values (1, 1)"), bind("", "i1"), execute(""),
               parse("i2", "insert into acct values (2, 2)"), bind("", "i2"), execute(""),
               parse("z", "select 1/0"), bind("", "z"), execute(""), SYNC]),
        ("b", "select count(*) from acct"),
        ("a", [bind("", "i1"), execute(""), bind("", "i2"), execute(""), SYNC]),
        ("b", "select count(*) from acct"),
        ("a", [bind("", "i1"), execute(""), SYNC]),
        ("a", [parse("", "commit"), bind("", ""), execute(""), SYNC]),
        ("a", [parse("", "savepoint x"), bind("", ""), execute(""), SYNC]),
    ],
    "implicit transaction of a multi-statement query": [
        ("a", SETUP),
        ("a", "insert into acct values (1, 1); insert into acct values (2, 2); select 1/0"),
        ("b", "select count(*) from acct"),
        ("a", "insert into acct values (1, 1); begin; insert into acct values (2, 2)"),
        ("b", "select count(*) from acct"),
        ("a", "commit; select count(*) from acct"),
    ],
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    return transcripts.compare_schedules(args.stratad, SCHEDULES, shape)


if __name__ == "__main__":
    sys.exit(main())
