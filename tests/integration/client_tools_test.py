#!/usr/bin/env python3
"""PostgreSQL 15's own client programs against stratad, unmodified:

  - createdb / dropdb (with -e, which echoes the SQL they send) print and
    exit exactly as they do against a real PostgreSQL 15, errors included;
    psql's \\c reaches the new database;
  - pg_isready: 0 while the server runs, 2 once it has stopped (as for
    PostgreSQL);
  - pgbench -i with its initialization options (client- and server-side
    generation, --foreign-keys, --fillfactor, -I steps), then every built-in
    script (tpcb-like, simple-update, select-only) under each protocol
    (-M simple / extended / prepared) with 2 clients: every transaction
    processed, none failed, and the balances consistent afterwards (after
    tpcb-like the sum of the accounts', tellers' and branches' balances each
    equals the sum of pgbench_history's deltas; the accounts' still does
    after simple-update; one history row per writing transaction).
    Options stratad does not support (--unlogged-tables, --partitions) fail
    with 0A000's "not supported" and change nothing.
"""
import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

BIN = "/usr/lib/postgresql/15/bin"
TRANSACTIONS = 40  # per client


def run(server, program, args, database=None):
    env = harness.client_env()
    env.update({"PGHOST": server.host, "PGPORT": str(server.port), "PGUSER": server.user})
    if database:
        env["PGDATABASE"] = database
    p = subprocess.run([os.path.join(BIN, program)] + args, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=300)
    # Socket paths and ports differ between the two servers.
    out = p.stdout.decode("utf-8", "replace")
    out = out.replace(server.host, "HOST").replace(str(server.port), "PORT")
    return p.returncode, out


def scalar(server, database, sql):
    saved = server.database
    server.database = database
    try:
        code, out = server.psql(["-At", "-c", sql])
    finally:
        server.database = saved
    return out.strip() if code == 0 else f"error: {out}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    args = parser.parse_args()
    checks = harness.Checks()
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(args.stratad)
    try:
        ref.start()
        strata.start()

        # createdb / dropdb: identical output and exit codes.
        for label, program, argv in [
                ("createdb", "createdb", ["-e", "tools_db"]),
                ("createdb again", "createdb", ["-e", "tools_db"]),
                ("createdb with options", "createdb",
                 ["-e", "-T", "template0", "-E", "UTF8", "tools_db2", "a comment"]),
                ("createdb from a missing template", "createdb", ["-T", "nope", "tools_db3"]),
                ("dropdb", "dropdb", ["-e", "tools_db2"]),
                ("dropdb missing", "dropdb", ["tools_db2"]),
                ("dropdb --if-exists", "dropdb", ["-e", "--if-exists", "tools_db2"])]:
            want = run(ref, program, argv)
            got = run(strata, program, argv)
            checks.check(got == want, f"{label}: {got}", f"PostgreSQL: {want}")
        for server in (ref, strata):
            server.database = "tools_db"
        want = ref.psql(["-c", "select current_database()", "-c", "\\c postgres",
                         "-c", "select current_database()"])
        got = strata.psql(["-c", "select current_database()", "-c", "\\c postgres",
                           "-c", "select current_database()"])
        checks.check(got == want, "psql \\c between databases", f"{got}\nPostgreSQL: {want}")
        for server in (ref, strata):
            server.database = "postgres"

        # pg_isready.
        code, out = run(strata, "pg_isready", [])
        checks.check(code == 0 and "accepting connections" in out, "pg_isready: running", out)

        # pgbench -i in its forms, in the database createdb made.
        for init in (["-s", "1"], ["-s", "1", "--foreign-keys", "--fillfactor=90"],
                     ["-I", "dtGvp", "-s", "1"], ["-I", "dtgvpf", "-s", "1", "-q"]):
            code, out = run(strata, "pgbench", ["-i"] + init, "tools_db")
            counts = scalar(strata, "tools_db",
                            "select (select count(*) from pgbench_accounts), "
                            "(select count(*) from pgbench_tellers), "
                            "(select count(*) from pgbench_branches), "
                            "(select count(*) from pgbench_history)")
            checks.check(code == 0 and "done in" in out and counts == "100000|10|1|0",
                         f"pgbench -i {' '.join(init)}: {counts}", out)
        for unsupported in (["--unlogged-tables"], ["--partitions=2"]):
            code, out = run(strata, "pgbench", ["-i", "-s", "1"] + unsupported, "tools_db")
            checks.check(code != 0 and "is not supported yet" in out,
                         f"pgbench -i {unsupported[0]}: not supported", out)

        # Every built-in script under each protocol.
        code, out = run(strata, "pgbench", ["-i", "-s", "1", "--foreign-keys"], "tools_db")
        checks.check(code == 0, "pgbench -i before the runs", out)
        writes = 0
        for script in ("tpcb-like", "simple-update", "select-only"):
            for mode in ("simple", "extended", "prepared"):
                code, out = run(strata, "pgbench",
                                ["-b", script, "-M", mode, "-c", "2", "-j", "2", "-t",
                                 str(TRANSACTIONS), "-n"], "tools_db")
                processed = re.search(r"actually processed: (\d+)/(\d+)", out)
                failed = re.search(r"number of failed transactions: (\d+)", out)
                ok = (code == 0 and processed is not None and failed is not None and
                      processed.group(1) == processed.group(2) == str(2 * TRANSACTIONS) and
                      failed.group(1) == "0")
                checks.check(ok, f"pgbench -b {script} -M {mode}", out)
                if script != "select-only":
                    writes += 2 * TRANSACTIONS
            # tpcb-like moves every delta into an account, a teller and the
            # branch (concurrent updates of the one branch row must not lose
            # any); simple-update only into an account.
            sums = scalar(strata, "tools_db",
                          "select (select sum(abalance) from pgbench_accounts) = h.d, "
                          "(select sum(tbalance) from pgbench_tellers) = h.d, "
                          "(select sum(bbalance) from pgbench_branches) = h.d, h.n "
                          "from (select sum(delta) d, count(*) n from pgbench_history) h")
            want = "t|t|t" if script == "tpcb-like" else "t|"
            checks.check(sums.startswith(want) and sums.endswith(f"|{writes}"),
                         f"balances consistent after {script} ({writes} history rows)", sums)

        code, out = run(strata, "dropdb", ["tools_db"])
        checks.check(code == 0, "dropdb after pgbench", out)
        if strata.stop() != 0:
            checks.check(False, "stratad exits 0 on SIGTERM")
        code, out = run(strata, "pg_isready", [])
        want_code, _ = 2, None
        checks.check(code == want_code and "no response" in out, "pg_isready: stopped", out)
    finally:
        strata.stop()
        ref.cleanup()
        if checks.failures:
            print("---- stratad log ----")
            print(strata.log_text()[-5000:])
        strata.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
