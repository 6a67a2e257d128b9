#!/usr/bin/env python3
"""Client authentication matrix: the same roles and the same hba rules on
stratad (stratad_hba.conf) and on a real PostgreSQL 15 (pg_hba.conf), then
one login per case over TCP with a raw wire client that answers every
request (cleartext, MD5, SCRAM-SHA-256). For each case the authentication
requests the server sent and how the login ended (ok, or the error's
severity, SQLSTATE and message) must be the same on both servers.

Also: the rules reloaded on SIGHUP change the outcome (on both servers), a
malformed file at reload keeps the old rules (and stratad logs file:line), a
failed password check is delayed and logged, the two idle timeouts end the
session with PostgreSQL's FATAL, max_connections gives 53300, and a role
without CONNECT on the database is refused (42501)."""
import argparse
import base64
import hashlib
import hmac
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402

ROLES_SQL = """
create role alice login password 'apw';
create role carol login;
create role dave login password 'dpw' valid until '2001-01-01';
create role erin login password 'epw';
create role gina login password 'gpw';
create role nl password 'npw';
create role nl2;
create role grp;
create role gm login password 'gmpw' in role grp;
create role rej login;
create role trusty login;
create role tester login;
create role carol2 login;
create role lim login connection limit 1;
create role noconn login;
set password_encryption = 'md5';
create role bob login password 'bpw';
create role frank login password 'fpw';
create role hank login password 'hpw';
"""

HBA = """# auth matrix (the same file on both servers)
local   all             all                                     trust
host    postgres        alice,bob       127.0.0.1/32            password
host    postgres        carol,dave      127.0.0.1/32            password
host    postgres        erin,frank      127.0.0.1/32            md5
host    postgres        gina,hank       127.0.0.1/32            scram-sha-256
host    postgres        nl,ghost        127.0.0.1/32            scram-sha-256
host    postgres        ghost2,nl2,lim,noconn 127.0.0.1/32      trust
host    postgres        +grp            127.0.0.0   255.0.0.0   md5
host    postgres        carol2,ghost3   127.0.0.1/32            md5
host    postgres        rej             127.0.0.1/32            reject
host    postgres        rej,trusty      127.0.0.1/32            trust
host    sameuser        all             127.0.0.1/32            reject
host    postgres        tester          10.0.0.0/8              trust
host    postgres        tester          ::1/128                 trust
host    postgres        tester          127.0.0.1/32            md5
"""

# (user, database, password)
CASES = [
    ("alice", "postgres", "apw"),     # password vs a SCRAM verifier
    ("alice", "postgres", "nope"),
    ("bob", "postgres", "bpw"),       # password vs an md5 hash
    ("bob", "postgres", "nope"),
    ("carol", "postgres", "x"),       # no password stored
    ("dave", "postgres", "dpw"),      # expired password
    ("erin", "postgres", "epw"),      # md5 rule, SCRAM verifier: SCRAM
    ("erin", "postgres", "nope"),
    ("frank", "postgres", "fpw"),     # md5 rule, md5 hash: MD5
    ("frank", "postgres", "nope"),
    ("gina", "postgres", "gpw"),      # scram-sha-256
    ("gina", "postgres", "nope"),
    ("hank", "postgres", "hpw"),      # scram-sha-256, md5 hash: fails
    ("nl", "postgres", "npw"),        # right password, no LOGIN
    ("nl", "postgres", "nope"),
    ("ghost", "postgres", "x"),       # unknown role, password method
    ("ghost2", "postgres", ""),       # unknown role, trust
    ("nl2", "postgres", ""),          # no LOGIN, trust
    ("gm", "postgres", "gmpw"),       # +grp, address + mask
    ("gm", "postgres", "nope"),
    ("rej", "postgres", ""),          # reject before a later trust line
    ("trusty", "postgres", ""),       # trust
    ("tester", "tester", ""),         # sameuser reject
    ("tester", "postgres", "x"),      # the 10/8 and ::1 lines do not match
    ("zed", "postgres", ""),          # no line matches
    ("alice", "otherdb", "apw"),      # no line for the database
    ("carol2", "postgres", "x"),      # md5 rule, no password: SCRAM (password_encryption)
    ("ghost3", "postgres", "x"),      # md5 rule, unknown role: the same
]


def md5_hex(data):
    return hashlib.md5(data).hexdigest()


