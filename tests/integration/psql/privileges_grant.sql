-- GRANT/REVOKE on tables, views and schemas: the ACLs they store
-- (pg_class.relacl, pg_namespace.nspacl, psql's \dp), has_table_privilege /
-- has_schema_privilege answering from them, PostgreSQL's errors, and DROP
-- ROLE refused while a role holds privileges.
create role priv_alice;
create role "Priv Bob";
create table pgt (a int);
create view pgv as select * from pgt;
create schema pgs;
create table pgs.pgu (b int);
create table pgs.pgw (c int);
select relname, relacl from pg_class where relname in ('pgt', 'pgv') order by 1;
select nspname, nspacl from pg_namespace where nspname in ('pgs', 'public', 'pg_catalog') order by 1;
select has_table_privilege('priv_alice', 'pgt', 'select'), has_schema_privilege('priv_alice', 'pgs', 'usage'),
       has_schema_privilege('priv_alice', 'public', 'usage'), has_schema_privilege('priv_alice', 'public', 'create');
grant select on pgt to priv_alice;
select relacl from pg_class where relname = 'pgt';
grant insert, update on table pgt, pgv to "Priv Bob" with grant option;
grant all on pgt to public;
select relname, relacl from pg_class where relname in ('pgt', 'pgv') order by 1;
select has_table_privilege('priv_alice', 'pgt', 'select'), has_table_privilege('priv_alice', 'pgv', 'select'),
       has_table_privilege('Priv Bob', 'pgv', 'update'), has_table_privilege('Priv Bob', 'pgv', 'delete'),
       has_table_privilege('priv_alice', 'pgt', 'truncate, select'), has_table_privilege('priv_alice', 'pgv'::regclass, 'insert');
revoke grant option for insert on pgt from "Priv Bob";
revoke update on pgt from "Priv Bob";
select relacl from pg_class where relname = 'pgt';
grant usage on schema pgs to priv_alice;
grant all privileges on schema pgs to "Priv Bob";
revoke create on schema pgs from "Priv Bob" cascade;
grant create on schema public to priv_alice;
select nspname, nspacl from pg_namespace where nspname in ('pgs', 'public') order by 1;
select has_schema_privilege('priv_alice', 'pgs', 'usage'), has_schema_privilege('priv_alice', 'pgs', 'create'),
       has_schema_privilege('Priv Bob', 'pgs', 'usage'), has_schema_privilege('priv_alice', 'public', 'create');
grant select on all tables in schema pgs to priv_alice;
select relname, relacl from pg_class where relname in ('pgu', 'pgw') order by 1;
\dp
\dp pgs.*
-- errors, in PostgreSQL's order: objects, then grantees, then privileges
grant select on pgt to priv_nobody;
grant select on priv_nosuch to priv_alice;
grant select on priv_nosuch to priv_nobody;
grant usage on pgt to priv_alice;
grant execute on pgt to priv_alice;
grant frobnicate on pgt to priv_alice;
grant select on schema pgs to priv_alice;
grant select on all tables in schema priv_nosuch to priv_alice;
grant usage on schema priv_nosuch to priv_alice;
grant select on pgt to priv_alice granted by "Priv Bob";
revoke select on pgt from priv_nobody;
-- a role holding privileges cannot be dropped
drop role priv_alice;
begin;
drop table pgt cascade;
drop role "Priv Bob";
rollback;
revoke all on pgt from priv_alice, "Priv Bob";
revoke all on all tables in schema pgs from priv_alice;
revoke all on schema pgs from priv_alice, "Priv Bob";
revoke create on schema public from priv_alice;
revoke all on pgv from "Priv Bob";
select relname, relacl from pg_class where relname in ('pgt', 'pgv', 'pgu') order by 1;
select nspname, nspacl from pg_namespace where nspname in ('pgs', 'public') order by 1;
revoke all on pgt from current_user;
\dp pgt
grant select on pgt to priv_alice;
drop table pgt cascade;
drop schema pgs cascade;
drop role priv_alice;
drop role "Priv Bob";
