-- Transactional DDL: CREATE/DROP/TRUNCATE in a block are visible to the
-- block and vanish on ROLLBACK.
begin;
create table t1 (a int primary key, b text);
insert into t1 values (1, 'x');
select * from t1;
rollback;
select * from t1;
create table t1 (a int primary key, b text);
insert into t1 values (1, 'x'), (2, 'y');
begin;
drop table t1;
select * from t1;
rollback;
select * from t1 order by a;
begin;
truncate t1;
select count(*) from t1;
insert into t1 values (3, 'z');
rollback;
select * from t1 order by a;
begin;
truncate t1;
insert into t1 values (3, 'z');
commit;
select * from t1 order by a;
-- create, fill, commit
begin;
create schema s2;
create table s2.t2 (id int primary key);
insert into s2.t2 select a from t1;
commit;
select * from s2.t2;
-- DDL after a savepoint
begin;
create table t3 (x int);
savepoint p;
drop table t3;
create table t3 (y text);
insert into t3 values ('after');
select * from t3;
rollback to p;
insert into t3 values (42);
select * from t3;
commit;
select * from t3;
-- a failing CREATE inside a block
begin;
create table t1 (a int);
create table t4 (a int);
rollback;
select * from t4;
-- DROP then re-CREATE of the same name in one block
begin;
drop table t3;
create table t3 (z bool);
insert into t3 values (true);
commit;
select * from t3;
drop table t3;
drop table t1;
drop table s2.t2;
drop schema s2;
