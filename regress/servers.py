"""The servers the regression suite runs against: a fresh stratad, or a
throwaway PostgreSQL 15 configured as pg_regress configures its temp instance.

Both expose host (Unix socket directory), port, user, alive(), restart() and
stop(). They reuse tests/integration/harness.py for process handling. The
reference server runs as user 'postgres' when we are root (PostgreSQL refuses
root); it must be able to read the staged data/ and lib/ and write results/,
which is why run.py stages those into a temp directory it chowns.
"""
import os
import shutil
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import harness  # noqa: E402

# pg_regress appends these to the temp instance's postgresql.conf (PostgreSQL
# 15, pg_regress.c); only max_prepared_transactions changes what tests print
# (prepared_xacts). fsync=off only speeds the run up.
PG_REGRESS_CONF = """
# Configuration added by pg_regress
log_autovacuum_min_duration = 0
log_checkpoints = on
log_line_prefix = '%m %b[%p] %q%a '
log_lock_waits = on
log_temp_files = 128kB
max_prepared_transactions = 2
# Added by regress/servers.py
fsync = off
"""


class StratadTarget:
    name = "stratad"
    # stratad has no query cancel yet: a statement whose psql was killed at
    # the time limit keeps running, so the runner restarts the server.
    restart_after_timeout = True

    def __init__(self, binary):
        self.server = harness.Stratad(binary)
        self.user = "postgres"

    @property
    def host(self):
        return self.server.host

    @property
    def port(self):
        return self.server.port

    def start(self):
        self.server.start()
        return self

    def alive(self):
        return self.server.proc is not None and self.server.proc.poll() is None

    def exit_description(self):
        code = self.server.proc.returncode if self.server.proc else None
        if code is not None and code < 0:
            return f"stratad killed by signal {signal.Signals(-code).name}"
        return f"stratad exited with code {code}"

    def restart(self):
        """Starts stratad again on the same data directory (killing a hung
        one). If it cannot start there, starts it on a fresh one."""
        if self.server.proc is not None:
            if self.server.proc.poll() is None:
                self.server.proc.kill()
            self.server.proc.wait()
            self.server.proc = None
            self.server.log.close()
        try:
            self.server.start()
            return "restarted on the same data directory"
        except RuntimeError:
            if self.server.proc is not None:
                # The server that did not come up in time must not be left
                # running (it went on replaying the killed one's data).
                if self.server.proc.poll() is None:
                    self.server.proc.kill()
                self.server.proc.wait()
                self.server.proc = None
                self.server.log.close()
            shutil.rmtree(self.server.data_dir, ignore_errors=True)
            self.server.start()
            return "restarted on a NEW data directory (the old one did not start)"

    def log_text(self):
        return self.server.log_text()

    def stop(self):
        try:
            self.server.stop()
        except RuntimeError as e:
            # A backend still busy with a statement whose psql was killed
            # (TIMEOUT) can hold up shutdown; the harness has killed the
            # server. Say so, but keep the run's report.
            print(f"warning: {e} after SIGTERM; killed", file=sys.stderr)
        finally:
            self.server.cleanup()


class PostgresTarget:
    """PostgreSQL 15 of the suite's own version (suite.py unpacks it), copied
    where user postgres can run it and initialised like pg_regress's
    --temp-instance (plus an explicit UTF8 encoding and the C.UTF-8 locale)."""
    name = "postgres"

    def __init__(self, pg_root, bin_rel):
        self.server = harness.ReferencePostgres()
        self.user = "postgres"
        self.pg_root = pg_root
        self.bin = os.path.join(self.server.tmp, "pg", bin_rel)

    @property
    def host(self):
        return self.server.host

    @property
    def port(self):
        return self.server.port

    def _pg_ctl(self, *args, check=True):
        s = self.server
        cmd = [os.path.join(self.bin, "pg_ctl"), "-D", s.data_dir] + list(args)
        if s.run_as:
            cmd = ["runuser", "-u", s.run_as, "--"] + cmd
        return subprocess.run(cmd, check=check, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)

    def start(self):
        s = self.server
        # The cache may sit under a home directory user postgres cannot enter.
        shutil.copytree(self.pg_root, os.path.join(s.tmp, "pg"), symlinks=True)
        env = dict(os.environ, LC_ALL="C.UTF-8")
        s._run([os.path.join(self.bin, "initdb"), "-D", s.data_dir, "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
                "--no-clean"], env=env)
        with open(os.path.join(s.data_dir, "postgresql.conf"), "a") as f:
            f.write(PG_REGRESS_CONF)
        self._start()
        return self

    def _start(self):
        s = self.server
        opts = f"-p {s.port} -k {s.tmp} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-o", opts, "-l", os.path.join(s.tmp, "log"), "-w", "start")

    def alive(self):
        return self._pg_ctl("status", check=False).returncode == 0

    def exit_description(self):
        return "postmaster not running"

    def restart(self):
        self._pg_ctl("-m", "immediate", "-w", "stop", check=False)
        self._start()
        return "restarted"

    def log_text(self):
        try:
            with open(os.path.join(self.server.tmp, "log"), "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self):
        self._pg_ctl("-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.server.tmp, ignore_errors=True)


def make_target(kind, suite, stratad_binary=None):
    if kind == "stratad":
        return StratadTarget(stratad_binary)
    if kind == "postgres":
        return PostgresTarget(suite.pg_root, suite.bin_rel)
    raise ValueError(kind)
