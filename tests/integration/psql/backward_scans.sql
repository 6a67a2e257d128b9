-- Backward index scans: ORDER BY the reverse of an index's order (ASC <->
-- DESC with NULLS FIRST <-> LAST) reads the index from its end instead of
-- sorting -- on the primary key, single- and multi-column secondary
-- indexes, with WHERE ranges, IN lists and LIMIT -- and sees a
-- transaction's own uncommitted inserts and deletes.
create table b (id int primary key, a int, c int, t text);
insert into b select g, g % 50, case when g % 7 = 0 then null else g % 100 end, 't' || (g % 13)
  from generate_series(1, 5000) g;
create index b_a_c on b (a, c);
create index b_c on b (c);
create index b_t_desc on b (t desc nulls last);
analyze b;
-- the primary key
explain (costs off) select * from b order by id desc limit 10;
select * from b order by id desc limit 10;
explain (costs off) select id from b where id < 100 order by id desc limit 5;
select id from b where id < 100 order by id desc limit 5;
explain (costs off) select id from b where id between 2000 and 2010 order by id desc;
select id from b where id between 2000 and 2010 order by id desc;
explain (costs off) select id from b where id in (3, 1, 4000, 77) order by id desc;
select id from b where id in (3, 1, 4000, 77) order by id desc;
select id, a from b where id > 4990 and a > 40 order by id desc;
-- one indexed column with NULLs: DESC puts them first, as the reversed index does
explain (costs off) select c from b order by c desc limit 5;
select c from b order by c desc limit 5;
explain (costs off) select c from b order by c desc nulls last limit 5;
select c from b order by c desc nulls last limit 5;
explain (costs off) select c from b order by c nulls first limit 5;
select c from b order by c nulls first limit 5;
-- (ties print only the ordered column: their order is the scan's business)
explain (costs off) select c from b where c > 97 order by c desc limit 8;
select c from b where c > 97 order by c desc limit 8;
explain (costs off) select c from b where c < 3 order by c desc limit 8;
select c from b where c < 3 order by c desc limit 8;
-- a DESC index read backward gives ascending order
explain (costs off) select t from b order by t asc nulls first limit 3;
select t from b order by t asc nulls first limit 3;
explain (costs off) select t from b order by t desc nulls last limit 3;
-- multi-column: all keys reversed, or the leading one pinned
explain (costs off) select a, c from b order by a desc, c desc limit 6;
select a, c from b order by a desc, c desc limit 6;
explain (costs off) select c from b where a = 17 order by c desc limit 4;
select c from b where a = 17 order by c desc limit 4;
select c from b where a = 17 and c < 60 order by c desc;
select c from b where a = 17 order by c desc nulls last limit 4;
select a, c from b where a in (3, 4) order by a desc, c desc limit 5;
select count(*) from (select * from b order by a desc, c desc) s;
-- a transaction's own writes, read backward
begin;
insert into b values (5001, 49, 99, 'new'), (5002, 17, 200, 'new'), (0, 17, null, 'zero');
delete from b where id in (5000, 4999, 4998);
delete from b where a = 17 and c = 67;
update b set id = id + 10000 where id = 4997;
select id from b order by id desc limit 5;
select c from b where a = 17 order by c desc limit 4;
select c from b where a = 17 order by c desc nulls last limit 3;
select c from b order by c desc nulls last limit 3;
select id from b where a = 17 and c is null order by id desc limit 3;
select id from b where id < 5 order by id desc;
rollback;
select id from b order by id desc limit 3;
-- a table without statistics, and an empty one
create table e (k int primary key, v int);
create index e_v on e (v);
select * from e order by k desc limit 1;
select * from e order by v desc;
insert into e values (1, 10), (2, null), (3, 5);
select * from e order by v desc nulls first;
select * from e order by k desc;
-- cursors scroll over a backward scan
begin;
declare cur scroll cursor for select id from b where id > 4990 order by id desc;
fetch 3 from cur;
fetch backward 2 from cur;
fetch last from cur;
fetch prior from cur;
close cur;
commit;
-- inequality estimates past the histogram's ends read the actual min / max
-- from an index (rows moved past the ends after ANALYZE count); the row
-- count stays (the same heap pages in PostgreSQL)
create table g (id int primary key, v int, w int);
insert into g select i, i, i from generate_series(1, 1000) i;
create index g_v on g (v);
create index g_w_desc on g (w desc);
analyze g;
explain select id from g where v > 995;
update g set v = v + 1000, w = w + 1000 where id > 990;
explain select id from g where v > 995;
explain select id from g where v > 1500;
explain select id from g where v >= 1995;
explain select id from g where w > 1500;
explain select id from g where v < 0;
explain select id from g where id > 995;
update g set v = v - 1000 where id < 5;
explain select id from g where v < -500;
explain select id from g where v < 3;
explain select id from g where v > -1000 and v < 5;
-- no usable index: the histogram alone (a partial index does not count)
create index g_w_part on g (id) where w > 0;
drop index g_w_desc;
explain select id from g where w > 1500;
-- BUFFERS: without ANALYZE only the plan; a node that touched no storage
-- prints no Buffers line (the figures themselves: explain_buffers_test.py)
select count(*) from b where id = 5;
explain (buffers, costs off) select * from b where id = 5;
explain (analyze, buffers, costs off, timing off, summary off) select * from b where false;
explain (analyze, buffers false, costs off, timing off, summary off) select * from b where id = 5;
