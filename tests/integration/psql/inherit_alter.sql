-- ALTER TABLE over inheritance hierarchies: recursion to children unless
-- ONLY, inherited columns and constraints, INHERIT / NO INHERIT.
create table ia_p (a int, b int);
create table ia_c (c int) inherits (ia_p);
create table ia_c2 (b int, d int) inherits (ia_p);
create table ia_gc () inherits (ia_c);
insert into ia_p values (1, 1);
insert into ia_c values (2, 2, 2);
insert into ia_c2 values (3, 3, 3);
insert into ia_gc values (4, 4, 4);
alter table ia_p add column x int;
alter table only ia_p add column y int;
\errverbose
alter table ia_c add column x2 text;
alter table ia_p add column x2 text;
alter table ia_c add column x3 int;
alter table ia_p add column x3 text;
\errverbose
alter table ia_p add column z int not null default 0, add constraint ia_zc check (z >= 0);
alter table ia_p add check (a < 100);
select attrelid::regclass, attname, attinhcount, attislocal, attnotnull
  from pg_attribute where attrelid in ('ia_p'::regclass, 'ia_c'::regclass, 'ia_c2'::regclass,
  'ia_gc'::regclass) and attnum > 0 and not attisdropped order by 1, attnum;
select conrelid::regclass, conname, conislocal, coninhcount from pg_constraint
  where conrelid in ('ia_p'::regclass, 'ia_c'::regclass, 'ia_c2'::regclass, 'ia_gc'::regclass)
  order by 1, 2;
select tableoid::regclass, * from ia_p order by a;
-- what a child cannot do alone
alter table ia_c drop column a;
\errverbose
alter table ia_c rename column a to aa;
\errverbose
alter table ia_c alter column a type bigint;
\errverbose
alter table ia_c2 drop column b;
alter table ia_c drop constraint ia_zc;
\errverbose
alter table only ia_p rename column a to aa;
\errverbose
alter table only ia_p alter column a type bigint;
alter table only ia_p add constraint ia_only check (a > 0);
alter table only ia_p add constraint ia_noinh check (a > 0) no inherit;
-- recursion
alter table ia_p drop column b;
alter table only ia_p drop column x;
alter table only ia_p drop constraint ia_zc;
alter table ia_p alter column a set not null;
alter table ia_c alter column a drop not null;
alter table ia_p rename column a to aa;
alter table ia_p alter column aa type bigint;
alter table ia_p alter column aa set default 7;
alter table ia_p drop constraint ia_p_a_check;
select attrelid::regclass, attname, attinhcount, attislocal, attnotnull, atttypid::regtype
  from pg_attribute where attrelid in ('ia_p'::regclass, 'ia_c'::regclass, 'ia_c2'::regclass,
  'ia_gc'::regclass) and attnum > 0 and not attisdropped order by 1, attnum;
select conrelid::regclass, conname, conislocal, coninhcount, connoinherit from pg_constraint
  where conrelid in ('ia_p'::regclass, 'ia_c'::regclass, 'ia_c2'::regclass, 'ia_gc'::regclass)
  order by 1, 2;
insert into ia_gc (c) values (5);
select tableoid::regclass, * from ia_p order by aa;
\d ia_c
insert into ia_c2 (aa, z) values (9, -1);
-- INHERIT / NO INHERIT
create table ia_ip (a int not null, b text, constraint ia_ipc check (a > 0));
create table ia_ic (a int, b text);
insert into ia_ic values (10, 'ic');
alter table ia_ic inherit ia_ip;
\errverbose
alter table ia_ic alter a set not null;
alter table ia_ic inherit ia_ip;
\errverbose
alter table ia_ic add constraint ia_ipc check (a > 1);
alter table ia_ic inherit ia_ip;
\errverbose
alter table ia_ic drop constraint ia_ipc;
alter table ia_ic add constraint ia_ipc check (a > 0);
alter table ia_ic inherit ia_ip;
select * from ia_ip;
alter table ia_ic inherit ia_ip;
alter table ia_ip inherit ia_ic;
\errverbose
alter table ia_ip inherit ia_ip;
create table ia_ic2 (a int not null);
alter table ia_ic2 inherit ia_ip;
create table ia_ic3 (a bigint not null, b text);
alter table ia_ic3 inherit ia_ip;
alter table ia_ic inherit ia_nosuch;
select attname, attinhcount, attislocal from pg_attribute
  where attrelid = 'ia_ic'::regclass and attnum > 0;
select conname, conislocal, coninhcount from pg_constraint where conrelid = 'ia_ic'::regclass;
\d ia_ip
alter table ia_ic no inherit ia_ic3;
\errverbose
alter table ia_ic no inherit ia_ip;
select attname, attinhcount, attislocal from pg_attribute
  where attrelid = 'ia_ic'::regclass and attnum > 0;
select conname, conislocal, coninhcount from pg_constraint where conrelid = 'ia_ic'::regclass;
select * from ia_ip;
alter table ia_ic drop column a;
drop table ia_ip, ia_ic, ia_ic2, ia_ic3;
drop table ia_p cascade;
