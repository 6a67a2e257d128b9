-- GROUP BY GROUPING SETS / ROLLUP / CUBE (nested, mixed with plain
-- columns, the empty set), GROUPING(), GROUP BY DISTINCT, and NULLs of
-- grouped-away columns next to real NULL keys.
create table gs (id int primary key, a text, b int, c bool, v int);
insert into gs values
  (1, 'x', 1, true, 10), (2, 'x', 1, false, 20), (3, 'x', 2, true, 30), (4, 'y', 1, true, 40),
  (5, 'y', null, false, 50), (6, null, 2, null, 60), (7, 'y', 2, true, null);
select a, b, sum(v), count(*) from gs group by grouping sets ((a), (b)) order by a, b, 3, 4;
select a, b, sum(v) from gs group by rollup (a, b) order by a, b, 3;
select a, b, sum(v), grouping(a), grouping(b), grouping(a, b) from gs group by cube (a, b) order by a, b, grouping(a, b);
select a, b, c, count(*) from gs group by a, rollup (b, c) order by a, b, c, 4;
select a, b, count(*) from gs group by grouping sets ((a, b), ()) order by a, b, 3;
select count(*), sum(v) from gs group by ();
select count(*) from gs where id > 100 group by ();
select count(*) from gs where id > 100 group by grouping sets ((), ());
select a, count(*) from gs where id > 100 group by rollup (a);
select a, b, count(*) from gs group by grouping sets (a, rollup (b), ()) order by a, b, 3;
select a, b, count(*) from gs group by rollup ((a, b)) order by a, b, 3;
select a, b, c, count(*) from gs group by cube (a, (b, c)) order by a, b, c, 4;
select a, b, count(*) from gs group by rollup (a), rollup (b) order by a, b, 3;
select a, b, count(*) from gs group by distinct rollup (a), rollup (b) order by a, b, 3;
select a, count(*) from gs group by rollup (a), rollup (a) order by a, 2;
select a, count(*) from gs group by distinct rollup (a), rollup (a) order by a, 2;
select a, b, count(*) from gs group by grouping sets ((a, b), (a), (a, b)) order by a, b, 3;
select a, grouping(a), count(*) from gs group by a order by a;
select a, sum(v) from gs group by rollup (a) having grouping(a) = 1 or sum(v) > 50 order by a, 2;
select case when grouping(a) = 1 then 'total' else a end as label, sum(v) from gs group by rollup (a) order by label, 2;
select b + 1 as b1, count(*) from gs group by rollup (b + 1) order by b1, 2;
select a, b, sum(v), rank() over (partition by grouping(a, b) order by sum(v) desc nulls last)
  from gs group by cube (a, b) order by grouping(a, b), a, b, 3;
-- errors
select a, b from gs group by rollup (a);
select grouping(b) from gs group by a;
select grouping(a) from gs;
select a from gs where grouping(a) = 0 group by a;
