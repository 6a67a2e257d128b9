#!/usr/bin/env python3
"""Runs PostgreSQL 15's regression suite against stratad (or, to validate this
runner, against a throwaway PostgreSQL 15) and scores it statement by statement.

  regress/run.py                                  full parallel_schedule vs stratad
  regress/run.py --schedule passing --check       the must-pass list (CI)
  regress/run.py --target postgres --check        validation: must be 100%
  regress/run.py --tests boolean int4             just these (after test_setup)

Like pg_regress (PostgreSQL 15, src/test/regress/pg_regress.c and
pg_regress_main.c), with the psql of the suite's own version (suite.py): one
fresh server, database "regression" created from
template0 with ENCODING 'UTF8' and the same ALTER DATABASE ... SET lines, then
every test as
    psql -X -a -q -d regression -v HIDE_TABLEAM=on -v HIDE_TOAST_COMPRESSION=on
         < sql/NAME.sql > results/NAME.out 2>&1
with PGTZ, PGDATESTYLE, PGOPTIONS (intervalstyle), LC_MESSAGES, PGAPPNAME and
the PG_ABS_SRCDIR / PG_ABS_BUILDDIR / PG_LIBDIR / PG_DLSUFFIX variables that
the tests read with \\getenv. Unlike pg_regress, the tests of a parallel group
run one after another, in schedule order, in the one database (the suite is
written so that the tests of a group do not depend on each other).

Per file: statements matched / total, crash (server died; it is restarted and
the run continues), time-out (per-file limit; psql is killed), not run
(--max-total reached, or the server could not be restarted). Tests on an
"ignore:" line (random) run and are reported but count in no total, as
pg_regress ignores their failure. The report (report.md, results/, diffs/) goes
to build/regress/<target>-<schedule>/ unless --report-dir says otherwise.
"""
import argparse
import collections
import difflib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import compare  # noqa: E402
import servers  # noqa: E402
import suite as suite_mod  # noqa: E402

DB = "regression"
PASSING = os.path.join(HERE, "passing.txt")
# Connection-related variables pg_regress clears for its temp instance.
CLEARED_ENV = ("PGCHANNELBINDING", "PGCLIENTENCODING", "PGCONNECT_TIMEOUT", "PGDATA",
               "PGDATABASE", "PGGSSENCMODE", "PGGSSLIB", "PGHOSTADDR", "PGKRBSRVNAME",
               "PGPASSFILE", "PGPASSWORD", "PGREQUIREPEER", "PGREQUIRESSL", "PGSERVICE",
               "PGSERVICEFILE", "PGSSLCERT", "PGSSLCRL", "PGSSLCRLDIR", "PGSSLKEY",
               "PGSSLMAXPROTOCOLVERSION", "PGSSLMINPROTOCOLVERSION", "PGSSLMODE",
               "PGSSLROOTCERT", "PGSSLSNI", "PGTARGETSESSIONATTRS", "PGUSER", "PGHOST",
               "PGPORT", "PGOPTIONS", "PGAPPNAME", "PGTZ", "PGDATESTYLE", "LANGUAGE",
               "LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC", "LC_TIME",
               "PSQLRC", "PAGER", "PSQL_PAGER")


def parse_schedule(path):
    """[(name, ignored)] in schedule order, groups flattened."""
    tests = []
    ignored = set()
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("ignore:"):
                ignored.update(line.split(":", 1)[1].split())
            elif line.startswith("test:"):
                tests.extend(line.split(":", 1)[1].split())
    return [(t, t in ignored) for t in tests]


def read_entries(path):
    """(name, prerequisites) per line: `name` or `name < prereq ...`, where
    the prerequisites are files that must run before it (in schedule order)
    to set up what it reads, without having to pass themselves."""
    entries = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, prereqs = line.partition("<")
                entries.append((name.strip(), prereqs.split()))
    return entries


def read_list(path):
    return [name for name, _ in read_entries(path)]


def read_prerequisites(path):
    return {p for _, prereqs in read_entries(path) for p in prereqs}


# Set by --drop-startup-settings (diagnostics only).
DROP_STARTUP_SETTINGS = False


def test_env(target, run_dir, name):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    env.update({
        "LANG": "C.UTF-8",
        "LC_MESSAGES": "C",
        "PGCLIENTENCODING": "UTF8",
        "PGTZ": "America/Los_Angeles",
        "PGDATESTYLE": "Postgres, MDY",
        "PGOPTIONS": " -c intervalstyle=postgres_verbose",
        "PGHOST": target.host,
        "PGPORT": str(target.port),
        "PGUSER": target.user,
        "PGAPPNAME": f"pg_regress/{name}" if name else "pg_regress",
        "PG_ABS_SRCDIR": run_dir,
        "PG_ABS_BUILDDIR": run_dir,
        "PG_LIBDIR": os.path.join(run_dir, "lib"),
        "PG_DLSUFFIX": ".so",
    })
    if DROP_STARTUP_SETTINGS:
        # libpq sends these as startup parameters (options, datestyle, timezone).
        for k in ("PGOPTIONS", "PGTZ", "PGDATESTYLE"):
            del env[k]
    return env


