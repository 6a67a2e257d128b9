#!/usr/bin/env python3
"""Wire-level tests of stratad's PostgreSQL v3 protocol handling, with raw
sockets. Where PostgreSQL 15 defines the outcome (startup, error codes for
malformed input), the same exchange is run against a real PostgreSQL 15 and
the message kinds and SQLSTATEs must agree."""
import argparse
import os
import struct
import subprocess
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402


def connect(server):
    return pgwire.Connection(unix_path=os.path.join(server.host, f".s.PGSQL.{server.port}"))


def login(server):
    c = connect(server)
    c.startup()
    msgs = c.read_until_ready()
    assert msgs[0].kind == b"R" and msgs[0].body == struct.pack("!I", 0), msgs[0]
    return c, msgs


def error_shape(msgs):
    """(kind, severity, sqlstate) of each message, for comparing servers."""
    out = []
    for m in msgs:
        if m.kind in (b"E", b"N"):
            f = m.fields()
            out.append((m.kind, f.get("V"), f.get("C")))
        else:
            out.append((m.kind,))
    return out


def test_startup_parameters(strata, ref):
    _, msgs = login(strata)
    params = {}
    for m in msgs:
        if m.kind == b"S":
            k, v, _ = m.body.split(b"\0")
            params[k.decode()] = v.decode()
    assert params["server_version"].startswith("15."), params
    assert "StrataDB" in params["server_version"]
    for name, value in [("server_encoding", "UTF8"), ("client_encoding", "UTF8"),
                        ("DateStyle", "ISO, MDY"), ("integer_datetimes", "on"),
                        ("standard_conforming_strings", "on"), ("IntervalStyle", "postgres"),
                        ("is_superuser", "on"), ("session_authorization", "postgres")]:
        assert params.get(name) == value, (name, params.get(name))
    _, ref_msgs = login(ref)
    ref_names = {m.body.split(b"\0")[0].decode() for m in ref_msgs if m.kind == b"S"}
    assert ref_names == set(params), (sorted(ref_names ^ set(params)))
    kinds = [m.kind for m in msgs if m.kind != b"S"]
    assert kinds == [b"R", b"K", b"Z"], kinds
    assert msgs[-1].body == b"I"


def test_ssl_and_gss_declined(strata, ref):
    for server in (strata, ref):
        c = connect(server)
        assert c.ssl_request() == b"N"
        c.send_raw(struct.pack("!II", 8, 80877104))  # GSSENCRequest
        assert c.read_exact(1) == b"N"
        c.startup()
        msgs = c.read_until_ready()
        assert msgs[-1].body == b"I"
        c.close()


def test_empty_query_and_multi_statement(strata, ref):
    for server in (strata, ref):
        c, _ = login(server)
        assert [m.kind for m in c.query("")] == [b"I", b"Z"]
        assert [m.kind for m in c.query("  -- only a comment\n")] == [b"I", b"Z"]
        kinds = [m.kind for m in c.query("select 1; select 2")]
        assert kinds == [b"T", b"D", b"C", b"T", b"D", b"C", b"Z"], kinds
        # The first error ends the string: the third statement does not run.
        msgs = c.query("select 1; select 1/0; select 3")
        assert error_shape(msgs) == [(b"T",), (b"D",), (b"C",), (b"E", "ERROR", "22012"),
                                     (b"Z",)], error_shape(msgs)
        c.close()


def test_row_description_types(strata, ref):
    def describe(server):
        c, _ = login(server)
        msgs = c.query("select 1 as a, 2147483648 as b, 1.5 as c, 'x' as d, true as e, null as f")
        c.close()
        return msgs[0].body
    assert describe(strata) == describe(ref)


def test_row_description_datetime(strata, ref):
    """Type OIDs, sizes and typmods of date/time columns (timestamp(p),
    interval fields, CURRENT_TIMESTAMP(p))."""
    sql = ("select date '2020-01-01' as a, time(2) '10:00' as b, timestamp(3) '2020-01-01' as c, "
           "timestamptz '2020-01-01' as d, interval '1' day as e, interval(2) '1 s' as f, "
           "current_timestamp(1) as g, localtime as h, now() - now() as i, "
           "extract(year from now()) as j, date_part('year', now()) as k")

    def describe(server):
        c, _ = login(server)
        msgs = c.query(sql)
        c.close()
        return msgs[0].body
    assert describe(strata) == describe(ref)


