#!/usr/bin/env python3
"""The container entrypoint (packaging/docker-entrypoint.sh), run directly:
no Docker engine runs here. The built stratad comes first on PATH, psql and
pg_isready are Debian's.

  refusals    variables StrataDB cannot honour stop the start (exit 1, the
              reason on stderr) before anything is written
  first start init scripts (*.sql, *.sql.gz, executable and sourced *.sh)
              run once against the temporary server as POSTGRES_USER /
              POSTGRES_DB; other files ignored; the password is required
              afterwards; the real server is the entrypoint's own process (exec)
  restart     init scripts not run again, data and password kept
  scram       POSTGRES_PASSWORD alone: checked by SCRAM-SHA-256, only its
              verifier stored
  trust       no password needed
  failure     a failing init script fails the start and leaves no server behind
"""
import argparse
import gzip
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import harness

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ENTRYPOINT = os.path.join(ROOT, "packaging", "docker-entrypoint.sh")
POSTGRES_VARS = ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "POSTGRES_HOST_AUTH_METHOD",
                 "POSTGRES_INITDB_ARGS", "POSTGRES_INITDB_WALDIR", "POSTGRES_PASSWORD_FILE",
                 "PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE", "PGPASSWORD")


class Entrypoint:
    """One run of the entrypoint with its own PGDATA, init dir, port and socket dir."""

    def __init__(self, tmp, stratad, name, env):
        self.dir = os.path.join(tmp, name)
        self.sock = os.path.join(self.dir, "sock")
        self.initdb = os.path.join(self.dir, "initdb.d")
        os.makedirs(self.sock)
        os.makedirs(self.initdb)
        self.pgdata = os.path.join(self.dir, "data")
        self.port = harness.free_port()
        self.env = {k: v for k, v in os.environ.items() if k not in POSTGRES_VARS}
        self.env.update({"PATH": os.path.dirname(stratad) + ":" + os.environ.get("PATH", ""),
                         "PGDATA": self.pgdata, "STRATADB_INITDB_DIR": self.initdb,
                         "PGPORT": str(self.port), "TMPDIR": self.dir})
        self.env.update(env)
        self.proc = None
        self.log_path = os.path.join(self.dir, "entrypoint.log")

    def args(self):
        return [ENTRYPOINT, "stratad", "-p", str(self.port), "-h", "127.0.0.1", "-k", self.sock]

    def run_to_exit(self, timeout=60):
        p = subprocess.run(self.args(), env=self.env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")

    def start(self):
        """Starts it; returns None once the real server listens, or the exit code."""
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.args(), env=self.env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        try:
            harness.wait_for_socket(os.path.join(self.sock, f".s.PGSQL.{self.port}"), self.proc)
        except RuntimeError:
            self.proc.wait(timeout=30)
            return self.proc.returncode
        return None

    def stop(self):
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        code = self.proc.returncode
        self.proc = None
        self.log.close()
        return code

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def psql(self, sql, password=None, user="app", database="appdb"):
        """psql over TCP; returns (returncode, output)."""
        env = harness.client_env()
        if password is not None:
            env["PGPASSWORD"] = password
        p = subprocess.run([harness.PSQL, "-X", "-A", "-t", "-w", "-h", "127.0.0.1", "-p",
                            str(self.port), "-U", user, "-d", database, "-c", sql],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        return p.returncode, p.stdout.decode("utf-8", "replace").strip()


def write(path, text, mode=0o644):
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def stratad_processes_on(pgdata, prefix=False):
    """PIDs of stratad processes whose command line names `pgdata` (or, with
    `prefix`, anything under it)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if not args or os.path.basename(args[0]) != b"stratad":
            continue
        if any(a == pgdata.encode() or (prefix and a.startswith(pgdata.encode())) for a in args):
            pids.append(int(entry))
    return pids


def refusals(checks, tmp, stratad):
    cases = [
        ("no password, no method", {}, "POSTGRES_HOST_AUTH_METHOD=trust"),
        ("scram-sha-256, no password", {"POSTGRES_HOST_AUTH_METHOD": "scram-sha-256"},
         "needs POSTGRES_PASSWORD"),
        ("md5", {"POSTGRES_HOST_AUTH_METHOD": "md5", "POSTGRES_PASSWORD": "x"},
         "POSTGRES_HOST_AUTH_METHOD=md5 is not supported"),
        ("password method, no password", {"POSTGRES_HOST_AUTH_METHOD": "password"},
         "needs POSTGRES_PASSWORD"),
        ("initdb args", {"POSTGRES_HOST_AUTH_METHOD": "trust",
                         "POSTGRES_INITDB_ARGS": "--data-checksums"}, "POSTGRES_INITDB_ARGS"),
        ("initdb waldir", {"POSTGRES_HOST_AUTH_METHOD": "trust",
                           "POSTGRES_INITDB_WALDIR": "/wal"}, "POSTGRES_INITDB_WALDIR"),
        ("password and password file", {"POSTGRES_HOST_AUTH_METHOD": "password",
                                        "POSTGRES_PASSWORD": "a",
                                        "POSTGRES_PASSWORD_FILE": "/dev/null"}, "exclusive"),
    ]
    for i, (label, env, needle) in enumerate(cases):
        e = Entrypoint(tmp, stratad, f"refuse{i}", env)
        code, out = e.run_to_exit()
        checks.check(code == 1 and needle in out and "error:" in out,
                     f"refused: {label}", out)
        checks.check(not os.path.exists(e.pgdata), f"refused before writing: {label}", out)


def first_start_and_restart(checks, tmp, stratad):
    password = "s3cr'et\\x"
    e = Entrypoint(tmp, stratad, "main", {
        "POSTGRES_HOST_AUTH_METHOD": "password", "POSTGRES_PASSWORD": password,
        "POSTGRES_USER": "app", "POSTGRES_DB": "appdb"})
    counter = os.path.join(e.dir, "runs")
    write(os.path.join(e.initdb, "01-schema.sql"),
          "create table t (id int primary key, who text, db text, source text);\n"
          "insert into t values (1, current_user, current_database(), 'sql');\n")
    # Executable: run as a program, with the temporary server in PGHOST/PGPORT.
    write(os.path.join(e.initdb, "02-exec.sh"),
          "#!/bin/sh\nset -e\n"
          f"echo run >> '{counter}'\n"
          "psql -v ON_ERROR_STOP=1 -X -q -c \"insert into t values (2, '$PGUSER', "
          "'$PGDATABASE', 'exec')\"\n", 0o755)
    # Not executable: sourced by the entrypoint, so it sees its variables.
    write(os.path.join(e.initdb, "03-sourced.sh"),
          "psql -v ON_ERROR_STOP=1 -X -q -c \"insert into t values (3, '$POSTGRES_USER', "
          "'$POSTGRES_DB', 'sourced')\"\n")
    with gzip.open(os.path.join(e.initdb, "04-data.sql.gz"), "wt") as f:
        f.write("insert into t values (4, 'gz', 'gz', 'sql.gz');\n")
    write(os.path.join(e.initdb, "05-readme.txt"), "drop table t;\n")

    code = e.start()
    checks.check(code is None, "first start: the server comes up", e.log_text())
    if code is not None:
        return
    try:
        exe = os.readlink(f"/proc/{e.proc.pid}/exe")
    except OSError as err:
        exe = str(err)
    checks.check(os.path.basename(exe) == "stratad",
                 "first start: the server is the entrypoint's own process (exec)", exe)
    rc, out = e.psql("select id, who, db, source from t order by id", password=password)
    # current_user is the role the scripts log in as (POSTGRES_USER);
    # current_database() the database the entrypoint created (POSTGRES_DB).
    checks.check(rc == 0 and out.splitlines() == [
        "1|app|appdb|sql", "2|app|appdb|exec", "3|app|appdb|sourced", "4|gz|gz|sql.gz"],
        "first start: init scripts ran once each, as POSTGRES_USER / POSTGRES_DB", out)
    checks.check("ignoring" in e.log_text() and "05-readme.txt" in e.log_text(),
                 "first start: other files are ignored with a message", e.log_text())
    rc, out = e.psql("select 1")
    checks.check(rc != 0 and "password" in out, "first start: a password is required", out)
    rc, out = e.psql("select 1", password="wrong")
    checks.check(rc != 0 and "password authentication failed" in out,
                 "first start: a wrong password is refused", out)
    conf = os.path.join(e.pgdata, "stratad.conf")
    checks.check(os.stat(conf).st_mode & 0o777 == 0o600, "first start: stratad.conf is 0600")
    with open(counter) as f:
        runs = f.read()
    checks.check(runs == "run\n", "first start: the executable script ran once", runs)
    checks.check(not [p for p in stratad_processes_on(e.pgdata) if p != e.proc.pid],
                 "first start: the temporary server is gone")
    checks.check(e.stop() == 0, "first start: SIGTERM stops the server with 0", e.log_text())

    # Restart: a script added now must not run; data and password kept.
    write(os.path.join(e.initdb, "06-late.sql"), "insert into t values (6, 'late', '', '');\n")
    code = e.start()
    checks.check(code is None, "restart: the server comes up", e.log_text())
    if code is None:
        rc, out = e.psql("select count(*) from t", password=password)
        checks.check(rc == 0 and out == "4", "restart: init scripts are not run again", out)
        with open(counter) as f:
            runs = f.read()
        checks.check(runs == "run\n", "restart: the executable script did not run", runs)
        checks.check("skipping initialisation" in e.log_text(), "restart: says it skips init",
                     e.log_text())
        rc, out = e.psql("select 1")
        checks.check(rc != 0, "restart: the password is still required", out)
        checks.check(e.stop() == 0, "restart: SIGTERM stops the server with 0", e.log_text())


def scram(checks, tmp, stratad):
    # POSTGRES_PASSWORD alone means scram-sha-256, as with postgres; only the
    # verifier is stored.
    password = "sc'ram pw"
    e = Entrypoint(tmp, stratad, "scram", {"POSTGRES_PASSWORD": password})
    code = e.start()
    checks.check(code is None, "scram: the server comes up", e.log_text())
    if code is None:
        rc, out = e.psql("select 1", password=password, user="postgres", database="postgres")
        checks.check(rc == 0 and out == "1", "scram: the password logs in", out)
        rc, out = e.psql("select 1", password="wrong", user="postgres", database="postgres")
        checks.check(rc != 0 and "password authentication failed" in out,
                     "scram: a wrong password is refused", out)
        with open(os.path.join(e.pgdata, "stratad.conf")) as f:
            conf = f.read()
        checks.check("SCRAM-SHA-256$4096:" in conf and "sc'ram" not in conf and
                     "sc''ram" not in conf, "scram: stratad.conf holds a verifier, not the password",
                     conf)
        checks.check(e.stop() == 0, "scram: stops", e.log_text())


def trust(checks, tmp, stratad):
    e = Entrypoint(tmp, stratad, "trust", {"POSTGRES_HOST_AUTH_METHOD": "trust"})
    code = e.start()
    checks.check(code is None, "trust: the server comes up", e.log_text())
    if code is None:
        rc, out = e.psql("select current_user", user="postgres", database="postgres")
        checks.check(rc == 0 and out == "postgres", "trust: no password needed", out)
        checks.check("WARNING" in e.log_text(), "trust: warns", e.log_text())
        checks.check(e.stop() == 0, "trust: stops", e.log_text())


def failing_init(checks, tmp, stratad):
    e = Entrypoint(tmp, stratad, "failing", {"POSTGRES_HOST_AUTH_METHOD": "trust"})
    write(os.path.join(e.initdb, "01-bad.sql"), "select 1/0;\n")
    code, out = e.run_to_exit()
    checks.check(code != 0 and "division by zero" in out, "failing init script: start fails", out)
    checks.check(not stratad_processes_on(e.pgdata), "failing init script: no server left", out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    stratad = os.path.abspath(args.stratad)
    checks = harness.Checks()
    tmp = tempfile.mkdtemp(prefix="stratadb-entrypoint-")
    try:
        start = time.time()
        refusals(checks, tmp, stratad)
        first_start_and_restart(checks, tmp, stratad)
        scram(checks, tmp, stratad)
        trust(checks, tmp, stratad)
        failing_init(checks, tmp, stratad)
        print(f"took {time.time() - start:.1f} s")
    finally:
        for pid in stratad_processes_on(tmp, prefix=True):
            os.kill(pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
