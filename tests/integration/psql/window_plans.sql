-- Window plans: one WindowAgg per distinct window, stacked in PostgreSQL's
-- order with a Sort only where the rows are not already in the window's
-- order; computed keys, volatile and correlated expressions over the
-- window's input, and columns only the nodes above read.
create table wp (id int primary key, a int, b int, c text, d numeric);
insert into wp select i, (i * 7) % 5, (i * 3) % 4, 'c' || (i % 3), i / 4.0 from generate_series(1, 40) i;
explain (costs off) select id, row_number() over (order by a), row_number() over (order by b) from wp;
explain (costs off) select id, row_number() over (partition by a order by b), sum(id) over (partition by b) from wp;
explain (costs off) select id, sum(id) over (order by a, b), row_number() over (order by a) from wp;
explain (costs off) select id, sum(id) over (order by a), row_number() over (order by a, b) from wp;
explain (costs off) select sum(id) over w1, count(*) over w2 from wp window w1 as (order by a), w2 as (order by b);
explain (costs off) select sum(id) over w2, count(*) over w1 from wp window w1 as (order by a), w2 as (order by b);
explain (costs off) select sum(id) over (order by a rows between 1 preceding and current row), count(*) over (order by a) from wp;
explain (costs off) select rank() over (partition by a + 1 order by b desc), count(*) over () from wp;
explain (costs off) select rank() over (partition by a order by a desc nulls last) from wp;
explain (costs off) select id, lag(id) over (partition by c order by d), lead(id) over (partition by c order by d, id) from wp;
-- ORDER BY the windows already give needs no Sort; a prefix of it, an
-- Incremental Sort (as do windows sharing leading keys).
explain (costs off) select id, row_number() over (order by a) from wp order by a;
explain (costs off) select id, row_number() over (order by a) from wp order by a, id;
explain (costs off) select id, row_number() over (partition by b order by a) from wp order by b;
explain (costs off) select id, row_number() over (order by a desc) from wp order by a;
explain (costs off) select a, count(*) over (order by a) from wp order by 1;
explain (costs off) select id, sum(id) over (order by b), row_number() over (order by a) from wp order by a;
explain (costs off) select row_number() over (partition by a order by b), row_number() over (partition by a order by b desc) from wp;
explain (costs off) select row_number() over (partition by a order by b), count(*) over (partition by a, id) from wp order by a, b, id;
explain (costs off) select distinct a, count(*) over (order by a) from wp order by a;
explain (costs off) select a, count(*) over (order by a) from wp group by a order by a;
-- Window results as columns of the nodes above.
explain (costs off) select a, rank() over (order by b) r from wp order by r, a;
explain (costs off) select a, sum(b) filter (where b > 1) over (order by b) from wp order by 2;
explain (costs off) select lag(a, 2, 0) over (order by b), ntile(3) over () from wp order by 1;
explain (costs off) select distinct a, sum(b) over (partition by a), first_value(b + 1) over (partition by a) from wp;
set enable_incremental_sort = off;
explain (costs off) select row_number() over (partition by a order by b), row_number() over (partition by a order by b desc) from wp;
explain (costs off) select id, row_number() over (order by a) from wp order by a, id;
reset enable_incremental_sort;
select id, a, row_number() over (order by a, id), random() < 2 as r from wp order by a, id limit 4;
select id, a, row_number() over (order by a, id) from wp order by a, id desc limit 4;
-- Results (ordered, so ties cannot differ).
select id, a, b, row_number() over (partition by a order by b, id), sum(id) over (partition by b),
       rank() over (order by a + b, id), dense_rank() over (order by (a + b) % 3)
  from wp order by id;
select id, c, d, first_value(id) over w, last_value(id) over w, nth_value(id, 3) over w,
       lag(d, 2) over (partition by c order by id), count(*) over (partition by upper(c))
  from wp window w as (partition by c order by d rows between 2 preceding and 2 following)
  order by id;
-- Columns the window does not need, read above it.
select c, sum(d) over (partition by a order by id), id * 2 as twice from wp order by twice desc limit 5;
select * , row_number() over (order by d desc) from wp order by id limit 5;
select distinct on (a) a, c, rank() over (partition by a order by id desc) from wp order by a, id;
select id, (select count(*) from wp w2 where w2.a = wp.b) as cnt, row_number() over (order by id desc)
  from wp order by id limit 6;
select s.id, s.rn, s.c from (select id, c, row_number() over (partition by c order by id) rn from wp) s
  where s.rn <= 2 order by s.id;
select a, count(*), sum(count(*)) over (order by a), rank() over (order by count(*) desc, a)
  from wp group by a order by a;
-- A computed key that is also an output column, and a volatile one.
select a + b as k, row_number() over (order by a + b, id) from wp order by k, 2 limit 8;
select count(*) from (select row_number() over (order by random()) from wp) s;
select sum(x) from (select row_number() over (partition by a order by random()) as x from wp) s;
-- EXPLAIN ANALYZE shows each node's own rows (Sort Method is not printed
-- yet, so no Sort here).
explain (analyze, costs off, timing off, summary off)
  select count(*) over (), sum(id) over (rows between 1 preceding and current row) from wp;
drop table wp;
-- Partitions spilled under a small work_mem and read back at random (lag,
-- sliding frames, first/nth_value, RANGE offsets, exclusions).
set work_mem = '64kB';
create table wbig (id int, g int, v int, pad text);
insert into wbig select i, i % 2, (i * 37) % 101, repeat('p', 30 + i % 20) from generate_series(1, 6000) i;
select g, count(*), sum(s1), sum(f1), sum(n1), sum(l1), sum(l2), sum(r1), sum(e1), sum(e2), min(pad), max(pad)
  from (select g, pad,
               sum(v) over (partition by g order by id rows between 50 preceding and 50 following) as s1,
               first_value(v) over (partition by g order by id rows between 200 preceding and current row) as f1,
               nth_value(v, 5) over (partition by g order by id rows between 10 preceding and 10 following) as n1,
               lag(v, 700, -1) over (partition by g order by id) as l1,
               lead(v, 1300) over (partition by g order by id) as l2,
               count(*) over (partition by g order by v range between 3 preceding and 2 following) as r1,
               sum(id) over (partition by g order by v groups between 1 preceding and 1 following exclude ties) as e1,
               last_value(id) over (partition by g order by v, id rows between current row and 40 following exclude current row) as e2
          from wbig) s
  group by g order by g;
select id, pad, sum(v) over (order by id rows between 3 preceding and 1 preceding)
  from wbig order by id desc limit 3;
reset work_mem;
drop table wbig;
