#!/usr/bin/env python3
"""Configuration file, SIGHUP reload and pg_settings against PostgreSQL 15.

Both servers read the same settings from an included file (strata_test.conf,
so sourcefile and sourceline agree), then a changed copy after
pg_reload_conf() / SIGHUP: pg_settings rows (source, sourceline, context,
pending_restart, ...) and the errors of SET on restart-only and reload-only
parameters must be identical. Then stratad's log must show the reload's
lines, PostgreSQL's texts."""
import argparse
import os
import re
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

FIRST = """# settings shared by both servers
work_mem = '8MB'
statement_timeout = 3s
log_min_duration_statement = 250
deadlock_timeout = 2s
enable_seqscan = off
"""
SECOND = """# changed
work_mem = '16MB'
statement_timeout = 3s
logging_collector = on
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 250
"""
QUERY = """select name, setting, unit, category, context, vartype, source,
       reverse(split_part(reverse(sourcefile), '/', 1)) as sourcefile, sourceline,
       pending_restart,
       boot_val, reset_val, min_val, max_val, extra_desc
from pg_settings
where name in ('work_mem', 'statement_timeout', 'log_line_prefix',
               'log_min_duration_statement', 'deadlock_timeout', 'enable_seqscan',
               'log_connections', 'listen_addresses', 'log_statement',
               'log_min_error_statement', 'log_rotation_age', 'log_rotation_size',
               'logging_collector', 'log_destination', 'log_lock_waits')
order by name"""
SETS = """set port = 1;
set log_line_prefix = 'x';
set log_connections = on;
reset logging_collector;
set log_min_duration_statement = '1s';
show log_min_duration_statement;
show work_mem;
"""


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    if os.geteuid() == 0 and "pgref" in path:
        import pwd
        pw = pwd.getpwnam("postgres")
        os.chown(path, pw.pw_uid, pw.pw_gid)


def compare(ref, strata, args, label):
    outs = []
    for server in (ref, strata):
        code, out = server.psql(args)
        outs.append((code, out))
    if outs[0] != outs[1]:
        print(f"FAIL {label}\n--- postgresql\n{outs[0][1]}\n--- stratad\n{outs[1][1]}")
        return 1
    print(f"ok {label}")
    return 0


def reload_both(ref, strata):
    for server in (ref, strata):
        code, out = server.psql(["-Atc", "select pg_reload_conf()"])
        assert code == 0 and out.strip() == "t", out
    time.sleep(1.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(args.stratad)
    failures = 0
    try:
        ref.start()
        os.makedirs(strata.data_dir, mode=0o700)
        write(os.path.join(strata.data_dir, "stratad.conf"),
              "# stratad.conf of the test\ninclude_if_exists 'strata_test.conf'\n")
        strata.start()
        ref_conf = os.path.join(ref.data_dir, "strata_test.conf")
        strata_conf = os.path.join(strata.data_dir, "strata_test.conf")
        with open(os.path.join(ref.data_dir, "postgresql.conf"), "a") as f:
            f.write("include_if_exists 'strata_test.conf'\n")

        write(ref_conf, FIRST)
        write(strata_conf, FIRST)
        reload_both(ref, strata)
        failures += compare(ref, strata, ["-c", QUERY], "pg_settings after the first reload")
        for i, line in enumerate(SETS.strip().splitlines()):
            failures += compare(ref, strata, ["-c", line], f"set #{i}: {line}")

        write(ref_conf, SECOND)
        write(strata_conf, SECOND)
        # stratad by signal this time, PostgreSQL through its function.
        ref.psql(["-Atc", "select pg_reload_conf()"])
        strata.proc.send_signal(signal.SIGHUP)
        time.sleep(1.0)
        failures += compare(ref, strata, ["-c", QUERY], "pg_settings after SIGHUP")

        log = strata.log_text()
        for pattern in (r"LOG:  received SIGHUP, reloading configuration files",
                        r'LOG:  parameter "logging_collector" cannot be changed without '
                        r"restarting the server",
                        r'LOG:  parameter "work_mem" changed to "16MB"',
                        r'LOG:  parameter "deadlock_timeout" removed from configuration file, '
                        r"reset to default"):
            if not re.search(pattern, log):
                print(f"FAIL log lacks /{pattern}/")
                failures += 1
            else:
                print(f"ok log has /{pattern}/")
        # The new log_line_prefix applies to lines after the reload.
        code, out = strata.psql(["-c", "select pg_sleep(0.3)"])
        time.sleep(0.2)
        log = strata.log_text()
        if not re.search(r"\[\d+\] postgres@postgres LOG:  duration: \d+\.\d{3} ms  "
                         r"statement: select pg_sleep\(0\.3\)", log):
            print("FAIL no duration line with the reloaded prefix\n" + log[-2000:])
            failures += 1
        else:
            print("ok duration line with the reloaded log_line_prefix")
    finally:
        code = strata.stop()
        ref.cleanup()
        if failures:
            print(strata.log_text()[-3000:])
        strata.cleanup()
    if code != 0:
        print(f"FAIL stratad exited with {code}")
        failures += 1
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
