-- Parallel query: Gather over Parallel Seq Scans run by worker threads,
-- partial DISTINCT and partial aggregation, parallel safety of functions,
-- the parallel settings, and an error raised inside a worker.
create table pq (unique1 int4, two int4, four int4, ten int4, hundred int4,
  stringu1 text, f float8, n numeric);
insert into pq select i, i % 2, i % 4, i % 10, i % 100, 'AAAA' || i, i / 4.0, i * 1.5
  from generate_series(0, 9999) i;
analyze pq;

-- the settings
show max_parallel_workers_per_gather;
show max_parallel_workers;
show parallel_setup_cost;
show parallel_tuple_cost;
show min_parallel_table_scan_size;
show min_parallel_index_scan_size;
show parallel_leader_participation;
show force_parallel_mode;

-- by default a table this small gets no parallel plan
explain (costs off) select count(*) from pq;
explain (costs off) select distinct four from pq;

set parallel_setup_cost = 0;
set parallel_tuple_cost = 0;
set min_parallel_table_scan_size = 0;
set max_parallel_workers_per_gather = 2;
show min_parallel_table_scan_size;

-- DISTINCT: the first pass in the workers, Sort + Unique above the Gather
explain (costs off) select distinct four from pq;
select distinct four from pq;
explain (costs off) select distinct ten, two from pq;
select distinct ten, two from pq;
select count(*) from (select distinct hundred from pq) s;

-- plain scans with a filter
explain (costs off) select unique1 from pq where stringu1 like 'AAAA99%';
select unique1 from pq where stringu1 like 'AAAA99%' order by 1;
select count(*) from pq where hundred > 3;
explain (costs off) select unique1 from pq where hundred = 3 limit 2;
select count(*) from (select unique1 from pq where hundred = 3 limit 2) s;

-- aggregates: Finalize over Gather over Partial
explain (costs off) select count(*) from pq;
select count(*) from pq;
select count(*), sum(unique1), avg(unique1), min(stringu1), max(ten),
  sum(f), avg(n), bool_and(unique1 >= 0), bool_or(ten = 3), bit_or(ten) from pq;
explain (costs off) select ten, count(*), sum(unique1) from pq where hundred > 10
  group by ten having count(*) > 1 order by ten;
select ten, count(*), sum(unique1) from pq where hundred > 10
  group by ten having count(*) > 1 order by ten;
select two, avg(f), min(n), max(stringu1) from pq group by two order by two;
explain (costs off) select four, ten, count(*) from pq group by four, ten order by four, ten;
select four, ten, count(*) from pq group by four, ten order by four, ten;
explain (costs off) select four, count(*) from pq group by four order by four desc;
select four, count(*) from pq group by four order by four desc;
-- aggregates that cannot be combined keep the serial plan
explain (costs off) select count(distinct four) from pq;
select count(distinct four) from pq;
explain (costs off) select string_agg(stringu1, ',') from pq where unique1 < 3;

-- functions: PARALLEL UNSAFE prevents a parallel plan, SAFE allows it
create function pq_func(a int) returns int as $$ begin return a; end; $$
  language plpgsql parallel unsafe;
explain (costs off) select pq_func(unique1) from pq;
explain (costs off) select count(pq_func(unique1)) from pq;
create or replace function pq_func(a int) returns int as $$ begin return a; end; $$
  language plpgsql parallel safe;
-- (the function runs above the Gather, in the leader)
explain (costs off) select pq_func(unique1) from pq;
select sum(x) from (select pq_func(unique1) as x from pq) s;
select distinct pq_func(1) from pq;
select proparallel from pg_proc where proname = 'pq_func';
alter function pq_func(int) parallel restricted;
select proparallel from pg_proc where proname = 'pq_func';
explain (costs off) select pq_func(unique1) from pq;
-- built-ins as pg_proc marks them: nextval is unsafe, random() restricted
create sequence pq_seq;
explain (costs off) select count(*) from pq where unique1 > nextval('pq_seq');
explain (costs off) select unique1 from pq where unique1 < 0 and random() > 2;

-- the parallel_workers reloption: the table's own worker count
alter table pq set (parallel_workers = 1);
select reloptions from pg_class where relname = 'pq';
explain (costs off) select count(*) from pq;
select count(*) from pq;
alter table pq set (parallel_workers = 0, fillfactor = 90);
select reloptions from pg_class where relname = 'pq';
explain (costs off) select count(*) from pq;
alter table pq set (parallel_workers = 3);
select reloptions from pg_class where relname = 'pq';
explain (costs off) select distinct four from pq;
alter table pq reset (parallel_workers, fillfactor);
select reloptions from pg_class where relname = 'pq';
alter table pq set (parallel_workers = -1);
alter table pq set (parallel_workers = 1025);
alter table pq set (parallel_workers = 'x');
alter table pq set (no_such_option = 1);
alter table pq set (autovacuum_enabled = maybe);
alter table pq set (autovacuum_enabled = off, toast_tuple_target = 200);
select reloptions from pg_class where relname = 'pq';
alter table pq reset (autovacuum_enabled, toast_tuple_target);
create table pq_with (a int) with (parallel_workers = 2, fillfactor = 70);
select reloptions from pg_class where relname = 'pq_with';
create table pq_bad (a int) with (fillfactor = 5);
drop table pq_with;

-- no parallel plan under FOR UPDATE
explain (costs off) select unique1 from pq where unique1 = 7 for update;

-- an error inside a worker (the leader takes no share, so a worker hits it)
set parallel_leader_participation = off;
select count(*) from pq where unique1 / (hundred - 50) > 0;
select unique1 from pq where unique1 / (hundred - 50) > 0;
reset parallel_leader_participation;

-- no workers available: the leader runs the whole plan
set max_parallel_workers = 0;
select count(*), sum(hundred) from pq;
select distinct four from pq;
reset max_parallel_workers;

-- the transaction's own uncommitted rows are seen by the workers
begin;
insert into pq (unique1, hundred, four) select i, 5, 4 from generate_series(10000, 10099) i;
select count(*), max(unique1) from pq;
select distinct four from pq;
rollback;
select count(*) from pq;

reset max_parallel_workers_per_gather;
reset min_parallel_table_scan_size;
reset parallel_setup_cost;
reset parallel_tuple_cost;
show parallel_setup_cost;
explain (costs off) select count(*) from pq;
drop function pq_func(int);
drop sequence pq_seq;
drop table pq;