def attempt(server, user, database, password):
    """Logs in over TCP answering every request. Returns (requests, end):
    requests lists the authentication request codes (SASL with its
    mechanisms), end is "ok" or (severity, sqlstate, message)."""
    c = pgwire.Connection(host="127.0.0.1", port=server.port)
    try:
        c.startup(user=user, database=database)
        requests = []
        scram = {}
        while True:
            m = c.read_message()
            if m.kind == b"R":
                (code,) = struct.unpack("!I", m.body[:4])
                if code == 0:
                    requests.append(0)
                elif code == 3:
                    requests.append(3)
                    c.send(b"p", password.encode() + b"\0")
                elif code == 5:
                    requests.append(5)
                    inner = md5_hex(password.encode() + user.encode())
                    c.send(b"p", b"md5" + md5_hex(inner.encode() + m.body[4:8]).encode() + b"\0")
                elif code == 10:
                    requests.append((10, m.body[4:].split(b"\0")[0].decode()))
                    nonce = base64.b64encode(os.urandom(18)).decode()
                    scram["bare"] = "n=,r=" + nonce
                    first = ("n,," + scram["bare"]).encode()
                    c.send(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(first)) + first)
                elif code == 11:
                    requests.append(11)
                    server_first = m.body[4:].decode()
                    attrs = dict(kv.split("=", 1) for kv in server_first.split(","))
                    salted = hashlib.pbkdf2_hmac("sha256", password.encode(),
                                                 base64.b64decode(attrs["s"]), int(attrs["i"]))
                    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
                    stored_key = hashlib.sha256(client_key).digest()
                    without_proof = "c=biws,r=" + attrs["r"]
                    auth = f"{scram['bare']},{server_first},{without_proof}".encode()
                    sig = hmac.new(stored_key, auth, "sha256").digest()
                    proof = bytes(a ^ b for a, b in zip(client_key, sig))
                    c.send(b"p", (without_proof + ",p=" + base64.b64encode(proof).decode())
                           .encode())
                elif code == 12:
                    requests.append(12)
                else:
                    return requests, ("unexpected request", code)
            elif m.kind == b"E":
                f = m.fields()
                return requests, (f.get("V"), f.get("C"), f.get("M"))
            elif m.kind == b"Z":
                return requests, "ok"
    finally:
        c.close()


def login_end(server, user, database):
    """A trust login over TCP: "ok", or the error's severity, SQLSTATE,
    message and DETAIL."""
    c = pgwire.Connection(host="127.0.0.1", port=server.port)
    try:
        c.startup(user=user, database=database)
        while True:
            m = c.read_message()
            if m.kind == b"E":
                f = m.fields()
                return (f.get("V"), f.get("C"), f.get("M"), f.get("D"))
            if m.kind == b"Z":
                return "ok"
    finally:
        c.close()


def psql_ok(server, sql):
    code, out = server.psql(["-v", "ON_ERROR_STOP=1", "-Atc", sql])
    if code != 0:
        raise RuntimeError(f"psql failed: {out}")
    return out


def write_hba(path, text):
    # Rewritten in place: the file keeps its owner (postgres for the
    # reference server) and mode.
    with open(path, "w") as f:
        f.write(text)


def reload_both(strata, ref):
    strata.proc.send_signal(signal.SIGHUP)
    psql_ok(ref, "select pg_reload_conf()")
    time.sleep(1.0)


def compare_matrix(checks, strata, ref, cases, label):
    for user, database, password in cases:
        s = attempt(strata, user, database, password)
        r = attempt(ref, user, database, password)
        checks.check(s == r, f"{label}: {user}/{database}/{password or '-'} -> {r}",
                     f"stratad:    {s}\npostgresql: {r}")