def psql_command(target, suite, run_dir, database, commands, timeout=60):
    """pg_regress's psql_command: psql -X -c ... -c ... DATABASE."""
    cmd = [suite.psql, "-X"]
    for c in commands:
        cmd += ["-c", c]
    cmd.append(database)
    try:
        p = subprocess.run(cmd, env=test_env(target, run_dir, None), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
    except subprocess.TimeoutExpired:
        return 1, "timed out"
    return p.returncode, p.stdout.decode("utf-8", "replace")


def create_database(target, suite, run_dir):
    """DROP/CREATE DATABASE and the ALTER DATABASE settings, as pg_regress."""
    notes = []
    code, out = psql_command(target, suite, run_dir, "postgres", [
        "SET client_min_messages = warning", f'DROP DATABASE IF EXISTS "{DB}"'])
    if code:
        notes.append(f"DROP DATABASE failed: {out.strip()}")
    sets = "".join(f'ALTER DATABASE "{DB}" SET {s};' for s in (
        "lc_messages TO 'C'", "lc_monetary TO 'C'", "lc_numeric TO 'C'", "lc_time TO 'C'",
        "bytea_output TO 'hex'", "timezone_abbreviations TO 'Default'"))
    code, out = psql_command(target, suite, run_dir, "postgres", [
        f"CREATE DATABASE \"{DB}\" TEMPLATE=template0 ENCODING='UTF8'", sets])
    if code:
        notes.append(f"CREATE/ALTER DATABASE failed: {out.strip()}")
    return notes


def ping(target, suite, run_dir):
    code, _ = psql_command(target, suite, run_dir, DB, ["select 1"], timeout=20)
    if code:
        code, _ = psql_command(target, suite, run_dir, "postgres", ["select 1"], timeout=20)
    return code == 0


def stage(suite, run_dir, owner):
    """data/, lib/ and results/ where the server can read (and write) them."""
    shutil.copytree(suite.data, os.path.join(run_dir, "data"))
    shutil.copytree(suite.lib, os.path.join(run_dir, "lib"))
    os.makedirs(os.path.join(run_dir, "results"))
    os.chmod(run_dir, 0o755)
    if owner:
        pw = pwd.getpwnam(owner)
        for dirpath, dirnames, filenames in os.walk(run_dir):
            os.chown(dirpath, pw.pw_uid, pw.pw_gid)
            for f in filenames:
                os.chown(os.path.join(dirpath, f), pw.pw_uid, pw.pw_gid)


LOST = ("server closed the connection unexpectedly", "connection to server was lost")


def run_test(target, suite, run_dir, report_dir, name, timeout):
    """Runs one test file; returns a compare.FileResult."""
    infile = os.path.join(suite.sql, name + ".sql")
    outfile = os.path.join(report_dir, "results", name + ".out")
    cmd = [suite.psql, "-X", "-a", "-q", "-d", DB, "-v", "HIDE_TABLEAM=on", "-v",
           "HIDE_TOAST_COMPRESSION=on"]
    start = time.time()
    timed_out = False
    with open(infile, "rb") as fin, open(outfile, "wb") as fout:
        p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=subprocess.STDOUT,
                             env=test_env(target, run_dir, name), cwd=run_dir)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            timed_out = True
    seconds = time.time() - start
    output = compare.read_text(outfile)
    script = compare.read_text(infile)
    result = compare.compare_file(name, script, output,
                                  compare.expected_files(suite.expected, name))
    result.seconds = seconds
    if timed_out:
        result.status = "timeout"
        result.note = f"psql killed after {timeout}s"
    if not target.alive():
        result.status = "crash"
        result.note = target.exit_description() + "; " + target.restart()
    elif any(s in output for s in LOST) and not result.passed:
        result.status = "crash"
        result.note = "connection lost during the test (server backend died)"
        if not ping(target, suite, run_dir):
            result.note += "; " + target.restart()
    elif timed_out and getattr(target, "restart_after_timeout", False):
        # The killed psql's statement may still be running in the server
        # (holding locks and CPU): start the next file on a fresh process.
        result.note += "; " + target.restart()
    elif timed_out and not ping(target, suite, run_dir):
        result.note += "; server unresponsive, " + target.restart()
    if not result.passed:
        write_diff(suite, report_dir, result, output)
    return result


