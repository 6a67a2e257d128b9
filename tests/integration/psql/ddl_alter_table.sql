-- ALTER TABLE: ADD/DROP/RENAME COLUMN, defaults, NOT NULL, types, CHECK,
-- PRIMARY KEY, RENAME TO, SET SCHEMA, and PostgreSQL's errors.
create table t (a int, b text);
insert into t values (1, 'one'), (2, null), (3, 'three');

-- ADD COLUMN with a constant default: existing rows read the default
alter table t add column c int default 42;
select * from t order by a;
insert into t (a, b) values (4, 'four');
insert into t values (5, 'five', null);
select * from t order by a;
alter table t add column d text;
alter table t add e numeric(5,2) default 1.5, add column f boolean default true not null;
select * from t order by a;
alter table t add column c int;
alter table t add column if not exists c int;
alter table t add column g int not null;
alter table t add column g int default 1 check (g > 5);
alter table t add column g int default 10 check (g > 5);
select a, g from t order by a;

-- DROP COLUMN keeps the other columns readable
alter table t drop column d;
alter table t drop column b;
select * from t order by a;
insert into t values (6, 7, 8.25, false, 9);
select * from t order by a;
alter table t drop column nosuch;
alter table t drop column if exists nosuch;
alter table t drop if exists nosuch2, drop column e;
select * from t order by a;
-- the name of a dropped column can be used again
alter table t add column b text default 'again';
select * from t order by a;

-- RENAME COLUMN (CHECK constraints follow the new name)
alter table t rename column g to h;
alter table t rename h to g2;
alter table t rename column nosuch to x;
alter table t rename column a to c;
insert into t (a, c, f, g2) values (7, 1, true, 1);
insert into t (a, c, f, g2) values (7, 1, true, 100);
select a, c, f, g2, b from t order by a;

-- SET/DROP DEFAULT
alter table t alter column b set default 'dflt';
insert into t (a, f, g2) values (8, true, 50);
alter table t alter column b drop default;
insert into t (a, f, g2) values (9, true, 50);
select a, b from t where a >= 8 order by a;
alter table t alter column b set default 1 + 'x';
alter table t alter column nosuch set default 1;

-- SET/DROP NOT NULL
alter table t alter column b set not null;
update t set b = 'filled' where b is null;
alter table t alter column b set not null;
insert into t (a, f, g2) values (10, true, 50);
alter table t alter column b drop not null;
insert into t (a, f, g2) values (10, true, 50);
select a, b from t where a >= 8 order by a;

-- ALTER COLUMN TYPE
create table ty (id int, v text, n numeric(6,2));
insert into ty values (1, '10', 1.25), (2, '20', 2.5), (3, null, null);
alter table ty alter column v type int;
alter table ty alter column v type int using v::int;
select id, v, v + 1 as next from ty order by id;
alter table ty alter column n type int;
select * from ty order by id;
alter table ty alter column id set data type bigint, alter column n type numeric(8,3);
select * from ty order by id;
alter table ty alter column v type text using v * 2;
select * from ty order by id;
alter table ty alter column v type int using 'x';
alter table ty alter column v type boolean using v::int;

-- ADD CHECK validates the existing rows
create table ck (a int, b int);
insert into ck values (1, 10), (2, 20), (3, null);
alter table ck add constraint ck_big check (b > 15);
alter table ck add check (a > 0);
alter table ck add constraint ck_pos check (b > 0);
alter table ck add constraint ck_pos check (b > 1);
insert into ck values (4, -1);
insert into ck values (-1, 1);
alter table ck drop constraint ck_pos;
insert into ck values (4, -1);
alter table ck drop constraint nosuch;
alter table ck drop constraint if exists nosuch;
select * from ck order by a;

-- ADD PRIMARY KEY on an existing table
create table pk (a int, b text);
insert into pk values (1, 'x'), (2, 'y'), (1, 'z');
alter table pk add primary key (a);
delete from pk where b = 'z';
insert into pk values (null, 'n');
alter table pk add primary key (a);
delete from pk where a is null;
alter table pk add primary key (a);
insert into pk values (1, 'dup');
insert into pk values (3, 'w');
select * from pk order by a;
select * from pk where a = 2;
alter table pk add primary key (b);
alter table pk alter column a drop not null;
alter table pk drop constraint pk_pkey;
insert into pk values (1, 'dup now allowed');
select * from pk order by a, b;
alter table pk add constraint pk_named primary key (a, b);
insert into pk values (1, 'dup now allowed');
select * from pk order by a, b;
-- dropping a primary-key column drops the key
alter table pk drop column b;
insert into pk values (1);
select * from pk order by a;
create table pk2 (a int);
alter table pk2 add primary key (nosuch);
alter table pk2 add column id int primary key;
insert into pk2 values (1, 1);
insert into pk2 values (1, 1);

-- RENAME TO and SET SCHEMA
create table r1 (a int);
insert into r1 values (1);
alter table r1 rename to r2;
select * from r1;
select * from r2;
create table r3 (a int);
alter table r2 rename to r3;
create schema s2;
alter table r2 set schema s2;
select * from s2.r2;
alter table s2.r2 set schema nosuch;
create table r2 (b int);
alter table r2 set schema s2;
alter table if exists nosuch rename to x;
alter table if exists nosuch add column x int;
alter table nosuch add column x int;

-- several actions in one statement are one unit
create table multi (a int);
insert into multi values (1), (null);
alter table multi add column b int default 5, alter column a set not null;
select * from multi order by a;
alter table multi add column b int default 5, alter column b set not null;
select * from multi order by a;

-- system column names
alter table multi add column xmin int;
alter table multi rename column a to ctid;
alter table multi rename column xmin to q;
alter table multi drop column cmax;

-- an expression default, with a named constraint in the same statement
alter table multi add column c int default (1 + 2) * 3, add constraint c_pos check (c > 0);
insert into multi (a) values (3);
select * from multi order by a;
alter table multi add constraint c_pos check (c > 1);
alter table multi drop constraint c_pos, drop constraint c_pos;
select * from multi order by a;
