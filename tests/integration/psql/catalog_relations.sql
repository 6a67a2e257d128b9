-- pg_catalog relations generated from the catalog: names, kinds, column
-- lists, constraints and defaults of user objects (never their OIDs, which
-- differ from PostgreSQL's), joins on OIDs, and the built-in rows tools read.
create table t (a int primary key, b text default 'x', c numeric(5,2) check (c > 0), d varchar(10) not null default 'it''s',
  e int default -1, f numeric default 1.5, g bigint default 7, h date default '2020-1-2', i bool default true, j char(2) default 'a');
create table u (id bigserial primary key, t timestamptz, flags bool[]);
create sequence s;
create view v as select a, b from t;
create schema other;
create table other.w (x int);

select nspname from pg_namespace order by 1;
select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname in ('public', 'pg_catalog', 'information_schema') order by 1;
select oid, nspname from pg_namespace where nspname in ('pg_catalog', 'public', 'information_schema', 'pg_toast') order by oid;

select c.relname, c.relkind, c.relnatts, c.relhasindex, c.relpersistence, c.relchecks, c.relhasrules, c.relreplident
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where n.nspname in ('public', 'other') order by 1;
select count(*) from pg_catalog.pg_class where relname = 'pg_class' and relkind = 'r';
select relname, relnamespace from pg_class where oid = 'pg_class'::regclass;
select c.relname, am.amname from pg_class c left join pg_am am on am.oid = c.relam
 where c.relnamespace = 'public'::regnamespace order by 1;

SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, format_type(atttypid, atttypmod), attnotnull, atthasdef, attisdropped, attlen, attalign, attstorage, attndims
  FROM pg_attribute WHERE attrelid = 'u'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'v'::regclass AND attnum > 0 ORDER BY attnum;
SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 's'::regclass AND attnum > 0 ORDER BY attnum;
alter table t drop column c;
SELECT attnum, attname, attisdropped, atttypid FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 ORDER BY attnum;

select conname, contype, pg_get_constraintdef(oid), conkey, convalidated
  from pg_constraint where conrelid = 'u'::regclass or conrelid = 't'::regclass order by 1;
create table k (p int, q int, check (p < q), primary key (q, p));
select 'k_pkey'::regclass, conindid = 'k_pkey'::regclass from pg_constraint where contype = 'p' and conrelid = 'k'::regclass;
select conname, contype, pg_get_constraintdef(oid), conkey from pg_constraint where conrelid = 'k'::regclass order by 1;

select a.attname, pg_get_expr(d.adbin, d.adrelid)
  from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
 where d.adrelid in ('t'::regclass, 'u'::regclass) order by 1;

select typname, typlen, typbyval, typtype, typcategory, typalign, typstorage, typelem, typarray
  from pg_type where oid in (16, 18, 19, 20, 23, 25, 26, 1043, 1700, 1007, 2205, 3802) order by oid;
select t.typname, e.typname from pg_type t join pg_type e on e.oid = t.typelem where t.typname = '_int4';

select schemaname, tablename, tableowner, tablespace, hasindexes, hasrules, hastriggers, rowsecurity
  from pg_tables where schemaname in ('public', 'other') order by 2;
select schemaname, viewname, viewowner from pg_views where schemaname = 'public';
select schemaname, sequencename, sequenceowner, data_type, start_value, min_value, max_value, increment_by, cycle, cache_size, last_value
  from pg_sequences order by 2;
select nextval('s');
select sequencename, last_value from pg_sequences where sequencename = 's';
select seqtypid::regtype, seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle
  from pg_sequence where seqrelid = 's'::regclass;

select amname, amtype from pg_am where amname in ('heap', 'btree') order by 1;
select collname, collprovider, collcollate from pg_collation where oid in (100, 950, 951) order by oid;
select oid, spcname, pg_get_userbyid(spcowner) from pg_tablespace order by 1;
select extname, extversion, extrelocatable from pg_extension;
select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit, rolpassword, rolbypassrls
  from pg_roles where rolname = 'postgres';
select usename, usesysid, usecreatedb, usesuper, passwd from pg_user where usename = 'postgres';
select rolname, rolsuper from pg_authid where oid = 10;
select datname, encoding, pg_encoding_to_char(encoding), datallowconn, datistemplate from pg_database where datname = 'template0';
select name, setting, unit, vartype from pg_settings where name in ('work_mem', 'DateStyle', 'statement_timeout', 'search_path', 'TimeZone', 'lock_timeout') order by 1;
set work_mem = '8MB';
select name, setting, unit, source from pg_settings where name = 'work_mem';

select c.relname, i.indisunique, i.indisprimary, t.relname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid where t.relnamespace = 'public'::regnamespace order by 1;
select count(*) from pg_inherits where inhrelid = 't'::regclass;
select count(*) from pg_trigger where tgrelid = 't'::regclass;
select count(*) from pg_description where objoid = 't'::regclass;
select count(*) from pg_policy where polrelid = 't'::regclass;
select count(*) from pg_rewrite where ev_class = 't'::regclass;
select count(*) from pg_partitioned_table;

-- A user table named like a catalog does not shadow it unqualified.
create table pg_class (x int);
select count(*) from pg_class where relname = 'pg_class';
select * from public.pg_class;
drop table public.pg_class;

-- Writes.
insert into pg_tables (schemaname) values ('x');
update pg_views set viewname = 'x';
delete from pg_views;
truncate pg_class;
drop table pg_namespace;

-- reltuples: -1 until ANALYZE, then its estimate.
create table stats_t (a int);
insert into stats_t select g from generate_series(1, 100) g;
select reltuples from pg_class where relname = 'stats_t';
analyze stats_t;
select reltuples from pg_class where relname = 'stats_t';
