-- Queries that read through secondary indexes give PostgreSQL's results:
-- equality, ranges, BETWEEN, IN lists, IS NULL, DESC and multi-column keys,
-- and stay exact through UPDATE, DELETE, TRUNCATE and ROLLBACK TO.
create table s (id int primary key, a int, b text, c int);
insert into s select g, g % 10, 'b' || (g % 7), case when g % 5 = 0 then null else g % 13 end
  from generate_series(1, 200) g;
create index s_a on s (a);
create index s_bc on s (b, c desc);
create index s_c on s (c nulls first) include (b);
select count(*) from s where a = 3;
select id from s where a = 3 and id < 40 order by id;
select id from s where a < 2 and id between 10 and 30 order by id;
select id from s where a > 8 and id > 180 order by id;
select count(*) from s where a between 4 and 6;
select count(*) from s where a in (1, 3, 3, 5);
select count(*) from s where a in (1, null);
select count(*) from s where c is null;
select count(*) from s where c is null and b = 'b3';
select id, c from s where b = 'b2' and c > 10 order by id;
select id, c from s where b = 'b2' and c <= 3 order by id;
select count(*) from s where b = 'b4' and c in (1, 2, 12);
select count(*) from s where c >= 12;
select count(*) from s where 3 = a;
select count(*) from s where a = 3.5;
select count(*) from s where a = '4';
select count(*) from s where b like 'b1%' and a = 1;
-- writes keep every index exact
update s set a = a + 100 where a = 0;
select count(*) from s where a = 0;
select count(*) from s where a >= 100;
update s set b = 'moved' where id % 3 = 0 and a = 5;
select count(*) from s where b = 'moved';
select count(*) from s where b = 'b5' and a = 5;
update s set id = id + 1000 where id = 7;
select id, a, b, c from s where a = 7 order by id;
delete from s where a = 1;
select count(*) from s where a = 1;
delete from s where c is null and a = 5;
select count(*) from s where c is null;
begin;
update s set a = 42 where id < 20;
savepoint x;
delete from s where a = 42;
select count(*) from s where a = 42;
rollback to x;
select count(*) from s where a = 42;
insert into s values (500, 42, 'new', null);
commit;
select count(*) from s where a = 42;
select id from s where a = 42 order by id desc limit 3;
truncate s;
select count(*) from s where a = 2;
insert into s values (1, 2, 'x', 3);
select * from s where a = 2;
-- a table without a primary key
create table np (a int, b int);
create index np_b on np (b);
insert into np values (1, 1), (2, 1), (3, 2), (4, null);
update np set b = 3 where a = 1;
select a from np where b = 1 order by a;
select a from np where b = 3 order by a;
delete from np where b = 3;
select a from np where b >= 1 order by a;
-- text keys and DESC columns
create table tx (k text primary key, v int);
create index tx_v on tx (v desc);
insert into tx select 'k' || g, g from generate_series(1, 50) g;
select k from tx where v > 45 order by v;
select k from tx where v >= 45 and v < 48 order by v;
select k from tx where v <= 3 order by v;
select k from tx where v between 10 and 12 order by k;
-- ALTER TABLE rewrites rebuild the indexes
alter table tx alter column v type bigint;
select k from tx where v = 10;
alter table tx add column w int default 5;
select k, w from tx where v = 11;
-- COPY into a table with indexes goes through them
create table cp (id int primary key, a int, b text unique);
create index cp_a on cp (a);
copy cp from stdin;
1	10	one
2	20	two
3	10	three
\.
copy cp from stdin;
4	30	one
\.
select id from cp where a = 10 order by id;
select id from cp where b = 'two';
