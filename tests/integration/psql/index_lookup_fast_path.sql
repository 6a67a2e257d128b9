-- Secondary-index lookups and ranges, the shapes the index-lookup fast path
-- takes (sql/commands/point_select.h: `k = $1`, `k >= $1 and k < $1 + n`),
-- and their near misses, which the general path runs: results, errors,
-- EXPLAIN and the statistics views' scan counts must match PostgreSQL's,
-- and the plan each execution uses must follow DDL, ANALYZE and settings.
-- (EXPLAIN EXECUTE is not supported yet: the EXPLAINs show the statement
-- with the values the executions pass.)
create table il (id bigint primary key, k int not null, t text, n int, v text);
insert into il select g, g * 3, 't' || (g % 50), case when g % 10 = 0 then null else g end,
                      'v' || g
  from generate_series(1, 3000) g;
create index il_k on il (k);
create index il_t on il (t);
create index il_n on il (n);
analyze il;

prepare by_k(int) as select id, v from il where k = $1;
explain (costs off) select id, v from il where k = 30;
execute by_k(30);
execute by_k(30);
execute by_k(31);
execute by_k(null);
execute by_k(-3);

-- a 100-key range, as the benchmark runs it, and its edges
prepare range_k(int) as select id, v from il where k >= $1 and k < $1 + 30;
explain (costs off) select id, v from il where k >= 300 and k < 330;
execute range_k(300);
execute range_k(8990);
execute range_k(9001);
execute range_k(null);
prepare range_rev(int, int) as select v from il where $1 < k and $2 >= k;
execute range_rev(30, 45);
execute range_rev(45, 30);
prepare range_one_side(int) as select id from il where k > $1;
execute range_one_side(8985);
prepare range_lower(int) as select id from il where k <= $1;
execute range_lower(10);

-- parameters of other types: bigint, numeric (not an exact key)
prepare by_k8(bigint) as select id from il where k = $1;
execute by_k8(33);
execute by_k8(9999999999);
prepare by_knum(numeric) as select id from il where k = $1;
execute by_knum(33);
execute by_knum(33.5);
select id from il where k = 33.0;
select id from il where k < 10.5;

-- star, aliases, qualified names, repeated columns, constants
prepare star(int) as select * from il where k = $1;
execute star(60);
prepare aliased(int) as select x.v as label, x.id, x.id as again from il x where x.k = $1;
execute aliased(63);
select v from il where k = 66;
select v from il where 69 = k;
select v from il where k = '72';
select il.v from il where il.k = 75 and k = 75;
select v from il where k = 75 and k = 78;
select v from il where k >= 90 and k < 100 and k <= 93;

-- text equality, with duplicates (rows in primary-key order)
prepare by_t(text) as select id from il where t = $1 and id < 400;
execute by_t('t7');
select count(*) from il where t = 't7';
prepare by_t_only(text) as select count(*) from il where t = $1;
execute by_t_only('t8');

-- a nullable column: equality, and ranges whose open side holds NULLs
prepare by_n(int) as select id from il where n = $1;
execute by_n(11);
execute by_n(10);
prepare n_above(int) as select id from il where n > $1;
execute n_above(2995);

-- the transaction's own writes, and a rollback
begin;
insert into il values (5000, 15000, 'mine', 1, 'new');
execute by_k(15000);
update il set k = 15003 where id = 4;
execute by_k(12);
execute by_k(15003);
execute range_k(14990);
delete from il where id = 5;
execute by_k(15);
rollback;
execute by_k(15000);
execute by_k(12);
execute by_k(15);

-- the plan follows settings, DDL and ANALYZE between executions
set enable_indexscan = off;
explain (costs off) select id, v from il where k = 30;
execute by_k(30);
set enable_bitmapscan = off;
explain (costs off) select id, v from il where k = 30;
execute by_k(30);
reset enable_indexscan;
reset enable_bitmapscan;
explain (costs off) select id, v from il where k = 30;
drop index il_k;
explain (costs off) select id, v from il where k = 30;
execute by_k(30);
execute range_k(300);
create index il_k2 on il (k, id);
explain (costs off) select id, v from il where k = 30;
execute by_k(30);
execute range_k(300);
drop index il_k2;
create unique index il_k_unique on il (k);
explain (costs off) select id, v from il where k = 30;
execute by_k(30);
alter table il alter column k type bigint;
execute by_k(30);
execute range_k(300);
alter table il drop column v;
execute by_k(30);
execute star(60);
deallocate by_k;
prepare by_k(int) as select id from il where k = $1;
execute by_k(30);

-- a small table, where the planner prefers a sequential scan
create table il_small (id int primary key, k int not null, v text);
create index il_small_k on il_small (k);
insert into il_small values (1, 10, 'a'), (2, 20, 'b'), (3, 20, 'c');
analyze il_small;
prepare small_k(int) as select v from il_small where k = $1;
explain (costs off) select v from il_small where k = 20;
execute small_k(20);

-- privileges: a role without SELECT on the table
create role il_reader;
grant select (id) on il to il_reader;
set role il_reader;
execute by_k(30);
select id from il where k = 30;
reset role;
drop role il_reader;

-- views and inheritance are the general path's
create view il_view as select id, k from il;
select id from il_view where k = 33;
create table il_parent (id int primary key, k int not null);
create index il_parent_k on il_parent (k);
create table il_child () inherits (il_parent);
insert into il_parent values (1, 5);
insert into il_child values (2, 5);
select id from il_parent where k = 5;
select id from only il_parent where k = 5;

-- scan counts in the statistics views
create table il_stats (id int primary key, k int not null);
insert into il_stats select g, g from generate_series(1, 2000) g;
create index il_stats_k on il_stats (k);
analyze il_stats;
prepare stats_k(int) as select id from il_stats where k = $1;
explain (costs off) select id from il_stats where k = 5;
execute stats_k(5);
execute stats_k(6);
execute stats_k(5000);
select pg_stat_force_next_flush();
select relname, idx_scan, idx_tup_fetch from pg_stat_user_tables
  where relname = 'il_stats';
select indexrelname, idx_scan, idx_tup_read, idx_tup_fetch from pg_stat_user_indexes
  where relname = 'il_stats' order by indexrelname;
