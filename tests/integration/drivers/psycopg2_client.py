#!/usr/bin/env python3
"""psycopg2 driver program for driver_compare_test.py: connects to the server
given as arguments (host port user dbname) and prints what psycopg2 observed
(values with their Python types, rowcounts, SQLSTATEs, COPY results). The
output is compared between PostgreSQL 15 and stratad; nothing here states an
expected value. psycopg2 only speaks the text format."""
import io
import sys

import psycopg2
import psycopg2.extras


def show(label, value):
    shown = bytes(value) if isinstance(value, memoryview) else value
    print(f"{label}: {type(value).__name__} {shown!r}")


def step(conn, label, fn):
    """Runs one check; a database error prints its SQLSTATE and the connection
    is rolled back so the next check starts clean."""
    try:
        fn()
    except psycopg2.Error as e:
        print(f"{label}: ERROR {e.pgcode} {type(e).__name__}")
        conn.rollback()


def main():
    host, port, user, dbname = sys.argv[1:5]
    conn = psycopg2.connect(host=host, port=port, user=user, dbname=dbname)
    print("connected", conn.status, conn.server_version // 10000)
    cur = conn.cursor()

    # Every type in the text format, through a literal and through a parameter.
    exprs = [
        ("int2", "1::int2"), ("int4", "-2147483648::int4"), ("int8", "9223372036854775807::int8"),
        ("numeric", "12345.678900::numeric"), ("numeric_nan", "'NaN'::numeric"),
        ("float4", "1.5::float4"), ("float8", "-2.25e100::float8"),
        ("float8_inf", "'Infinity'::float8"), ("bool", "true"), ("text", "'héllo'::text"),
        ("varchar", "'ab'::varchar(5)"), ("bpchar", "'ab'::char(4)"),
        ("bytea", "'\\xdeadbeef'::bytea"), ("date", "'2024-02-29'::date"),
        ("time", "'13:45:01.25'::time"), ("timestamp", "'2024-01-02 03:04:05.678'::timestamp"),
        ("timestamptz", "'2024-01-02 03:04:05+02'::timestamptz"),
        ("interval", "'1 day 02:03:04'::interval"),
        ("uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"),
        ("json", "'{\"a\": [1, 2]}'::json"), ("jsonb", "'{\"b\": null, \"a\": 1}'::jsonb"),
        ("int4_array", "ARRAY[1, NULL, 3]"), ("text_array", "ARRAY['a', 'b c']"),
        ("null", "NULL::int4"), ("oid", "'pg_class'::regclass::oid"),
    ]
    for name, expr in exprs:
        def literal(name=name, expr=expr):
            cur.execute(f"SELECT {expr}")
            show(f"literal {name}", cur.fetchone()[0])
            print(f"  column type oid {cur.description[0].type_code}")
        step(conn, f"literal {name}", literal)
    conn.rollback()

    import datetime
    import decimal
    import uuid
    params = [
        ("int", 42), ("bigint", 2 ** 40), ("float", 0.5), ("decimal", decimal.Decimal("3.14")),
        ("str", "it's"), ("bytes", psycopg2.Binary(b"\x00\x01\xff")), ("bool", False),
        ("none", None), ("date", datetime.date(2020, 5, 17)),
        ("datetime", datetime.datetime(2020, 5, 17, 1, 2, 3, 456000)),
        ("timedelta", datetime.timedelta(days=2, seconds=5)),
        ("list", [1, 2, 3]), ("uuid", uuid.UUID("12345678-1234-5678-1234-567812345678")),
        ("json", psycopg2.extras.Json({"k": [True, None]})),
    ]
    psycopg2.extras.register_uuid()
    for name, value in params:
        def param(name=name, value=value):
            cur.execute("SELECT %s", (value,))
            show(f"param {name}", cur.fetchone()[0])
        step(conn, f"param {name}", param)
    conn.rollback()

    # Table, rowcounts, executemany, server-side (named) cursor.
    def table():
        cur.execute("CREATE TABLE drv_items (id int PRIMARY KEY, name text NOT NULL, "
                    "price numeric(10,2), tags text[])")
        cur.execute("INSERT INTO drv_items VALUES (1, 'one', 1.50, '{a}'), (2, 'two', NULL, NULL)")
        print("insert rowcount", cur.rowcount, cur.statusmessage)
        cur.executemany("INSERT INTO drv_items VALUES (%s, %s, %s, %s)",
                        [(3, "three", decimal.Decimal("3.33"), ["x", "y"]), (4, "four", None, [])])
        print("executemany rowcount", cur.rowcount)
        cur.execute("UPDATE drv_items SET price = price * 2 WHERE price IS NOT NULL")
        print("update rowcount", cur.rowcount, cur.statusmessage)
        cur.execute("SELECT * FROM drv_items ORDER BY id")
        print("columns", [(d.name, d.type_code) for d in cur.description])
        for row in cur.fetchall():
            print("row", [(type(v).__name__, v) for v in row])
        conn.commit()
        named = conn.cursor("drv_cursor")
        named.itersize = 2
        named.execute("SELECT id FROM drv_items ORDER BY id")
        print("named cursor", [r[0] for r in named])
        named.close()
        conn.commit()
    step(conn, "table", table)

    # Transactions: rollback discards, commit keeps, savepoints, autocommit.
    def transactions():
        cur.execute("INSERT INTO drv_items VALUES (10, 'ten')")
        conn.rollback()
        cur.execute("SELECT count(*) FROM drv_items WHERE id = 10")
        print("after rollback", cur.fetchone()[0])
        cur.execute("INSERT INTO drv_items VALUES (11, 'eleven')")
        cur.execute("SAVEPOINT s1")
        cur.execute("INSERT INTO drv_items VALUES (12, 'twelve')")
        cur.execute("ROLLBACK TO SAVEPOINT s1")
        conn.commit()
        cur.execute("SELECT id FROM drv_items WHERE id >= 10 ORDER BY id")
        print("after savepoint", cur.fetchall())
        conn.commit()
        conn.autocommit = True
        cur.execute("INSERT INTO drv_items VALUES (13, 'thirteen')")
        print("autocommit status", conn.get_transaction_status())
        conn.autocommit = False
        conn.set_session(isolation_level="REPEATABLE READ")
        cur.execute("SHOW transaction_isolation")
        print("isolation", cur.fetchone()[0])
        conn.rollback()
        conn.set_session(isolation_level="READ COMMITTED")
        conn.rollback()
    step(conn, "transactions", transactions)

    # Errors by SQLSTATE; the transaction is aborted until rolled back.
    errors = [
        ("unique", "INSERT INTO drv_items VALUES (1, 'dup')"),
        ("not_null", "INSERT INTO drv_items VALUES (99, NULL)"),
        ("undefined_table", "SELECT * FROM drv_missing"),
        ("undefined_column", "SELECT nope FROM drv_items"),
        ("syntax", "SELEC 1"),
        ("division", "SELECT 1 / 0"),
        ("invalid_text", "SELECT 'x'::int"),
        ("out_of_range", "SELECT 32768::int2"),
    ]
    for name, sql in errors:
        def err(sql=sql):
            cur.execute(sql)
            print("no error")
        step(conn, f"error {name}", err)

    def aborted():
        try:
            cur.execute("SELECT 1 / 0")
        except psycopg2.Error as e:
            print("first", e.pgcode)
        cur.execute("SELECT 1")
    step(conn, "in aborted transaction", aborted)

    # COPY in both directions, text and CSV.
    def copy():
        cur.execute("CREATE TABLE drv_copy (a int, b text, c date)")
        data = io.StringIO("1\tx\t2020-01-01\n2\t\\N\t2021-12-31\n3\ttab\\there\t\\N\n")
        cur.copy_expert("COPY drv_copy FROM STDIN", data)
        print("copy in rowcount", cur.rowcount)
        data = io.StringIO('4,"q,""uoted",2022-02-02\n5,,\n')
        cur.copy_expert("COPY drv_copy FROM STDIN WITH (FORMAT csv)", data)
        print("copy csv rowcount", cur.rowcount)
        out = io.StringIO()
        cur.copy_expert("COPY drv_copy TO STDOUT", out)
        print("copy out", repr(out.getvalue()))
        out = io.StringIO()
        cur.copy_expert("COPY (SELECT a, b FROM drv_copy ORDER BY a DESC) TO STDOUT "
                        "WITH (FORMAT csv, HEADER)", out)
        print("copy csv out", repr(out.getvalue()))
        conn.commit()
        bad = io.StringIO("x\ty\tz\n")
        cur.copy_expert("COPY drv_copy FROM STDIN", bad)
    step(conn, "copy", copy)

    def cleanup():
        cur.execute("DROP TABLE drv_items, drv_copy")
        conn.commit()
    step(conn, "cleanup", cleanup)
    conn.close()
    print("-- done")


if __name__ == "__main__":
    main()