def write_diff(suite, report_dir, result, output):
    exp_path = os.path.join(suite.expected, result.expected_file)
    exp = compare.read_text(exp_path).splitlines(keepends=True)
    got = output.splitlines(keepends=True)
    with open(os.path.join(report_dir, "diffs", result.name + ".diff"), "w",
              errors="surrogateescape") as f:
        f.writelines(difflib.unified_diff(exp, got, "expected/" + result.expected_file,
                                          "results/" + result.name + ".out", n=3))


def first_line(block):
    if block is None:
        return "(no echo)"
    for ln in block:
        if ln.strip():
            return ln.strip()[:120]
    return "(no output)"


def write_report(path, target, label, suite, results, ignored, summary, elapsed):
    with open(path, "w", errors="surrogateescape") as f:
        f.write(f"# Regression suite: {target}, schedule {label}\n\n")
        f.write(f"PostgreSQL source {suite.version}; {summary}; {elapsed:.0f} s\n\n")
        unaligned = sum(r.unaligned_expected for r in results)
        f.write(f"Counted statements without an echo of their own in the expected files "
                f"(\\set ECHO none, \\echo -n): {unaligned}\n\n")
        f.write("| test | result | statements | expected file | seconds | note |\n")
        f.write("| --- | --- | --- | --- | --- | --- |\n")
        for r in results:
            res = "pass" if r.passed else ("FAIL" if r.status == "ok" else r.status.upper())
            if r.name in ignored:
                res += " (not counted)"
            f.write(f"| {r.name} | {res} | {r.matched}/{r.total} | {r.expected_file} | "
                    f"{r.seconds:.1f} | {r.note} |\n")
        reasons = collections.Counter()
        for r in results:
            for _, _, got in r.failing:
                reasons[first_line(got)] += 1
        f.write("\n## What failing statements printed first, most common\n\n")
        for text, n in reasons.most_common(30):
            f.write(f"- {n} × `{text}`\n")
        f.write("\n## Failing statements (first 10 per file)\n")
        for r in results:
            if r.passed or not r.failing:
                continue
            top = collections.Counter(first_line(g) for _, _, g in r.failing).most_common(3)
            f.write(f"\n### {r.name}: {r.failed_statements} failing\n\n")
            f.write("Most common: " + "; ".join(f"{n} × `{t}`" for t, n in top) + "\n\n")
            for unit, exp, got in r.failing[:10]:
                f.write(f"- line {unit.first}: `{unit.text}`\n"
                        f"  - expected: `{first_line(exp)}`\n"
                        f"  - got: `{first_line(got)}`\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", choices=("stratad", "postgres"), default="stratad")
    ap.add_argument("--schedule", default="full",
                    help="full (parallel_schedule), passing (regress/passing.txt), or a "
                         "file of test names")
    ap.add_argument("--tests", nargs="*", help="run only these tests (after test_setup)")
    ap.add_argument("--stratad", default=os.path.join(ROOT, "build", "server", "stratad"))
    ap.add_argument("--timeout", type=float, default=180, help="per-file limit, seconds")
    ap.add_argument("--max-total", type=float,
                    help="stop starting files after this many seconds; the rest count as "
                         "not run (and fail --check if they must pass)")
    ap.add_argument("--report-dir")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if a must-pass file fails (every file when the target "
                         "is postgres)")
    ap.add_argument("--top", type=int, default=20, help="list the N worst files")
    ap.add_argument("--drop-startup-settings", action="store_true",
                    help="diagnostics only, NOT how pg_regress runs: leave PGOPTIONS, PGTZ "
                         "and PGDATESTYLE unset, for a server that rejects those startup "
                         "parameters; the score is then not comparable")
    args = ap.parse_args()
    global DROP_STARTUP_SETTINGS
    DROP_STARTUP_SETTINGS = args.drop_startup_settings

    suite = suite_mod.ensure_suite()
    schedule = parse_schedule(suite.schedule)
    ignored = {t for t, ign in schedule if ign}
    order = [t for t, _ in schedule]
    must_pass = set(read_list(PASSING))
    if args.tests:
        wanted = set(args.tests)
        label = "tests"
    elif args.schedule == "full":
        wanted = set(order)
        label = "full"
    elif args.schedule == "passing":
        wanted = must_pass
        label = "passing"
    else:
        wanted = set(read_list(args.schedule))
        label = os.path.basename(args.schedule)
    unknown = wanted - set(order)
    if unknown:
        ap.error(f"not in parallel_schedule: {' '.join(sorted(unknown))}")
    # test_setup creates the tables nearly every test reads: always first. When
    # not asked for, it is a prerequisite and counts in no total.
    # Files the must-pass list names as another's prerequisites run too, and
    # count in no total either.
    needed = read_prerequisites(PASSING) if label == "passing" else set()
    tests = [t for t in order if t in wanted or t == "test_setup" or t in needed]
    prerequisites = set(tests) - wanted
    if args.check and args.target == "postgres":
        must_pass = set(tests) - ignored

    report_dir = args.report_dir or os.path.join(ROOT, "build", "regress",
                                                 f"{args.target}-{label}")
    shutil.rmtree(report_dir, ignore_errors=True)
    os.makedirs(os.path.join(report_dir, "results"))
    os.makedirs(os.path.join(report_dir, "diffs"))

    if args.target == "stratad" and not os.access(args.stratad, os.X_OK):
        ap.error(f"no stratad binary at {args.stratad} (scripts/build.sh release stratad)")
    target = servers.make_target(args.target, suite, args.stratad)
    run_dir = tempfile.mkdtemp(prefix="strata-regress-")
    owner = "postgres" if args.target == "postgres" and os.geteuid() == 0 else None
    results = []
    t0 = time.time()
    try:
        stage(suite, run_dir, owner)
        target.start()
        print(f"server: {args.target} on {target.host} port {target.port}", flush=True)
        for note in create_database(target, suite, run_dir):
            print(f"setup: {note}")
        for k, name in enumerate(tests):
            stop = None
            if args.max_total and time.time() - t0 > args.max_total:
                stop = f"stopping: --max-total {args.max_total:.0f} s reached"
            else:
                try:
                    r = run_test(target, suite, run_dir, report_dir, name, args.timeout)
                except (RuntimeError, subprocess.CalledProcessError) as e:
                    # The server could not be restarted: the rest cannot run.
                    stop = f"stopping: {e}"
            if stop:
                print(stop, flush=True)
                for rest in tests[k:]:
                    r = compare.compare_file(
                        rest, compare.read_text(os.path.join(suite.sql, rest + ".sql")), "",
                        compare.expected_files(suite.expected, rest))
                    r.status = "not run"
                    results.append(r)
                break
            results.append(r)
            mark = "ok  " if r.passed else ("FAIL" if r.status == "ok" else r.status.upper())
            extra = f"  [{r.note}]" if r.note else ""
            ign = " (ignored)" if name in ignored else (
                " (prerequisite)" if name in prerequisites else "")
            print(f"{mark} {name:<24} {r.matched:>5}/{r.total:<5} {r.seconds:6.1f}s{ign}{extra}",
                  flush=True)
    finally:
        if results and any(r.status == "crash" for r in results):
            with open(os.path.join(report_dir, "server.log"), "w") as f:
                f.write(target.log_text())
        target.stop()
        shutil.rmtree(run_dir, ignore_errors=True)
    elapsed = time.time() - t0

    counted = [r for r in results if r.name not in ignored and r.name not in prerequisites]
    m = sum(r.matched for r in counted)
    t = sum(r.total for r in counted)
    f_pass = sum(1 for r in counted if r.passed)
    pct = 100.0 * m / t if t else 0.0
    summary = f"statements matched {m} / {t} ({pct:.1f}%), files passing {f_pass} / {len(counted)}"
    if DROP_STARTUP_SETTINGS:
        summary += " [DIAGNOSTIC: startup settings dropped, not pg_regress's conditions]"
    crashes = [r.name for r in results if r.status == "crash"]
    timeouts = [r.name for r in results if r.status == "timeout"]
    not_run = [r.name for r in results if r.status == "not run"]
    write_report(os.path.join(report_dir, "report.md"), args.target, label, suite, results,
                 ignored | prerequisites, summary, elapsed)
    worst = sorted((r for r in counted if not r.passed), key=lambda r: -r.failed_statements)
    if worst and args.top:
        print("-- files with the most failing statements:")
        for r in worst[:args.top]:
            print(f"   {r.name:<24} {r.failed_statements:>5} failing of {r.total}")
    if crashes:
        print(f"crashes: {' '.join(crashes)}")
    if timeouts:
        print(f"timeouts: {' '.join(timeouts)}")
    if not_run:
        print(f"not run: {' '.join(not_run)}")
    print(f"report: {os.path.join(report_dir, 'report.md')}  ({elapsed:.0f} s)")
    print(summary)
    regressed = [r.name for r in results if r.name in must_pass and not r.passed]
    if args.check and regressed:
        print(f"MUST-PASS FILES FAILING: {' '.join(regressed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
