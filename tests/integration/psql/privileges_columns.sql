-- Column privileges: GRANT/REVOKE SELECT/INSERT/UPDATE/REFERENCES/ALL
-- (col, ...) ON a table or view, stored as pg_attribute.attacl (NULL
-- without a grant) and shown by \dp's "Column privileges"; their errors;
-- enforcement for a role lacking the table privilege (SELECT: every column
-- the query references, `*` all of them, count(*) any one; INSERT: the
-- target columns; UPDATE: the SET columns, plus SELECT on the columns read
-- in WHERE, SET and RETURNING); REVOKE on the table revoking the same
-- privileges of the columns; has_column_privilege and
-- has_any_column_privilege; information_schema.column_privileges and
-- role_column_grants; COPY and JOIN USING through column privileges; a
-- dropped column keeping its attacl (granting nothing); DROP TABLE dropping
-- the lists.
create role pc_a;
create role pc_b;
create role pc_grp;
create role pc_d;
grant pc_grp to pc_b;
create table pc_t (a int primary key, b text, c int, d int);
insert into pc_t values (1, 'one', 10, 100), (2, 'two', 20, 200);
-- errors
grant select (x) on pc_t to pc_a;
grant delete (a) on pc_t to pc_a;
grant usage (a) on pc_t to pc_a;
grant truncate (a, b) on table pc_t to pc_a;
grant select (a) on schema public to pc_a;
grant select (a) on nosuch to pc_a;
grant select (a) on pc_t to nosuchrole;
grant select (a) on pc_t to public with grant option;
-- grants: only the columns' lists change, relacl stays NULL
grant select (a, b), update (c) on pc_t to pc_a;
grant insert (a, b) on pc_t to pc_a with grant option;
grant references (d) on pc_t to public;
grant all (c) on pc_t to pc_grp;
grant all privileges (d) on pc_t to pc_grp;
grant select (a), select (b) on pc_t to pc_d;
select attname, attacl from pg_attribute
  where attrelid = 'pc_t'::regclass and attnum > 0 order by attnum;
select relacl from pg_class where relname = 'pc_t';
\dp pc_t
-- information_schema.column_privileges (a member of the grantor or the
-- grantee sees a row, everyone PUBLIC's) and role_column_grants (no
-- PUBLIC rows); the table's privileges count on every column
select grantor, grantee, table_schema, table_name, column_name, privilege_type,
       is_grantable
  from information_schema.column_privileges where table_name = 'pc_t'
  order by grantee, column_name, privilege_type, grantor;
select grantor, grantee, column_name, privilege_type, is_grantable
  from information_schema.column_privileges where table_name = 'pg_namespace'
  order by grantee, column_name, privilege_type, grantor;
set role pc_a;
select grantor, grantee, column_name, privilege_type, is_grantable
  from information_schema.column_privileges where table_name = 'pc_t'
  order by grantee, column_name, privilege_type;
select grantor, grantee, column_name, privilege_type, is_grantable
  from information_schema.role_column_grants where table_name = 'pc_t'
  order by grantee, column_name, privilege_type;
