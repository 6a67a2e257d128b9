#!/usr/bin/env python3
"""The Debian package and its service pieces, end to end (we are root here):

  build     scripts/build_deb.sh on the build directory of the binaries under
            test; the control fields, the conffile, and Depends covering the
            package of every library `ldd` shows for stratad and stratactl
  install   dpkg -i: the stratadb system user, /var/lib/stratadb (0700),
            /etc/stratadb/stratad.conf = packaging/stratad.conf, the unit
  unit      systemd-analyze verify on the installed unit (skipped with a
            message when systemd-analyze is missing or cannot run here)
  start     stratadb-start as the stratadb user outside systemd, data under
            /tmp, NOTIFY_SOCKET on a test socket: READY=1 arrives, a setting
            from /etc/stratadb/stratad.conf applies, psql creates and reads a
            table; SIGTERM sends STOPPING=1 and exits 0
  remove    dpkg -r keeps the conffile, the data and the user; dpkg -P removes
            every file dpkg -L listed, /etc/stratadb, /var/lib/stratadb, the
            user and group (/etc/passwd and /etc/group as before) and
            systemd's enablement links

Refuses to run (exit 77, skipped) when a stratadb package, user or directory
already exists: it must never touch a real installation. A lock file
serialises concurrent runs (dpkg has one database).
"""
import argparse
import fcntl
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import harness

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKIP = 77
LEFTOVERS = ["/etc/stratadb", "/var/lib/stratadb",
             "/etc/systemd/system/multi-user.target.wants/stratad.service",
             "/etc/systemd/system/stratad.service",
             "/var/lib/systemd/deb-systemd-helper-enabled/stratad.service.dsh-also",
             "/var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/stratad.service",
             "/var/lib/systemd/deb-systemd-helper-masked/stratad.service"]


def run(cmd, **kw):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kw)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def installed():
    code, out = run(["dpkg-query", "-W", "-f=${Status}", "stratadb"])
    return code == 0 and "installed" in out and "not-installed" not in out


def user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def group_exists(name):
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def read(path):
    with open(path, "rb") as f:
        return f.read()


def library_packages(binary):
    """Debian packages owning the libraries `binary` links directly (its
    NEEDED entries, resolved to paths by ldd): what Depends must name.
    Libraries those pull in are their own packages' Depends."""
    _, dynamic = run(["readelf", "-d", binary])
    needed = {line.split("[")[1].split("]")[0] for line in dynamic.splitlines()
              if "(NEEDED)" in line}
    _, out = run(["ldd", binary])
    paths = {}
    for line in out.splitlines():
        parts = line.split("=>")
        if len(parts) == 2 and parts[1].strip().startswith("/"):
            paths[parts[0].strip()] = parts[1].split()[0]
        elif line.strip().startswith("/"):
            paths[os.path.basename(line.split()[0])] = line.split()[0]
    packages = set()
    for name in sorted(needed):
        path = paths.get(name)
        if path is None:
            packages.add(f"?{name} (not resolved by ldd)")
            continue
        for candidate in (path, os.path.realpath(path)):
            code, owner = run(["dpkg", "-S", candidate])
            if code == 0:
                packages.add(owner.split(":")[0].split(",")[0].strip())
                break
        else:
            packages.add(f"?{path} (no package owns it)")
    return packages


def depends_names(depends):
    names = set()
    for clause in depends.split(","):
        for alt in clause.split("|"):
            names.add(alt.strip().split()[0].split(":")[0])
    return names


