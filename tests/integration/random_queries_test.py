#!/usr/bin/env python3
"""Randomized differential test: random queries over a small NULL-heavy
schema -- joins, subqueries (scalar, EXISTS, IN, ANY/ALL, correlated),
aggregates with GROUP BY / HAVING / DISTINCT / FILTER, set operations,
CASE/COALESCE, ORDER BY / LIMIT -- each run against stratad and a real
PostgreSQL 15; every difference in rows or SQLSTATE fails the test.

Rows of a query without ORDER BY are compared as sorted lists (PostgreSQL's
regression suite does the same); queries with LIMIT order by every output
column first, so their result is determined. The generator is seeded: a
failure prints the seed and the query, and `--seed S --queries N` replays it.
Run more with `--queries 20000`.

`--indexes` first creates secondary indexes on the stratad side only (the
queries then read through them where WHERE allows; results must not change)
and afterwards checks them with strata_index_check.
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import transcripts  # noqa: E402

INT_COLS = {"t1": ["a", "b", "n"], "t2": ["a", "x", "m"]}
TEXT_COLS = {"t1": ["c"], "t2": ["y"]}
NUM_COLS = {"t1": ["d"], "t2": []}


# Secondary indexes for --indexes: leading columns the generated WHERE
# clauses compare, ASC and DESC, NULLS FIRST, INCLUDE, a unique one.
INDEXES = ["create index t1_b on t1 (b)",
           "create index t1_n_c on t1 (n desc, c)",
           "create index t1_c on t1 (c nulls first) include (d)",
           "create unique index t2_x_a on t2 (x, a)",
           "create index t2_m on t2 (m desc nulls last)",
           "create index t2_y on t2 (y)"]


def setup_sql(rng):
    """The schema and its rows (deterministic for a seed): many NULLs, duplicates."""
    def maybe(v, p=0.25):
        return "null" if rng.random() < p else v

    texts = ["'a'", "'ab'", "'b'", "'abc'", "'B'", "''"]
    stmts = ["drop table if exists t1", "drop table if exists t2",
             "create table t1 (a int primary key, b int, n int, c text, d numeric(6,1))",
             "create table t2 (a int primary key, x int, m int, y text)"]
    rows = []
    for a in range(1, 31):
        rows.append(f"({a}, {maybe(rng.randint(0, 6))}, {maybe(rng.randint(-3, 3))}, "
                    f"{maybe(rng.choice(texts))}, {maybe(str(rng.randint(-50, 50) / 10))})")
    stmts.append("insert into t1 values " + ", ".join(rows))
    rows = []
    for a in range(1, 21):
        rows.append(f"({a}, {maybe(rng.randint(0, 6))}, {maybe(rng.randint(-3, 3))}, "
                    f"{maybe(rng.choice(texts))})")
    stmts.append("insert into t2 values " + ", ".join(rows))
    return stmts


class Generator:
    def __init__(self, rng):
        self.r = rng

    # ---- expressions over the tables in scope ----
    def int_col(self, scope):
        t = self.r.choice(scope)
        return f"{t}.{self.r.choice(INT_COLS[t])}"

    def int_expr(self, scope, depth=0):
        k = self.r.random()
        if depth > 1 or k < 0.45:
            return self.int_col(scope)
        if k < 0.55:
            return str(self.r.randint(-2, 6))
        if k < 0.62:
            return "null::int"
        if k < 0.72:
            return f"({self.int_expr(scope, depth + 1)} {self.r.choice(['+', '-', '*'])} " \
                   f"{self.int_expr(scope, depth + 1)})"
        if k < 0.80:
            return f"coalesce({self.int_expr(scope, depth + 1)}, {self.int_expr(scope, depth + 1)})"
        if k < 0.86:
            return f"abs({self.int_expr(scope, depth + 1)})"
        if k < 0.93:
            return (f"case when {self.pred(scope, depth + 1)} then {self.int_expr(scope, depth + 1)} "
                    f"else {self.int_expr(scope, depth + 1)} end")
        return f"nullif({self.int_expr(scope, depth + 1)}, {self.r.randint(0, 3)})"

    def text_expr(self, scope):
        cands = [f"{t}.{c}" for t in scope for c in TEXT_COLS[t]]
        if not cands or self.r.random() < 0.1:
            return self.r.choice(["'a'", "'b'", "null::text"])
        return self.r.choice(cands)

    def subquery_pred(self, scope, depth):
        """EXISTS / IN / ANY / ALL / scalar over t2 (or t1), maybe correlated."""
        inner = "t2" if self.r.random() < 0.6 else "t1"
        alias = "s"
        where = []
        if self.r.random() < 0.6:  # correlated with an outer column
            where.append(f"{alias}.{self.r.choice(INT_COLS[inner])} = {self.int_col(scope)}")
        if self.r.random() < 0.5:
            where.append(self.pred([alias], depth + 1, tables={alias: inner}))
        w = (" where " + " and ".join(where)) if where else ""
        col = f"{alias}.{self.r.choice(INT_COLS[inner])}"
        k = self.r.random()
        if k < 0.3:
            return f"{'not ' if self.r.random() < 0.3 else ''}exists (select 1 from {inner} {alias}{w})"
        if k < 0.55:
            return (f"{self.int_expr(scope, depth + 1)} {'not ' if self.r.random() < 0.4 else ''}in "
                    f"(select {col} from {inner} {alias}{w})")
        if k < 0.75:
            op = self.r.choice(["=", "<", ">", "<>", "<=", ">="])
            q = self.r.choice(["any", "all"])
            return f"{self.int_expr(scope, depth + 1)} {op} {q} (select {col} from {inner} {alias}{w})"
        agg = self.r.choice(["count(*)", f"max({col})", f"min({col})", f"sum({col})"])
        op = self.r.choice(["=", "<", ">", "<>"])
        return f"{self.int_expr(scope, depth + 1)} {op} (select {agg} from {inner} {alias}{w})"

    def pred(self, scope, depth=0, tables=None):
        if tables:  # an inner alias: columns of its table
            saved = dict(INT_COLS), dict(TEXT_COLS)
            for alias, table in tables.items():
                INT_COLS[alias] = INT_COLS[table]
                TEXT_COLS[alias] = TEXT_COLS[table]
            try:
                return self.pred(scope, depth)
            finally:
                INT_COLS.clear()
                INT_COLS.update(saved[0])
                TEXT_COLS.clear()
                TEXT_COLS.update(saved[1])
        k = self.r.random()
        if depth < 2 and k < 0.12:
            return f"({self.pred(scope, depth + 1)} {self.r.choice(['and', 'or'])} " \
                   f"{self.pred(scope, depth + 1)})"
        if depth < 2 and k < 0.17:
            return f"not ({self.pred(scope, depth + 1)})"
        if depth < 1 and k < 0.32:
            return self.subquery_pred(scope, depth)
        if k < 0.55:
            op = self.r.choice(["=", "<", ">", "<>", "<=", ">="])
            return f"{self.int_expr(scope, depth + 1)} {op} {self.int_expr(scope, depth + 1)}"
        if k < 0.63:
            return f"{self.int_expr(scope, depth + 1)} is {'not ' if self.r.random() < 0.5 else ''}null"
        if k < 0.70:
            lo = self.r.randint(-2, 3)
            return f"{self.int_expr(scope, depth + 1)} between {lo} and {lo + self.r.randint(0, 4)}"
        if k < 0.80:
            items = [str(self.r.randint(-2, 6)) for _ in range(self.r.randint(1, 4))]
            if self.r.random() < 0.3:
                items.append("null")
            neg = "not " if self.r.random() < 0.4 else ""
            return f"{self.int_expr(scope, depth + 1)} {neg}in ({', '.join(items)})"
        if k < 0.88:
            pattern = self.r.choice(["'a%'", "'%b'", "'_'", "'%'"])
            return f"{self.text_expr(scope)} {self.r.choice(['like', 'not like'])} {pattern}"
        if k < 0.94:
            return f"{self.int_expr(scope, depth + 1)} is {'not ' if self.r.random() < 0.5 else ''}" \
                   f"distinct from {self.int_expr(scope, depth + 1)}"
        return f"{self.text_expr(scope)} = {self.text_expr(scope)}"

    # ---- whole queries ----
    def from_clause(self):
        k = self.r.random()
        if k < 0.45:
            return "t1", ["t1"]
        if k < 0.6:
            return "t2", ["t2"]
        join = self.r.choice(["join", "left join", "right join", "full join", "join"])
        if k < 0.92:
            return f"t1 {join} t2 on {self.int_col(['t1'])} = {self.int_col(['t2'])}", ["t1", "t2"]
        return "t1, t2", ["t1", "t2"]

    def order_limit(self, n_out, always_order=False):
        if self.r.random() < 0.35 and not always_order:
            return ""
        self.ordered = True
        cols = list(range(1, n_out + 1))
        parts = []
        for c in cols:
            d = self.r.choice(["", " desc"])
            nulls = self.r.choice(["", " nulls first", " nulls last"])
            parts.append(f"{c}{d}{nulls}")
        s = " order by " + ", ".join(parts)
        if self.r.random() < 0.3:
            s += f" limit {self.r.randint(0, 8)}"
            if self.r.random() < 0.3:
                s += f" offset {self.r.randint(0, 5)}"
        return s

    def plain_select(self):
        frm, scope = self.from_clause()
        outs = [self.int_expr(scope) for _ in range(self.r.randint(1, 3))]
        if self.r.random() < 0.3:
            outs.append(self.text_expr(scope))
        where = f" where {self.pred(scope)}" if self.r.random() < 0.8 else ""
        distinct = "distinct " if self.r.random() < 0.15 else ""
        return f"select {distinct}{', '.join(outs)} from {frm}{where}" + self.order_limit(len(outs))

    def agg_select(self):
        frm, scope = self.from_clause()
        key = self.int_expr(scope) if self.r.random() < 0.8 else None
        arg = self.int_col(scope)
        keys = ", ".join(f"{t}.a" for t in scope)  # a total order of the input rows
        aggs = []
        for _ in range(self.r.randint(1, 3)):
            f = self.r.choice(["count(*)", f"count({arg})", f"sum({arg})", f"min({arg})",
                               f"max({arg})", f"count(distinct {arg})", f"avg({arg})",
                               f"bool_and({arg} > 0)", f"string_agg({self.text_expr(scope)}, ',' "
                               f"order by {self.text_expr(scope)}, {arg}, {keys})",
                               f"sum({arg}) filter (where {self.pred(scope, 1)})"])
            aggs.append(f)
        where = f" where {self.pred(scope)}" if self.r.random() < 0.6 else ""
        if key is None:
            return f"select {', '.join(aggs)} from {frm}{where}"
        having = f" having count(*) {self.r.choice(['>', '>=', '<'])} {self.r.randint(0, 3)}" \
            if self.r.random() < 0.3 else ""
        return (f"select {key}, {', '.join(aggs)} from {frm}{where} group by 1{having}"
                + self.order_limit(1 + len(aggs)))

    def correlated_select(self):
        agg = self.r.choice(["count(*)", "max(s.x)", "sum(s.m)", "min(s.a)"])
        w = f"s.x = t1.{self.r.choice(INT_COLS['t1'])}"
        if self.r.random() < 0.5:
            w += f" and s.m {self.r.choice(['<', '>', '<>'])} t1.n"
        where = f" where {self.pred(['t1'])}" if self.r.random() < 0.5 else ""
        return (f"select t1.a, (select {agg} from t2 s where {w}) from t1{where}"
                + self.order_limit(2))

    def setop_select(self):
        left = f"select {self.int_col(['t1'])} from t1 where {self.pred(['t1'])}"
        right = f"select {self.int_col(['t2'])} from t2 where {self.pred(['t2'])}"
        op = self.r.choice(["union", "union all", "intersect", "intersect all", "except",
                            "except all"])
        return f"{left} {op} {right}" + self.order_limit(1)

    def query(self):
        """(sql, whether its rows come in a determined order)."""
        self.ordered = False
        k = self.r.random()
        if k < 0.45:
            sql = self.plain_select()
        elif k < 0.75:
            sql = self.agg_select()
        elif k < 0.87:
            sql = self.correlated_select()
        else:
            sql = self.setop_select()
        return sql, self.ordered


def reduce_reply(ordered, msgs):
    """('E', SQLSTATE) or ('R', rows): rows sorted unless the query orders them."""
    rows = []
    for m in msgs:
        if m.kind == b"E":
            return ("E", m.fields().get("C"))
        if m.kind == b"D":
            rows.append(m.body)
    if not ordered:
        rows.sort()
    return ("R", rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stratad", required=True)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=20261121)
    ap.add_argument("--show", type=int, default=15, help="differences printed")
    ap.add_argument("--indexes", action="store_true",
                    help="create secondary indexes on the stratad side first")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    setup = setup_sql(rng)
    gen = Generator(rng)
    queries = [gen.query() for _ in range(args.queries)]

    strata = harness.Stratad(os.path.abspath(args.stratad))
    ref = harness.ReferencePostgres()
    try:
        strata.start()
        ref.start()
        results = []
        for server in (ref, strata):
            conn = transcripts.connect(server)
            for stmt in setup:
                msgs = conn.query(stmt)
                errs = [m.fields() for m in msgs if m.kind == b"E"]
                if errs:
                    print(f"setup failed on {server.__class__.__name__}: {stmt}: {errs[0]}")
                    return 1
            if args.indexes and server is strata:
                for stmt in INDEXES:
                    errs = [m.fields() for m in conn.query(stmt) if m.kind == b"E"]
                    if errs:
                        print(f"index setup failed: {stmt}: {errs[0]}")
                        return 1
            out = []
            for q, ordered in queries:
                out.append(reduce_reply(ordered, conn.query(q)))
            results.append(out)
            if args.indexes and server is strata:
                for table in ("t1", "t2"):
                    msgs = conn.query(f"select strata_index_check('{table}')")
                    errs = [m.fields() for m in msgs if m.kind == b"E"]
                    if errs:
                        print(f"FAIL strata_index_check('{table}'): {errs[0]}")
                        return 1
            conn.close()
    finally:
        strata.stop()
        ref.stop()
        strata.cleanup()
        ref.cleanup()

    diffs = [(q, a, b) for (q, _), a, b in zip(queries, results[0], results[1]) if a != b]
    for q, want, got in diffs[:args.show]:
        print(f"DIFF {q}\n  postgresql-15: {str(want)[:300]}\n  stratad:       {str(got)[:300]}")
    print(f"{len(queries) - len(diffs)} / {len(queries)} random queries identical "
          f"(seed {args.seed})")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