reset role;
-- a role that is not the owner
set role pc_b;
grant select (a) on pc_t to pc_d;
grant select (c) on pc_t to pc_d;
reset role;
-- SELECT through column privileges
set role pc_a;
select a, b from pc_t order by a;
select b from pc_t where a = 2;
select * from pc_t;
select pc_t.* from pc_t;
select a from pc_t where c = 10;
select a from pc_t order by d;
select count(*) from pc_t;
select count(b), max(a) from pc_t;
select x.a, y.b from pc_t x join pc_t y using (a) order by 1;
select a from pc_t where a in (select c from pc_t);
select (select max(b) from pc_t) as m;
select a, length(b) from pc_t group by a, b having a > 1;
select c from pc_t;
-- prepared statements are checked when they run
prepare pc_p as select c from pc_t;
execute pc_p;
prepare pc_q as select b from pc_t where a = $1;
execute pc_q(2);
prepare pc_r as select b from pc_t where c = $1;
execute pc_r(10);
deallocate pc_p;
deallocate pc_q;
deallocate pc_r;
-- a cursor's query
begin;
declare pc_cur cursor for select a, b from pc_t order by a;
fetch 1 from pc_cur;
declare pc_cur2 cursor for select d from pc_t;
rollback;
-- INSERT through column privileges
insert into pc_t (a, b) values (3, 'three');
insert into pc_t (a, c) values (4, 40);
insert into pc_t values (5, 'five');
insert into pc_t values (6, 'six', 60);
insert into pc_t (a, b) values (7, 'seven') returning a, b;
insert into pc_t (a, b) values (8, 'eight') returning c;
insert into pc_t (a, b) values (9, 'nine') returning *;
-- COPY through column privileges (before any UPDATE: rows in order)
copy pc_t (a, b) to stdout;
copy pc_t (a, c) to stdout;
copy pc_t to stdout;
copy pc_t (a, b) from stdin;
10	ten
\.
-- UPDATE through column privileges
update pc_t set c = c + 1 where a = 1;
update pc_t set c = 5 where a = 1;
update pc_t set c = 6 where b = 'two' returning a, b;
update pc_t set c = 7 where d = 100;
update pc_t set b = 'x' where a = 1;
update pc_t set c = 8 returning c;
update pc_t set c = 9 where exists (select 1 from pc_t x where x.a = pc_t.d);
update pc_t set c = 9 where exists (select 1 from pc_t x where x.a = pc_t.a + 100);
update pc_t set c = (select length(pc_t.b)) where a = 2;
delete from pc_t where a = 1;
delete from pc_t where exists (select 1 from pc_t x where x.a = pc_t.a + 100);
-- INSERT ... ON CONFLICT: UPDATE on the SET columns, SELECT on the
-- conflict target's columns and on those read (EXCLUDED's too)
insert into pc_t (a, b) values (2, 'dup') on conflict (a) do update set c = 9;
insert into pc_t (a, b) values (2, 'dup') on conflict (a) do update set b = excluded.b;
insert into pc_t (a, b) values (2, 'dup') on conflict (a) do update set c = excluded.c;
insert into pc_t (a, b) values (2, 'dup') on conflict on constraint pc_t_pkey
  do update set c = 11 returning a, c;
insert into pc_t (a, b) values (2, 'dup') on conflict on constraint pc_t_pkey
  do update set c = length(excluded.b) returning a, b;
insert into pc_t (a, b) values (2, 'dup') on conflict (a) do nothing;
-- a join reads the USING columns of both sides
select 1 from pc_t x join pc_t y using (a) where a = 2;
select 1 from pc_t x join pc_t y using (c);
select 1 from pc_t x natural join pc_t y;
reset role;
-- a table's CHECK constraint reads columns the user need not SELECT
create table pc_k (a int, b int check (b > 0));
insert into pc_k values (1, 5);
grant insert (a, b), select (a) on pc_k to pc_a;
set role pc_a;
insert into pc_k (a, b) select a + 1, 7 from pc_k;
with s as (select a from pc_k) insert into pc_k (a, b) select a + 10, 3 from s;
select a from pc_k order by a;
select a, b from pc_k;
reset role;
drop table pc_k;
-- error details show only the columns the role may SELECT or writes
create table pc_e (c1 int, c2 int, c3 int check (c3 < 5), c4 int, primary key (c1, c2));
create unique index pc_e_c4 on pc_e (c4);
create unique index pc_e_c3 on pc_e (c3);
insert into pc_e values (1, 1, 1, 1);
grant select (c1, c3), update (c3), insert (c1, c2, c3, c4) on pc_e to pc_a;
set role pc_a;
insert into pc_e (c1, c2) values (1, 1);
insert into pc_e (c1, c2) values (null, null);
insert into pc_e (c3) values (null);
insert into pc_e (c1) values (5);
insert into pc_e values (7, 7);
update pc_e set c3 = 10;
insert into pc_e (c1, c2, c4) values (2, 2, 1);
insert into pc_e (c1, c2, c3) values (2, 2, 1);
reset role;
insert into pc_e (c1, c2, c3) values (2, 2, 1);
drop table pc_e;
-- through a role's membership
set role pc_b;
select c, d from pc_t order by c;
select c, a from pc_t;
update pc_t set c = c * 2 where c > 5 returning c;
reset role;
select * from pc_t order by a;
-- has_column_privilege, has_any_column_privilege: the table's privilege
-- or the column's own
select has_column_privilege('pc_a', 'pc_t', 'a', 'select') as a_sel,
       has_column_privilege('pc_a', 'pc_t', 'c', 'select') as c_sel,
       has_column_privilege('pc_a', 'pc_t', 'c', 'update') as c_upd,
       has_column_privilege('pc_a', 'pc_t', 'a', 'insert with grant option') as a_ins_go,
       has_column_privilege('pc_a', 'pc_t', 'b', 'update') as b_upd,
       has_column_privilege('pc_a', 'pc_t', 'd', 'references') as d_ref,
       has_column_privilege('pc_b', 'pc_t', 'c', 'select') as b_c_sel,
       has_column_privilege('pc_b', 'pc_t', 'a', 'select') as b_a_sel;