class NotifySocket:
    """A datagram socket standing in for systemd's NOTIFY_SOCKET."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        os.chmod(path, 0o777)  # stratad runs as stratadb and must write to it

    def receive(self, timeout):
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(4096).decode()
        except socket.timeout:
            return ""

    def close(self):
        self.sock.close()


def build_and_inspect(checks, build_dir, stratad, stratactl):
    code, out = run([os.path.join(ROOT, "scripts", "build_deb.sh"), build_dir])
    deb = out.strip().splitlines()[-1] if code == 0 and out.strip() else ""
    checks.check(code == 0 and deb.endswith(".deb") and os.path.exists(deb), "build: .deb built",
                 out)
    if not deb or not os.path.exists(deb):
        return None
    _, depends = run(["dpkg-deb", "-f", deb, "Depends"])
    needed = library_packages(stratad) | library_packages(stratactl)
    missing = sorted(needed - depends_names(depends))
    checks.check(not missing and needed, "build: Depends names the package of every linked library",
                 f"Depends: {depends}\nfrom ldd: {sorted(needed)}\nmissing: {missing}")
    with tempfile.TemporaryDirectory() as ctl:
        run(["dpkg-deb", "-e", deb, ctl])
        conffiles = read(os.path.join(ctl, "conffiles")).decode()
    checks.check(conffiles.split() == ["/etc/stratadb/stratad.conf"], "build: the conffile",
                 conffiles)
    _, listing = run(["dpkg-deb", "-c", deb])
    for path in ("./usr/lib/stratadb/bin/stratad", "./usr/lib/stratadb/bin/stratactl",
                 "./usr/lib/stratadb/bin/stratadb-start", "./usr/bin/stratad",
                 "./usr/bin/stratactl", "./lib/systemd/system/stratad.service"):
        checks.check(f" {path}" in listing, f"build: contains {path}", listing)
    return deb


def start_and_query(checks, tmp):
    os.chown(tmp, pwd.getpwnam("stratadb").pw_uid, grp.getgrnam("stratadb").gr_gid)
    data = os.path.join(tmp, "data")
    port = harness.free_port()
    notify = NotifySocket(os.path.join(tmp, "notify"))
    log_path = os.path.join(tmp, "stratad.log")
    env = harness.client_env()
    env["NOTIFY_SOCKET"] = notify.path
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(["/usr/lib/stratadb/bin/stratadb-start", "-D", data, "-p",
                                 str(port), "-k", tmp, "-h", "127.0.0.1"],
                                user="stratadb", group="stratadb", extra_groups=[], env=env,
                                stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    try:
        ready = notify.receive(30)
        log_text = read(log_path).decode("utf-8", "replace")
        checks.check("READY=1" in ready.split("\n"), "start: READY=1 on NOTIFY_SOCKET",
                     ready + "\n" + log_text)
        conf = read(os.path.join(data, "stratad.conf")).decode()
        checks.check("include_if_exists '/etc/stratadb/stratad.conf'" in conf,
                     "start: the data directory's config includes /etc/stratadb", conf)
        psql = [harness.PSQL, "-X", "-A", "-t", "-h", "127.0.0.1", "-p", str(port), "-U",
                "postgres", "-d", "postgres"]
        code, out = run(psql + ["-c", "create table pkg (id int primary key, v text)",
                                "-c", "insert into pkg values (1, 'one'), (2, 'two')",
                                "-c", "select string_agg(v, ',' order by id) from pkg",
                                "-c", "show work_mem"], env=harness.client_env())
        checks.check(code == 0 and out.splitlines()[-2:] == ["one,two", "7MB"],
                     "start: psql writes and reads; /etc/stratadb/stratad.conf applies", out)
        st = os.stat(data)
        checks.check(pwd.getpwuid(st.st_uid).pw_name == "stratadb",
                     "start: the data directory belongs to stratadb")
        proc.send_signal(signal.SIGTERM)
        stopping = notify.receive(30)
        code = proc.wait(timeout=30)
        checks.check("STOPPING=1" in stopping.split("\n"), "stop: STOPPING=1 on NOTIFY_SOCKET",
                     stopping)
        checks.check(code == 0, "stop: SIGTERM exits 0",
                     read(log_path).decode("utf-8", "replace"))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        notify.close()


def verify_unit(checks):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        print("skipped: systemd-analyze verify (systemd-analyze is not installed)")
        return
    # Probe that it can run at all in this container before judging our unit.
    with tempfile.TemporaryDirectory() as d:
        probe = os.path.join(d, "probe.service")
        with open(probe, "w") as f:
            f.write("[Service]\nType=oneshot\nExecStart=/bin/true\n")
        code, out = run([analyze, "verify", probe])
    if code != 0:
        print(f"skipped: systemd-analyze verify cannot run here:\n{out}")
        return
    code, out = run([analyze, "verify", "/lib/systemd/system/stratad.service"])
    checks.check(code == 0 and "stratad.service" not in out,
                 "unit: systemd-analyze verify passes", out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    ap.add_argument("--stratactl", required=True)
    args = ap.parse_args()
    stratad = os.path.abspath(args.stratad)
    stratactl = os.path.abspath(args.stratactl)
    build_dir = os.path.dirname(os.path.dirname(stratad))
    if os.geteuid() != 0:
        print("skipped: installing a package needs root")
        return SKIP
    for tool in ("dpkg-deb", "dpkg-shlibdeps"):
        if shutil.which(tool) is None:
            print(f"FAIL: {tool} is missing (scripts/setup.sh installs dpkg-dev)")
            return 1

    lock = open("/tmp/stratadb-package-test.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    if installed() or user_exists("stratadb") or group_exists("stratadb") or \
            any(os.path.lexists(p) for p in LEFTOVERS):
        print("skipped: a stratadb package, user, group or directory exists on this machine;"
              " this test installs and purges the package and never touches a real install")
        return SKIP

    checks = harness.Checks()
    start = time.time()
    passwd_before, group_before = read("/etc/passwd"), read("/etc/group")
    tmp = tempfile.mkdtemp(prefix="stratadb-package-")
    try:
        deb = build_and_inspect(checks, build_dir, stratad, stratactl)
        if deb is None:
            return checks.exit_code()
        code, out = run(["dpkg", "-i", deb])
        checks.check(code == 0 and installed(), "install: dpkg -i", out)
        if not installed():
            return checks.exit_code()
        _, listed = run(["dpkg", "-L", "stratadb"])
        files = [p for p in listed.splitlines() if p.startswith("/")]
        checks.check(user_exists("stratadb") and group_exists("stratadb"),
                     "install: the stratadb user and group")
        st = os.stat("/var/lib/stratadb")
        checks.check(pwd.getpwuid(st.st_uid).pw_name == "stratadb" and
                     (st.st_mode & 0o777) == 0o700, "install: /var/lib/stratadb, 0700")
        checks.check(read("/etc/stratadb/stratad.conf") ==
                     read(os.path.join(ROOT, "packaging", "stratad.conf")),
                     "install: /etc/stratadb/stratad.conf is packaging/stratad.conf")
        code, out = run(["/usr/bin/stratad", "-V"])
        checks.check(code == 0 and "StrataDB" in out, "install: /usr/bin/stratad runs", out)
        code, out = run(["/usr/bin/stratactl", "--help"])
        checks.check("stratactl" in out, "install: /usr/bin/stratactl runs", out)
        verify_unit(checks)

        # A setting in the packaged config must reach the server (the include).
        with open("/etc/stratadb/stratad.conf", "a") as f:
            f.write("work_mem = '7MB'\n")
        start_and_query(checks, tmp)

        code, out = run(["dpkg", "-r", "stratadb"])
        checks.check(code == 0, "remove: dpkg -r", out)
        gone = [p for p in files if os.path.isfile(p) and p != "/etc/stratadb/stratad.conf"]
        checks.check(not gone, "remove: the package's files are gone", "\n".join(gone))
        checks.check(os.path.exists("/etc/stratadb/stratad.conf") and
                     os.path.isdir("/var/lib/stratadb") and user_exists("stratadb"),
                     "remove: conffile, /var/lib/stratadb and the user stay")

        code, out = run(["dpkg", "-P", "stratadb"])
        checks.check(code == 0 and not installed(), "purge: dpkg -P", out)
        code, out = run(["dpkg", "-L", "stratadb"])
        checks.check(code != 0, "purge: dpkg -L knows the package no more", out)
        # Directories shared with other packages (/usr/bin, /lib/systemd/...) stay.
        left = [p for p in files if os.path.lexists(p) and not os.path.isdir(p)]
        left += [p for p in files if os.path.isdir(p) and "stratadb" in p and os.path.lexists(p)]
        left += [p for p in LEFTOVERS if os.path.lexists(p)]
        checks.check(not left, "purge: no file of the package is left", "\n".join(left))
        checks.check(not user_exists("stratadb") and not group_exists("stratadb"),
                     "purge: the stratadb user and group are gone")
        checks.check(read("/etc/passwd") == passwd_before and read("/etc/group") == group_before,
                     "purge: /etc/passwd and /etc/group as before")
        print(f"took {time.time() - start:.1f} s")
    finally:
        if installed() or os.path.exists("/var/lib/dpkg/info/stratadb.list"):
            run(["dpkg", "-P", "stratadb"])
        shutil.rmtree(tmp, ignore_errors=True)
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
