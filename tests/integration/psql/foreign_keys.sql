-- FOREIGN KEY constraints: definitions (column REFERENCES, table FOREIGN
-- KEY, ALTER TABLE ADD/DROP), enforcement on both sides with every action,
-- multi-column and self-referencing keys, DROP TABLE / TRUNCATE of a
-- referenced table, and the catalog (pg_constraint, pg_get_constraintdef).
create table pk (id int primary key, code text unique, note text);
insert into pk values (1, 'a', 'one'), (2, 'b', 'two'), (3, 'c', 'three');

-- column REFERENCES (the primary key by default) and its generated name
create table fk (a int references pk, b text);
insert into fk values (1, 'x'), (null, 'null key');
insert into fk values (5, 'missing');
update fk set a = 7 where a = 1;
update fk set a = 2 where a = 1;
select * from fk order by a;
-- NO ACTION: deleting or re-keying a referenced row fails; others do not
delete from pk where id = 2;
update pk set id = 20 where id = 2;
delete from pk where id = 3;
update pk set note = 'TWO' where id = 2;
insert into pk values (3, 'c', 'three');
-- an update leaving the key as it was is no change of it
update pk set id = id + 0 where id = 2;
select * from pk order by id;
drop table fk;

-- table FOREIGN KEY referencing a UNIQUE column, with a name
create table fk (x int, c text, constraint fk_code foreign key (c) references pk (code));
insert into fk values (1, 'a'), (2, 'zz');
insert into fk values (1, 'a');
delete from pk where code = 'a';
drop table fk;

-- definition errors
create table fk (a int references nosuch);
create table fk (a int references pk (nosuch));
create table fk (nosuch2 int, foreign key (nosuch) references pk);
create table fk (a int references pk (note));
create table fk (a int, b int, foreign key (a, b) references pk (id));
create table fk (a text references pk);
create table fk (a numeric references pk);
create table fk (a int references pk (id, id));
create table nopk (x int);
create table fk (a int references nopk);
drop table nopk;
-- compatible types: int8 and int2 reference int4
create table fk (a int8 references pk, b int2 references pk);
insert into fk values (1, 3);
insert into fk values (4, 1);
insert into fk values (1, 4);
drop table fk;

-- ON DELETE / ON UPDATE actions
create table fk (
  id int primary key,
  r_casc int references pk on delete cascade on update cascade,
  r_null int references pk on delete set null on update set null,
  r_dflt int default 1 references pk on delete set default on update set default,
  r_rest int references pk on delete restrict on update restrict);
insert into fk values (10, 3, 3, 3, null), (11, 2, 2, 2, null), (12, null, null, null, 1);
update pk set id = 30 where id = 3;
select * from fk order by id;
delete from pk where id = 30;
select * from fk order by id;
delete from pk where id = 1;
update pk set id = 100 where id = 1;
update fk set r_rest = null;
delete from pk where id = 1;
insert into pk values (1, 'a', 'one');
delete from pk where id = 2;
select * from fk order by id;
drop table fk;

-- ON DELETE SET NULL (column list)
create table two (p int, q int, primary key (p, q));
insert into two values (1, 1), (1, 2);
create table fk (k int, p int, q int,
                 foreign key (p, q) references two on delete set null (q));
insert into fk values (1, 1, 1), (2, 1, 2), (3, null, 5), (4, 2, null);
insert into fk values (5, 2, 2);
delete from two where q = 1;
select * from fk order by k;
drop table fk;
create table fk (p int, q int, foreign key (p, q) references two on delete set null (nosuch));
create table fk (p int, q int, k int, foreign key (p, q) references two on delete set null (k));
drop table two;

-- MATCH FULL
create table two (p int, q int, primary key (p, q));
insert into two values (1, 1);
create table fk (p int, q int, foreign key (p, q) references two match full on delete cascade);
insert into fk values (1, 1), (null, null);
insert into fk values (1, null);
insert into fk values (2, 2);
delete from two;
select * from fk;
drop table fk;
drop table two;

-- self-reference, cascading through several levels
create table tree (id int primary key, parent int references tree on delete cascade, name text);
insert into tree values (1, null, 'root'), (2, 1, 'child'), (3, 2, 'grandchild'), (4, 1, 'child2');
insert into tree values (6, 5, 'orphan');
-- the referenced row may come later in the same statement
insert into tree values (6, 5, 'late'), (5, 4, 'early');
delete from tree where id = 2;
select * from tree order by id;
delete from tree where id = 1;
select count(*) from tree;
drop table tree;

