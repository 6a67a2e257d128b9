-- Expression indexes (CREATE INDEX ... ((expr))): PostgreSQL's checks and
-- messages, default names, \d and pg_get_indexdef, unique violations with
-- the expression in DETAIL, ON CONFLICT naming an expression arbiter,
-- entries that move when UPDATE changes what the expression reads, plans
-- that use the index for WHERE and ORDER BY; REINDEX options and kinds;
-- ALTER TABLE ... ADD PRIMARY KEY / UNIQUE USING INDEX.
create table ei (id int primary key, name text, a int, b int);
insert into ei select g, 'Name' || g, g % 10, g % 7 from generate_series(1, 300) g;
create unique index on ei ((lower(name)));
create index on ei ((a + b));
create index on ei ((a::text), b);
create index on ei ((name || 'x') desc);
create index on ei (((a)));
create index on ei (coalesce(a, 0));
\d ei
\d ei_lower_idx
\d ei_a_b_idx
select c.relname, i.indkey, i.indexprs is not null as has_exprs
  from pg_index i join pg_class c on c.oid = i.indexrelid
  where i.indrelid = 'ei'::regclass order by c.relname;
select c.relname, pg_get_indexdef(c.oid), pg_get_indexdef(c.oid, 1, false), pg_get_indexdef(c.oid, 0, true)
  from pg_index i join pg_class c on c.oid = i.indexrelid
  where i.indrelid = 'ei'::regclass order by c.relname;
-- the checks PostgreSQL makes
create index on ei ((random() > 0.5));
create index on ei ((now()));
create index on ei ((sum(a)));
create index on ei ((generate_series(1, a)));
create index on ei ((row_number() over ()));
create index on ei ((1 + (select 1)));
create index on ei ((nosuch + 1));
create index on ei (('abc'));
create index on ei ((lower(a)));
-- uniqueness over the expression
insert into ei values (1000, 'NAME1', 1, 1);
insert into ei values (1000, 'fresh', 1, 1);
update ei set name = 'NAME2' where id = 1000;
create unique index ei_ab_u on ei ((id % 300));
create unique index ei_ab_u on ei ((a * 1000 + id));
insert into ei values (1001, 'other', 1, 0);
-- ON CONFLICT naming the expression
insert into ei values (1002, 'FRESH', 5, 5) on conflict ((lower(name))) do update set b = excluded.b + 100
  returning id, name, b;
