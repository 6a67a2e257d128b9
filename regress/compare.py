"""Statement-level comparison of `psql -a` output with expected/NAME.out.

Both outputs are cut into per-unit blocks (psql_script.Unit: the echoed input
lines up to an executed statement or meta-command, then whatever psql printed
for it). A unit's block is found by searching, in order, for its exact echo
lines; everything from the end of one found echo to the start of the next is
that unit's output. psql echoes every non-empty input line (and never prints
an empty line for the input), so result sets, errors with LINE/caret, NOTICEs,
\\gexec echoes and COPY data read as SQL all stay inside their unit. A unit
whose echo is missing (\\set ECHO none, psql gave up after a crash, a time-out)
has no block, and a unit matches only when both sides agree on that too.

Files pass whole only when the output is byte-identical to NAME.out or one of
NAME_0.out .. NAME_9.out, as pg_regress decides; the statement score uses the
alternative that matches the most statements (ties: the earliest of NAME.out,
NAME_0.out, ...).
"""
import bisect
import os

from psql_script import split_script


def read_text(path):
    """File contents as str; undecodable bytes kept exactly (surrogateescape)."""
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


def _lines(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def blocks(units, output):
    """Cuts psql output (str) into one block per unit.

    Returns (preamble, blocks): preamble is the output before the first found
    echo; blocks[i] is None when unit i's echo was not found, else the list of
    output lines that follow its echo.
    """
    out = _lines(output)
    where = {}
    for idx, line in enumerate(out):
        where.setdefault(line, []).append(idx)
    starts = [None] * len(units)
    pos = 0
    for i, u in enumerate(units):
        cand = where.get(u.echo[0])
        if not cand:
            continue
        k = bisect.bisect_left(cand, pos)
        n = len(u.echo)
        while k < len(cand):
            p = cand[k]
            if out[p:p + n] == u.echo:
                starts[i] = p
                pos = p + n
                break
            k += 1
    result = [None] * len(units)
    found = [i for i in range(len(units)) if starts[i] is not None]
    preamble = out[:starts[found[0]]] if found else out
    for j, i in enumerate(found):
        begin = starts[i] + len(units[i].echo)
        end = starts[found[j + 1]] if j + 1 < len(found) else len(out)
        result[i] = out[begin:end]
    return preamble, result


class FileResult:
    """Outcome of comparing one test's output with its expected file(s)."""

    def __init__(self, name):
        self.name = name
        self.passed = False          # byte-identical to an expected file
        self.expected_file = None    # the alternative used for the score
        self.matched = 0
        self.total = 0
        self.failing = []            # (unit, expected block, actual block)
        self.unaligned_expected = 0  # scored units whose echo is absent from the expected file
        self.status = "ok"           # ok, crash, timeout, error
        self.note = ""
        self.seconds = 0.0

    @property
    def failed_statements(self):
        return self.total - self.matched


def expected_files(expected_dir, name):
    """NAME.out then NAME_0.out .. NAME_9.out, those that exist."""
    paths = [os.path.join(expected_dir, f"{name}.out")]
    paths += [os.path.join(expected_dir, f"{name}_{i}.out") for i in range(10)]
    return [p for p in paths if os.path.exists(p)]


def compare_file(name, script_text, output_text, expected_paths):
    """Scores output_text against the best of expected_paths."""
    units = split_script(script_text)
    scored = [i for i, u in enumerate(units) if u.scored]
    act_pre, act = blocks(units, output_text)
    best = None
    for path in expected_paths:
        exp_text = read_text(path)
        exp_pre, exp = blocks(units, exp_text)
        r = FileResult(name)
        r.expected_file = os.path.basename(path)
        r.passed = exp_text == output_text
        r.total = len(scored)
        for i in scored:
            ok = exp[i] == act[i] and (i != scored[0] or exp_pre == act_pre)
            if exp[i] is None:
                # No echo in the expected output (\set ECHO none, \echo -n):
                # what the unit printed is inside the block of the last unit
                # with an echo, so it matches only if that block does.
                r.unaligned_expected += 1
                j = i - 1
                while j >= 0 and exp[j] is None:
                    j -= 1
                ok = ok and (exp[j] == act[j] if j >= 0 else exp_pre == act_pre)
            if ok:
                r.matched += 1
            else:
                r.failing.append((units[i], exp[i], act[i]))
        if r.passed:
            r.matched = r.total
            r.failing = []
            return r
        if best is None or r.matched > best.matched:
            best = r
    return best
