-- CREATE / ALTER / DROP ROLE (USER, GROUP) with PostgreSQL 15's options,
-- checks and messages; pg_authid, pg_roles, pg_user as they show roles.
-- Roles are cluster-wide: every role made here is dropped at the end.
create role regress_r1;
create role regress_r1;
\echo :LAST_ERROR_SQLSTATE
create role regress_r2 login login;
\echo :LAST_ERROR_SQLSTATE
create role regress_r2 superuser nosuperuser;
create role pg_regress_x;
\echo :LAST_ERROR_SQLSTATE
create role regress_r2 connection limit -2;
\echo :LAST_ERROR_SQLSTATE
create role regress_sysid sysid 5;
create role regress_r2 password '';
select rolpassword is null as no_password from pg_authid where rolname = 'regress_r2';
create role regress_r3 createdb createrole inherit noinherit;
create role regress_r3 with createdb createrole noinherit connection limit 3
  valid until '2030-01-02 03:04:05+00' password 'secret';
select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin,
       rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil,
       substr(rolpassword, 1, 14) as pw
  from pg_authid where rolname like 'regress\_%' order by rolname;
select rolname, rolpassword, rolconfig from pg_roles where rolname like 'regress\_%' order by 1;
create user regress_u1;
create group regress_g1;
create user regress_u2 nologin;
select usename, usecreatedb, usesuper, userepl, usebypassrls, passwd, valuntil, useconfig
  from pg_user where usename like 'regress\_%' order by 1;
-- passwords: md5 hashes and SCRAM verifiers are kept as given
create role regress_md5 password 'md5abcdefabcdefabcdefabcdefabcdefab';
select rolpassword from pg_authid where rolname = 'regress_md5';
set password_encryption = md5;
create role regress_md5b password 'foo';
select rolpassword from pg_authid where rolname = 'regress_md5b';
reset password_encryption;
create role regress_scram password 'SCRAM-SHA-256$4096:c2FsdHNhbHRzYWx0c2FsdA==$3LkZaeeCfz9gGVMaVh5BrbbYg7VuLuHpnvYrxmgDHuM=:LGQG9yVGUzD9N9G7ogbY/GvGJ5tNeM4yfMtr4FqzOQQ=';
select rolpassword from pg_authid where rolname = 'regress_scram';
-- ALTER ROLE
alter role regress_r1 login createdb connection limit 5 valid until 'infinity';
select rolname, rolcanlogin, rolcreatedb, rolconnlimit, rolvaliduntil
  from pg_roles where rolname = 'regress_r1';
alter role regress_r1 nologin password null valid until '2031-01-01 00:00:00+00';
select rolname, rolcanlogin, rolpassword is null as no_password, rolvaliduntil
  from pg_authid where rolname = 'regress_r1';
alter role regress_nosuch login;
\echo :LAST_ERROR_SQLSTATE
alter user regress_u1 with superuser;
select rolsuper from pg_roles where rolname = 'regress_u1';
alter user regress_u1 nosuperuser;
alter role regress_r1 connection limit -5;
\echo :LAST_ERROR_SQLSTATE
-- RENAME
alter role regress_r1 rename to pg_regress_r;
\echo :LAST_ERROR_SQLSTATE
alter role regress_r1 rename to regress_r2;
\echo :LAST_ERROR_SQLSTATE
alter role regress_nosuch rename to regress_r9;
alter role regress_r1 rename to regress_r1b;
alter role regress_md5 rename to regress_md5_renamed;
select rolname, rolpassword from pg_authid where rolname like 'regress\_md5%' order by 1;
-- reserved names
create role "public";
create role none;
\echo :LAST_ERROR_SQLSTATE
-- DROP ROLE
drop role regress_nosuch;
\echo :LAST_ERROR_SQLSTATE
drop role if exists regress_nosuch, regress_nosuch2;
drop role current_user;
\echo :LAST_ERROR_SQLSTATE
drop role postgres;
\echo :LAST_ERROR_SQLSTATE
drop role pg_monitor;
\echo :LAST_ERROR_SQLSTATE
-- transactional
begin;
create role regress_tx;
select count(*) from pg_roles where rolname = 'regress_tx';
rollback;
select count(*) from pg_roles where rolname = 'regress_tx';
begin;
drop role regress_r1b;
rollback;
select count(*) from pg_roles where rolname = 'regress_r1b';
begin read only;
create role regress_ro;
\echo :LAST_ERROR_SQLSTATE
rollback;
drop role regress_r1b, regress_r2, regress_r3, regress_u1, regress_u2, regress_g1,
  regress_md5_renamed, regress_md5b, regress_scram, regress_sysid;
select count(*) from pg_authid where rolname like 'regress\_%';
