#!/usr/bin/env python3
"""EXPLAIN (ANALYZE, BUFFERS) reports each plan node's LSM work: after a
restart (cold block cache) a scan of a flushed table reads blocks
("Buffers: shared read=N"), the same scan again finds them in the block
cache ("shared hit=N"), a point lookup of an absent key inside a flushed
table's key range is answered by its Bloom filter ("LSM: sstables=1 bloom
skips=1"), a parent node's figures include its children's (PostgreSQL's
buffer usage is inclusive), and BUFFERS without ANALYZE prints no figures.
Also: ORDER BY id DESC LIMIT 10 on a large table is an Index Scan
Backward that reads 10 rows, no Sort."""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

checks = harness.Checks()
check = checks.check

OPTS = "(analyze, buffers, costs off, timing off, summary off)"


def run(s, sql):
    code, out = s.psql(["-v", "ON_ERROR_STOP=0", "-Atc", sql])
    return out.rstrip("\n")


def buffers(lines, node_prefix):
    """The (hit, read, sstables, bloom_skips) figures printed under the
    first plan line containing node_prefix."""
    hit = read = tables = skips = 0
    found = False
    for i, line in enumerate(lines):
        if node_prefix not in line:
            continue
        found = True
        indent = len(line) - len(line.lstrip())
        for prop in lines[i + 1:]:
            stripped = prop.lstrip()
            if stripped.startswith("->") or len(prop) - len(stripped) <= indent:
                break
            m = re.match(r"Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?$", stripped)
            if m:
                hit = int(m.group(1) or 0)
                read = int(m.group(2) or 0)
            m = re.match(r"LSM: sstables=(\d+) bloom skips=(\d+)$", stripped)
            if m:
                tables, skips = int(m.group(1)), int(m.group(2))
        break
    return found, hit, read, tables, skips


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    args = ap.parse_args()
    s = harness.Stratad(args.stratad)
    try:
        s.start()
        run(s, "create table t (id int primary key, v text)")
        run(s, "insert into t select g * 2, repeat('x', 50) || g "
               "from generate_series(1, 20000) g")
        run(s, "create index t_v on t (v)")
        run(s, "select strata_checkpoint()")
        check(s.stop() == 0, "clean shutdown")
        s.start()

        cold = run(s, f"explain {OPTS} select count(*) from t").split("\n")
        found, hit, read, tables, _ = buffers(cold, "Seq Scan on t")
        check(found and read > 0 and tables >= 1,
              "cold scan reads blocks from SSTables", "\n".join(cold))
        agg = buffers(cold, "Aggregate")
        check(agg[1:4] == (hit, read, tables), "a parent's figures include its child's",
              "\n".join(cold))
        warm = run(s, f"explain {OPTS} select count(*) from t").split("\n")
        found, hit, read, _, _ = buffers(warm, "Seq Scan on t")
        check(found and hit > 0 and read == 0, "second scan hits the block cache",
              "\n".join(warm))
        check(any(l.strip() == f"Buffers: shared hit={hit}" for l in warm),
              "PostgreSQL's line shape (zero parts left out)", "\n".join(warm))

        # An absent key inside the table's key range: the Bloom filter says no.
        miss = run(s, f"explain {OPTS} select * from t where id = 12345").split("\n")
        found, hit, read, tables, skips = buffers(miss, "Index Scan using t_pkey on t")
        check(found and skips >= 1 and tables >= 1 and read == 0 and hit == 0,
              "a missing key is a bloom skip", "\n".join(miss))
        present = run(s, f"explain {OPTS} select * from t where id = 12344").split("\n")
        found, hit, read, tables, skips = buffers(present, "Index Scan using t_pkey on t")
        check(found and hit + read >= 1 and skips == 0, "a present key reads its block",
              "\n".join(present))

        # BUFFERS without ANALYZE: the plan only.
        plain = run(s, "explain (buffers, costs off) select * from t where id = 4")
        check(plain == "Index Scan using t_pkey on t\n  Index Cond: (id = 4)",
              "BUFFERS without ANALYZE prints no figures", plain)

        # ORDER BY id DESC LIMIT 10: a backward scan that reads 10 rows.
        run(s, "analyze t")
        back = run(s, f"explain {OPTS} select * from t order by id desc limit 10").split("\n")
        nodes = [l.strip() for l in back if "(actual" in l]
        check(nodes == ["Limit (actual rows=10 loops=1)",
                        "->  Index Scan Backward using t_pkey on t (actual rows=10 loops=1)"],
              "DESC LIMIT is a backward scan of 10 rows, no Sort", "\n".join(back))
        rows = run(s, "select id from t order by id desc limit 3")
        check(rows == "40000\n39998\n39996", "backward scan rows", rows)
        idx = run(s, f"explain {OPTS} select v from t order by v desc limit 5").split("\n")
        check(any("Index Only Scan Backward using t_v on t (actual rows=5 loops=1)" in l
                  for l in idx), "secondary index backward", "\n".join(idx))
    finally:
        s.cleanup()
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