-- chains of cascades across tables
create table a (id int primary key);
create table b (id int primary key, a_id int references a on delete cascade);
create table c (id int primary key, b_id int references b on delete cascade);
create table d (id int primary key, c_id int references c);
insert into a values (1), (2);
insert into b values (10, 1), (20, 2);
insert into c values (100, 10), (200, 20);
insert into d values (1000, 200);
delete from a where id = 1;
select (select count(*) from b) as b, (select count(*) from c) as c;
delete from a where id = 2;
select (select count(*) from b) as b, (select count(*) from c) as c;

-- DROP TABLE and TRUNCATE of referenced tables
drop table a;
drop table c;
truncate b;
truncate c;
truncate c, d;
truncate a cascade;
select (select count(*) from a) as a, (select count(*) from b) as b;
drop table b cascade;
drop table a, c cascade;
drop table d;

-- ALTER TABLE ADD / DROP CONSTRAINT
create table fk (a int, b text);
insert into fk values (1, 'ok'), (9, 'bad');
alter table fk add foreign key (a) references pk;
delete from fk where a = 9;
alter table fk add foreign key (a) references pk;
alter table fk add constraint fk_named foreign key (a) references pk on delete cascade;
alter table fk add constraint fk_named foreign key (a) references pk;
select conname, contype, confupdtype, confdeltype, confmatchtype, conkey, confkey,
       conrelid::regclass, confrelid::regclass, conindid::regclass,
       condeferrable, condeferred, convalidated, conpfeqop, confdelsetcols
  from pg_constraint where contype = 'f' order by conname;
select conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true)
  from pg_constraint where contype = 'f' order by conname;
insert into fk values (8, 'no');
alter table fk drop constraint fk_a_fkey;
insert into fk values (8, 'no');
alter table fk drop constraint fk_named;
insert into fk values (8, 'now yes');
alter table fk drop constraint fk_named;
alter table fk drop constraint if exists fk_named;
-- dropping the referenced key
alter table fk add foreign key (b) references pk (code);
delete from fk;
alter table fk add foreign key (b) references pk (code);
alter table pk drop constraint pk_code_key;
alter table pk drop constraint pk_code_key cascade;
select count(*) from pg_constraint where contype = 'f';
-- a column of the key dropped: the constraint goes with it
alter table fk add foreign key (a) references pk;
alter table fk drop column a;
select count(*) from pg_constraint where contype = 'f';
drop table fk;

-- ALTER COLUMN TYPE of key columns: the types are checked again
create table pk2 (id int primary key);
insert into pk2 values (1), (2);
create table fk (a int references pk2);
insert into fk values (1);
alter table pk2 alter column id type bigint;
alter table fk alter column a type int8;
insert into fk values (3);
insert into fk values (2);
alter table fk alter column a type text;
alter table pk2 alter column id type text;
delete from pk2 where id = 1;
select * from fk order by a;
drop table fk, pk2;
create table fk (a oid references pk (tableoid));

-- transactional: rolled back with its transaction
begin;
create table fk (a int references pk);
insert into fk values (1);
rollback;
begin;
create table fk (a int);
alter table fk add foreign key (a) references pk;
insert into fk values (99);
rollback;
create table fk (a int);
begin;
alter table fk add constraint gone foreign key (a) references pk;
rollback;
insert into fk values (99);
select count(*) from pg_constraint where conname = 'gone';

-- generated names stay unique in the schema
create table fk2 (a int references pk, b int, foreign key (a) references pk, foreign key (a, b) references pk (id, id));
create table fk2 (a int references pk, b int references pk (id), foreign key (a) references pk);
select conname from pg_constraint where conrelid = 'fk2'::regclass order by conname;
drop table fk2, fk;
create schema other;
create table other.p (id int primary key);
create table fk (a int references other.p on delete set null (a));
select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'fk'::regclass;
drop schema other cascade;
drop table fk;
drop table pk;
-- ON DELETE / UPDATE SET DEFAULT to the very key that goes away: the row
-- would keep referencing it, so the delete fails (unless the key exists
-- again).
create table fkd_p (f1 int primary key);
create table fkd_c (f1 int default 0 references fkd_p on delete set default on update set default);
insert into fkd_p values (0), (1), (2);
insert into fkd_c values (2);
delete from fkd_p where f1 = 2;
select * from fkd_c;
delete from fkd_p where f1 = 0;
update fkd_p set f1 = 5 where f1 = 0;
select * from fkd_c;
alter table fkd_c alter column f1 set default 1;
delete from fkd_p where f1 = 0;
select * from fkd_c;
delete from fkd_p where f1 = 1;
drop table fkd_c, fkd_p;
