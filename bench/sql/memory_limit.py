"""A memory cgroup for a benchmarked server: the whole server (every process and
thread it starts) and the page cache it fills are charged to one cgroup whose
limit stands for the machine's memory, so that "data outgrows memory" can be
reproduced on a machine with far more RAM than the data.

The page cache is what matters: without a limit, a 24 GB machine keeps a
benchmark's gigabyte of table and indexes in memory whatever shared_buffers or
block_cache_size say, and a B-tree never waits for a read. With the limit, the
kernel reclaims the server's cached file pages once its usage reaches it, as it
would on a machine that size.

Works with cgroup v1 (memory.limit_in_bytes) and v2 (memory.max) when the
hierarchy is writable (root in most containers); `available()` says whether it is.
A server joins by being started while this process is inside the cgroup
(`with group.entered(): server.start()`): processes inherit their parent's cgroup,
and this process leaves again before running any client.
"""
import contextlib
import os
import time

V1_ROOT = "/sys/fs/cgroup/memory"
V2_ROOT = "/sys/fs/cgroup"


def _own_cgroup_dir():
    """This process's memory cgroup directory, and whether it is cgroup v2."""
    with open("/proc/self/cgroup") as f:
        lines = [l.rstrip("\n").split(":", 2) for l in f]
    for _, controllers, path in lines:
        if "memory" in controllers.split(","):
            return os.path.join(V1_ROOT, path.lstrip("/")), False
    if os.path.exists(os.path.join(V2_ROOT, "cgroup.controllers")):
        for hid, _, path in lines:
            if hid == "0":
                return os.path.join(V2_ROOT, path.lstrip("/")), True
    return None, False


def available():
    """None when a memory cgroup can be made here, else why not."""
    parent, _ = _own_cgroup_dir()
    if parent is None:
        return "no memory cgroup controller is mounted"
    if not os.access(parent, os.W_OK):
        return f"{parent} is not writable (run as root, or give the benchmark a delegated cgroup)"
    return None


class MemoryLimit:
    def __init__(self, name, limit_bytes):
        self.parent, self.v2 = _own_cgroup_dir()
        why = available()
        if why:
            raise RuntimeError(f"cannot limit memory: {why}")
        self.path = os.path.join(self.parent, f"{name}-{os.getpid()}")
        os.makedirs(self.path, exist_ok=True)
        if self.v2:
            self._write("memory.max", str(limit_bytes))
            self._write("memory.swap.max", "0")
        else:
            self._write("memory.limit_in_bytes", str(limit_bytes))
        self.limit_bytes = limit_bytes

    def _write(self, leaf, value, base=None):
        with open(os.path.join(base or self.path, leaf), "w") as f:
            f.write(value)

    @contextlib.contextmanager
    def entered(self):
        """Moves this process into the cgroup for the block, so that whatever it
        starts there is charged to it, then back to where it was."""
        self._write("cgroup.procs", str(os.getpid()))
        try:
            yield self
        finally:
            self._write("cgroup.procs", str(os.getpid()), base=self.parent)

    def peak_bytes(self):
        """The highest usage seen (v1), or the current usage (v2 before 5.19)."""
        for leaf in ("memory.max_usage_in_bytes", "memory.peak", "memory.current",
                     "memory.usage_in_bytes"):
            p = os.path.join(self.path, leaf)
            if os.path.exists(p):
                with open(p) as f:
                    return int(f.read().split()[0])
        return None

    def remove(self):
        """Removes the cgroup once its processes have exited (its charged page
        cache moves to the parent)."""
        for _ in range(50):
            try:
                os.rmdir(self.path)
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.1)


def parse_size(text):
    """'512MB', '2GB', '1048576' -> bytes."""
    t = text.strip().upper()
    for suffix, mult in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)):
        if t.endswith(suffix):
            return int(float(t[: -len(suffix)]) * mult)
    return int(t)
