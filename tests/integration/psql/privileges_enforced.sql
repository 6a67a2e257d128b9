-- Privileges enforced: a matrix of roles x objects x operations, switched
-- with SET ROLE / SET SESSION AUTHORIZATION. Owners (relowner, nspowner,
-- \dt), SELECT/INSERT/UPDATE/DELETE/TRUNCATE on tables and views (a view's
-- tables checked as the view's owner), UPDATE/DELETE ... WHERE and
-- RETURNING needing SELECT, USAGE and CREATE on schemas, ownership for
-- ALTER/DROP/CREATE INDEX, sequences, role membership with and without
-- INHERIT, ALTER ... OWNER TO. Every role and object is dropped at the end.
create role pe_owner;
create role pe_reader;
create role pe_writer;
create role pe_none;
create role pe_member;
create role pe_noinh noinherit;
grant pe_reader to pe_member;
grant pe_reader to pe_noinh;
create schema pe_s;
grant usage, create on schema pe_s to pe_owner;
-- objects created by a role are owned by it
set role pe_owner;
select current_user, session_user;
create table pe_s.t (a int primary key, b text);
create table pe_s.ser (id serial, x int);
create sequence pe_s.q;
create view pe_s.v as select a, b from pe_s.t;
insert into pe_s.t values (1, 'one'), (2, 'two');
grant select on pe_s.t to pe_reader;
grant insert, update on pe_s.t to pe_writer;
grant select on pe_s.v to pe_none;
grant insert on pe_s.ser to pe_writer;
reset role;
select c.relname, c.relkind, pg_get_userbyid(c.relowner) from pg_class c
  join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'pe_s' order by 1;
select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname in ('pe_s', 'public') order by 1;
\dt pe_s.*
\dp pe_s.*
-- no USAGE on the schema: qualified names fail, unqualified ones are not found
set role pe_reader;
select * from pe_s.t;
set search_path = pe_s, public;
select * from t;
reset search_path;
reset role;
grant usage on schema pe_s to pe_reader, pe_writer, pe_none;
-- a reader
set role pe_reader;
select * from pe_s.t order by a;
insert into pe_s.t values (3, 'x');
update pe_s.t set b = 'x';
delete from pe_s.t;
truncate pe_s.t;
select * from pe_s.v;
select nextval('pe_s.q');
select currval('pe_s.q');
select setval('pe_s.q', 5);
select * from pe_s.q;
create table pe_s.r (a int);
create table pe_r (a int);
create view pe_s.rv as select 1;
create sequence pe_s.rq;
drop table pe_s.t;
drop view pe_s.v;
drop sequence pe_s.q;
drop index pe_s.t_pkey;
alter table pe_s.t add column c int;
alter sequence pe_s.q restart;
create index on pe_s.t (b);
drop schema pe_s;
copy pe_s.t to stdout;
reset role;
-- a writer: INSERT and UPDATE, SELECT only through its reads
set role pe_writer;
insert into pe_s.t values (3, 'three');
insert into pe_s.t values (4, 'four') returning *;
update pe_s.t set b = 'all';
update pe_s.t set b = 'three' where a = 3;
update pe_s.t set b = b || '!';
update pe_s.t set b = 'x' returning a;
delete from pe_s.t where a = 3;
select * from pe_s.t;
insert into pe_s.ser (x) values (1);
reset role;
select * from pe_s.t order by a;
-- sequences: USAGE, SELECT, UPDATE (ON SEQUENCE, or ON TABLE naming one)
grant usage on sequence pe_s.q to pe_reader;
grant select on pe_s.q to pe_writer;
grant insert, update on pe_s.q to pe_writer;
grant all on sequence pe_s.q to pe_none;
grant insert on sequence pe_s.q to pe_none;
grant select on sequence pe_s.t to pe_none;
grant usage on pe_s.t to pe_none;
\dp pe_s.q
select has_table_privilege('pe_reader', 'pe_s.q', 'select'), has_table_privilege('pe_writer', 'pe_s.q', 'update'),
       has_table_privilege('pe_writer', 'pe_s.q', 'insert');
set role pe_reader;
select nextval('pe_s.q');
select currval('pe_s.q'), lastval();
select setval('pe_s.q', 10);
select last_value from pe_s.q;
set role pe_writer;
select setval('pe_s.q', 20);
select nextval('pe_s.q');
select last_value from pe_s.q;
select currval('pe_s.q');
reset role;
set role pe_owner;
grant usage on all sequences in schema pe_s to pe_writer;
reset role;
set role pe_writer;
insert into pe_s.ser (x) values (1);
reset role;
revoke usage on sequence pe_s.ser_id_seq from pe_writer;
select relname, relacl from pg_class where relname in ('q', 'ser_id_seq') order by 1;
-- a view reads its tables as its owner (statements prepared before SET ROLE
-- are checked as the role that executes them)
prepare pe_get(int) as select b from pe_s.t where a = $1;
prepare pe_scan as select count(*) from pe_s.t;
set role pe_none;
select * from pe_s.v order by a;
select * from pe_s.t;
-- a primary-key lookup (stratad's point-select fast path) is checked too
select * from pe_s.t where a = 1;
execute pe_get(1);
execute pe_scan;
reset role;
execute pe_get(1);
deallocate pe_get;
deallocate pe_scan;
-- membership: INHERIT passes privileges on, NOINHERIT does not
set role pe_member;
select count(*) from pe_s.t;
set role pe_noinh;
select count(*) from pe_s.t;
set role pe_reader;
select count(*) from pe_s.t;
reset role;
select has_table_privilege('pe_member', 'pe_s.t', 'select'),
       has_table_privilege('pe_noinh', 'pe_s.t', 'select'),
       has_table_privilege('pe_writer', 'pe_s.t', 'select, insert');
-- session authorization: the session and current user both change
set session authorization pe_reader;
select current_user, session_user;
select count(*) from pe_s.t;
insert into pe_s.t values (9, 'nine');
set role pe_writer;
set role pe_member;
reset session authorization;
select current_user, session_user;
-- the owner may do everything; a member of the owning role too
set role pe_owner;
alter table pe_s.t add column c int;
create index pe_t_b on pe_s.t (b);
select nextval('pe_s.q'), nextval('pe_s.ser_id_seq');
truncate pe_s.ser;
reset role;
grant pe_owner to pe_member;
set role pe_member;
alter table pe_s.t drop column c;
drop index pe_s.pe_t_b;
reset role;
-- ALTER ... OWNER TO
set role pe_reader;
alter table pe_s.t owner to pe_reader;
reset role;
alter table pe_s.ser owner to pe_writer;
alter schema pe_s owner to pe_owner;
select c.relname, pg_get_userbyid(c.relowner) from pg_class c
  join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'pe_s' order by 1;
select nspname, pg_get_userbyid(nspowner), nspacl from pg_namespace where nspname = 'pe_s';
\dp pe_s.ser
set role pe_writer;
insert into pe_s.ser (x) values (2) returning id;
reset role;
-- SET ROLE to a role the session user is not a member of
set session authorization pe_reader;
set role pe_writer;
set role pe_none;
reset session authorization;
-- clean up
drop schema pe_s cascade;
drop role pe_owner;
drop role pe_reader;
drop role pe_writer;
drop role pe_none;
drop role pe_member;
drop role pe_noinh;
