-- Per-table and per-index statistics views: PostgreSQL 15's columns, and the
-- row counts it reports deterministically once a session's pending
-- statistics are flushed (pg_stat_force_next_flush; on stratad a no-op,
-- its counters are published at statement and transaction end). Scan
-- counts depend on each planner's choices and are not compared here.
select * from pg_stat_user_tables limit 0;
select * from pg_stat_all_tables limit 0;
select * from pg_stat_sys_tables limit 0;
select * from pg_stat_user_indexes limit 0;
select * from pg_stat_all_indexes limit 0;
select * from pg_statio_user_tables limit 0;
select * from pg_statio_all_tables limit 0;
select * from pg_statio_user_indexes limit 0;
select * from pg_statio_all_indexes limit 0;
select 'pg_stat_user_tables'::regclass::oid, 'pg_statio_user_indexes'::regclass::oid;
create table st (a int primary key, b text);
create index st_b on st (b);
create table st_nopk (x int);
insert into st select g, 'x' || g from generate_series(1, 10) g;
update st set b = 'y' where a <= 3;
delete from st where a = 10;
begin;
insert into st values (100, 'z');
rollback;
insert into st_nopk values (1), (2), (3);
delete from st_nopk where x = 3;
select pg_stat_force_next_flush();
select relname, n_tup_ins, n_tup_upd, n_tup_del, n_live_tup, n_dead_tup,
       n_mod_since_analyze, n_ins_since_vacuum, vacuum_count, analyze_count,
       autovacuum_count, autoanalyze_count, last_vacuum, last_analyze, last_autovacuum
  from pg_stat_user_tables order by relname;
select relname, idx_scan is null as no_index, idx_tup_fetch is null as no_fetch
  from pg_stat_user_tables order by relname;
select relname, indexrelname from pg_stat_user_indexes order by indexrelname;
select relname, indexrelname from pg_statio_user_indexes order by indexrelname;
select relname, idx_blks_read is null, idx_blks_hit is null
  from pg_statio_user_tables order by relname;
select count(*) from pg_stat_user_tables where schemaname = 'pg_catalog';
select count(*) > 0 from pg_stat_sys_tables where relname = 'pg_class';
vacuum st;
analyze st;
truncate st_nopk;
-- (PostgreSQL loses a TRUNCATE's reset when the next transaction's counts
-- join it before a flush.)
select pg_stat_force_next_flush();
insert into st_nopk values (7);
select pg_stat_force_next_flush();
select relname, n_tup_ins, n_tup_del, n_live_tup, n_dead_tup, n_mod_since_analyze,
       n_ins_since_vacuum, vacuum_count, analyze_count,
       last_vacuum is not null as vacuumed, last_analyze is not null as analyzed
  from pg_stat_user_tables order by relname;
select pg_stat_reset_single_table_counters('st'::regclass);
select pg_stat_force_next_flush();
select relname, n_tup_ins, n_live_tup from pg_stat_user_tables order by relname;
select pg_stat_reset();
select pg_stat_force_next_flush();
select relname, n_tup_ins, n_live_tup from pg_stat_user_tables order by relname;
