"""Obtains PostgreSQL 15's regression suite (src/test/regress) and regress.so,
cached outside the repository.

Source: Debian's postgresql-15 source package, with `apt-get source` (the
deb-src entries, dpkg-dev, gcc and make come from `scripts/setup.sh --regress`,
which this step runs). The installed server's version is tried first, then the
other versions the archive lists, newest first (the security mirror does not
always carry the source of the newest binary).

The expected files are written for the psql and the C test modules of their
own release (psql 15.20 skips the in-line data of a failed COPY FROM STDIN,
15.18 runs it as SQL), so psql and regress.so/autoinc.so/refint.so are taken
from the same version as the suite:
psql from that version's postgresql-client-15 binary package (apt-get download),
the libraries built with PGXS from that source. Server behaviour changes
between minor releases too (15.20 deparses "UPDATE t AS alias" in rules), so
the reference PostgreSQL that validates the runner is that version's
postgresql-15 binary package, unpacked into the cache, not the installed one.

Cache layout ($STRATA_REGRESS_CACHE, default ~/.cache/stratadb/regress):
    CURRENT                       name of the ready suite directory
    postgresql-15_<version>/
        regress/                  src/test/regress as shipped: sql/, expected/,
                                  data/, parallel_schedule, resultmap, regress.c,
                                  pg_regress.c, pg_regress_main.c
        spi/                      contrib/spi's autoinc.c and refint.c
        lib/regress.so, autoinc.so, refint.so   built from those with PGXS
        lib/BUILT                 MODULES_BUILD when lib/ was built
        pg/usr/...                postgresql-15, postgresql-client-15 and
                                  postgresql-server-dev-15 of the same version,
                                  unpacked (apt-get download, dpkg-deb -x): the
                                  suite's psql, the reference server for
                                  validation, PGXS and headers for lib/
        COMPLETE                  written last: "<version> <LAYOUT>"
A ready cache costs one stat; nothing here ever writes into the repository.
"""
import functools
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "postgresql-15"
# C modules the suite loads: regress.c, and contrib/spi's (triggers.sql).
SPI_MODULES = ("autoinc", "refint")
# Bumped when the cache's layout changes, so an old cache is fetched again.
LAYOUT = "4"
# Bumped when how lib/ is built changes, so only lib/ is built again.
MODULES_BUILD = "2"
PG_BIN_REL = "usr/lib/postgresql/15/bin"


class Suite:
    """A ready suite: paths to its parts."""

    def __init__(self, directory):
        self.dir = directory
        self.version = open(os.path.join(directory, "COMPLETE")).read().split()[0]
        self.src = os.path.join(directory, "regress")
        self.lib = os.path.join(directory, "lib")
        self.sql = os.path.join(self.src, "sql")
        self.expected = os.path.join(self.src, "expected")
        self.data = os.path.join(self.src, "data")
        self.schedule = os.path.join(self.src, "parallel_schedule")
        self.pg_root = os.path.join(directory, "pg")
        self.bin_rel = PG_BIN_REL
        self.pg_bin = os.path.join(self.pg_root, PG_BIN_REL)
        self.psql = os.path.join(self.pg_bin, "psql")


