"""Runs cases against a real PostgreSQL 15 and stratad and compares their
transcripts: the one main loop of the session-level tests (transactions,
row locks, anomalies, cancel).

A case is a function server -> transcript (a list). A transcript entry that
is a (session, step, result) triple is printed as such when it differs.
"""
import traceback

import harness


def _describe(entry):
    if isinstance(entry, tuple) and len(entry) == 3:
        return f"{entry[0]}: {entry[1]}", entry[2]
    return "", entry


def compare_cases(stratad_binary, cases):
    """cases: {name: fn(server) -> transcript}. Returns the process exit code."""
    ref = harness.ReferencePostgres()
    strata = harness.Stratad(stratad_binary)
    failures = 0
    try:
        ref.start()
        strata.start()
        for name, case in cases.items():
            try:
                want = case(ref)
                got = case(strata)
            except Exception:  # noqa: BLE001
                failures += 1
                print(f"FAIL {name}")
                traceback.print_exc()
                continue
            if want == got:
                print(f"ok   {name}")
                continue
            failures += 1
            print(f"FAIL {name}")
            if len(want) != len(got):
                print(f"  {len(want)} steps on postgresql-15, {len(got)} on stratad")
            for i, (w, g) in enumerate(zip(want, got)):
                if w != g:
                    label, w_result = _describe(w)
                    _, g_result = _describe(g)
                    print(f"  step {i} {label}\n    postgresql-15: {w_result}\n"
                          f"    stratad:       {g_result}")
    finally:
        strata.stop()
        ref.cleanup()
        strata.cleanup()
    print(f"{len(cases) - failures} / {len(cases)} cases match")
    return 1 if failures else 0
