"""Test harness shared by the integration suites: starts stratad and a real
PostgreSQL 15 on free loopback ports in temp directories, runs psql against
them, and stops them by PID.

PostgreSQL refuses to run as root, so when the tests run as root the reference
server runs as the 'postgres' user (created by Debian's postgresql-common).
"""
import atexit
import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time

PG_BIN = "/usr/lib/postgresql/15/bin"
PSQL = shutil.which("psql") or "/usr/bin/psql"


# Ports are drawn below Linux's ephemeral range (32768 and up by default),
# where the kernel hands out the source ports of outgoing connections: a port
# from bind(0) is free when asked for but can be taken by any client socket
# before the server binds it. Tests running side by side (ctest -j) can still
# draw the same port, so starts retry on "Address already in use".
PORT_RANGE = (20000, 32000)
START_ATTEMPTS = 5


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(*PORT_RANGE)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lost_port_race(log_text):
    """True when a server's log says its port was taken before it could bind."""
    return "Address already in use" in log_text


def log_tail(path, chars=2000):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")[-chars:]
    except OSError:
        return ""


def wait_for_socket(path, proc, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before listening")
        if os.path.exists(path):
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                    s.connect(path)
                    return
            except OSError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {path}")


def wait_for_tcp(host, port, proc, timeout=10.0):
    """Waits until host:port accepts a connection (the server opens its Unix
    socket before its TCP listener, so the socket alone does not mean a TCP
    client can connect yet). Gives up quietly: the caller's own connection
    then reports what is wrong."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            return
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)


def client_env():
    """Environment for psql runs: deterministic, no user rc files or pagers."""
    env = dict(os.environ)
    # PGTZ / PGDATESTYLE would make libpq send TimeZone / DateStyle at startup:
    # both servers run in Etc/UTC with 'ISO, MDY' unless a test sets otherwise.
    for var in ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGOPTIONS",
                "PGSERVICE", "PGSSLMODE", "PGTZ", "PGDATESTYLE", "PGINTERVALSTYLE"):
        env.pop(var, None)
    env.update({"PGCLIENTENCODING": "UTF8", "PAGER": "", "PSQL_PAGER": "", "LC_ALL": "C.UTF-8",
                "PGCONNECT_TIMEOUT": "10"})
    return env


class Server:
    """Common parts of a server under test: host (socket dir), port, psql."""
    host = None
    port = None
    user = "postgres"
    database = "postgres"

    def psql(self, args, stdin=None, timeout=300, extra_env=None):
        """Runs psql against this server; returns (returncode, stdout+stderr)."""
        # A later -h in args (e.g. TCP) overrides this one.
        cmd = [PSQL, "-X", "-h", self.host, "-p", str(self.port), "-U", self.user,
               "-d", self.database] + list(args)
        env = client_env()
        if extra_env:
            env.update(extra_env)
        p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env=env, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")


class Stratad(Server):
    def __init__(self, binary, data_dir=None, extra_args=(), port=None, own_session=False):
        self.binary = binary
        # own_session: run in a new session, as a daemon does (pg_ctl starts the
        # reference server that way). Benchmarks need it: with the kernel's
        # autogroup scheduling a session shares one CPU share, so a server left
        # in the client's session competes with its own load generator for it
        # while the reference does not.
        self.own_session = own_session
        self.tmp = tempfile.mkdtemp(prefix="stratad-test-")
        # A test that dies on an exception before its own cleanup would leave
        # the server and its directory behind.
        atexit.register(self.cleanup)
        self.data_dir = data_dir or os.path.join(self.tmp, "data")
        self.host = self.tmp
        # A port the caller chose is kept; one we drew may be redrawn by start().
        self.port_chosen = port is not None
        self.port = port or free_port()
        self.extra_args = list(extra_args)
        self.proc = None
        self.log_path = os.path.join(self.tmp, "stratad.log")

    def command(self):
        # The same TimeZone as the reference server (ReferencePostgres.start).
        return [self.binary, "-D", self.data_dir, "-p", str(self.port), "-k", self.tmp,
                "-h", "127.0.0.1", "-c", "timezone=Etc/UTC"] + self.extra_args

    def start(self):
        for attempt in range(START_ATTEMPTS):
            log_start = os.path.getsize(self.log_path) if os.path.exists(self.log_path) else 0
            self.log = open(self.log_path, "ab")
            self.proc = subprocess.Popen(self.command(), stdout=self.log, stderr=subprocess.STDOUT,
                                         start_new_session=self.own_session)
            try:
                wait_for_socket(self.socket_path(), self.proc)
                break
            except RuntimeError as e:
                self.proc.poll()
                self.log.close()
                with open(self.log_path, "rb") as f:
                    f.seek(log_start)
                    attempt_log = f.read().decode("utf-8", "replace")
                if (self.proc.returncode is not None and not self.port_chosen
                        and lost_port_race(attempt_log) and attempt + 1 < START_ATTEMPTS):
                    self.proc = None
                    self.port = free_port()
                    continue
                raise RuntimeError(f"{e}; stratad's log:\n{attempt_log[-2000:]}") from None
        if not any("listen_addresses" in a or a == "-h" for a in self.extra_args):
            wait_for_tcp("127.0.0.1", self.port, self.proc)
        return self

    def socket_path(self):
        return os.path.join(self.tmp, f".s.PGSQL.{self.port}")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Signals the server and waits; returns its exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise RuntimeError("stratad did not stop within the timeout")
        code = self.proc.returncode
        self.proc = None
        self.log.close()
        return code

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def cleanup(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


class ReferencePostgres(Server):
    """A throwaway PostgreSQL 15 cluster: initdb, start, stop, delete.

    Tests run it with fsync=off (their results do not depend on durability);
    benchmarks pass durable=True for PostgreSQL's default fsync=on.
    """

    def __init__(self, durable=False):
        self.durable = durable
        self.tmp = tempfile.mkdtemp(prefix="pgref-test-")
        # As for Stratad: a reference cluster is some 400 MB on disk.
        atexit.register(self.cleanup)
        os.chmod(self.tmp, 0o755)
        self.data_dir = os.path.join(self.tmp, "data")
        self.host = self.tmp
        self.port = free_port()
        self.run_as = None
        if os.geteuid() == 0:
            self.run_as = "postgres"
            pw = pwd.getpwnam("postgres")
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
        self.user = "postgres"

    def _run(self, args, **kw):
        cmd = list(args)
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--"] + cmd
        return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              **kw)

    def start(self):
        env = dict(os.environ, LC_ALL="C.UTF-8", TZ="Etc/UTC")
        self._run([os.path.join(PG_BIN, "initdb"), "-D", self.data_dir, "-U", "postgres",
                   "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], env=env)
        log_path = os.path.join(self.tmp, "log")
        for attempt in range(START_ATTEMPTS):
            # autovacuum off: a background ANALYZE would change plans and
            # estimates at moments the comparisons cannot predict.
            opts = (f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 "
                    f"-c timezone=Etc/UTC -c autovacuum=off")
            if not self.durable:
                opts += " -c fsync=off"
            try:
                self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data_dir, "-o", opts, "-l",
                           log_path, "-w", "start"], env=env)
                break
            except subprocess.CalledProcessError:
                if lost_port_race(log_tail(log_path)) and attempt + 1 < START_ATTEMPTS:
                    # The next attempt appends to the same log: start it afresh
                    # so an old line cannot count as a new race.
                    open(log_path, "wb").close()
                    self.port = free_port()
                    continue
                raise
        wait_for_socket(os.path.join(self.tmp, f".s.PGSQL.{self.port}"), None)
        return self

    def stop(self):
        try:
            self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data_dir, "-m", "immediate",
                       "-w", "stop"])
        except subprocess.CalledProcessError:
            pass

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)


class Checks:
    """Named pass/fail checks of a test script: prints "ok LABEL" or
    "FAIL LABEL" with the tail of `context`, and counts the failures."""

    def __init__(self):
        self.failures = 0

    def check(self, cond, label, context=""):
        if cond:
            print(f"ok {label}")
        else:
            self.failures += 1
            print(f"FAIL {label}\n{context[-3000:]}")

    def exit_code(self):
        print(f"{self.failures} failure(s)")
        return 1 if self.failures else 0