def test_parameter_status_on_set(strata, ref):
    """SET of a GUC_REPORT parameter sends ParameterStatus (after the
    CommandComplete, before ReadyForQuery) only when the value changes, and
    startup-packet parameters set the session's values."""
    def exchange(server):
        c = connect(server)
        c.startup(extra={"DateStyle": "SQL, DMY", "TimeZone": "Asia/Tokyo"})
        start = {tuple(m.body.split(b"\0")[:2]) for m in c.read_until_ready() if m.kind == b"S"}
        out = [sorted(x for x in start if x[0] in (b"DateStyle", b"TimeZone"))]
        for sql in ("set timezone = 'America/New_York'", "set timezone = 'America/New_York'",
                    "set datestyle = 'iso'; set intervalstyle = 'iso_8601'",
                    "set statement_timeout = 1000", "reset all",
                    "select timestamptz '2020-01-01 00:00+00'"):
            out.append([(m.kind, m.body) for m in c.query(sql)])
        c.close()
        bad = connect(server)
        bad.startup(extra={"TimeZone": "Nowhere/Land"})
        msgs = [bad.read_message()]
        while msgs[-1].kind not in (b"E", b"Z"):
            msgs.append(bad.read_message())
        out.append(error_shape(msgs) + [msgs[-1].fields().get("M")])
        bad.close()
        return out
    got, want = exchange(strata), exchange(ref)
    assert got == want, (got, want)


def test_unsupported_statement_is_0A000(strata):
    c, _ = login(strata)
    msgs = c.query("create aggregate agg1 (sfunc = int4pl, stype = int4, basetype = int4)")
    assert error_shape(msgs) == [(b"E", "ERROR", "0A000"), (b"Z",)], error_shape(msgs)
    assert "CREATE AGGREGATE" in msgs[0].fields()["M"], msgs[0].fields()
    # The session carries on.
    assert [m.kind for m in c.query("select 1")] == [b"T", b"D", b"C", b"Z"]


def test_malformed_messages(strata, ref):
    """Malformed input: stratad answers ErrorResponse 08P01 and closes that
    connection (the issue's rule; PostgreSQL closes for framing errors and
    keeps the session for some body errors), while other sessions carry on.
    The first error's SQLSTATE must match PostgreSQL's."""
    # label -> (bytes, what PostgreSQL 15 answers). For a broken frame PostgreSQL
    # only logs a COMMERROR and hangs up silently; the issue asks stratad to
    # say 08P01 first, so there the reference is only checked for hanging up.
    cases = {
        "length below 4": (b"Q" + struct.pack("!I", 3), None),
        "query without terminator": (b"Q" + struct.pack("!I", 4 + 3) + b"abc", "08P01"),
        "unknown message type": (b"\x01" + struct.pack("!I", 4), "08P01"),
    }
    for label, (raw, ref_code) in cases.items():
        codes = []
        for server in (strata, ref):
            bystander, _ = login(server)
            c, _ = login(server)
            c.send_raw(raw)
            first_error = None
            try:
                while first_error is None:
                    m = c.read_message()
                    if m.kind == b"E":
                        first_error = m.fields()
            except (EOFError, ConnectionResetError):
                pass
            codes.append(first_error and first_error.get("C"))
            if server is strata:
                assert first_error and first_error["V"] == "FATAL", (label, first_error)
                assert c.closed_by_peer(), label
            c.close()
            # Every other session carries on.
            assert [m.kind for m in bystander.query("select 1")] == [b"T", b"D", b"C", b"Z"]
            bystander.close()
        assert codes == ["08P01", ref_code], (label, codes)


# --- Extended query protocol: raw message builders and a normalised view of
# the replies (every field PostgreSQL sends, except error source locations).
def _cstr(s):
    return s.encode() + b"\0"


def msg_parse(name, query, types=()):
    return (b"P", _cstr(name) + _cstr(query) + struct.pack("!H", len(types)) +
            b"".join(struct.pack("!I", t) for t in types))


