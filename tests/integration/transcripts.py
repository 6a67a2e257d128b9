"""Runs cases against a real PostgreSQL 15 and stratad and compares their
transcripts: the one main loop of the session-level tests (transactions,
row locks, anomalies, cancel), and the one runner of multi-session
schedules.

A case is a function server -> transcript (a list). A transcript entry that
is a (session, step, result) triple is printed as such when it differs.

A schedule is a list of (session, step). A step is a query string (sent, and
its reply read), a list of extended-protocol (kind, body) messages ending
with Sync, ("send", sql) (sent without reading: the session is expected to
block), ("blocked",) (whether the reply has NOT arrived after a pause),
("wait",) (reads the reply of the earlier send) or ("cancel",) (a
CancelRequest for that session). `shape` reduces a reply to what is compared.
"""
import os
import select
import socket
import struct
import traceback

import harness
import pgwire


def connect(server):
    """A session of its own on `server`, with its BackendKeyData recorded."""
    c = pgwire.Connection(unix_path=os.path.join(server.host, f".s.PGSQL.{server.port}"),
                          timeout=60)
    c.startup()
    for m in c.read_until_ready():
        if m.kind == b"K":
            c.backend_pid, c.backend_key = struct.unpack("!ii", m.body)
    return c


def send_cancel(server, conn):
    """A CancelRequest for `conn`'s backend on a connection of its own."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(os.path.join(server.host, f".s.PGSQL.{server.port}"))
    s.sendall(struct.pack("!iiii", 16, 80877102, conn.backend_pid, conn.backend_key))
    # The server answers nothing and closes the connection.
    s.settimeout(10)
    assert s.recv(1) == b""
    s.close()


def is_blocked(conn, pause=0.4):
    """True if nothing arrives from the server within `pause` seconds."""
    if conn.buf:
        return False
    ready, _, _ = select.select([conn.sock], [], [], pause)
    return not ready


def run_schedule(server, schedule, shape):
    sessions = {}
    transcript = []
    try:
        for who, step in schedule:
            if who not in sessions:
                sessions[who] = connect(server)
            c = sessions[who]
            if isinstance(step, str):
                transcript.append((who, step, shape(c.query(step))))
            elif isinstance(step, list):
                for kind, body in step:
                    c.send(kind, body)
                transcript.append((who, repr([k for k, _ in step]), shape(c.read_until_ready())))
            elif step[0] == "send":
                c.send(b"Q", step[1].encode() + b"\0")
                transcript.append((who, step, None))
            elif step[0] == "blocked":
                transcript.append((who, step, is_blocked(c)))
            elif step[0] == "wait":
                transcript.append((who, step, shape(c.read_until_ready())))
            elif step[0] == "cancel":
                send_cancel(server, c)
                transcript.append((who, step, None))
            else:
                raise ValueError(step)
    finally:
        for c in sessions.values():
            c.close()
    return transcript


def compare_schedules(stratad_binary, schedules, shape):
    """compare_cases over named schedules run with run_schedule."""
    cases = {name: (lambda server, s=schedule: run_schedule(server, s, shape))
             for name, schedule in schedules.items()}
    return compare_cases(stratad_binary, cases)


def _describe(entry):
    if isinstance(entry, tuple) and len(entry) == 3:
        return f"{entry[0]}: {entry[1]}", entry[2]
    return "", entry


def compare_cases(stratad_binary, cases):
    """cases: {name: fn(server) -> transcript}. Returns the process exit code."""
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(stratad_binary)
    failures = 0
    try:
        ref.start()
        strata.start()
        for name, case in cases.items():
            try:
                want = case(ref)
                got = case(strata)
            except Exception:  # noqa: BLE001
                failures += 1
                print(f"FAIL {name}")
                traceback.print_exc()
                continue
            if want == got:
                print(f"ok   {name}")
                continue
            failures += 1
            print(f"FAIL {name}")
            if len(want) != len(got):
                print(f"  {len(want)} steps on postgresql-15, {len(got)} on stratad")
            for i, (w, g) in enumerate(zip(want, got)):
                if w != g:
                    label, w_result = _describe(w)
                    _, g_result = _describe(g)
                    print(f"  step {i} {label}\n    postgresql-15: {w_result}\n"
                          f"    stratad:       {g_result}")
    finally:
        strata.stop()
        ref.cleanup()
        strata.cleanup()
    print(f"{len(cases) - failures} / {len(cases)} cases match")
    return 1 if failures else 0
