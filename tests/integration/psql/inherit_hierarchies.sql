-- Diamond hierarchies (a table reached through two parents), ALTER on them,
-- DDL and DML in one transaction block, prepared statements, NO INHERIT.
create table sq (a int, b int);
create table sq1 () inherits (sq);
create table sq2 () inherits (sq);
create table sq12 () inherits (sq1, sq2);
alter table sq drop column b;
select attrelid::regclass, attname, attinhcount, attislocal from pg_attribute
  where attrelid in ('sq1'::regclass, 'sq2'::regclass, 'sq12'::regclass) and attnum > 0 and not attisdropped order by 1, 2;
alter table sq add column d int default 5;
insert into sq12 values (1);
select tableoid::regclass, * from sq;
alter table sq1 add column e int;
alter table sq2 add column e int;
select attrelid::regclass, attname, attinhcount, attislocal from pg_attribute
  where attrelid = 'sq12'::regclass and attnum > 0 and not attisdropped order by 2;
begin;
create table sq3 (z int) inherits (sq);
insert into sq3 values (7, 8, 9);
select tableoid::regclass, * from sq order by a;
update sq set d = d + 1 where a in (select a from sq3);
delete from sq using sq3 where sq.a = sq3.a and sq.tableoid <> 'sq3'::regclass;
select tableoid::regclass, * from sq order by a;
commit;
prepare q(int) as select tableoid::regclass, * from sq where a = $1;
execute q(7);
execute q(1);
alter table sq12 no inherit sq1;
\d sq12
select tableoid::regclass, * from sq1;
drop table sq cascade;
