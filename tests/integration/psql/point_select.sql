-- Primary-key lookups, the shape the point-select fast path takes
-- (sql/commands/point_select.h), and its near misses, which the general path
-- runs: every result must match PostgreSQL's.
create table ps (id bigint primary key, grp int not null, amount float8, note text);
insert into ps select g, g % 7, g * 0.5, 'n' || g from generate_series(1, 50) g;

prepare by_id(bigint) as select amount, note from ps where id = $1;
execute by_id(7);
execute by_id(7);
execute by_id(51);
execute by_id(null);
execute by_id(-1);

-- parameters of other integer types, and a numeric one
prepare by_int4(int) as select id, grp from ps where id = $1;
execute by_int4(3);
execute by_int4(2147483647);
prepare by_numeric(numeric) as select id from ps where $1 = id;
execute by_numeric(4);
execute by_numeric(4.5);

-- star, aliases, qualified names, repeated columns, constants
prepare star(bigint) as select * from ps where id = $1;
execute star(9);
prepare aliased(bigint) as select p.note as label, p.id, p.id as again from ps p where p.id = $1;
execute aliased(10);
execute aliased(10);
select note from ps where id = 11;
select note from ps where 12 = id;
select note from ps where id = '13';
select ps.note from ps where ps.id = 14 and id = 14;
select note from ps where id = 14 and id = 15;
select note from ps where id = 16 and grp = 2;
select note from ps where id = 16 and grp = 3;
select note from ps where grp = 2 and id = 16;

-- the transaction's own writes, and a rollback
begin;
insert into ps values (100, 1, 1.5, 'mine');
execute by_id(100);
update ps set note = 'changed' where id = 7;
execute by_id(7);
delete from ps where id = 8;
execute by_id(8);
rollback;
execute by_id(100);
execute by_id(7);
execute by_id(8);

-- composite and text keys
create table ps2 (a int, b text, v text, primary key (a, b));
insert into ps2 values (1, 'x', 'one-x'), (1, 'y', 'one-y'), (2, 'x', 'two-x');
prepare by_ab(int, text) as select v from ps2 where a = $1 and b = $2;
execute by_ab(1, 'y');
execute by_ab(2, 'y');
prepare by_ba(text, int) as select v, a, b from ps2 where b = $1 and a = $2;
execute by_ba('x', 2);
select v from ps2 where a = 1;
create table ps3 (k varchar(10) primary key, v int);
insert into ps3 values ('abc', 1), ('abd', 2);
prepare by_k(text) as select v from ps3 where k = $1;
execute by_k('abd');
execute by_k('ab');
select v from ps3 where k = 'abc';
create table ps4 (u uuid primary key, v int);
insert into ps4 values ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1);
prepare by_u(uuid) as select v from ps4 where u = $1;
execute by_u('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
execute by_u('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11');
execute by_u('00000000-0000-0000-0000-000000000000');

-- columns dropped and added (with a default) after the rows were written
alter table ps drop column grp;
execute by_id(20);
alter table ps add column extra int default 42;
prepare with_extra(bigint) as select id, extra, note from ps where id = $1;
execute with_extra(21);
insert into ps values (200, 2.5, 'new', 7);
execute with_extra(200);

-- the table dropped and created again under the same name
drop table ps3;
create table ps3 (k varchar(10) primary key, v int);
insert into ps3 values ('abd', 99);
execute by_k('abd');

-- search_path decides which table the name means
create schema ps_other;
create table ps_other.pt (id int primary key, v text);
create table pt (id int primary key, v text);
insert into ps_other.pt values (1, 'other');
insert into pt values (1, 'public');
prepare by_pt(int) as select v from pt where id = $1;
execute by_pt(1);
set search_path = ps_other, public;
execute by_pt(1);
reset search_path;
execute by_pt(1);

-- a view of the same shape, and errors
create view psv as select id, note from ps;
select note from psv where id = 9;
select nosuch from ps where id = 1;
select note from ps where id = 'x';
select note from nosuch where id = 1;
prepare by_text(text) as select note from ps where id = $1;
