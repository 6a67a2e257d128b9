#!/usr/bin/env python3
"""Durability across restarts: data and schema written to stratad survive a
clean stop (SIGTERM) and a kill -9 right after an acknowledged INSERT.
User-defined functions stay callable, in a second database too. Sequences resume exactly after a clean stop (like PostgreSQL after a
shutdown checkpoint) and never hand out a value twice after kill -9.
Temporary tables of sessions cut off by kill -9 are gone after the restart.

The same statements run against a real PostgreSQL 15 (which is not
restarted); what stratad prints after each restart must equal what
PostgreSQL prints, so no expected output is written by hand.
"""
import argparse
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402

SETUP = """
create schema s;
create table s.items (id int primary key, name text not null, price numeric(8,2) default 1.5);
create table log (msg text);
insert into s.items values (1, 'one', 10), (2, 'two', default), (3, 'three', 3.333);
insert into log values ('first'), ('second');
update s.items set price = price * 2 where id = 1;
delete from s.items where id = 3;
create table ser (id serial primary key, v text);
insert into ser (v) values ('a'), ('b');
create sequence counter start 100;
select nextval('counter'), nextval('counter');
create function s.label(i int) returns text language sql stable as
  $$ select name || ':' || i from s.items where id = i $$;
create function double_it(int) returns int return $1 * 2;
"""
READ = ("select * from s.items order by id; select * from log order by msg; select * from ser order by id;"
        " select s.label(1), s.label(2), double_it(21);")
AFTER_KILL = "insert into s.items values (4, 'four', 4.44); insert into log values ('third');"
# COPY's bulk path (>= 1000 rows into an empty table: one ingested table file).
BULK_SETUP = "create table bulk (id int primary key, v text default 'x'); create table half (id int)"
BULK_COPY = "\\copy bulk (id) from program 'seq 1 3000'"
BULK_READ = ("select count(*), sum(id), min(v) from bulk; select * from bulk where id = 2999; "
             "select count(*) from half")


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
        compare("sequences after clean restart",
                "insert into ser (v) values ('c') returning id; select nextval('counter');")
        last_value = int(strata.psql(["-At", "-c", "select nextval('counter')"])[1].strip())
        compare("insert before kill -9", AFTER_KILL)
        strata.stop(sig=signal.SIGKILL)
        strata.start()
        compare("read after kill -9", READ)
        after = int(strata.psql(["-At", "-c", "select nextval('counter')"])[1].strip())
        if after <= last_value:
            failures += 1
            print(f"FAIL nextval after kill -9 returned {after}, not after {last_value}")
        else:
            print(f"ok   nextval after kill -9: {after} > {last_value}")
        compare("write after recovery", "insert into log values ('fourth'); " + READ)

        # An acknowledged bulk COPY survives kill -9; one cut off mid-way
        # leaves nothing; scratch files a crash left behind are removed.
        compare("bulk setup", BULK_SETUP)
        compare("bulk copy", BULK_COPY)
        for server in (ref, strata):
            c = pgwire.Connection(unix_path=os.path.join(server.host, f".s.PGSQL.{server.port}"))
            c.startup()
            c.read_until_ready()
            c.send(b"Q", b"copy half from stdin\0")
            assert c.read_message().kind == b"G"
            c.send(b"d", "".join(f"{i}\n" for i in range(1, 2001)).encode())
            if server is ref:
                c.close()  # PostgreSQL aborts the COPY when the client goes
        scratch = os.path.join(strata.data_dir, "copy-12345.scratch")
        strata.stop(sig=signal.SIGKILL)
        with open(scratch, "wb") as f:
            f.write(b"left by a crash")
        strata.start()
        compare("bulk read after kill -9", BULK_READ)
        if os.path.exists(scratch):
            failures += 1
            print("FAIL a scratch file survived the restart")

        # A second database: its schema, rows, sequences and functions survive
        # kill -9 beside postgres's (the same names in both, each its own),
        # and dropping it leaves postgres's untouched, across a restart too.
        compare("create database", "create database other")
        ref.database = strata.database = "other"
        compare("other: setup", SETUP)
        compare("other: insert before kill -9", AFTER_KILL)
        # Sessions holding temporary tables in both databases when the server
        # dies: restart drops their schemas (it used to loop forever in Open,
        # walking a catalog snapshot the first drop had freed).
        sessions = []
        for server in (ref, strata):
            for dbname in ("postgres", "other"):
                c = pgwire.Connection(unix_path=os.path.join(server.host, f".s.PGSQL.{server.port}"))
                c.startup(database=dbname)
                c.read_until_ready()
                c.query("create temp table crash_tmp (a int); insert into crash_tmp values (1)")
                sessions.append(c)
        strata.stop(sig=signal.SIGKILL)
        for c in sessions:
            c.close()
        strata.start()
        compare("other: read after kill -9", READ)
        # PostgreSQL drops them as its backends exit, just after the close.
        for _ in range(100):
            if ref.psql(["-At", "-c", "select count(*) from pg_class where relname = 'crash_tmp'"])[1].strip() == "0":
                break
            time.sleep(0.1)
        compare("other: temporary tables gone after kill -9",
                "select count(*) from pg_class where relname = 'crash_tmp'")
        ref.database = strata.database = "postgres"
        compare("postgres beside other", READ)
        compare("drop database", "drop database other")
        strata.stop()
        strata.start()
        compare("postgres after dropping other", READ)
        compare("other is gone", "select count(*) from pg_database where datname = 'other'")
        # Logging in to a database that does not exist (any more): FATAL 3D000.
        fatal = []
        for server in (ref, strata):
            server.database = "other"
            code, out = server.psql(["-c", "select 1"])
            server.database = "postgres"
            fatal.append((code, [line[line.index("FATAL"):] for line in out.splitlines()
                                 if "FATAL" in line]))
        if fatal[0] != fatal[1] or not fatal[0][1]:
            failures += 1
            print(f"FAIL login to a dropped database: {fatal[1]}, PostgreSQL {fatal[0]}")
        else:
            print(f"ok   login to a dropped database: {fatal[1]}")
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
