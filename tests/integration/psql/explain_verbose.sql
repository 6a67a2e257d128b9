-- EXPLAIN (VERBOSE) in PostgreSQL's text format for plans we build with
-- PostgreSQL's shape: the Output line of every node (columns bare in a
-- one-relation plan, computed columns in parentheses above the node that
-- computes them), relations with their schema, keys and quals qualified;
-- with COSTS OFF, with ANALYZE, and with costs for a plan's first line.
create table ea (x int, y text);
create table ec (u int, v int);
insert into ea values (1, 'a'), (2, 'b'), (3, null);
insert into ec values (1, 2), (3, null);
create schema s2;
create table s2."Mixed Case" ("Col A" int, b text);
insert into s2."Mixed Case" values (1, 'q');
-- scans and filters
explain (verbose, costs off) select * from ea;
explain (verbose, costs off) select * from ea where x = 1;
explain (verbose, costs off) select * from ea where x in (1, 2) or y is null;
explain (verbose, costs off) select x::text || y as c from ea;
explain (verbose, costs off) select x from ea where y like 'a%' limit 5;
explain (verbose, costs off) select * from s2."Mixed Case" where "Col A" > 0;
explain (verbose, costs off) select "Col A" * 2 as d, upper(b) from s2."Mixed Case" m order by d desc;
-- sorts and limits: sort-only columns, computed sort keys
explain (verbose, costs off) select y from ea order by x;
explain (verbose, costs off) select x + 1 from ea order by x + 1;
explain (verbose, costs off) select lower(y) from ea order by 1;
explain (verbose, costs off) select * from ea order by x limit 2;
explain (verbose, costs off) select * from ea limit 1;
explain (verbose, costs off) select * from ea offset 1;
explain (verbose, costs off) select y from ea where x = 1 order by y desc nulls last limit 3;
explain (verbose, costs off) select x from ea where y > 'a' order by x desc limit 1 offset 1;
explain (verbose, costs off) select x, y, x + 1 from ea order by y, x + 1 limit 2;
-- aggregates and DISTINCT
explain (verbose, costs off) select count(*) from ea;
explain (verbose, costs off) select max(x), min(y) from ea;
explain (verbose, costs off) select sum(x + 1) from ea where y > 'a';
explain (verbose, costs off) select count(distinct y) from ea;
explain (verbose, costs off) select x, count(*) from ea group by x having count(*) > 1;
explain (verbose, costs off) select x, count(*) from ea group by x order by 2;
explain (verbose, costs off) select x, sum(x) filter (where x > 1) from ea group by x;
explain (verbose, costs off) select x, y from ea group by x, y order by x;
explain (verbose, costs off) select distinct x from ea;
explain (verbose, costs off) select distinct x + 1 from ea;
explain (verbose, costs off) select distinct y from ea order by y;
explain (verbose, costs off) select distinct on (x) x, y from ea order by x, y;
-- functions in FROM, set-returning functions in the select list, VALUES
explain (verbose, costs off) select * from generate_series(1, 3) g;
explain (verbose, costs off) select * from generate_series(1, 10) as g(n) where n % 2 = 0;
explain (verbose, costs off) select * from generate_series(1, 3) g where g > 1 order by g;
explain (verbose, costs off) select n, n * 2 from generate_series(1, 3) as g(n) order by n desc;
explain (verbose, costs off) select generate_series(1, 3);
explain (verbose, costs off) select generate_series(1, 3), 'a' as k;
explain (verbose, costs off) select generate_series(1, x) from ea;
explain (verbose, costs off) values (1), (2);
explain (verbose, costs off) values (1, 'a'), (2, 'b');
explain (verbose, costs off) select x from ea union all select u from ec;
-- hash joins (PostgreSQL would merge-join these tiny tables; the hash join
-- is its next choice): the outer scan returns all its columns, the inner
-- one only those needed above, in the order the query names them
create table eb (x int8, z numeric);
insert into eb values (1, 1.5), (4, 2.5);
set enable_mergejoin = off;
set enable_nestloop = off;
explain (verbose, costs off) select * from ea join eb on ea.x = eb.x;
explain (verbose, costs off) select ea.y, eb.z from ea join eb on ea.x = eb.x;
explain (verbose, costs off) select * from ec c1 left join ec c2 on c1.u = c2.v;
explain (verbose, costs off) select c1.u from ec c1 join ec c2 on c1.u = c2.v and c1.v < c2.u;
explain (verbose, costs off) select ea.y from ea left join eb on ea.x = eb.x order by ea.y;
explain (verbose, costs off) select eb.z + 1, upper(ea.y) from ea join eb on ea.x = eb.x order by 1 limit 1;
reset enable_mergejoin;
reset enable_nestloop;
-- SELECT without FROM: a Result listing the select list
explain (verbose, costs off) select 1;
explain (verbose, costs off) select 1 as a, 'x' as b, now() as c;
explain (verbose, costs off) select 1 union all select 2;
-- INSERT (UPDATE and DELETE under VERBOSE are 0A000: no ctid here)
explain (verbose, costs off) insert into ea values (4, 'd');
explain (verbose, costs off) insert into ea values (null, null);
create table en (a int8, b numeric(6,2), c varchar(3), d date, e bool, f numeric);
explain (verbose, costs off) insert into en values (1, 2.5, 'ab', '2020-01-01', true, 2);
explain (verbose, costs off) insert into en values (7, '3', 'x'::text, now()::date, 't', 1.25);
explain (verbose, costs off) select * from en where f = 2 or f = 2.5 or b = 2::numeric(4,1);
explain (verbose, costs off) insert into ea values (4, 'd'), (5, 'e');
explain (verbose, costs off) insert into ec select x + 1, x from ea where x > 0;
-- with ANALYZE (figures that do not vary), and spelled without parentheses
explain (verbose, analyze, costs off, timing off, summary off) select * from ea where x > 1;
explain (verbose, analyze, costs off, timing off, summary off) select x, y from ea limit 2;
explain (verbose, analyze, costs off, timing off, summary off) insert into ea values (6, 'f');
delete from ec;
explain (verbose on, costs off) select 1 from ea limit 0;
explain (verbose, costs off) select 1 as one, x from ea order by x;
select * from ea order by x;
select * from ec order by u;
