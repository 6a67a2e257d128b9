#!/usr/bin/env python3
"""stratad's server log: PostgreSQL 15's line texts for log_connections,
log_disconnections, log_statement, log_min_duration_statement and errors with
STATEMENT: lines, under a custom log_line_prefix; then jsonlog into the
logging collector's files, size rotation, and reopening after SIGHUP.
(The texts were taken from a real PostgreSQL 15's log.)"""
import argparse
import glob
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

checks = harness.Checks()
check = checks.check


def stderr_lines(stratad_binary):
    s = harness.Stratad(stratad_binary, extra_args=[
        "-c", "log_connections=on", "-c", "log_disconnections=on",
        "-c", "log_min_duration_statement=0", "-c", "log_statement=ddl",
        "-c", "log_line_prefix=%m [%p] %q%u@%d %a %e ",
        "-c", "log_lock_waits=on", "-c", "deadlock_timeout=100ms",
        "--log-min-messages=info"])
    try:
        s.start()
        s.psql(["-c", "create table t (a int)"])
        s.psql(["-c", "select 1/0"])
        s.psql(["-c", "select 42"])
        # A lock wait longer than deadlock_timeout is logged once.
        holder = subprocess.Popen(
            [harness.PSQL, "-X", "-h", s.host, "-p", str(s.port), "-U", "postgres", "-c",
             "begin; lock table t; select pg_sleep(1.5); commit;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=harness.client_env())
        time.sleep(0.5)
        s.psql(["-c", "begin; lock table t in access share mode; commit"])
        holder.wait(timeout=60)
        # TCP too: host and port in the connection lines.
        s.psql(["-h", "127.0.0.1", "-c", "select 1"])
        time.sleep(0.3)
        log = s.log_text()
        ts = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC \[\d+\] "
        check(re.search(ts + r"LOG:  database system is ready to accept connections", log),
              "server lines stop at %q", log)
        check(re.search(ts + r"\[unknown\]@\[unknown\] \[unknown\] 00000 LOG:  "
                        r"connection received: host=\[local\]\n", log),
              "connection received (Unix socket)", log)
        check(re.search(r"LOG:  connection received: host=127\.0\.0\.1 port=\d+\n", log),
              "connection received (TCP)", log)
        check(re.search(ts + r"postgres@postgres psql 00000 LOG:  connection authorized: "
                        r"user=postgres database=postgres application_name=psql\n", log),
              "connection authorized", log)
        check(re.search(r"postgres@postgres psql 00000 LOG:  statement: create table t \(a int\)\n"
                        r".*LOG:  duration: \d+\.\d{3} ms\n", log),
              "log_statement=ddl, then duration without the statement", log)
        check(re.search(r"psql 22012 ERROR:  division by zero\n"
                        r".*psql 22012 STATEMENT:  select 1/0\n", log),
              "error with STATEMENT:", log)
        check(re.search(r"LOG:  duration: \d+\.\d{3} ms  statement: select 42\n", log),
              "log_min_duration_statement", log)
        check(not re.search(r"statement: select 42\n.*statement: select 42", log, re.S),
              "log_statement=ddl does not log SELECT", log)
        check(re.search(r"LOG:  process \d+ still waiting for AccessShareLock on relation \d+ "
                        r"of database 5 after \d+\.\d{3} ms\n", log),
              "log_lock_waits", log)
        check(re.search(r"LOG:  disconnection: session time: \d+:\d\d:\d\d\.\d{3} "
                        r"user=postgres database=postgres host=\[local\]\n", log),
              "disconnection (Unix socket)", log)
        check(re.search(r"LOG:  disconnection: session time: \d+:\d\d:\d\d\.\d{3} "
                        r"user=postgres database=postgres host=127\.0\.0\.1 port=\d+\n", log),
              "disconnection (TCP)", log)
    finally:
        s.stop()
        s.cleanup()


def collector_files(stratad_binary):
    s = harness.Stratad(stratad_binary, extra_args=[
        "-c", "logging_collector=on", "-c", "log_destination=stderr,jsonlog",
        "-c", "log_directory=logs", "-c", "log_filename=srv-%H%M%S.log",
        "-c", "log_rotation_size=1kB", "-c", "log_min_duration_statement=0"])
    try:
        s.start()
        for i in range(12):
            s.psql(["-c", f"select {i} as padding_padding_padding_padding_padding_padding"])
            time.sleep(0.25)
        logs = os.path.join(s.data_dir, "logs")
        texts = sorted(glob.glob(os.path.join(logs, "srv-*.log")))
        jsons = sorted(glob.glob(os.path.join(logs, "srv-*.json")))
        check(len(texts) >= 2, f"size rotation made {len(texts)} text files", str(texts))
        check(len(jsons) >= 1, f"{len(jsons)} jsonlog files", str(jsons))
        records = []
        for path in jsons:
            with open(path) as f:
                for line in f:
                    records.append(json.loads(line))
        stmt = [r for r in records if "statement: select 3 " in r.get("message", "")]
        check(len(stmt) == 1, "jsonlog record of a statement", json.dumps(records[-3:]))
        if stmt:
            r = stmt[0]
            for key in ("timestamp", "user", "dbname", "pid", "remote_host", "session_id",
                        "line_num", "session_start", "txid", "error_severity", "message",
                        "application_name", "backend_type", "query_id"):
                check(key in r, f"jsonlog has {key}", json.dumps(r))
            check(r.get("error_severity") == "LOG" and r.get("backend_type") == "client backend"
                  and r.get("user") == "postgres", "jsonlog values", json.dumps(r))
        # Reopen on SIGHUP: move the files away; the next line makes a new one.
        moved = os.path.join(s.tmp, "moved")
        os.rename(logs, moved)
        os.kill(s.proc.pid, signal.SIGHUP)
        time.sleep(0.5)
        s.psql(["-c", "select 'after hup'"])
        time.sleep(0.3)
        again = glob.glob(os.path.join(logs, "srv-*.log"))
        check(again, "log file reopened after SIGHUP", str(again))
        check("after hup" in "".join(open(p).read() for p in again), "new lines in the new file")
    finally:
        s.stop()
        s.cleanup()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    stderr_lines(args.stratad)
    collector_files(args.stratad)
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