select has_column_privilege('pc_a', 'pc_t'::regclass, 3::int2, 'update'),
       has_column_privilege('pc_a', 'pc_t', 4::int2, 'update, references'),
       has_column_privilege((select oid from pg_roles where rolname = 'pc_a'), 'pc_t', 'b',
                            'select'),
       has_column_privilege((select oid from pg_roles where rolname = 'pc_a'),
                            'pc_t'::regclass, 2::int2, 'insert'),
       has_column_privilege('pc_t', 'a', 'select');
set role pc_a;
select has_column_privilege('pc_t', 'a', 'select'), has_column_privilege('pc_t', 'd', 'select'),
       has_column_privilege('pc_t'::regclass, 'b', 'insert'),
       has_column_privilege('pc_t'::regclass, 4::int2, 'references');
reset role;
select has_any_column_privilege('pc_a', 'pc_t', 'select') as a_sel,
       has_any_column_privilege('pc_a', 'pc_t', 'insert with grant option') as a_ins_go,
       has_any_column_privilege('pc_d', 'pc_t', 'update') as d_upd,
       has_any_column_privilege('pc_d', 'pc_t', 'references') as d_ref,
       has_any_column_privilege('pc_b', 'pc_t'::regclass, 'update') as b_upd,
       has_any_column_privilege((select oid from pg_roles where rolname = 'pc_d'), 'pc_t',
                                'insert') as d_ins;
-- REVOKE on columns; a list left empty is NULL again
revoke select (b) on pc_t from pc_a;
revoke insert (a, b) on pc_t from pc_a;
revoke all (a, b) on pc_t from pc_d;
select attname, attacl from pg_attribute
  where attrelid = 'pc_t'::regclass and attnum > 0 order by attnum;
-- the table's privilege covers every column whatever the columns hold
grant select on pc_t to pc_a;
set role pc_a;
select a, b, c, d from pc_t where a = 1;
reset role;
-- REVOKE on the table revokes the same privilege of every column
grant update (a, b) on pc_t to pc_a;
revoke select, update on pc_t from pc_a;
select attname, attacl from pg_attribute
  where attrelid = 'pc_t'::regclass and attnum > 0 order by attnum;
select relacl from pg_class where relname = 'pc_t';
set role pc_a;
select a from pc_t;
reset role;
revoke all on pc_t from pc_grp;
\dp pc_t
-- DROP COLUMN drops its list
grant select (a, d) on pc_t to pc_a;
alter table pc_t drop column d;
select attnum, attacl from pg_attribute
  where attrelid = 'pc_t'::regclass and attnum > 0 order by attnum;
select has_column_privilege('pc_a', 'pc_t', 4::int2, 'select');
-- a view's columns
create view pc_v as select a, b from pc_t;
grant select (b) on pc_v to pc_a;
\dp pc_v
select grantee, column_name, privilege_type, is_grantable
  from information_schema.column_privileges where table_name = 'pc_v'
  order by grantee, column_name, privilege_type;
set role pc_a;
select b from pc_v order by b;
select a from pc_v;
reset role;
-- DROP ROLE names the column privileges
grant select (b) on pc_t to pc_d;
drop role pc_d;
revoke select (b) on pc_t from pc_d;
drop role pc_d;
-- DROP TABLE drops the lists (the role can be dropped after it)
drop view pc_v;
drop table pc_t;
drop role pc_a;
drop role pc_b;
drop role pc_grp;