def cache_dir():
    return os.environ.get("STRATA_REGRESS_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "stratadb", "regress")


def log(msg):
    print(f"regress: {msg}", file=sys.stderr, flush=True)


def ready_suite():
    """The cached suite, or None."""
    cache = cache_dir()
    try:
        name = open(os.path.join(cache, "CURRENT")).read().strip()
    except OSError:
        return None
    d = os.path.join(cache, name)
    try:
        stamp = open(os.path.join(d, "COMPLETE")).read().split()
    except OSError:
        return None
    if not (name and stamp[1:] == [LAYOUT]):
        return None
    if not _modules_current(d):
        log("building regress.so, autoinc.so, refint.so again")
        work = tempfile.mkdtemp(prefix="build-", dir=cache)
        try:
            _build_modules(_module_sources(d, work), os.path.join(d, "lib"),
                           os.path.join(d, "pg", PG_BIN_REL, "pg_config"))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return Suite(d)


def _run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def _candidate_versions():
    """Source versions to try: the installed server's first, then newest first."""
    out = _run(["apt-cache", "showsrc", PACKAGE]).stdout
    versions = []
    for line in out.splitlines():
        if line.startswith("Version: "):
            v = line.split(None, 1)[1].strip()
            if v not in versions:
                versions.append(v)

    def cmp(a, b):
        if a == b:
            return 0
        gt = _run(["dpkg", "--compare-versions", a, "gt", b]).returncode == 0
        return -1 if gt else 1

    versions.sort(key=functools.cmp_to_key(cmp))
    installed = _run(["dpkg-query", "-W", "-f=${Version}", PACKAGE]).stdout.strip()
    if installed in versions:
        versions.remove(installed)
        versions.insert(0, installed)
    return versions


def _apt_source(workdir):
    """Runs apt-get source in workdir; returns (version, extracted tree)."""
    for attempt in range(2):
        versions = _candidate_versions()
        for v in versions:
            log(f"apt-get source {PACKAGE}={v}")
            r = _run(["apt-get", "source", "-q", f"{PACKAGE}={v}"], cwd=workdir)
            if r.returncode == 0:
                upstream = v.split("-")[0].split(":")[-1]
                tree = os.path.join(workdir, f"{PACKAGE}-{upstream}")
                if os.path.isdir(os.path.join(tree, "src", "test", "regress")):
                    return v, tree
            log(f"  not available: {r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.returncode}")
            for f in os.listdir(workdir):
                p = os.path.join(workdir, f)
                shutil.rmtree(p) if os.path.isdir(p) else os.unlink(p)
        if attempt == 0:
            log("no source version downloadable; refreshing apt lists once")
            subprocess.run(["apt-get", "update", "-q"], check=False)
    raise RuntimeError(f"could not fetch the {PACKAGE} source package with apt-get source")


def _build_modules(sources, lib, pg_config):
    """Builds regress.so, autoinc.so and refint.so with the PGXS and server
    headers of the suite's own version (postgresql-client-15 and
    postgresql-server-dev-15 unpacked next to the server): macros such as
    DatumGetHeapTupleHeader became functions in later minor releases, so a
    module built against newer headers does not load into an older server."""
    build = tempfile.mkdtemp(prefix="regress-so-", dir=os.path.dirname(lib))
    modules = ("regress",) + SPI_MODULES
    try:
        for m in modules:
            shutil.copy(os.path.join(sources, m + ".c"), build)
        with open(os.path.join(build, "Makefile"), "w") as f:
            f.write(f"MODULES = {' '.join(modules)}\n"
                    # As contrib/spi/Makefile: refint's NOTICEs are in the
                    # expected output of triggers.
                    "PG_CPPFLAGS = -DREFINT_VERBOSE\n"
                    f"PG_CONFIG = {pg_config}\n"
                    "PGXS := $(shell $(PG_CONFIG) --pgxs)\n"
                    "include $(PGXS)\n")
        # with_llvm=no: no JIT bitcode (would need clang); not used by the tests.
        r = _run(["make", "-C", build, "with_llvm=no"])
        if r.returncode != 0:
            raise RuntimeError("building regress.so failed:\n" + r.stdout)
        shutil.rmtree(lib, ignore_errors=True)
        os.makedirs(lib)
        for m in modules:
            shutil.copy(os.path.join(build, m + ".so"), os.path.join(lib, m + ".so"))
        with open(os.path.join(lib, "BUILT"), "w") as f:
            f.write(MODULES_BUILD + "\n")
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _modules_current(d):
    try:
        return open(os.path.join(d, "lib", "BUILT")).read().strip() == MODULES_BUILD
    except OSError:
        return False


def _module_sources(d, work):
    """regress.c and contrib/spi's sources of the suite in d, in one directory."""
    srcs = tempfile.mkdtemp(prefix="src-", dir=work)
    shutil.copy(os.path.join(d, "regress", "regress.c"), srcs)
    for m in SPI_MODULES:
        shutil.copy(os.path.join(d, "spi", m + ".c"), srcs)
    return srcs


def _fetch_binaries(version, workdir, dest):
    """PostgreSQL's server and psql of `version`, unpacked (not installed)
    into dest: Debian builds them relocatable, so they find their share/ and
    lib/ relative to bin/."""
    pkgs = [f"{p}={version}" for p in ("postgresql-15", "postgresql-client-15",
                                       "postgresql-server-dev-15")]
    r = _run(["apt-get", "download", "-q"] + pkgs, cwd=workdir)
    if r.returncode != 0:
        raise RuntimeError(f"apt-get download {' '.join(pkgs)} failed:\n{r.stdout}")
    for deb in sorted(os.listdir(workdir)):
        if deb.endswith(".deb"):
            r = _run(["dpkg-deb", "-x", os.path.join(workdir, deb), dest])
            if r.returncode != 0:
                raise RuntimeError(f"dpkg-deb -x {deb} failed:\n{r.stdout}")


def ensure_suite():
    """Returns the cached suite, fetching and building it the first time."""
    suite = ready_suite()
    if suite:
        return suite
    r = subprocess.run([os.path.join(ROOT, "scripts", "setup.sh"), "--regress"])
    if r.returncode != 0:
        raise RuntimeError("scripts/setup.sh --regress failed")
    cache = cache_dir()
    os.makedirs(cache, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fetch-", dir=cache)
    try:
        version, tree = _apt_source(work)
        name = f"{PACKAGE}_{version}"
        dest = os.path.join(cache, name)
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        shutil.copytree(os.path.join(tree, "src", "test", "regress"), os.path.join(dest, "regress"))
        os.makedirs(os.path.join(dest, "spi"))
        for m in SPI_MODULES:
            shutil.copy(os.path.join(tree, "contrib", "spi", m + ".c"), os.path.join(dest, "spi"))
        shutil.rmtree(tree)
        log(f"fetching PostgreSQL {version}'s server, psql and server headers")
        debs = tempfile.mkdtemp(prefix="debs-", dir=work)
        _fetch_binaries(version, debs, os.path.join(dest, "pg"))
        log(f"building regress.so, autoinc.so, refint.so for {name}")
        _build_modules(_module_sources(dest, work), os.path.join(dest, "lib"),
                       os.path.join(dest, "pg", PG_BIN_REL, "pg_config"))
        with open(os.path.join(dest, "COMPLETE"), "w") as f:
            f.write(f"{version} {LAYOUT}\n")
        tmp = os.path.join(cache, "CURRENT.tmp")
        with open(tmp, "w") as f:
            f.write(name + "\n")
        os.replace(tmp, os.path.join(cache, "CURRENT"))
        log(f"suite ready in {dest}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return ready_suite()


if __name__ == "__main__":
    s = ensure_suite()
    print(s.dir)
