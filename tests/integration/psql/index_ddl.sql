-- Secondary indexes: CREATE/DROP/ALTER INDEX, REINDEX, generated names, and
-- what the catalogs and psql's \d / \di show of them.
create table t (a int, b text, c int, d int primary key);
create index on t (a);
create index on t (a);
create unique index on t (b desc, c nulls first) include (a);
create index on t (c desc nulls last, a asc nulls first);
create unique index t_nnd on t (c) nulls not distinct;
create index if not exists t_nnd on t (a);
create index t_nnd on t (a);
create index t on t (a);
create index t_pkey on t (a);
create index on t (nope);
create index on t (a) include (nope);
create index on nope (a);
create index bad on t using foo (a);
create index on t using btree (b);
select indexrelid::regclass, indrelid::regclass, indkey, indoption, indnatts, indnkeyatts,
       indisunique, indnullsnotdistinct, indisprimary
  from pg_index where indrelid = 't'::regclass order by 1::text;
select indexrelid::regclass, pg_get_indexdef(indexrelid), pg_get_indexdef(indexrelid, 0, true),
       pg_get_indexdef(indexrelid, 1, true), pg_get_indexdef(indexrelid, 3, true)
  from pg_index where indrelid = 't'::regclass order by 1::text;
select * from pg_indexes where schemaname = 'public' order by indexname;
select relname, relkind, relam, relnatts, relhasindex from pg_class
  where relnamespace = 'public'::regnamespace order by relname;
select attrelid::regclass, attname, attnum from pg_attribute
  where attrelid = 't_b_c_a_idx'::regclass order by attnum;
select hasindexes from pg_tables where tablename = 't';
\d t
\di
-- DROP INDEX
drop index t_pkey;
drop index t;
drop index nope;
drop index if exists nope;
drop index t_a_idx1, t_b_idx;
\d t
-- ALTER INDEX ... RENAME
alter index nope rename to x;
alter index if exists nope rename to x;
alter index t_a_idx rename to t_nnd;
alter index t_a_idx rename to t_a_first;
alter index t_pkey rename to t_primary;
\d t
-- REINDEX
insert into t values (1, 'x', 1, 1), (2, 'y', 2, 2), (null, null, null, 3);
reindex index t_a_first;
reindex table t;
create table e (a int);
reindex table e;
select a, b from t where a = 1;
-- Transactional: a rolled-back CREATE INDEX leaves nothing
begin;
create index t_tx on t (b);
select count(*) from pg_indexes where indexname = 't_tx';
rollback;
select count(*) from pg_indexes where indexname = 't_tx';
begin;
create index t_tx on t (b);
commit;
select count(*) from pg_indexes where indexname = 't_tx';
-- names are shared with tables
create table t_tx (x int);
-- long names are truncated as PostgreSQL does
create table a_table_with_a_rather_long_name_that_goes_on_and_on_and_on (some_long_column_name int, another_long_column_name int);
create index on a_table_with_a_rather_long_name_that_goes_on_and_on_and_on (some_long_column_name, another_long_column_name);
create index on a_table_with_a_rather_long_name_that_goes_on_and_on_and_on (some_long_column_name, another_long_column_name);
select indexname from pg_indexes where tablename like 'a_table%' order by 1;
-- DROP COLUMN drops the indexes that use it; DROP TABLE drops them all
alter table t drop column c;
\d t
drop table t;
select count(*) from pg_indexes where tablename = 't';
select count(*) from pg_class where relkind = 'i' and relname like 't\_%';
-- an index built inside a REPEATABLE READ block is read by the block itself
create table rr (a int, b int);
insert into rr select g, g % 3 from generate_series(1, 30) g;
begin isolation level repeatable read;
select count(*) from rr where b = 1;
create index rr_b on rr (b);
select count(*) from rr where b = 1;
insert into rr values (100, 1);
select count(*) from rr where b = 1;
commit;
select count(*) from rr where b = 1;