insert into ei values (1003, 'Fresh', 5, 5) on conflict ((lower(name))) do nothing;
insert into ei values (1004, 'fresh', 5, 5) on conflict ((upper(name))) do nothing;
select id, name, b from ei where lower(name) = 'fresh';
-- updates move entries
update ei set name = 'Renamed' where id = 1000;
select id from ei where lower(name) = 'fresh';
select id from ei where lower(name) = 'renamed';
update ei set a = 9, b = 9 where id between 1 and 5;
select id from ei where a + b = 18 order by id;
delete from ei where id = 3;
select id from ei where a + b = 18 order by id;
-- plans (sequential and bitmap scans off: the tiny table would otherwise
-- be read whole, and PostgreSQL's ANALYZE keeps statistics on index
-- expressions that we do not)
set enable_seqscan = off;
set enable_bitmapscan = off;
explain (costs off) select id from ei where lower(name) = 'name42';
select id from ei where lower(name) = 'name42';
explain (costs off) select id from ei where lower(ei.name) = 'name42' and id > 0;
explain (costs off) select id from ei where a + b = 15;
explain (costs off) select id from ei where a + b > 14 and a + b < 16;
select count(*) from ei where a + b > 14 and a + b < 16;
explain (costs off) select id from ei where b + a = 15;
explain (costs off) select lower(name) from ei order by lower(name) limit 3;
select lower(name) from ei order by lower(name) limit 3;
explain (costs off) select id from ei where lower(name) in ('name1', 'name2');
update ei set b = b + 1 where lower(name) = 'name7';
select id, b from ei where lower(name) = 'name7';
reset enable_seqscan;
reset enable_bitmapscan;
-- RENAME COLUMN follows into the expression; DROP COLUMN drops the index
alter table ei rename column name to label;
\d ei
select id from ei where lower(label) = 'name42';
alter table ei alter column b type bigint;
select id from ei where a + b = 18 order by id;
alter table ei drop column a;
\d ei
drop table ei;
-- REINDEX
create table ri (id int primary key, v text);
insert into ri select g, 'v' || g from generate_series(1, 50) g;
create index ri_lower on ri ((lower(v)));
create table ri_none (x int);
reindex index ri_lower;
reindex table ri;
reindex table concurrently ri;
reindex index concurrently ri_lower;
reindex (concurrently) index ri_lower;
reindex (verbose false) table ri;
reindex (verbose) table ri_none;
reindex table concurrently ri_none;
reindex schema public;
reindex schema nosuch;
reindex system postgres;
reindex system concurrently postgres;
reindex system nosuch;
reindex database nosuch;
reindex (tablespace pg_default) table ri;
reindex (nosuch) table ri;
begin;
reindex schema public;
rollback;
begin;
reindex table concurrently ri;
rollback;
begin;
create index concurrently on ri (v);
rollback;
reindex index ri;
reindex table ri_lower;
reindex table pg_class;
reindex table concurrently pg_class;
drop index concurrently ri_lower, ri_pkey;
select id from ri where lower(v) = 'v7';
drop table ri, ri_none;
-- a partial unique index as ON CONFLICT's arbiter: WHERE must imply its predicate
create table pc (k int, fruit text, n int default 0);
create unique index pc_berry on pc (k) where fruit like '%berry';
insert into pc values (1, 'Blackberry'), (1, 'Apple');
insert into pc values (1, 'Blueberry') on conflict (k) where fruit like '%berry' do update set n = pc.n + 1;
insert into pc values (1, 'Cranberry') on conflict (k) where fruit like '%berry' and k > 0 do nothing;
insert into pc values (1, 'Pear') on conflict (k) where fruit like '%berry' do update set n = pc.n + 10;
insert into pc values (1, 'Raspberry') on conflict (k) do nothing;
insert into pc values (1, 'Gooseberry') on conflict do nothing;
insert into pc values (1, 'Elderberry') on conflict (k) where fruit like '%berry' or fruit = 'x' do nothing;
insert into pc values (1, 'Elderberry') on conflict (fruit) where fruit like '%berry' do nothing;
select * from pc order by fruit;
drop table pc;
create table pc2 (a bigint, b bigint);
create unique index pc2_a on pc2 (coalesce(a, 0));
create unique index pc2_b on pc2 (b) where coalesce(a, 1) > 0;
insert into pc2 values (1, 2) on conflict (coalesce(a, 0)) do nothing;
insert into pc2 values (1, 2) on conflict (b) where coalesce(a, 1) > 0 do nothing;
insert into pc2 values (1, 2) on conflict (b) where coalesce(a, 1) > 1 do nothing;
insert into pc2 values (1, 2) on conflict (b) where coalesce(a, 1) >= 0 do nothing;
insert into pc2 values (1, 2) on conflict (b) where coalesce(a, 1) = 7 do nothing;
insert into pc2 values (1, 2) on conflict (b) where coalesce(a, 1) < 7 do nothing;
select * from pc2;
drop table pc2;
-- ADD PRIMARY KEY / UNIQUE USING INDEX
create table ui (a int, b int, c text);
create table ui2 (a int);
create index ui2_a on ui2 (a);
create unique index ui_a on ui (a);
create index ui_b on ui (b);
create unique index ui_lc on ui (lower(c));
create unique index ui_p on ui (b) where b > 0;
create unique index ui_d on ui (a desc);
create unique index ui_nf on ui (a nulls first);
create unique index ui_ab on ui (a, b);
alter table ui add primary key using index nosuch;
alter table ui add primary key using index ui2_a;
alter table ui add primary key using index ui_b;
alter table ui add primary key using index ui_lc;
alter table ui add primary key using index ui_p;
alter table ui add primary key using index ui_d;
alter table ui add constraint uq unique using index ui_nf;
insert into ui values (1, 1, 'x'), (2, 2, 'y');
alter table ui add constraint ui_pk primary key using index ui_a;
\d ui
insert into ui values (1, 5, 'z');
alter table ui add primary key using index ui_ab;
alter table ui add constraint ui_uq unique using index ui_ab;
alter table ui add constraint ui_uq2 unique using index ui_ab;
\d ui
select conname, contype, pg_get_constraintdef(oid) from pg_constraint
  where conrelid = 'ui'::regclass order by conname;
create table ui3 (a int, b int);
insert into ui3 values (null, 1);
create unique index ui3_a on ui3 (a);
alter table ui3 add primary key using index ui3_a;
drop table ui, ui2, ui3;
