-- min() and max() read from an index (PostgreSQL's planagg.c): an ungrouped
-- SELECT over one table whose aggregates are all min/max of indexed columns
-- becomes a Result over InitPlans, each an index scan to the first non-null
-- entry (backward for max) under a Limit. WHERE goes into every scan; IS NOT
-- NULL is an index condition. Near misses (no index, another aggregate,
-- GROUP BY, an expression argument) keep the plain Aggregate. Plans and rows
-- must match PostgreSQL's.
create table mm (a int, b int, c text, d numeric, e timestamp);
insert into mm select g, g % 100, 'v' || lpad(g::text, 5, '0'), g / 7.0,
  timestamp '2020-01-01' + g * interval '1 hour'
  from generate_series(1, 20000) g;
insert into mm (b) select g from generate_series(1, 500) g;  -- NULLs in a, c, d, e
create index mm_a on mm (a);
create index mm_c on mm (c);
create index mm_d on mm (d desc);
create index mm_e on mm (e);
vacuum analyze mm;

explain (costs off) select max(a) from mm;
select max(a) from mm;
explain (costs off) select min(a) from mm;
select min(a) from mm;
explain (costs off) select min(a), max(a) from mm;
select min(a), max(a) from mm;
explain (costs off) select max(a) + 1 as next_a, min(c) from mm;
select max(a) + 1 as next_a, min(c) from mm;
explain (verbose, costs off) select min(a), max(a) from mm;
explain (verbose, costs off) select max(a) from mm where b < 50;
-- A DESC index serves both directions.
explain (costs off) select max(d), min(d) from mm;
select max(d), min(d) from mm;
explain (costs off) select min(e), max(e) from mm;
select min(e), max(e) from mm;
-- WHERE applies to the scan.
explain (costs off) select max(a) from mm where a < 500;
select max(a) from mm where a < 500;
explain (costs off) select min(a) from mm where a > 19990;
select min(a) from mm where a > 19990;
explain (costs off) select max(a) from mm where b = 3;
select max(a) from mm where b = 3;
select max(a) from mm where a < 0;
select min(c) from mm where a is null;
-- An alias names the scans.
explain (costs off) select min(x.a), max(x.a) from mm x;
-- The same aggregate twice is read once; DISTINCT, ORDER BY and a
-- set-returning call work over the one row.
explain (costs off) select max(a), max(a) from mm;
select max(a), max(a) from mm;
explain (costs off) select max(a) from mm order by max(a);
explain (costs off) select max(a) from mm order by max(a) + 1;
select max(a) from mm order by max(a) + 1;
explain (costs off) select distinct max(a) from mm;
select distinct max(a) from mm;
explain (costs off) select max(a), generate_series(1, 3) as g from mm order by g desc;
select max(a), generate_series(1, 3) as g from mm order by g desc;
-- HAVING and ORDER BY over the one row.
select max(a) from mm having max(a) > 5;
select max(a) from mm having max(a) < 5;
-- Near misses: no index on b, count(), GROUP BY, an expression, FILTER.
explain (costs off) select max(b) from mm;
select max(b) from mm;
explain (costs off) select max(a), count(*) from mm;
select max(a), count(*) from mm;
explain (costs off) select b % 2 as k, max(a) from mm group by 1 order by 1;
explain (costs off) select max(a + 1) from mm;
select max(a + 1) from mm;
explain (costs off) select max(a) filter (where b > 2) from mm;
select max(a) filter (where b > 2) from mm;
-- A primary key, and a two-column index after an equality on its first.
create table mm_pk (id int primary key, g int, v int);
insert into mm_pk select g, g % 10, g * 3 from generate_series(1, 5000) g;
create index mm_pk_g_v on mm_pk (g, v);
vacuum analyze mm_pk;
explain (costs off) select max(id), min(id) from mm_pk;
select max(id), min(id) from mm_pk;
explain (costs off) select max(v) from mm_pk where g = 3;
select max(v) from mm_pk where g = 3;
explain (costs off) select min(v) from mm_pk where g = 3 and v is not null;
select min(v) from mm_pk where g = 3 and v is not null;
drop table mm_pk;
-- All NULL, and empty.
create table mm_empty (a int);
create index mm_empty_a on mm_empty (a);
insert into mm_empty values (null), (null);
vacuum analyze mm_empty;
select min(a), max(a) from mm_empty;
delete from mm_empty;
select min(a), max(a) from mm_empty;
-- IS NOT NULL alone is an index condition where the index is chosen.
explain (costs off) select a from mm where a is not null order by a desc limit 3;
select a from mm where a is not null order by a desc limit 3;
explain (costs off) select a from mm where a > 19995 and a is not null;
select a from mm where a > 19995 and a is not null order by a;
select count(*) from mm where c is not null;
drop table mm;
drop table mm_empty;