def msg_bind(portal, stmt, params=(), pformats=(), rformats=()):
    body = _cstr(portal) + _cstr(stmt) + struct.pack("!H", len(pformats))
    body += b"".join(struct.pack("!h", f) for f in pformats)
    body += struct.pack("!H", len(params))
    for p in params:
        if p is None:
            body += struct.pack("!i", -1)
        else:
            p = p.encode() if isinstance(p, str) else p
            body += struct.pack("!i", len(p)) + p
    body += struct.pack("!H", len(rformats)) + b"".join(struct.pack("!h", f) for f in rformats)
    return (b"B", body)


def msg_describe(kind, name):
    return (b"D", kind.encode() + _cstr(name))


def msg_execute(portal, max_rows=0):
    return (b"E", _cstr(portal) + struct.pack("!i", max_rows))


def msg_close(kind, name):
    return (b"C", kind.encode() + _cstr(name))


SYNC = (b"S", b"")
FLUSH = (b"H", b"")


def normalised(m):
    if m.kind in (b"E", b"N"):
        f = m.fields()
        return (m.kind, tuple(sorted((k, v) for k, v in f.items() if k not in "FLR")))
    return (m.kind, m.body)


def exchange(server, messages, reads=None):
    """Sends `messages` on a fresh session and reads up to the ReadyForQuery
    answering each Sync (or simple Query)."""
    c, _ = login(server)
    for kind, body in messages:
        c.send(kind, body)
    expected = reads if reads is not None else sum(1 for k, _ in messages if k in (b"S", b"Q"))
    out = []
    for _ in range(expected):
        out.extend(normalised(m) for m in c.read_until_ready())
    # The session is still usable afterwards.
    assert [m.kind for m in c.query("select 1")] == [b"T", b"D", b"C", b"Z"]
    c.close()
    return out


