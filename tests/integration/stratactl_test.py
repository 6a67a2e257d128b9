#!/usr/bin/env python3
"""stratactl against a real stratad: checkpoint, compact and status online;
then, offline, verify on the clean data directory (exit 0) and after one
flipped byte in an SSTable and in the manifest (exit 1, naming the file and
offset); inspect dumps each kind of file."""
import argparse
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

checks = harness.Checks()
check = checks.check


def run(cmd, env=None):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                       timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def flip(path, offset):
    with open(path, "r+b") as f:
        f.seek(offset)
        b = f.read(1)
        f.seek(offset)
        f.write(bytes([b[0] ^ 0x40]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    ap.add_argument("--stratactl", required=True)
    args = ap.parse_args()
    ctl = args.stratactl
    s = harness.Stratad(args.stratad)
    try:
        s.start()
        conn = ["-h", s.host, "-p", str(s.port), "-U", "postgres"]
        code, out = s.psql(["-c", "create table t (id int primary key, v text);"
                            "insert into t select g, repeat('x', 200) from "
                            "generate_series(1, 3000) g"])
        check(code == 0, "load rows", out)
        code, out = run([ctl, "checkpoint"] + conn)
        check(code == 0 and "checkpoint complete" in out, "stratactl checkpoint", out)
        code, out = s.psql(["-c", "update t set v = 'y' where id <= 1500"])
        code, out = run([ctl, "checkpoint"] + conn)
        code, out = run([ctl, "compact"] + conn + ["t"])
        check(code == 0 and re.search(r"compacted [1-9]\d* tree", out), "stratactl compact t", out)
        code, out = run([ctl, "compact"] + conn + ["no_such_table"])
        check(code == 1 and "does not exist" in out, "stratactl compact of a missing table", out)
        code, out = run([ctl, "compact"] + conn)
        check(code == 0 and "compacted" in out, "stratactl compact (everything)", out)
        env = dict(harness.client_env(), PGHOST=s.host, PGPORT=str(s.port), PGUSER="postgres")
        code, out = run([ctl, "status"], env=env)
        check(code == 0 and "data directory:" in out and s.data_dir in out and "active=" in out,
              "stratactl status (PGHOST/PGPORT)", out)
        code, out = run([ctl, "verify", "-D", s.data_dir])
        check(code == 2 and "running" in out, "verify refuses a running server", out)
        code, out = s.psql(["-c", "insert into t values (5000, 'in the wal only')"])
        check(s.stop() == 0, "server stopped cleanly")

        code, out = run([ctl, "verify", "-D", s.data_dir, "-v"])
        check(code == 0 and " 0 error(s)" in out, "verify: clean data directory", out)
        ssts = sorted(glob.glob(os.path.join(s.data_dir, "*.sst")), key=os.path.getsize)
        wals = sorted(glob.glob(os.path.join(s.data_dir, "*.wal")))
        manifests = glob.glob(os.path.join(s.data_dir, "MANIFEST-*"))
        check(ssts and wals and manifests, "data directory has sst, wal and manifest files",
              str(os.listdir(s.data_dir)))

        for path in (ssts[-1:] + manifests[:1] + wals[-1:]):
            code, out = run([ctl, "inspect", "sst" if path.endswith(".sst") else
                             "wal" if path.endswith(".wal") else "manifest", path])
            check(code == 0 and len(out) > 0, f"inspect {os.path.basename(path)}", out[:2000])

        # One flipped byte in the biggest table's data, then in the manifest's
        # first record: each is found and named.
        for path, offset in ((ssts[-1], os.path.getsize(ssts[-1]) // 3), (manifests[0], 20)):
            flip(path, offset)
            code, out = run([ctl, "verify", "-D", s.data_dir])
            name = os.path.basename(path)
            check(code == 1 and re.search(re.escape(name) + r".*offset", out),
                  f"verify finds a flipped byte in {name}", out)
            flip(path, offset)
        code, out = run([ctl, "verify", "-D", s.data_dir])
        check(code == 0, "verify clean again after restoring the bytes", out)
        code, out = run([ctl, "bogus"])
        check(code == 2, "unknown command is a usage error", out)
    finally:
        if s.proc is not None:
            s.stop()
        s.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
