-- A session that ends inside a transaction block that did DDL, after it made
-- a temporary table: its block rolls back and its temporary schema is dropped
-- on disconnect, and the next session's DDL does not wait on it.
create temp table disconnect_tmp (a int);
begin;
create table disconnect_left_open (a int);
insert into disconnect_left_open values (1);
-- (quiet: the databases are named differently on the two servers)
\set QUIET on
\c
\set QUIET off
create table disconnect_after (a int);
select count(*) from pg_class where relname = 'disconnect_left_open';
drop table disconnect_after;