EXTENDED_CASES = {
    "infer and describe": [msg_parse("", "select $1 + 1, $2 = 'x', $3::int8, $4"),
                           msg_describe("S", ""), SYNC],
    "given types": [msg_parse("", "select $1, $2", [23, 0]), msg_describe("S", ""),
                    msg_bind("", "", ["12", "x"]), msg_describe("P", ""), msg_execute(""), SYNC],
    "undetermined type": [msg_parse("", "select $1 is null"), SYNC],
    "unreferenced parameter": [msg_parse("", "select $2::int"), SYNC],
    "unresolved reference": [msg_parse("", "select $1 is null, $1 + 1"), SYNC],
    "division by zero at bind": [msg_parse("", "select 1/0"), msg_bind("", ""), SYNC],
    "folded with parameters": [msg_parse("", "select $1::int/0"), msg_bind("", "", ["1"]), SYNC],
    "bad text parameter": [msg_parse("", "select $1::int"), msg_bind("", "", ["abc"]), SYNC],
    "bad parameter, named portal": [msg_parse("", "select $1::int"),
                                    msg_bind("pp", "", ["abc"]), SYNC],
    "empty text parameter": [msg_parse("", "select $1::int"), msg_bind("", "", [""]), SYNC],
    "binary parameter too long": [msg_parse("", "select $1::int"),
                                  msg_bind("", "", [b"\0\0\0\1\1"], [1]), SYNC],
    "binary parameter too short": [msg_parse("", "select $1::int"),
                                   msg_bind("", "", [b"\0\0\1"], [1]), SYNC],
    "binary bool empty": [msg_parse("", "select $1::bool"), msg_bind("", "", [b""], [1]), SYNC],
    "bad parameter format code": [msg_parse("", "select $1::int"),
                                  msg_bind("", "", ["1"], [3]), SYNC],
    "NUL in text parameter": [msg_parse("", "select $1::text"),
                              msg_bind("", "", [b"a\0b"]), SYNC],
    "parameter count": [msg_parse("", "select $1::int, $2::int"), msg_bind("", "", ["1"]), SYNC],
    "parameter count, named": [msg_parse("s1", "select $1::int, $2::int"),
                               msg_bind("", "s1", ["1"]), SYNC],
    "missing statement": [msg_bind("", "zz"), msg_describe("S", "zz"), SYNC],
    "missing unnamed statement": [msg_bind("", ""), SYNC],
    "missing portal": [msg_execute("zz"), SYNC, msg_describe("P", "zz"), SYNC],
    "missing unnamed portal": [msg_execute(""), SYNC],
    "duplicate statement": [msg_parse("a", "select 1"), msg_parse("a", "select 2"), SYNC],
    "duplicate portal": [msg_parse("", "select 1"), msg_bind("p", ""), msg_bind("p", ""), SYNC],
    "row limit": [msg_parse("", "values (1),(2),(3)"), msg_bind("", ""), msg_execute("", 2),
                  msg_execute("", 2), msg_execute("", 2), SYNC],
    "row limit exact": [msg_parse("", "values (1),(2)"), msg_bind("", ""), msg_execute("", 2),
                        msg_execute("", 2), SYNC],
    "portals end at sync": [msg_parse("", "values (1),(2)"), msg_bind("p1", ""),
                            msg_execute("p1", 1), SYNC, msg_execute("p1", 1), SYNC],
    "statements outlive sync": [msg_parse("n", "select 7"), SYNC, msg_bind("", "n"),
                                msg_execute(""), SYNC],
    "query drops unnamed statement": [msg_parse("", "select 7"), SYNC, (b"Q", b"select 1\0"),
                                      msg_bind("", ""), SYNC],
    "result formats": [msg_parse("", "select 1::numeric(5,2) as x, 'a', 2::int8, 1.5::float8"),
                       msg_bind("", "", [], [], [1, 0, 1, 1]), msg_describe("P", ""),
                       msg_describe("S", ""), msg_execute(""), SYNC],
    "one result format for all": [msg_parse("", "select true, 'x'::varchar, -3::int2"),
                                  msg_bind("", "", [], [], [1]), msg_execute(""), SYNC],
    "binary parameters": [msg_parse("", "select $1, $2, $3, $4", [20, 701, 16, 1700]),
                          msg_bind("", "", [struct.pack("!q", -5), struct.pack("!d", 0.25),
                                            b"\1", struct.pack("!hhhhh", 1, 0, 0, 2, 7)],
                                   [1], [1]),
                          msg_execute(""), SYNC],
    "geometric binary results": [
        msg_parse("", "select '(1,2)'::point, '[(1,2),(3,4)]'::lseg, '(1,2),(3,4)'::box, "
                      "'{1,2,3}'::line, '<(1,2),3>'::circle, '[(1,2),(3,4)]'::path, "
                      "'((0,0),(1,1),(2,0))'::polygon, array['(1,2)'::point]"),
        msg_bind("", "", [], [], [1]), msg_execute(""), SYNC],
    "geometric binary parameters": [
        msg_parse("", "select $1, $2, $3, $4, $5, $6, $7", [600, 601, 603, 628, 718, 602, 604]),
        msg_bind("", "", [struct.pack("!dd", 1, 2), struct.pack("!dddd", 1, 2, 3, 4),
                          struct.pack("!dddd", 0, 5, 2, 3), struct.pack("!ddd", 1, -1, 0),
                          struct.pack("!ddd", 1, 2, 0.5),
                          b"\2" + struct.pack("!i", 2) + struct.pack("!dddd", 1, 2, 3, 4),
                          struct.pack("!i", 1) + struct.pack("!dd", 7, 8)], [1]),
        msg_execute(""), SYNC],
    "bad binary geometric values": [
        msg_parse("c", "select $1::circle"), msg_bind("", "c", [struct.pack("!ddd", 0, 0, -1)],
                                                      [1]), SYNC,
        msg_parse("l", "select $1::line"), msg_bind("", "l", [struct.pack("!ddd", 0, 0, 1)],
                                                    [1]), SYNC,
        msg_parse("p", "select $1::path"), msg_bind("", "p", [b"\0" + struct.pack("!i", 0)],
                                                    [1]), SYNC,
        msg_parse("q", "select $1::polygon"), msg_bind("", "q", [struct.pack("!i", -1)], [1]),
        SYNC],
    "bit binary results": [
        msg_parse("", "select B'1010', X'1F'::varbit, B''::varbit, B'111111111', "
                      "array[B'1', B'01']::varbit[]"),
        msg_bind("", "", [], [], [1]), msg_execute(""), SYNC],
    "bit binary parameters": [
        msg_parse("", "select $1, $2, $1::bit(6), $2 || B'1'", [1560, 1562]),
        msg_bind("", "", [struct.pack("!i", 4) + b"\xa0", struct.pack("!i", 3) + b"\xff"], [1]),
        msg_execute(""), SYNC],
    "bad binary bit values": [
        msg_parse("b", "select $1::bit"), msg_bind("", "b", [struct.pack("!i", -1)], [1]), SYNC,
        msg_parse("c", "select $1::varbit"),
        msg_bind("", "c", [struct.pack("!i", 9) + b"\xff"], [1]), SYNC],
    "range binary results": [
        msg_parse("", "select int4range(1, 5), 'empty'::int4range, '(,3.50]'::numrange, "
                      "daterange('2000-01-01', NULL), '{[1,3),[5,7)}'::int4multirange, "
                      "'{}'::nummultirange, array[int8range(1, 2), 'empty'], "
                      "tstzrange('2010-01-01 00:00+00', '2010-01-02 00:00+00', '(]')"),
        msg_bind("", "", [], [], [1]), msg_execute(""), SYNC],
    "range binary parameters": [
        msg_parse("", "select $1, $2, $1 @> 3", [3904, 4451]),
        msg_bind("", "", [b"\x00" + struct.pack("!iiii", 4, 1, 4, 5),
                          struct.pack("!ii", 2, 1) + b"\x01" + struct.pack("!i", 17) +
                          b"\x06" + struct.pack("!iiii", 4, 7, 4, 9)], [1]),
        msg_execute(""), SYNC],
    "bad binary range values": [
        msg_parse("b", "select $1::int4range"),
        msg_bind("", "b", [b"\x06" + struct.pack("!iiii", 4, 9, 4, 5)], [1]), SYNC,
        msg_bind("", "b", [b"\x02" + struct.pack("!ii", 4, 9)], [1]), SYNC],
    "too many result formats": [msg_parse("", "select 1, 2"),
                                msg_bind("", "", [], [], [1, 0, 1]), SYNC],
    "bad result format code": [msg_parse("", "select 1"), msg_bind("", "", [], [], [2]),
                               msg_execute(""), SYNC],
    "folded typmod only for the portal": [
        msg_parse("", "select case when true then 1::numeric(5,2) else 2::numeric(6,1) end"),
        msg_describe("S", ""), msg_bind("", ""), msg_describe("P", ""), SYNC],
    "empty query": [msg_parse("", ""), msg_bind("", ""), msg_describe("S", ""),
                    msg_describe("P", ""), msg_execute(""), SYNC],
    "multiple commands": [msg_parse("", "select 1; select 2"), SYNC],
    # A simple Query is skipped too: two ReadyForQuery in all.
    "skip until sync": ([msg_parse("", "select 1/0"), msg_bind("", ""), msg_execute(""),
                         msg_parse("x", "select 1"), (b"Q", b"select 2\0"), FLUSH, SYNC,
                         msg_describe("S", "x"), SYNC], 2),
    "close": [msg_parse("s", "select 1"), msg_bind("p", "s"), msg_close("S", "s"),
              msg_execute("p"), msg_close("P", "p"), msg_close("P", "p"), msg_close("S", "nope"),
              msg_execute("p"), SYNC],
    "execute twice": [msg_parse("", "select 1"), msg_bind("", ""), msg_execute(""),
                      msg_execute(""), SYNC],
    "flush": [msg_parse("", "select 2"), msg_bind("", ""), FLUSH, msg_execute(""), SYNC],
    "malformed bind body": [msg_parse("", "select 1"), (b"B", b"\0\0\0"), msg_execute(""),
                            SYNC],
    "SQL prepare, protocol execute": [(b"Q", b"prepare q(int) as select $1 * 2 as d\0"),
                                      msg_describe("S", "q"), msg_bind("", "q", ["21"]),
                                      msg_execute(""), msg_parse("q", "select 1"), SYNC],
    "protocol prepare, SQL execute": [msg_parse("r", "select $1::text || '!'"), SYNC,
                                      (b"Q", b"execute r('hi'); deallocate r\0"),
                                      msg_bind("", "r", ["x"]), SYNC],
    "EXECUTE through the protocol": [(b"Q", b"prepare q(int) as select $1 * 2 as d\0"),
                                     msg_parse("", "execute q(5)"), msg_describe("S", ""),
                                     msg_bind("", ""), msg_execute("", 1), msg_execute(""),
                                     SYNC],
    # (Select lists are expressions, not bare columns: RowDescription's table
    # OID and attnum of a plain column are not filled in yet.)
    "row limit over a table": [
        (b"Q", b"create table wp_rows (id int primary key, v text); "
               b"insert into wp_rows values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')\0"),
        msg_parse("", "select id + 0 as id, v || '' as v from wp_rows where id > $1 order by id"),
        msg_describe("S", ""), msg_bind("", "", ["1"]), msg_describe("P", ""),
        msg_execute("", 2), msg_execute("", 2), msg_execute("", 2), SYNC,
        msg_parse("", "update wp_rows set v = v || $1 where id < 4 returning -id, v || ''"),
        msg_describe("S", ""), msg_bind("", "", ["!"], [], [1]), msg_execute("", 2),
        msg_execute("", 2), SYNC,
        msg_parse("", "delete from wp_rows where id = $1"), msg_describe("S", ""),
        msg_bind("", "", [struct.pack("!i", 5)], [1]), msg_execute(""), SYNC,
        (b"Q", b"select id * 1, v || '?' from wp_rows order by id; drop table wp_rows\0")],
    "table statement errors at parse": [
        msg_parse("", "select * from wp_nosuch where id = $1"), SYNC,
        (b"Q", b"create table wp_err (id int)\0"),
        msg_parse("", "insert into wp_err (nosuch) values ($1)"), SYNC,
        msg_parse("", "update wp_err set id = $1 returning nosuch"), SYNC,
        msg_parse("", "delete from wp_err where id = $1 and id = $1::text"), SYNC,
        (b"Q", b"drop table wp_err\0")],
}


