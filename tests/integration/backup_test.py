#!/usr/bin/env python3
"""Online backup and restore with stratactl against a real stratad.

1. Consistency under load: a writer inserts 1, 2, 3, ... each in its own
   transaction while `stratactl backup` runs (and another session flushes
   and compacts, and a third creates and drops tables); the restored server
   must hold exactly 1..k with k between the rows acknowledged before the
   backup started and when it returned. Tables created / dropped before the
   backup are there / gone, those after are not / still there.
2. A backup with one flipped byte (in a copied SSTable, in the WAL copy) is
   refused with exit 1 and nothing is restored.
3. Incremental: after more writes and a compaction of one table, the
   incremental backup holds fewer bytes than a full one and restores to the
   later state; its parent's SSTables are referenced, not copied.
4. WAL archiving + point-in-time restore: with archive_mode = on, a failing
   archive_command is logged as PostgreSQL logs it and the segment is kept
   until a retry succeeds; a restore to a time noted between two batches of
   commits has the first batch and not the second, including tables created
   (one by COPY's bulk path), indexes built (a bulk load), TRUNCATE and DROP
   after the base backup: exactly what was committed before the target.
"""
import datetime
import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import pgwire  # noqa: E402

checks = harness.Checks()
check = checks.check


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def flip(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0x40]))


def own_bytes(backup_dir):
    """Bytes of the files stored in the backup directory itself."""
    return sum(os.path.getsize(os.path.join(backup_dir, n)) for n in os.listdir(backup_dir))


def query_ok(conn, sql):
    msgs = conn.query(sql)
    errors = [m.fields() for m in msgs if m.kind == b"E"]
    return not errors, errors


class Writer(threading.Thread):
    """Inserts 1, 2, 3, ... into t, each its own transaction; `acked` is the
    last one the server acknowledged, `sent` the last one sent (at most one
    is in flight: sent, maybe committed, not yet acknowledged)."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.conn = pgwire.Connection(unix_path=server.socket_path())
        self.conn.startup()
        self.conn.read_until_ready()
        self.acked = 0
        self.sent = 0
        self.stop = False
        self.error = None

    def run(self):
        i = 0
        try:
            while not self.stop:
                i += 1
                self.sent = i
                ok, errors = query_ok(self.conn, f"insert into t values ({i}, repeat('p', 300))")
                if not ok:
                    self.error = errors
                    return
                self.acked = i
        except Exception as e:  # noqa: BLE001
            self.error = repr(e)


class Churn(threading.Thread):
    """Flushes and compacts, and creates and drops tables, until stopped."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.conn = pgwire.Connection(unix_path=server.socket_path())
        self.conn.startup()
        self.conn.read_until_ready()
        self.stop = False
        self.errors = []

    def run(self):
        n = 0
        while not self.stop:
            n += 1
            for sql in (f"create table churn_{n} (x int)",
                        f"insert into churn_{n} select g from generate_series(1, 50) g",
                        "select strata_checkpoint()",
                        f"drop table if exists churn_{max(n - 2, 0)}",
                        "select strata_compact()"):
                ok, errors = query_ok(self.conn, sql)
                if not ok:
                    self.errors.append((sql, errors))


def restore_and_start(args, backup_dir, work):
    target = os.path.join(work, "restored-" + os.path.basename(backup_dir))
    code, out = run([args.stratactl, "restore", backup_dir, "-D", target])
    if code != 0:
        return None, out
    r = harness.Stratad(args.stratad, data_dir=target)
    r.start()
    return r, out


def scalar(server, sql):
    code, out = server.psql(["-At", "-c", sql])
    return out.strip() if code == 0 else "ERROR: " + out


