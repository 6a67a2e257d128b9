-- Database privileges: GRANT/REVOKE CONNECT, CREATE, TEMPORARY/TEMP and ALL
-- ON DATABASE, stored as pg_database.datacl (NULL until the first
-- GRANT/REVOKE, then initdb's defaults with the change), enforced for
-- CREATE SCHEMA (CREATE), ALTER SCHEMA RENAME/OWNER TO (CREATE) and the
-- session's first temporary table (TEMPORARY); has_database_privilege from
-- the ACL; DROP ROLE names the database privileges. (CONNECT at login is
-- in auth_matrix_test.py.) has_column_privilege and
-- has_any_column_privilege on tables without column grants (those are in
-- privileges_columns.sql).
-- Every role and object is dropped and datacl restored to the defaults.
-- The reference server runs each file in a database of its own: this one
-- connects to postgres, the database it grants on, on both servers.
\c postgres
create role pd_a;
create role pd_b;
create role pd_c;
create role pd_grp;
grant pd_grp to pd_c;
select datname, datacl from pg_database
  where datname in ('postgres', 'template0', 'template1') order by datname;
select has_database_privilege('pd_a', 'postgres', 'connect'),
       has_database_privilege('pd_a', 'postgres', 'temp'),
       has_database_privilege('pd_a', 'postgres', 'temporary'),
       has_database_privilege('pd_a', 'postgres', 'create'),
       has_database_privilege('pd_a', 'template1', 'temp'),
       has_database_privilege('pd_a', 'template1', 'connect'),
       has_database_privilege('postgres', 'postgres', 'create');
select has_database_privilege('pd_a', 'nosuchdb', 'connect');
select has_database_privilege('pd_a', 'postgres', 'select');
select has_database_privilege('pd_a', 12345::oid, 'connect');
select has_database_privilege('pd_a', (select oid from pg_database where datname = 'postgres'),
                              'create');
-- without CREATE on the database
set role pd_a;
create schema pd_s1;
reset role;
-- GRANT CREATE: the defaults are stored with the change
grant create on database postgres to pd_a;
select datname, datacl from pg_database where datname = 'postgres';
select has_database_privilege('pd_a', 'postgres', 'create'),
       has_database_privilege('pd_b', 'postgres', 'create');
set role pd_a;
create schema pd_s1;
alter schema pd_s1 rename to pd_s2;
select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname like 'pd_s%';
reset role;
-- a member of a role holding CREATE
grant create on database postgres to pd_grp;
set role pd_c;
create schema pd_s3;
reset role;
-- ALTER SCHEMA OWNER TO needs CREATE for the new owner
alter schema pd_s3 owner to pd_b;
alter schema pd_s3 owner to pd_a;
select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname like 'pd_s%' order by 1;
-- WITH GRANT OPTION, TEMP, ALL, several grantees and databases
grant temp on database postgres to pd_b with grant option;
select has_database_privilege('pd_b', 'postgres', 'temp with grant option'),
       has_database_privilege('pd_b', 'postgres', 'TEMPORARY WITH GRANT OPTION'),
       has_database_privilege('pd_b', 'postgres', 'connect with grant option'),
       has_database_privilege('pd_b', 'postgres', 'create with grant option, temp'),
       has_database_privilege('pd_a', 'postgres', 'create with grant option'),
       has_database_privilege('postgres', 'postgres', 'create with grant option');
select has_database_privilege('pd_b', 'postgres', 'usage with grant option');
grant connect, temporary on database postgres, template1 to pd_b, pd_c;
select datname, datacl from pg_database
  where datname in ('postgres', 'template0', 'template1') order by datname;
grant all privileges on database postgres to pd_b;
select datacl from pg_database where datname = 'postgres';
revoke grant option for temporary on database postgres from pd_b;
select datacl from pg_database where datname = 'postgres';
revoke all on database template1 from pd_b, pd_c;
select datname, datacl from pg_database where datname = 'template1';
-- errors
grant select on database postgres to pd_a;
grant usage on database postgres to pd_a;
grant connect on database nosuchdb to pd_a;
grant connect on database postgres to nosuchrole;
grant connect on database postgres, nosuchdb to pd_a;
grant create on database postgres to public with grant option;
grant select (a) on database postgres to pd_a;
grant create on database postgres to pd_a granted by postgres;
set role pd_a;
grant connect on database postgres to pd_b;
revoke create on database postgres from pd_a;
reset role;
-- TEMPORARY: PUBLIC holds it by default; revoked from PUBLIC, a role needs
-- its own grant (or to be a superuser) for the session's first temp table
revoke temporary on database postgres from public;
select datacl from pg_database where datname = 'postgres';
select has_database_privilege('pd_a', 'postgres', 'temp'),
       has_database_privilege('pd_b', 'postgres', 'temp'),
       has_database_privilege('pd_c', 'postgres', 'temp'),
       has_database_privilege('pd_c', 'postgres', 'connect'),
       has_database_privilege('pd_grp', 'postgres', 'connect');
set role pd_a;
create temp table pd_t (a int);
reset role;
revoke connect on database postgres from public;
select has_database_privilege('pd_a', 'postgres', 'connect'),
       has_database_privilege('pd_a', 'postgres', 'connect, temp'),
       has_database_privilege('pd_a', 'postgres', 'connect, create');
-- DROP ROLE names its database privileges
drop role pd_b;
create table pd_tab (a int, b int, c text);
-- has_column_privilege / has_any_column_privilege: the table's privileges
grant select, update on pd_tab to pd_a;
alter table pd_tab drop column c;
select has_column_privilege('pd_a', 'pd_tab', 'a', 'select'),
       has_column_privilege('pd_a', 'pd_tab', 'b', 'update'),
       has_column_privilege('pd_a', 'pd_tab', 'a', 'insert'),
       has_column_privilege('pd_a', 'pd_tab', 'a', 'references, select'),
       has_column_privilege('pd_c', 'pd_tab', 'a', 'select'),
       has_column_privilege('pd_tab', 'a', 'insert'),
       has_column_privilege('pd_tab'::regclass, 'b', 'select with grant option'),
       has_column_privilege('pd_a', 'pd_tab', 2::int2, 'select'),
       has_column_privilege('pd_a', 'pd_tab'::regclass, 3::int2, 'select'),
       has_column_privilege('pd_a', 'pd_tab'::regclass, 9::int2, 'select'),
       has_column_privilege('pd_a', 0::oid, 'a', 'select'),
       has_column_privilege(0::oid, 1::int2, 'select');
select has_column_privilege('pd_a', 'pd_tab', 'c', 'select');
select has_column_privilege('pd_a', 'pd_tab', '........pg.dropped.3........', 'select');
select has_table_privilege((select oid from pg_roles where rolname = 'pd_a'), 'pd_tab', 'select'),
       has_table_privilege((select oid from pg_roles where rolname = 'pd_c'),
                           'pd_tab'::regclass, 'select'),
       has_column_privilege((select oid from pg_roles where rolname = 'pd_a'), 'pd_tab', 'a',
                            'update'),
       has_any_column_privilege((select oid from pg_roles where rolname = 'pd_a'),
                                'pd_tab'::regclass, 'insert'),
       has_schema_privilege((select oid from pg_roles where rolname = 'pd_a'), 'public', 'usage'),
       has_schema_privilege('pd_a', (select oid from pg_namespace where nspname = 'pd_s2'),
                            'create'),
       has_database_privilege((select oid from pg_roles where rolname = 'pd_a'), 'postgres',
                              'create'),
       has_database_privilege((select oid from pg_roles where rolname = 'pd_b'),
                              (select oid from pg_database where datname = 'postgres'), 'temp');
select has_column_privilege('pd_a', 'pd_tab', 'nosuch', 'select');
select has_column_privilege('pd_a', 'nosuchtab', 'a', 'select');
select has_column_privilege('pd_a', 'pd_tab', 'a', 'delete');
select has_column_privilege('nosuchrole', 'pd_tab', 'a', 'select');
select has_any_column_privilege('pd_a', 'pd_tab', 'select'),
       has_any_column_privilege('pd_a', 'pd_tab', 'insert'),
       has_any_column_privilege('pd_c', 'pd_tab', 'update'),
       has_any_column_privilege('pd_tab', 'references'),
       has_any_column_privilege('pd_a', 'pd_tab'::regclass, 'select'),
       has_any_column_privilege(0::oid, 'select');
select has_any_column_privilege('pd_a', 'pd_tab', 'truncate');
grant insert on pd_tab to pd_c with grant option;
select has_table_privilege('pd_c', 'pd_tab', 'insert with grant option'),
       has_table_privilege('pd_a', 'pd_tab', 'select with grant option'),
       has_column_privilege('pd_c', 'pd_tab', 'a', 'insert with grant option'),
       has_column_privilege('pd_a', 'pd_tab', 'a', 'select with grant option'),
       has_any_column_privilege('pd_c', 'pd_tab', 'insert with grant option'),
       has_schema_privilege('pd_a', 'public', 'usage with grant option'),
       has_table_privilege('pd_a', 'pg_class', 'select with grant option'),
       has_table_privilege('pd_a', 'pg_class', 'select');
-- has_sequence_privilege; 'rule' is recognized and never held
create sequence pd_seq;
grant usage on sequence pd_seq to pd_a;
select has_sequence_privilege('pd_a', 'pd_seq', 'usage'),
       has_sequence_privilege('pd_a', 'pd_seq', 'SELECT, update'),
       has_sequence_privilege('pd_seq', 'select'),
       has_sequence_privilege('pd_a', 'pd_seq'::regclass, 'usage with grant option'),
       has_sequence_privilege((select oid from pg_roles where rolname = 'pd_a'), 'pd_seq',
                              'usage'),
       has_sequence_privilege(0::oid, 'usage'),
       has_table_privilege('pd_tab', 'rule'),
       has_table_privilege('pd_a', 'pd_tab', 'RULE, select');
select has_sequence_privilege('pd_a', 'pd_tab', 'select');
select has_sequence_privilege('pd_tab'::regclass, 'select');
select has_sequence_privilege('pd_a', 'pd_tab', 'Insert');
select has_sequence_privilege('pd_a', 'nosuchseq', 'usage');
select has_table_privilege('pd_tab', ' Select , Bogus With Grant Option ');
drop sequence pd_seq;
-- an owner holds every grant option without showing them
alter table pd_tab owner to pd_b;
select has_table_privilege('pd_b', 'pd_tab', 'delete with grant option'),
       has_column_privilege('pd_b', 'pd_tab', 'b', 'update with grant option'),
       has_schema_privilege('pd_a', 'pd_s2', 'create with grant option'),
       has_schema_privilege('pd_b', 'pd_s2', 'create with grant option');
alter table pd_tab owner to postgres;
-- pg_read_all_data and pg_write_all_data
create role pd_r in role pg_read_all_data;
create role pd_w in role pg_write_all_data;
insert into pd_tab values (1, 2);
create sequence pd_s2.q;
set role pd_r;
select * from pd_tab;
select * from pd_s2.q;
insert into pd_tab values (3, 4);
update pd_tab set b = 5;
reset role;
set role pd_w;
select * from pd_tab;
insert into pd_tab values (3, 4);
update pd_tab set b = 5;
update pd_tab set b = 6 where a = 1;
delete from pd_tab;
delete from pd_tab where a = 3;
truncate pd_tab;
select nextval('pd_s2.q');
create table pd_s2.nope (a int);
reset role;
select has_table_privilege('pd_r', 'pd_tab', 'select'),
       has_table_privilege('pd_r', 'pd_tab', 'insert'),
       has_table_privilege('pd_w', 'pd_tab', 'select'),
       has_table_privilege('pd_w', 'pd_tab', 'insert, update'),
       has_table_privilege('pd_w', 'pd_tab', 'delete'),
       has_table_privilege('pd_w', 'pd_tab', 'truncate'),
       has_table_privilege('pd_w', 'pg_class', 'insert'),
       has_column_privilege('pd_r', 'pd_tab', 'a', 'select'),
       has_any_column_privilege('pd_w', 'pd_tab', 'update'),
       has_sequence_privilege('pd_r', 'pd_s2.q', 'select'),
       has_sequence_privilege('pd_w', 'pd_s2.q', 'usage'),
       has_schema_privilege('pd_r', 'pd_s2', 'usage'),
       has_schema_privilege('pd_w', 'pd_s2', 'usage'),
       has_schema_privilege('pd_w', 'pd_s2', 'create');
drop sequence pd_s2.q;
drop role pd_r;
drop role pd_w;
-- the Access privileges column of psql's \l
select d.datname as "Name", pg_catalog.array_to_string(d.datacl, E'\n') as "Access privileges"
  from pg_catalog.pg_database d where d.datname in ('postgres', 'template0', 'template1')
  order by 1;
-- clean up: back to initdb's list
drop table pd_tab;
drop schema pd_s2;
drop schema pd_s3;
revoke all on database postgres from pd_a, pd_b, pd_c, pd_grp;
grant connect, temporary on database postgres to public;
select datname, datacl from pg_database
  where datname in ('postgres', 'template0', 'template1') order by datname;
drop role pd_a;
drop role pd_b;
drop role pd_c;
drop role pd_grp;
