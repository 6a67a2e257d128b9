-- Table inheritance: CREATE TABLE ... INHERITS, queries over hierarchies
-- (ONLY, t*, tableoid), UPDATE/DELETE/TRUNCATE recursion, DROP rules, catalogs.
create table inh_p1 (a int not null default 1, b text check (length(b) > 1), c int);
create table inh_p2 (b text default 'x', d int, a int);
-- merging: multiple parents, declared columns moved into the inherited place
create table inh_c1 (e int, a int default 5) inherits (inh_p1, inh_p2);
create table inh_c2 (c int check (c > 0)) inherits (inh_p1);
create table inh_gc (f text) inherits (inh_c2);
-- errors (type conflicts and conflicting defaults are not here: PostgreSQL
-- sends a merging NOTICE before their error, which stratad does not keep yet)
create table inh_bad2 () inherits (inh_p1, inh_p1);
\errverbose
create table inh_p3 (a bigint);
create table inh_bad4 () inherits (inh_missing);
create table inh_p4 (b text default 'y');
create table inh_bad5 (b text) inherits (inh_p4);
create table inh_ok5 (b text default 'z') inherits (inh_p2, inh_p4);
create view inh_v as select 1 as a;
create table inh_bad6 () inherits (inh_v);
-- catalogs
select attrelid::regclass, attname, attnum, attinhcount, attislocal, attnotnull
  from pg_attribute where attrelid in ('inh_c1'::regclass, 'inh_gc'::regclass) and attnum > 0
  order by 1, 3;
select conrelid::regclass, conname, conislocal, coninhcount, connoinherit
  from pg_constraint where conrelid in ('inh_p1'::regclass, 'inh_c1'::regclass,
  'inh_c2'::regclass, 'inh_gc'::regclass) order by 1, 2;
select inhrelid::regclass, inhparent::regclass, inhseqno from pg_inherits
  where inhrelid in ('inh_c1'::regclass, 'inh_c2'::regclass, 'inh_gc'::regclass, 'inh_ok5'::regclass)
  order by 1, 3;
select relname, relhassubclass from pg_class where relname like 'inh\_%' and relkind = 'r'
  order by 1;
\d inh_p1
\d inh_c1
\d inh_gc
-- rows
insert into inh_p1 values (1, 'p1', 10);
insert into inh_c1 (b, c, d, e) values ('c1', 20, 200, 2000);
insert into inh_c2 values (3, 'c2', 30);
insert into inh_gc values (4, 'gc', 40, 'f');
insert into inh_p2 values ('p2', 7, 70);
insert into inh_gc (a, b, c) values (5, 'gc', -1);
select * from inh_p1 order by a, b;
select * from only inh_p1;
select * from inh_p1* order by a, b;
select tableoid::regclass, * from inh_p1 order by a, b;
select tableoid::regclass, b, d from inh_p2 order by b;
select p.tableoid::regclass, p.b from inh_p1 p where p.c > 15 order by 2;
select tableoid::regclass, count(*), sum(c) from inh_p1 group by tableoid order by 1;
select count(*) from inh_c2;
select p.b, q.b from inh_p1 p join inh_p2 q on p.a = q.a order by 1, 2;
select distinct b from inh_p1 order by b;
select * from inh_p1 where a = 4;
select tableoid::regclass, * from only inh_c1;
-- UPDATE / DELETE reach children unless ONLY; rows stay in their table
update inh_p1 set c = c + 1 where a >= 3;
select tableoid::regclass, a, c from inh_p1 order by a;
update only inh_p1 set c = 0;
select tableoid::regclass, a, c from inh_p1 order by a;
update inh_p1 set c = -5 where a = 3;
update inh_p1 set b = b || '!' returning tableoid::regclass, *;
delete from inh_p1 where a = 3 returning *;
delete from only inh_p1;
select tableoid::regclass, a from inh_p1 order by a;
update inh_p1 set nosuch = 1;
-- TRUNCATE ONLY keeps the children's rows
truncate only inh_p1;
select count(*) from inh_p1;
insert into inh_p1 values (9, 'p1', 90);
truncate inh_p1;
select count(*) from inh_p1;
select count(*) from inh_p2;
-- DROP: children depend on their parents
drop table inh_p2;
\errverbose
drop table inh_p1;
drop table inh_c2;
drop table inh_p1 cascade;
select relname from pg_class where relname like 'inh\_%' and relkind = 'r' order by 1;
drop table inh_p2, inh_p3, inh_p4, inh_ok5, inh_bad5;
drop view inh_v;
-- transactional: a rolled back child leaves no trace
create table inh_t (x int);
begin;
create table inh_tc (y int) inherits (inh_t);
insert into inh_tc values (1, 2);
select * from inh_t;
rollback;
select * from inh_t;
\d inh_t
drop table inh_t;