def wait_for(cond, timeout=20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


def pitr(args, work, restored):
    ctl = args.stratactl
    arch = os.path.join(work, "archive")
    flag = os.path.join(work, "archive-ok")
    os.makedirs(arch)
    command = f"test -f {flag} && test ! -f {arch}/%f && cp %p {arch}/%f"
    s = harness.Stratad(args.stratad, extra_args=["-c", "archive_mode=on",
                                                  "-c", f"archive_command={command}"])
    try:
        s.start()
        conn = ["-h", s.host, "-p", str(s.port), "-U", "postgres"]
        code, out = s.psql(["-c", "create table p (id int primary key)"])
        check(code == 0, "pitr: create table", out)
        code, out = s.psql(["-c", "select strata_checkpoint()"])
        check(code == 0, "pitr: checkpoint", out)
        check(wait_for(lambda: "archive command failed with exit code 1" in s.log_text(), 10),
              "a failing archive_command is logged", s.log_text()[-2000:])
        check("DETAIL:  The failed archive command was: test -f" in s.log_text(),
              "the failed command is in the DETAIL line", s.log_text()[-2000:])
        wals_kept = [n for n in os.listdir(s.data_dir) if n.endswith(".wal")]
        check(len(wals_kept) >= 2, "unarchived segments are kept", str(wals_kept))
        open(flag, "w").close()
        check(wait_for(lambda: any(n.endswith(".wal") for n in os.listdir(arch))),
              "the retry archives the segment", str(os.listdir(arch)))

        code, out = s.psql(["-c", "create table old_t (x int primary key); "
                                  "insert into old_t select g from generate_series(1, 30) g; "
                                  "create table old_drop (x int); insert into old_drop values (1)"])
        check(code == 0, "pitr: tables before the base backup", out)

        base = os.path.join(work, "pitr-base")
        code, out = run([ctl, "backup"] + conn + ["-D", base])
        check(code == 0, "pitr: base backup", out)
        before_backup = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
        for i in range(1, 51):
            s.psql(["-c", f"insert into p values ({i})"])
        # DDL after the base backup and before the target: tables created
        # (one filled by COPY's bulk path), an index built on a filled table
        # (a bulk load), a TRUNCATE, tables dropped.
        ddl_before = [
            "create table q (id int primary key, v text)",
            "insert into q select g, 'v' || (g % 10) from generate_series(1, 200) g",
            "create index q_v on q (v)",
            "insert into q select g, 'v' || (g % 10) from generate_series(201, 220) g",
            "update q set v = 'changed' where id <= 5",
            "delete from q where id between 6 and 10",
            "create table c (a int, b text)",
            "truncate old_t",
            "insert into old_t values (7)",
            "create table gone (x int)",
            "insert into gone values (1)",
            "drop table gone",
            "drop table old_drop",
        ]
        for sql in ddl_before:
            code, out = s.psql(["-c", sql])
            check(code == 0, f"pitr: {sql}", out)
        code, out = s.psql(["-c", "copy c from stdin"], stdin=b"1\tx\n2\ty\n3\tz\n\\.\n")
        check(code == 0, "pitr: copy into a new table", out)
        time.sleep(0.3)
        target = datetime.datetime.now(datetime.timezone.utc)
        time.sleep(0.3)
        for i in range(51, 101):
            s.psql(["-c", f"insert into p values ({i})"])
        for sql in ["insert into q values (1000, 'late')", "create index q_late on q (id, v)",
                    "drop table c", "create table late (x int)", "insert into late values (1)",
                    "truncate old_t"]:
            code, out = s.psql(["-c", sql])
            check(code == 0, f"pitr: {sql} (after the target)", out)
        code, out = s.psql(["-c", "select strata_checkpoint()"])
        # Every segment but the current one is finished and must be archived.
        def all_archived():
            wals = sorted(n for n in os.listdir(s.data_dir) if n.endswith(".wal"))
            return all(os.path.exists(os.path.join(arch, n)) for n in wals[:-1])
        check(wait_for(all_archived), "the segments holding both batches are archived",
              str(os.listdir(arch)))

        # The archive holds the logged tree edits and bulk loads (CREATE
        # INDEX on a filled table, COPY into an empty one).
        dumps = "".join(run([ctl, "inspect", "wal", os.path.join(arch, n)])[1]
                        for n in sorted(os.listdir(arch)) if n.endswith(".wal"))
        check(dumps.count("logged ingestion") >= 2 and "logged tree edit" in dumps,
              "the archived WAL logs tree edits and bulk loads",
              f"{dumps.count('logged ingestion')} ingestions")

        fmt = "%Y-%m-%d %H:%M:%S.%f+00"
        dest = os.path.join(work, "pitr-restored")
        code, out = run([ctl, "restore", base, "-D", dest, "--wal-archive", arch,
                         "--target-time", target.strftime(fmt)])
        check(code == 0 and "replayed" in out, "point-in-time restore", out)
        if code == 0:
            r = harness.Stratad(args.stratad, data_dir=dest)
            r.start()
            restored.append(r)
            check(scalar(r, "select count(*) || ' ' || max(id) from p") == "50 50",
                  "the first batch is there, the second is not",
                  scalar(r, "select count(*) || ' ' || max(id) from p"))
            expect = {
                "select count(*) || ' ' || max(id) from q": "215 220",
                "select count(*) from q where v = 'changed'": "5",
                "select count(*) from q where v = 'v3'": "21",
                "select count(*) from q where id between 6 and 10": "0",
                "select string_agg(indexrelname, ',' order by indexrelname) "
                "from pg_stat_user_indexes where relname = 'q'": "q_pkey,q_v",
                "select strata_index_check('q_v'::regclass)": "t",
                "select string_agg(a || b, ',' order by a) from c": "1x,2y,3z",
                "select string_agg(x::text, ',') from old_t": "7",
                "select count(*) from pg_class where relname in ('gone', 'old_drop', 'late')": "0",
            }
            for sql, want in expect.items():
                got = scalar(r, sql)
                check(got == want, f"pitr with DDL: {sql}", f"{got!r}, expected {want!r}")
            code, out = r.psql(["-c", "select * from gone"])
            check("does not exist" in out, "a table dropped before the target is gone", out)
            code, out = r.psql(["-c", "insert into q values (5000, 'new'); "
                                      "create table after_restore (x int)"])
            check(code == 0, "the restored server takes writes and DDL", out)
            check(r.stop() == 0, "pitr server stops cleanly")
        code, out = run([ctl, "restore", base, "-D", os.path.join(work, "pitr-early"),
                         "--wal-archive", arch, "--target-time", before_backup.strftime(fmt)])
        check(code == 1 and "before the backup was taken" in out,
              "a target before the backup is refused", out)
        code, out = run([ctl, "restore", base, "-D", os.path.join(work, "pitr-late"),
                         "--wal-archive", arch, "--target-time",
                         (target + datetime.timedelta(days=1)).strftime(fmt)])
        check(code == 1 and "recovery target was reached" in out,
              "a target after the archive's end is an error, as in PostgreSQL", out)
        check(s.stop() == 0, "archiving server stops cleanly")
    finally:
        if s.proc is not None:
            s.stop()
        s.cleanup()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    ap.add_argument("--stratactl", required=True)
    args = ap.parse_args()
    ctl = args.stratactl
    s = harness.Stratad(args.stratad)
    restored = []
    work = os.path.join(s.tmp, "backups")
    os.makedirs(work)
    try:
        s.start()
        conn = ["-h", s.host, "-p", str(s.port), "-U", "postgres"]
        code, out = s.psql(["-c",
                            "create table t (id int primary key, pad text);"
                            "create table base (id int primary key, v text);"
                            "insert into base select g, repeat('b', 400) from "
                            "generate_series(1, 20000) g;"
                            "create table created_before (x int);"
                            "insert into created_before select g from generate_series(1, 100) g;"
                            "create table dropped_before (x int); drop table dropped_before;"
                            "create table dropped_after (x int);"
                            "insert into dropped_after select g from generate_series(1, 7) g;"
                            "select strata_checkpoint()"])
        check(code == 0, "setup", out)

        # 1. Full backup under load.
        writer = Writer(s)
        churn = Churn(s)
        writer.start()
        churn.start()
        time.sleep(1.0)
        full = os.path.join(work, "full")
        acked_before = writer.acked
        code, out = run([ctl, "backup"] + conn + ["-D", full])
        acked_after = writer.acked
        sent_after = writer.sent
        check(code == 0 and "backup complete" in out, "stratactl backup under load", out)
        time.sleep(0.5)
        writer.stop = churn.stop = True
        writer.join(30)
        churn.join(60)
        check(writer.error is None, "writer saw no error", str(writer.error))
        check(not churn.errors, "churn saw no error", str(churn.errors[:3]))
        check(0 < acked_before <= acked_after < writer.acked,
              "writes before, during and after the backup",
              f"{acked_before} {acked_after} {writer.acked}")
        code, out = s.psql(["-c", "create table created_after (x int); drop table dropped_after"])
        check(code == 0, "DDL after the backup", out)

        r, out = restore_and_start(args, full, work)
        check(r is not None, "restore of the full backup", out)
        if r is not None:
            restored.append(r)
            got = scalar(r, "select count(*) || ' ' || coalesce(min(id), 0) || ' ' || "
                            "coalesce(max(id), 0) from t")
            m = re.fullmatch(r"(\d+) (\d+) (\d+)", got)
            ok = m is not None
            if ok:
                count, lo, hi = map(int, m.groups())
                # A row sent but not yet acknowledged when the backup returned
                # may be in it (committed before the cut): the bound is `sent`.
                ok = count == hi and (count == 0 or lo == 1) and acked_before <= hi <= sent_after
            check(ok, "restored rows are exactly 1..k, acked before <= k <= sent by the end",
                  f"{got} (acked before {acked_before}, acked after {acked_after}, "
                  f"sent after {sent_after})")
            check(scalar(r, "select count(*) from created_before") == "100",
                  "table created before the backup is restored with its rows")
            check(scalar(r, "select count(*) from dropped_after") == "7",
                  "table dropped after the backup is still there")
            check(scalar(r, "select count(*) from pg_class where relname in "
                            "('dropped_before', 'created_after')") == "0",
                  "tables dropped before / created after the backup are absent")
            check(scalar(r, "select count(*) from base") == "20000", "base table restored")
            # Every churn table the restored catalog lists can be read.
            code, names = r.psql(["-At", "-c", "select relname from pg_class where relname "
                                  "like 'churn\\_%' and relkind = 'r'"])
            bad = [n for n in names.split() if not re.fullmatch(
                r"\d+", scalar(r, f"select count(*) from {n}"))]
            check(code == 0 and not bad, "every restored churn table is readable", str(bad))
            code, out = r.psql(["-c", "insert into t values (-1, 'new'); select 1"])
            check(code == 0, "the restored server takes writes", out)
            check(r.stop() == 0, "restored server stops cleanly")

        # 2. Damaged backups are refused (copies: the full backup's SSTables
        # are hard links shared with the live data directory). A backup taken
        # right after a small committed write holds that write in its WAL (the
        # full backup above may have caught only an empty, just-switched segment).
        code, out = s.psql(["-c", "insert into t values (-2, 'in the wal')"])
        check(code == 0, "a write before the backup for damage tests", out)
        damage_src = os.path.join(work, "for-damage")
        code, out = run([ctl, "backup"] + conn + ["-D", damage_src])
        check(code == 0, "backup for damage tests", out)
        for kind in ("sst", "wal"):
            bad_dir = os.path.join(work, "bad-" + kind)
            shutil.copytree(damage_src, bad_dir)
            victims = sorted((n for n in os.listdir(bad_dir) if n.endswith("." + kind)),
                             key=lambda n: os.path.getsize(os.path.join(bad_dir, n)))
            victims = [n for n in victims if os.path.getsize(os.path.join(bad_dir, n)) > 0]
            check(victims, f"backup has a non-empty {kind} file", str(os.listdir(bad_dir)))
            if not victims:
                continue
            path = os.path.join(bad_dir, victims[-1])
            flip(path, os.path.getsize(path) // 2)
            target = os.path.join(work, "restored-bad-" + kind)
            code, out = run([ctl, "restore", bad_dir, "-D", target])
            check(code == 1 and victims[-1] in out and "CORRUPT" in out and
                  not os.path.exists(target),
                  f"restore refuses a flipped byte in the {kind} file", out)

        # 3. Incremental backup after more writes and a compaction of t.
        code, out = s.psql(["-c", "insert into t select g, repeat('q', 300) from "
                            "generate_series(1000000, 1002000) g; select strata_checkpoint()"])
        check(code == 0, "more writes", out)
        code, out = run([ctl, "compact"] + conn + ["t"])
        check(code == 0, "compact t", out)
        expected = scalar(s, "select count(*) || ' ' || sum(id) from t")
        incr = os.path.join(work, "incr")
        code, out = run([ctl, "backup"] + conn + ["-D", incr, "--incremental-from", full])
        check(code == 0 and re.search(r"[1-9]\d* referenced", out),
              "incremental backup references the parent's SSTables", out)
        full2 = os.path.join(work, "full2")
        code, out = run([ctl, "backup"] + conn + ["-D", full2])
        check(code == 0, "second full backup", out)
        check(own_bytes(incr) < own_bytes(full2) // 2,
              "incremental backup is smaller than a full one",
              f"{own_bytes(incr)} vs {own_bytes(full2)}")
        r, out = restore_and_start(args, incr, work)
        check(r is not None, "restore follows the incremental chain", out)
        if r is not None:
            restored.append(r)
            check(scalar(r, "select count(*) || ' ' || sum(id) from t") == expected,
                  "incremental restore has the later state", expected)
            check(scalar(r, "select count(*) from base") == "20000", "base table via the parent")
            check(r.stop() == 0, "restored server stops cleanly")
        code, out = run([ctl, "restore", os.path.join(work, "nothing"), "-D",
                         os.path.join(work, "x")])
        check(code == 1 and "not a StrataDB backup" in out, "restore of a non-backup", out)
        code, out = run([ctl, "backup"] + conn + ["-D", full])
        check(code == 1 and "not empty" in out, "backup into a non-empty directory", out)
        check(s.stop() == 0, "server stopped")
        pitr(args, work, restored)
    finally:
        for r in restored:
            if r.proc is not None:
                r.stop()
            r.cleanup()
        if s.proc is not None:
            s.stop()
        s.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
