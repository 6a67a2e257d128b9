-- SELECT DISTINCT sorts (Unique over Sort) or hashes by cost, as
-- PostgreSQL's create_final_distinct_paths weighs them: a volatile output
-- is taken to form as many groups as there are rows, and a HashAggregate
-- evaluates its outputs again per group. A query that reads no column of
-- a vacuumed table (count(*)) may read its smallest index whole instead of
-- the table (an index-only scan).
create table dst (id int primary key, grp int, val int, pad text);
insert into dst select g, g % 10, g % 1000, repeat('x', 50) from generate_series(1, 5000) g;
create index dst_grp on dst (grp);
create index dst_val on dst (val);
vacuum analyze dst;
create function dst_vol(a int) returns int as $$ begin return a; end; $$ language plpgsql;
create function dst_stable(a int) returns int as $$ begin return a; end; $$ language plpgsql stable;
explain (costs off) select distinct grp from dst;
select distinct grp from dst order by 1;
explain (costs off) select distinct dst_vol(1) from dst;
select distinct dst_vol(1) from dst;
explain (costs off) select distinct dst_vol(grp) from dst order by 1;
select distinct dst_vol(grp) from dst order by 1;
explain (costs off) select distinct dst_stable(grp) from dst;
explain (costs off) select distinct grp, val from dst;
explain (costs off) select distinct val from dst;
explain (costs off) select distinct random() > 2 from dst;
select distinct random() > 2 from dst;
explain (costs off) select count(*) from dst;
select count(*) from dst;
explain (costs off) select count(*) from dst where pad = 'x';
set enable_indexonlyscan = off;
explain (costs off) select count(*) from dst;
reset enable_indexonlyscan;
-- Parallel query: a parallel-safe output is evaluated below the Gather,
-- where its cost is shared among the processes.
set parallel_tuple_cost = 0;
set parallel_setup_cost = 0;
set min_parallel_table_scan_size = 0;
set max_parallel_workers_per_gather = 2;
explain (costs off) select distinct dst_vol(1) from dst;
create function dst_safe(a int) returns int as $$ begin return a; end; $$ language plpgsql parallel safe;
explain (costs off) select distinct dst_safe(1) from dst;
select distinct dst_safe(1) from dst;
explain (costs off) select distinct grp from dst;
explain (costs off) select count(*) from dst;
select count(*) from dst;
reset max_parallel_workers_per_gather;
reset min_parallel_table_scan_size;
reset parallel_setup_cost;
reset parallel_tuple_cost;
-- Not vacuumed: the heap would be visited for every entry.
create table dst2 (a int, b int);
insert into dst2 select g, g from generate_series(1, 3000) g;
create index dst2_a on dst2 (a);
analyze dst2;
explain (costs off) select count(*) from dst2;
drop table dst, dst2;
drop function dst_vol(int);
drop function dst_stable(int);
drop function dst_safe(int);
