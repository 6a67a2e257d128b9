-- EXPLAIN (COSTS OFF) in PostgreSQL's text format for plans we build with
-- PostgreSQL's shape: scans with filters, sorts, limits, aggregates,
-- DISTINCT, hash joins, windows, VALUES, functions in FROM, UNION ALL, DML;
-- EXPLAIN ANALYZE with TIMING OFF and SUMMARY OFF; option errors.
create table ea (x int, y text);
create table eb (x int8, z numeric);
create table ec (u int, v int);
insert into ea values (1, 'a'), (2, 'b'), (3, null);
explain (costs off) select * from ea;
explain (costs off) select * from ea where x = 1;
explain (costs off) select * from ea where x > 1 and y = 'a';
explain (costs off) select * from ea where y is not null;
explain (costs off) select * from ea where y like 'a%' or x::numeric = 1.5;
explain (costs off) select * from ea where x in (1, 2, 3);
explain (costs off) select * from ea where x = -1;
explain (costs off) select * from ea where y <> 'q' or x = 2;
explain (costs off) select y from ea order by x;
explain (costs off) select * from ea order by y desc, x;
explain (costs off) select * from ea order by x nulls first;
explain (costs off) select x + 1 from ea order by x + 1;
explain (costs off) select * from ea order by x limit 2;
explain (costs off) select * from ea limit 2 offset 1;
explain (costs off) select x, count(*) from ea group by x;
explain (costs off) select x, count(*) from ea group by x having count(*) > 1;
explain (costs off) select count(*) from ea;
explain (costs off) select distinct x from ea;
-- PostgreSQL would merge-join these tiny tables; the hash join is its next choice
set enable_mergejoin = off;
set enable_nestloop = off;
explain (costs off) select * from ea join eb on ea.x = eb.x;
explain (costs off) select * from ea left join eb using (x);
explain (costs off) select * from ea a1 join ea a2 on a1.x = a2.x;
explain (costs off) select * from ec c1 left join ec c2 on c1.u = c2.v;
reset enable_mergejoin;
reset enable_nestloop;
explain (costs off) select row_number() over (partition by x order by y) from ea;
explain (costs off) values (1), (2);
explain (costs off) select 1;
explain (costs off) select * from generate_series(1, 3) g;
explain (costs off) select x from ea union all select u from ec;
explain (costs off) insert into ea values (4, 'd');
explain (costs off) update ea set y = 'z' where x = 1;
explain (costs off) delete from ea where x = 1;
explain costs off select 1;
explain (analyze, costs off, timing off, summary off) select * from ea;
explain (analyze, costs off, timing off, summary off) select * from ea where x > 1;
explain (analyze, costs off, timing off, summary off) select count(*) from ea where x < 3;
explain (foo) select 1;
explain (timing) select 1;
explain (costs maybe) select 1;
select * from ea order by x;
-- functions print by their SQL names (random, not its implementation drandom)
explain (costs off) select generate_series(1, 3) as g, random() > 2 as r order by g desc, r;
explain (costs off) select * from generate_series(1, 3) g where g > random() * 0;
