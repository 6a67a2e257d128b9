-- Table errors with every field shown (SQLSTATE, DETAIL, HINT, SCHEMA/TABLE/
-- COLUMN/CONSTRAINT NAME); LOCATION lines are masked by the runner.
\set VERBOSITY verbose
create schema app;
create table app.acct (id int primary key, owner text not null, bal numeric(6,2) check (bal >= 0));
insert into app.acct values (1, 'a', 10);
insert into app.acct values (1, 'b', 5);
insert into app.acct values (2, null, 5);
insert into app.acct values (2, 'c', -1);
insert into app.acct values (2, 'c', 10000);
insert into app.acct values (2, 'c', 'x');
insert into app.acct (id, owner, bal) values (2, 'c', true);
select * from app.nosuch;
select nosuch from app.acct;
create table app.acct (x int);
drop table app.nosuch;
drop table if exists app.nosuch, nosuch.x;
create table if not exists app.acct (x int);
create schema if not exists app;
drop schema app;
drop schema app cascade;
