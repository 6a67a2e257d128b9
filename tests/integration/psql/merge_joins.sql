-- Merge joins: chosen by PostgreSQL's costs (cost_mergejoin), over sorted
-- inputs or scans already in key order; rows must match whatever the plan.
create table mj_a (id int primary key, k int, v text);
create table mj_b (id int primary key, k int, w text);
insert into mj_a select g, g % 100, 'a' || g from generate_series(1, 2000) g;
insert into mj_b select g, g % 50, 'b' || g from generate_series(1, 3000) g;
insert into mj_a values (5001, null, 'null-a');
insert into mj_b values (5001, null, 'null-b');
analyze mj_a;
analyze mj_b;

-- Primary key to primary key: both sides read in key order.
explain (costs off) select * from mj_a a join mj_b b on a.id = b.id;
select count(*), min(a.id), max(b.id) from mj_a a join mj_b b on a.id = b.id;
select a.id, a.v, b.w from mj_a a join mj_b b on a.id = b.id order by a.id limit 5;

-- Without hash joins and nested loops: duplicates on both sides, NULL keys.
set enable_hashjoin = off;
set enable_nestloop = off;
explain (costs off) select count(*) from mj_a a join mj_b b on a.k = b.k;
select count(*), sum(a.id), sum(b.id) from mj_a a join mj_b b on a.k = b.k;
select a.k, count(*) from mj_a a join mj_b b on a.k = b.k group by a.k order by a.k limit 5;
-- A condition besides the merge clause is the join filter.
explain (costs off)
select count(*) from mj_a a join mj_b b on a.k = b.k and a.id < b.id;
select count(*) from mj_a a join mj_b b on a.k = b.k and a.id < b.id;
-- Comma join, the condition in WHERE, with restrictions on each side.
explain (costs off)
select count(*) from mj_a a, mj_b b where a.k = b.k and a.id > 1500 and b.id < 100;
select count(*) from mj_a a, mj_b b where a.k = b.k and a.id > 1500 and b.id < 100;
-- Two keys.
explain (costs off)
select count(*) from mj_a a join mj_b b on a.k = b.k and a.id = b.id;
select count(*) from mj_a a join mj_b b on a.k = b.k and a.id = b.id;
-- An index gives the inner side's order.
create index mj_b_k on mj_b (k);
explain (costs off) select count(*) from mj_a a join mj_b b on a.k = b.k;
select count(*) from mj_a a join mj_b b on a.k = b.k;
-- Text keys.
select count(*) from mj_a a join mj_b b on substr(a.v, 2) = substr(b.w, 2);
select count(*) from mj_a a join mj_b b on a.v = b.w;
-- Inside a transaction: its own uncommitted rows take part.
begin;
insert into mj_a values (9001, 7, 'new');
delete from mj_b where id = 7;
select count(*) from mj_a a join mj_b b on a.k = b.k;
select count(*) from mj_a a join mj_b b on a.id = b.id;
rollback;
-- Three tables.
create table mj_c (k int, z int);
insert into mj_c select g % 10, g from generate_series(1, 500) g;
analyze mj_c;
select count(*) from mj_a a join mj_b b on a.k = b.k join mj_c c on c.k = a.k;
reset enable_hashjoin;
reset enable_nestloop;
-- enable_mergejoin off.
set enable_mergejoin = off;
explain (costs off) select * from mj_a a join mj_b b on a.id = b.id;
reset enable_mergejoin;
drop table mj_a, mj_b, mj_c;