def idle_timeout_end(server, setup):
    """Runs `setup` on a fresh session, then waits; returns the error the
    server ends the idle session with, or None."""
    c = pgwire.Connection(unix_path=os.path.join(server.host, f".s.PGSQL.{server.port}"))
    try:
        c.startup()
        c.read_until_ready()
        # The setup's own errors (SQLSTATEs) are part of what is compared.
        setup_errors = []
        for query in setup:
            msgs = c.query(query)
            setup_errors += [m.fields().get("C") for m in msgs if m.kind == b"E"]
        started = time.time()
        c.sock.settimeout(3)
        try:
            m = c.read_message()
        except TimeoutError:
            return ("no timeout", setup_errors)
        waited = time.time() - started
        if m.kind != b"E":
            return ("unexpected", m)
        f = m.fields()
        return (f.get("V"), f.get("C"), f.get("M"), waited >= 0.25, c.closed_by_peer(),
                setup_errors)
    finally:
        c.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    checks = harness.Checks()
    ref = harness.ReferencePostgres().start()
    strata = harness.Stratad(args.stratad).start()
    try:
        # The defaults: trust on the loopback address and the socket.
        s = attempt(strata, "postgres", "postgres", "")
        checks.check(s == ([0], "ok"), "default rules: loopback trust", str(s))
        s = attempt(strata, "ghost", "postgres", "")
        checks.check(s == ([0], ("FATAL", "28000", 'role "ghost" does not exist')),
                     "default rules: unknown role", str(s))
        hba_path = os.path.join(strata.data_dir, "stratad_hba.conf")
        checks.check(os.path.exists(hba_path), "the default hba file is written")
        shown = psql_ok(strata, "show hba_file").strip()
        checks.check(shown == hba_path, "show hba_file names the file", shown)
        row = "select name, context, vartype, source from pg_settings where name = 'hba_file'"
        s, r = psql_ok(strata, row).strip(), psql_ok(ref, row).strip()
        checks.check(s == r, f"pg_settings hba_file: {r}", f"stratad: {s}\npostgresql: {r}")

        for server in (strata, ref):
            psql_ok(server, ROLES_SQL)
        write_hba(hba_path, HBA)
        write_hba(os.path.join(ref.data_dir, "pg_hba.conf"), HBA)
        reload_both(strata, ref)
        compare_matrix(checks, strata, ref, CASES, "matrix")

        # With password_encryption = md5 in the server's configuration, an md5
        # rule and no usable password: an MD5 challenge that fails.
        with open(os.path.join(strata.data_dir, "stratad.conf"), "a") as f:
            f.write("\npassword_encryption = md5\n")
        psql_ok(ref, "alter system set password_encryption = md5")
        reload_both(strata, ref)
        compare_matrix(checks, strata, ref, [("carol2", "postgres", "x"),
                                             ("ghost3", "postgres", "x"),
                                             ("frank", "postgres", "fpw"),
                                             ("erin", "postgres", "epw")], "md5 encryption")

        # CONNECTION LIMIT 1: a second session of the role is refused.
        for server in (strata, ref):
            c = pgwire.Connection(host="127.0.0.1", port=server.port)
            c.startup(user="lim")
            first = c.read_until_ready()
            second = attempt(server, "lim", "postgres", "")
            c.close()
            if server is strata:
                s_result = (first[0].kind, second)
            else:
                r_result = (first[0].kind, second)
        checks.check(s_result == r_result and r_result[1][1][1] == "53300",
                     f"connection limit -> {r_result}", f"stratad:    {s_result}\n"
                     f"postgresql: {r_result}")

        # CONNECT on the database (CheckMyDatabase): revoked from PUBLIC, a
        # role without it is refused with 42501 and PostgreSQL's DETAIL; one
        # it is granted to logs in, and so does a superuser (psql_ok).
        connect_sql = ("revoke connect on database postgres from public; "
                       "grant connect on database postgres to trusty")
        for server in (strata, ref):
            psql_ok(server, connect_sql)
        for user in ("noconn", "trusty"):
            s, r = login_end(strata, user, "postgres"), login_end(ref, user, "postgres")
            checks.check(s == r, f"CONNECT revoked: {user} -> {r}",
                         f"stratad:    {s}\npostgresql: {r}")
        checks.check(login_end(ref, "noconn", "postgres")[1:] == (
            "42501", 'permission denied for database "postgres"',
            "User does not have CONNECT privilege."), "CONNECT refusal text on PostgreSQL")
        for server in (strata, ref):
            psql_ok(server, "grant connect on database postgres to public; "
                            "revoke connect on database postgres from trusty")
        restore_sql = "select datacl from pg_database where datname = 'postgres'"
        s, r = psql_ok(strata, restore_sql), psql_ok(ref, restore_sql)
        checks.check(s == r, f"CONNECT restored: {r.strip()}", f"stratad: {s}\npostgresql: {r}")
        s = login_end(strata, "noconn", "postgres")
        checks.check(s == "ok", "CONNECT restored: noconn logs in", str(s))

        # A failed password check answers after a delay, and is logged with
        # the line that matched.
        started = time.time()
        s = attempt(strata, "gina", "postgres", "wrong")
        took = time.time() - started
        checks.check(s[1] == ("FATAL", "28P01", 'password authentication failed for user "gina"')
                     and took >= 0.15, f"failed login delayed ({took:.3f} s)", str(s))
        log = strata.log_text()
        checks.check('FATAL:  password authentication failed for user "gina"' in log and
                     'DETAIL:  Connection matched pg_hba.conf line 5: "host    postgres'
                     in log, "failed login logged with the hba line", log[-2000:])
        checks.check('User "carol" has no password assigned.' in log and
                     'Role "ghost" does not exist.' in log and
                     'User "dave" has an expired password.' in log,
                     "the log says why a password check failed", log[-3000:])

        # SIGHUP: a changed file changes the outcome (rej: now trust first;
        # trusty: now rejected; gina: now trust).
        changed = HBA.replace("host    postgres        rej             127.0.0.1/32            "
                              "reject\n", "")
        changed = changed.replace("host    postgres        gina,hank",
                                  "host    postgres        trusty          127.0.0.1/32  reject\n"
                                  "host    postgres        gina,hank       127.0.0.1/32  trust\n"
                                  "host    postgres        hank")
        write_hba(hba_path, changed)
        write_hba(os.path.join(ref.data_dir, "pg_hba.conf"), changed)
        reload_both(strata, ref)
        reloaded_cases = [("rej", "postgres", ""), ("trusty", "postgres", ""),
                          ("gina", "postgres", "nope"), ("hank", "postgres", "hpw")]
        compare_matrix(checks, strata, ref, reloaded_cases, "after reload")
        s = attempt(strata, "gina", "postgres", "nope")
        checks.check(s == ([0], "ok"), "reload changed gina's method to trust", str(s))

        # A malformed file at reload: the rules in use stay.
        broken = changed + "host postgres all 127.0.0.1/32 frobnicate\n"
        bad_line = broken.count("\n")
        write_hba(hba_path, broken)
        write_hba(os.path.join(ref.data_dir, "pg_hba.conf"), broken)
        reload_both(strata, ref)
        compare_matrix(checks, strata, ref, reloaded_cases, "after a bad reload")
        log = strata.log_text()
        checks.check(f'{hba_path}:{bad_line}: invalid authentication method "frobnicate"' in log
                     and "pg_hba.conf was not reloaded" in log,
                     "a bad reload is logged with file:line", log[-2000:])

        # The idle timeouts (settable per session), against PostgreSQL's.
        for setup in (["set idle_session_timeout = '300ms'"],
                      ["set idle_in_transaction_session_timeout = '300ms'", "begin"],
                      ["set idle_in_transaction_session_timeout = '300ms'", "begin; select 1/0"]):
            s = idle_timeout_end(strata, setup)
            r = idle_timeout_end(ref, setup)
            checks.check(s == r, f"idle timeout: {setup} -> {r}",
                         f"stratad:    {s}\npostgresql: {r}")
        # A session in a transaction block is not ended by idle_session_timeout.
        c = pgwire.Connection(unix_path=strata.socket_path())
        c.startup()
        c.read_until_ready()
        c.query("set idle_session_timeout = '200ms'; begin")
        time.sleep(0.6)
        msgs = c.query("select 1")
        checks.check(msgs[-1].kind == b"Z", "idle_session_timeout spares a transaction block",
                     str(msgs))
        c.close()
    finally:
        strata.stop()
        ref.stop()
        strata.cleanup()
        ref.cleanup()

    # hba_file elsewhere: a bad line stops the start with file:line; a good
    # file is the one used.
    tmp = tempfile.mkdtemp(prefix="auth-hba-")
    custom = os.path.join(tmp, "custom_hba.conf")
    write_hba(custom, "local all all trust\nhost all all 127.0.0.1/32 ident\n")
    bad = harness.Stratad(args.stratad, extra_args=["-c", "hba_file=" + custom])
    try:
        p = subprocess.run(bad.command(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=60)
        out = p.stdout.decode("utf-8", "replace")
        checks.check(p.returncode != 0 and
                     f'{custom}:2: authentication method "ident" is not supported' in out and
                     "could not load pg_hba.conf" in out, "a bad hba_file stops the start", out)
        write_hba(custom, "local all all reject\n")
        good = harness.Stratad(args.stratad, data_dir=bad.data_dir,
                               extra_args=["-c", "hba_file=" + custom]).start()
        try:
            c = pgwire.Connection(unix_path=good.socket_path())
            c.startup()
            f = c.read_message().fields()
            c.close()
            checks.check((f.get("C"), f.get("M")) ==
                         ("28000", 'pg_hba.conf rejects connection for host "[local]", '
                          'user "postgres", database "postgres", no encryption'),
                         "the hba_file setting names the rules used", str(f))
        finally:
            good.stop()
            good.cleanup()
    finally:
        bad.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)

    # max_connections: the next client gets 53300, before authentication.
    small = harness.Stratad(args.stratad, extra_args=["-c", "max_connections=2"]).start()
    held = []
    try:
        for _ in range(2):
            c = pgwire.Connection(unix_path=small.socket_path())
            c.startup()
            c.read_until_ready()
            held.append(c)
        s = attempt(small, "postgres", "postgres", "")
        checks.check(s == ([], ("FATAL", "53300", "sorry, too many clients already")),
                     "max_connections: 53300 before authentication", str(s))
    finally:
        for c in held:
            c.close()
        small.stop()
        small.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
