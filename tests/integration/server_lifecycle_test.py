#!/usr/bin/env python3
"""stratad as a process: data directory initialisation, the single-server
lock, config file and command-line settings, max_connections, and shutdown on
SIGTERM/SIGINT (sessions get FATAL 57P01, exit code 0)."""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402


def connect(server):
    c = pgwire.Connection(unix_path=server.socket_path())
    c.startup()
    msgs = c.read_until_ready()
    return c, msgs


def test_initialises_and_locks(binary):
    s = harness.Stratad(binary).start()
    try:
        assert os.path.exists(os.path.join(s.data_dir, "STRATA_VERSION"))
        assert os.path.exists(os.path.join(s.data_dir, "stratad.conf"))
        second = subprocess.run([binary, "-D", s.data_dir, "-p", str(harness.free_port()),
                                 "-k", s.tmp, "-h", "127.0.0.1"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, timeout=30)
        out = second.stdout.decode()
        assert second.returncode != 0, out
        assert "another stratad" in out and "FATAL" in out, out
        # The first server is unaffected.
        code, out = s.psql(["-c", "select 1"])
        assert code == 0, out
    finally:
        assert s.stop() == 0
    # Restart on the same directory works; the lock died with the process.
    s.start()
    try:
        code, out = s.psql(["-At", "-c", "select 40 + 2"])
        assert code == 0 and out == "42\n", out
    finally:
        assert s.stop() == 0
        s.cleanup()


def test_refuses_foreign_directory(binary):
    d = tempfile.mkdtemp()
    open(os.path.join(d, "somebody-elses-file"), "w").close()
    p = subprocess.run([binary, "-D", d, "-p", str(harness.free_port()), "-k", d],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
    assert p.returncode != 0 and "not a StrataDB data directory" in p.stdout.decode(), p.stdout
    assert sorted(os.listdir(d)) == ["somebody-elses-file"], os.listdir(d)


def test_bad_settings_rejected(binary):
    d = tempfile.mkdtemp()
    for args, needle in ((["-c", "no_such_setting=1"], 'unrecognized configuration parameter'),
                         (["-p", "99999"], "outside the valid range"),
                         (["--bogus-flag"], "requires a value")):
        p = subprocess.run([binary, "-D", os.path.join(d, "data")] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        assert p.returncode != 0 and needle in p.stdout.decode(), (args, p.stdout)
    assert not os.path.exists(os.path.join(d, "data")), "a bad setting must not initialise"


def test_config_file_and_max_connections(binary):
    s = harness.Stratad(binary)
    os.makedirs(s.data_dir)
    with open(os.path.join(s.data_dir, "STRATA_VERSION"), "w") as f:
        f.write("1\n")
    with open(os.path.join(s.data_dir, "stratad.conf"), "w") as f:
        f.write("# test config\nmax_connections = 2   # two sessions only\nport = 1\n")
    s.start()  # -p on the command line overrides port = 1 from the file
    try:
        a, _ = connect(s)
        b, _ = connect(s)
        c = pgwire.Connection(unix_path=s.socket_path())
        c.startup()
        m = c.read_message()
        f = m.fields()
        assert m.kind == b"E" and f["C"] == "53300" and f["V"] == "FATAL", f
        assert f["M"] == "sorry, too many clients already", f
        a.close()
        b.close()
    finally:
        assert s.stop() == 0
        s.cleanup()


def test_shutdown_terminates_sessions(binary, sig):
    s = harness.Stratad(binary).start()
    try:
        c, _ = connect(s)
        s.proc.send_signal(sig)
        m = c.read_message()
        f = m.fields()
        assert m.kind == b"E" and f["C"] == "57P01" and f["V"] == "FATAL", f
        assert f["M"] == "terminating connection due to administrator command", f
        assert c.closed_by_peer()
        s.proc.wait(timeout=30)
        assert s.proc.returncode == 0, s.proc.returncode
        assert not os.path.exists(s.socket_path()), "socket file must be removed"
    finally:
        s.stop()
        s.cleanup()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    binary = parser.parse_args().stratad
    tests = {
        "initialises_and_locks": lambda: test_initialises_and_locks(binary),
        "refuses_foreign_directory": lambda: test_refuses_foreign_directory(binary),
        "bad_settings_rejected": lambda: test_bad_settings_rejected(binary),
        "config_file_and_max_connections": lambda: test_config_file_and_max_connections(binary),
        "sigterm_terminates_sessions": lambda: test_shutdown_terminates_sessions(binary,
                                                                                signal.SIGTERM),
        "sigint_terminates_sessions": lambda: test_shutdown_terminates_sessions(binary,
                                                                               signal.SIGINT),
    }
    failed = 0
    for name, test in tests.items():
        try:
            test()
            print(f"ok   {name}")
        except Exception:  # noqa: BLE001
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
    print(f"{len(tests) - failed}/{len(tests)} lifecycle tests passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
