-- CREATE TEMP VIEW, and views that become temporary because they read a
-- temporary relation: in the session's temporary schema, found before
-- public, gone at the end of the session.
create table tv_base (a int, b text);
insert into tv_base values (1, 'one'), (2, 'two');
create temp view tv_v1 as select a from tv_base where a > 1;
select * from tv_v1;
select n.nspname like 'pg_temp%' as in_temp_schema from pg_class c
  join pg_namespace n on n.oid = c.relnamespace where c.relname = 'tv_v1';
create temporary view tv_v2 (x, y) as select b, a * 10 from tv_base order by a;
select * from tv_v2;
create temp table tv_t (c int);
insert into tv_t values (7);
create view tv_v3 as select c + 1 as d from tv_t;
select * from tv_v3;
select n.nspname like 'pg_temp%' as in_temp_schema from pg_class c
  join pg_namespace n on n.oid = c.relnamespace where c.relname = 'tv_v3';
create view public.tv_v4 as select * from tv_t;
create temp view public.tv_v5 as select 1;
create or replace temp view tv_v1 as select a, b from tv_base;
select * from tv_v1 order by a;
-- a temporary view shadows a permanent one of the same name
create view tv_shadow as select 'permanent' as which;
create temp view tv_shadow as select 'temporary' as which;
select * from tv_shadow;
select * from public.tv_shadow;
drop view tv_shadow;
select * from tv_shadow;
\set QUIET on
\c
\set QUIET off
select * from tv_v1;
select * from tv_v3;
select * from tv_shadow;
drop view tv_shadow;
-- The old session's temporary views go when it ends, which is not at once:
-- give both servers the time to drop them before the table they read.
select pg_sleep(1) \gset
drop table tv_base;
