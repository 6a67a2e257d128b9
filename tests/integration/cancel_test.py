#!/usr/bin/env python3
"""Query cancel (CancelRequest) and statement_timeout, against stratad and a
real PostgreSQL 15.

Each case runs the same steps on both servers; every reply is reduced to its
message kinds, SQLSTATEs, messages, command tags, data rows and
ReadyForQuery status, and the two transcripts must be identical (except for
the RowDescription PostgreSQL sends before a SELECT that then fails). A cancelled
statement must also end long before it would have finished on its own (the
bound is generous: it only tells "interrupted" from "ran to the end").
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import transcripts  # noqa: E402

connect = transcripts.connect
send_cancel = transcripts.send_cancel


def shape(msgs):
    out = []
    for i, m in enumerate(msgs):
        # Known difference, left alone: PostgreSQL sends a SELECT's
        # RowDescription before running it, stratad with its rows, so a
        # statement that fails while running has one only on PostgreSQL.
        if m.kind == b"T" and i + 1 < len(msgs) and msgs[i + 1].kind == b"E":
            continue
        if m.kind in (b"E", b"N"):
            f = m.fields()
            out.append((m.kind.decode(), f.get("C"), f.get("M")))
        elif m.kind in (b"Z", b"C", b"D"):
            out.append((m.kind.decode(), m.body))
        elif m.kind == b"S":
            continue
        else:
            out.append((m.kind.decode(),))
    return out


def timed_query(c, sql):
    start = time.monotonic()
    msgs = c.query(sql)
    return shape(msgs), time.monotonic() - start


def case_statement_timeout(server):
    c = connect(server)
    out = [shape(c.query("set statement_timeout = '200ms'"))]
    got, secs = timed_query(c, "select pg_sleep(30)")
    out.append(got)
    assert secs < 10, f"pg_sleep(30) took {secs:.1f}s under a 200ms statement_timeout"
    # A scan loop is interrupted too, not only the sleep.
    got, secs = timed_query(c, "select count(*) from generate_series(1, 2000000000)")
    out.append(got)
    assert secs < 10, f"the count took {secs:.1f}s under a 200ms statement_timeout"
    # Each statement of a multi-statement query has its own timeout.
    out.append(shape(c.query("select pg_sleep(0.15); select pg_sleep(0.15); select 1")))
    out.append(shape(c.query("reset statement_timeout; select pg_sleep(0.3)")))
    c.close()
    return out


def case_cancel_request(server):
    c = connect(server)
    out = []
    c.send(b"Q", b"select pg_sleep(30)\0")
    time.sleep(0.5)
    start = time.monotonic()
    send_cancel(server, c)
    out.append(shape(c.read_until_ready()))
    secs = time.monotonic() - start
    assert secs < 10, f"the cancelled pg_sleep(30) took {secs:.1f}s to end"
    # Inside a transaction block the cancel aborts the block.
    out.append(shape(c.query("begin")))
    c.send(b"Q", b"select count(*) from generate_series(1, 2000000000)\0")
    time.sleep(0.5)
    send_cancel(server, c)
    out.append(shape(c.read_until_ready()))
    out.append(shape(c.query("select 1")))
    out.append(shape(c.query("rollback")))
    # A cancel that arrives while the session is idle is ignored.
    send_cancel(server, c)
    time.sleep(0.3)
    out.append(shape(c.query("select 2")))
    # A wrong key cancels nothing.
    c.send(b"Q", b"select pg_sleep(1.5), 3\0")
    time.sleep(0.3)
    real_key = c.backend_key
    c.backend_key = real_key ^ 0x5A5A
    send_cancel(server, c)
    c.backend_key = real_key
    out.append(shape(c.read_until_ready()))
    c.close()
    return out


def backend_pid(c):
    (row,) = [m for m in c.query("select pg_backend_pid()") if m.kind == b"D"]
    return int(row.body[6:].decode())


def case_signal_functions(server):
    a, b = connect(server), connect(server)
    out = []
    b_pid = backend_pid(b)
    # pg_cancel_backend from another session cancels b's running statement.
    b.send(b"Q", b"select pg_sleep(30)\0")
    time.sleep(0.5)
    out.append(shape(a.query(f"select pg_cancel_backend({b_pid})")))
    out.append(shape(b.read_until_ready()))
    # A pid that is no session: WARNING and false; a negative timeout: 22023.
    out.append(shape(a.query("select pg_cancel_backend(1), pg_terminate_backend(1)")))
    out.append(shape(a.query("select pg_terminate_backend(1, -1)")))
    # Not compared, a known difference: cancelling oneself. PostgreSQL sends
    # the row, then notices the cancel (ERROR 57014); stratad has no
    # interrupt check after the row and returns it without an error.
    # pg_terminate_backend with a timeout returns once b is gone; b reads
    # FATAL 57P01 and the connection closes.
    out.append(shape(a.query(f"select pg_terminate_backend({b_pid}, 10000)")))
    out.append(shape([b.read_message()]))
    out.append(b.closed_by_peer())
    a.close()
    b.close()
    return out


CASES = {
    "statement_timeout": case_statement_timeout,
    "CancelRequest": case_cancel_request,
    "pg_cancel_backend / pg_terminate_backend": case_signal_functions,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    return transcripts.compare_cases(args.stratad, CASES)

if __name__ == "__main__":
    sys.exit(main())