def test_extended_protocol(strata, ref):
    failures = []
    for label, case in EXTENDED_CASES.items():
        messages, reads = case if isinstance(case, tuple) else (case, None)
        want = exchange(ref, messages, reads)
        got = exchange(strata, messages, reads)
        if got != want:
            failures.append(f"{label}:\n  postgresql-15: {want}\n  stratad:       {got}")
    assert not failures, "\n".join(failures)


def exchange_pipelined(server, messages, reads):
    """Like exchange(), but every message goes out in ONE write, so the server
    finds them all buffered at once (it handles such a batch in one go)."""
    c, _ = login(server)
    c.send_raw(b"".join(kind + struct.pack("!I", len(body) + 4) + body
                        for kind, body in messages))
    out = []
    for _ in range(reads):
        out.extend(normalised(m) for m in c.read_until_ready())
    assert [m.kind for m in c.query("select 1")] == [b"T", b"D", b"C", b"Z"]
    c.close()
    return out


def test_pipelined_batch(strata, ref):
    """Many queries pipelined in one write (as pgbench -M prepared and libpq
    pipelines send them): every reply in order, errors skip to the next Sync
    only, simple Queries interleave, and point lookups by the whole primary
    key find exactly their row (or none). (RETURNING an expression: a bare
    column's RowDescription has no table OID/attnum yet.)"""
    setup = (b"Q", b"create table wp_pipe (a text, b int, v int, primary key (a, b)); "
                   b"insert into wp_pipe values ('x', 1, 10), ('x', 2, 20), ('xy', 1, 30), "
                   b"('y', 1, 40)\0")
    messages = [setup, msg_parse("pt", "select v from wp_pipe where a = $1 and b = $2")]
    keys = [("x", "1"), ("x", "2"), ("xy", "1"), ("x", "3"), ("", "1"), ("y", "1"), ("x", None)]
    for a, b in keys:
        messages += [msg_bind("", "pt", [a, b]), msg_execute(""), SYNC]
    messages += [msg_bind("", "pt", ["x", "nope"]), msg_execute(""), msg_bind("", "pt", ["x", "1"]),
                 msg_execute(""), SYNC,
                 (b"Q", b"update wp_pipe set v = v + 1 where a = 'x' and b = 1 "
                        b"returning v + 0 as v\0"),
                 msg_parse("", "delete from wp_pipe where a = $1 and b = $2 returning v"),
                 msg_bind("", "", ["xy", "1"]), msg_execute(""), SYNC,
                 msg_bind("", "pt", ["x", "1"]), msg_execute(""), msg_bind("", "pt", ["xy", "1"]),
                 msg_execute(""), SYNC]
    for i in range(100):
        messages += [msg_bind("", "pt", ["x", str(i % 3)]), msg_execute("")]
    messages += [SYNC, (b"Q", b"drop table wp_pipe\0")]
    reads = sum(1 for k, _ in messages if k in (b"S", b"Q"))
    want = exchange_pipelined(ref, messages, reads)
    got = exchange_pipelined(strata, messages, reads)
    assert got == want, f"\n  postgresql-15: {want}\n  stratad:       {got}"


