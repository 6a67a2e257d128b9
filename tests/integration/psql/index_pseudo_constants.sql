-- Index conditions whose other side is computed before the scan reads a
-- row (PostgreSQL's pseudo-constants): calls of immutable and stable
-- built-ins over constants, ARRAY[...] and array literals under = ANY, and
-- their near misses (volatile calls, columns of the same table), which stay
-- filters. The plans, how EXPLAIN prints the conditions (immutable calls
-- folded to their value, function names as called, CURRENT_USER) and the
-- rows must all match PostgreSQL's.
create table pc (a int, b int, t text);
insert into pc select g, g % 100, 'x' || g from generate_series(1, 20000) g;
create index pc_a on pc (a);
create index pc_t on pc (t);
analyze pc;

-- Immutable calls: folded, then an index condition.
explain (costs off) select * from pc where a = abs(-5);
select * from pc where a = abs(-5);
explain (costs off) select * from pc where a < 300 + 30 and a > 2 * 160;
select * from pc where a < 300 + 30 and a > 2 * 160 order by a;
explain (costs off) select * from pc where t = 'x' || '77';
select * from pc where t = 'x' || '77';
explain (costs off) select * from pc where a = greatest(3, 4) + length('abc');
-- A stable call: evaluated once before the scan, printed as written.
explain (costs off) select * from pc where a = length(current_user);
select count(*) from pc where a = length(current_user);
explain (costs off) select * from pc where t = 'x' || current_user;
-- = ANY over constant arrays, in every spelling.
explain (costs off) select * from pc where a = any(array[1, 2, 3]);
select * from pc where a = any(array[1, 2, 3]) order by a;
explain (costs off) select * from pc where a = any('{4,5}'::int[]);
select * from pc where a = any('{4,5}'::int[]) order by a;
explain (costs off) select * from pc where a = any('{6,7,NULL}');
select * from pc where a = any('{6,7,NULL}') order by a;
explain (costs off) select * from pc where a = any(array[8, 9]::int8[]);
select * from pc where a = any(array[8, 9]::int8[]) order by a;
explain (costs off) select * from pc where t = any(array['x10', 'x11']);
select * from pc where t = any(array['x10', 'x11']) order by a;
select * from pc where a = any('{}'::int[]);
select * from pc where a = any(null::int[]);
-- Not pseudo-constants: a volatile call, the row's own columns, ALL, <>.
explain (costs off) select * from pc where a = (random() * 0)::int + 12;
explain (costs off) select * from pc where a = any(array[b, 2]);
select count(*) from pc where a = any(array[b, 2]);
explain (costs off) select * from pc where b = all(array[a, 2]);
select count(*) from pc where b = all(array[a, 2]);
explain (costs off) select * from pc where a <> all(array[1, 2]) and a < 5;
select * from pc where a <> all(array[1, 2]) and a < 5 order by a;
-- Function names as called (abs, not the @ operator it shares code with),
-- and names that are keywords quoted as ruleutils quotes them.
explain (costs off) select * from pc where abs(b) = 5 and a < 100;
explain (costs off) select * from pc where "left"(t, 2) = 'x1' and a < 100;
explain (costs off) select * from pc where substring(t, 2) = '1' and a < 100;
-- Evaluation errors surface as in PostgreSQL.
select * from pc where a = any('{1,x}');
select * from pc where a = 1 / 0;
