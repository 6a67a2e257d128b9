-- GRANT / REVOKE role membership, pg_auth_members, pg_has_role,
-- has_*_privilege for other roles, SET ROLE / SET SESSION AUTHORIZATION
-- and current_user / session_user. Every role made here is dropped at the end.
create role regress_m1;
create role regress_m2 in role regress_m1;
create role regress_m3 role regress_m2 admin regress_m1;
create role regress_m4 noinherit;
create role regress_su superuser;
select r.rolname as role, m.rolname as member, g.rolname as grantor, a.admin_option
  from pg_auth_members a join pg_roles r on r.oid = a.roleid
  join pg_roles m on m.oid = a.member join pg_roles g on g.oid = a.grantor
  order by 1, 2;
grant regress_m1 to regress_m2;
grant regress_m1 to regress_m1;
\echo :LAST_ERROR_SQLSTATE
grant regress_m2 to regress_m1;
\echo :LAST_ERROR_SQLSTATE
grant regress_m3 to regress_m4 with admin option;
grant regress_m3 to regress_m4 with admin option;
revoke regress_m2 from regress_m4;
revoke admin option for regress_m3 from regress_m4;
grant pg_database_owner to regress_m1;
grant regress_m1 to pg_database_owner;
grant regress_nosuch to regress_m1;
\echo :LAST_ERROR_SQLSTATE
grant regress_m1 to regress_nosuch;
grant regress_m1 to public;
grant pg_read_all_settings to regress_m4;
alter group regress_m1 add user regress_m4;
alter group regress_m1 drop user regress_m4, regress_m4;
select r.rolname as role, m.rolname as member, g.rolname as grantor, a.admin_option
  from pg_auth_members a join pg_roles r on r.oid = a.roleid
  join pg_roles m on m.oid = a.member join pg_roles g on g.oid = a.grantor
  order by 1, 2;
-- pg_has_role: MEMBER ignores INHERIT, USAGE does not
select pg_has_role('regress_m3', 'regress_m1', 'member') as m3_m1_member,
       pg_has_role('regress_m3', 'regress_m1', 'usage') as m3_m1_usage,
       pg_has_role('regress_m1', 'regress_m3', 'member') as m1_m3_member,
       pg_has_role('regress_m4', 'pg_read_all_settings', 'member') as m4_member,
       pg_has_role('regress_m4', 'pg_read_all_settings', 'usage') as m4_usage,
       pg_has_role('regress_m4', 'regress_m3', 'usage with admin option') as m4_admin,
       pg_has_role('regress_m1', 'regress_m3', 'member with admin option') as m1_admin,
       pg_has_role('regress_m1', 'member') as self_member,
       pg_has_role('regress_su', 'regress_m4', 'usage') as su_usage;
select pg_has_role('regress_m1', 'regress_m2', 'foo');
select pg_has_role('regress_nosuch', 'regress_m2', 'member');
-- privileges a role without grants has: PUBLIC's, and the owner's for members
create table regress_roles_t (a int);
select has_table_privilege('regress_m1', 'regress_roles_t', 'select') as t_select,
       has_table_privilege('regress_su', 'regress_roles_t', 'select,insert') as su_t,
       has_table_privilege('regress_m1', 'pg_class', 'select') as catalog_select,
       has_table_privilege('regress_m1', 'pg_class', 'insert') as catalog_insert,
       has_schema_privilege('regress_m1', 'public', 'usage') as public_usage,
       has_schema_privilege('regress_m1', 'public', 'create') as public_create,
       has_schema_privilege('regress_m1', 'pg_catalog', 'usage') as catalog_usage,
       has_database_privilege('regress_m1', current_database(), 'connect') as db_connect,
       has_database_privilege('regress_m1', current_database(), 'create') as db_create,
       has_table_privilege('regress_roles_t', 'select') as mine;
drop table regress_roles_t;
select has_table_privilege('regress_nosuch', 'pg_class', 'select');
-- current_user, session_user, SET ROLE
select current_user, session_user, current_role;
show role;
set role regress_su;
select current_user, session_user, current_role;
show role;
reset role;
select current_user;
set role regress_nosuch;
\echo :LAST_ERROR_SQLSTATE
set role none;
begin;
set local role regress_su;
select current_user;
commit;
select current_user;
begin;
set role regress_su;
select current_user;
rollback;
select current_user;
set session authorization regress_su;
select current_user, session_user;
show session_authorization;
set session authorization default;
select current_user, session_user;
set session authorization regress_nosuch;
\echo :LAST_ERROR_SQLSTATE
-- dropping a role drops its memberships
drop role regress_m2;
select count(*) from pg_auth_members a join pg_roles r on r.oid = a.member
  where r.rolname like 'regress\_%';
revoke pg_read_all_settings from regress_m4;
drop role regress_m1, regress_m3, regress_m4, regress_su;
select count(*) from pg_auth_members;