def raw_query(sql):
    return b"Q" + struct.pack("!I", len(sql) + 5) + sql.encode() + b"\0"


def test_pipelined_then_broken_frame(strata):
    """Good messages followed by a broken frame in the same write: the good
    ones are answered, then the FATAL 08P01 and the connection closes."""
    c, _ = login(strata)
    c.send_raw(raw_query("select 41+1") + b"Q" + struct.pack("!I", 3))
    msgs = c.read_until_ready()
    assert [m.kind for m in msgs] == [b"T", b"D", b"C", b"Z"], msgs
    assert msgs[1].body.endswith(b"42"), msgs
    m = c.read_message()
    assert m.kind == b"E" and m.fields()["C"] == "08P01" and m.fields()["V"] == "FATAL", m
    assert c.closed_by_peer()


def test_terminate_in_batch(strata):
    """Terminate after a query in the same write: the query is answered, then
    the session ends without anything more."""
    c, _ = login(strata)
    c.send_raw(raw_query("select 41+1") + b"X" + struct.pack("!I", 4) + raw_query("select 41+2"))
    msgs = c.read_until_ready()
    assert [m.kind for m in msgs] == [b"T", b"D", b"C", b"Z"], msgs
    assert c.closed_by_peer() and c.buf == b"", c.buf


def test_oversized_message(stratad_binary):
    server = harness.Stratad(stratad_binary, extra_args=["-c", "max_message_size=4096"]).start()
    try:
        c, _ = login(server)
        c.send_raw(b"Q" + struct.pack("!I", 1 << 20))
        m = c.read_message()
        assert m.kind == b"E" and m.fields()["C"] == "08P01", m
        assert c.closed_by_peer()
        c2, _ = login(server)
        assert c2.query("select 1")[-1].kind == b"Z"
    finally:
        assert server.stop() == 0
        server.cleanup()


def test_truncated_startup_and_cancel(strata):
    c = connect(strata)
    c.send_raw(struct.pack("!I", 100) + b"\x00\x03")  # promises 100 bytes, sends 6
    c.close()
    c = connect(strata)
    c.send_raw(struct.pack("!III", 16, 80877102, 12345) + struct.pack("!I", 6789))
    assert c.closed_by_peer()  # CancelRequest is answered by closing
    c, _ = login(strata)
    assert c.query("select 1")[-1].kind == b"Z"


def test_cleartext_password(stratad_binary):
    server = harness.Stratad(stratad_binary, extra_args=["-c", "password=s3cret"]).start()
    try:
        for password, ok in (("wrong", False), ("s3cret", True)):
            c = connect(server)
            c.startup()
            m = c.read_message()
            assert m.kind == b"R" and m.body == struct.pack("!I", 3), m
            c.send(b"p", password.encode() + b"\0")
            m = c.read_message()
            if ok:
                assert m.kind == b"R" and m.body == struct.pack("!I", 0), m
            else:
                f = m.fields()
                assert m.kind == b"E" and f["C"] == "28P01" and f["V"] == "FATAL", f
                assert f["M"] == 'password authentication failed for user "postgres"', f
            c.close()
        code, out = server.psql(["-c", "select 1"], extra_env={"PGPASSWORD": "s3cret"})
        assert code == 0, out
    finally:
        assert server.stop() == 0
        server.cleanup()


# A SCRAM-SHA-256 verifier PostgreSQL 15 made (pg_authid.rolpassword after
# `SET password_encryption = 'scram-sha-256'; CREATE ROLE ... PASSWORD
# 'from postgres'`): stratad must accept PostgreSQL's verifiers as they are.
POSTGRES_VERIFIER = ("SCRAM-SHA-256$4096:EsRXT9R1mPTxXDluG7rblw==$bKSj4HVgYV3O2t4NBYYxWprBZx1YRQsxvp"
                     "Fi/F2wLdA=:+/cuiCgj1b6gYjhuq0TsTSSK/Kr40d4BP4Ebr6UJ6K8=")


def test_scram_password(stratad_binary):
    made = subprocess.run([stratad_binary, "--scram-verifier"], input=b"ours 2\n",
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
    ours = made.stdout.decode().strip()
    assert made.returncode == 0 and ours.startswith("SCRAM-SHA-256$4096:"), made
    assert "ours 2" not in ours
    for verifier, password in ((ours, "ours 2"), (POSTGRES_VERIFIER, "from postgres")):
        server = harness.Stratad(stratad_binary, extra_args=["-c", "password=" + verifier]).start()
        try:
            # libpq's SCRAM client checks the server's signature too.
            code, out = server.psql(["-Atc", "select 'in'"], extra_env={"PGPASSWORD": password})
            assert code == 0 and out.strip() == "in", out
            code, out = server.psql(["-Atc", "select 1"], extra_env={"PGPASSWORD": "wrong"})
            assert code != 0 and \
                'password authentication failed for user "postgres"' in out, out
            # The offer, and a mechanism the server did not offer.
            c = connect(server)
            c.startup()
            m = c.read_message()
            assert m.kind == b"R" and m.body == struct.pack("!I", 10) + b"SCRAM-SHA-256\0\0", m
            c.send(b"p", b"PLAIN\0" + struct.pack("!i", -1))
            f = c.read_message().fields()
            assert f["C"] == "08P01" and f["V"] == "FATAL", f
            assert f["M"] == "client selected an invalid SASL authentication mechanism", f
            c.close()
            # Channel binding is refused (no TLS).
            c = connect(server)
            c.startup()
            c.read_message()
            first = b"p=tls-server-end-point,,n=,r=abcdefgh"
            c.send(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(first)) + first)
            f = c.read_message().fields()
            assert f["C"] == "08P01" and f["M"] == "malformed SCRAM message", f
            c.close()
        finally:
            assert server.stop() == 0
            server.cleanup()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    ref = harness.ReferencePostgres().start()
    strata = harness.Stratad(args.stratad).start()
    tests = [
        lambda: test_startup_parameters(strata, ref),
        lambda: test_ssl_and_gss_declined(strata, ref),
        lambda: test_empty_query_and_multi_statement(strata, ref),
        lambda: test_row_description_types(strata, ref),
        lambda: test_row_description_datetime(strata, ref),
        lambda: test_parameter_status_on_set(strata, ref),
        lambda: test_unsupported_statement_is_0A000(strata),
        lambda: test_malformed_messages(strata, ref),
        lambda: test_extended_protocol(strata, ref),
        lambda: test_pipelined_batch(strata, ref),
        lambda: test_pipelined_then_broken_frame(strata),
        lambda: test_terminate_in_batch(strata),
        lambda: test_oversized_message(args.stratad),
        lambda: test_truncated_startup_and_cancel(strata),
        lambda: test_cleartext_password(args.stratad),
        lambda: test_scram_password(args.stratad),
    ]
    names = ["startup_parameters", "ssl_and_gss_declined", "empty_query_and_multi_statement",
             "row_description_types", "row_description_datetime", "parameter_status_on_set", "unsupported_statement_is_0A000", "malformed_messages",
             "extended_protocol", "pipelined_batch", "pipelined_then_broken_frame",
             "terminate_in_batch",
             "oversized_message", "truncated_startup_and_cancel", "cleartext_password",
             "scram_password"]
    failed = 0
    try:
        for name, test in zip(names, tests):
            try:
                test()
                print(f"ok   {name}")
            except Exception:  # noqa: BLE001 - report every failure, keep going
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc()
    finally:
        code = strata.stop()
        if code != 0:
            print(f"FAIL stratad exit code {code}")
            failed += 1
        if failed:
            print(strata.log_text())
        strata.cleanup()
        ref.cleanup()
    print(f"{len(tests) - failed}/{len(tests)} wire protocol tests passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
