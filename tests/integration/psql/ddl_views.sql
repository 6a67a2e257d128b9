-- Views: CREATE [OR REPLACE] VIEW, SELECT from views (also joined, nested
-- and filtered), subqueries in FROM, DROP VIEW, dependencies on DROP TABLE.
create table emp (id int primary key, name text, dept int, salary numeric(8,2));
create table dept (id int primary key, title text);
insert into emp values (1, 'ann', 10, 100), (2, 'bob', 20, 200), (3, 'cy', 10, 300), (4, 'di', null, 50);
insert into dept values (10, 'eng'), (20, 'ops');
create view rich as select id, name, salary from emp where salary >= 100;
select * from rich order by id;
select name from rich where salary > 150 order by name;
create view v_named (emp_id, emp_name) as select id, name from emp;
select * from v_named order by emp_id;
select emp_name from v_named v where v.emp_id = 2;
create view v_join as select e.name, d.title from emp e join dept d on d.id = e.dept;
select * from v_join order by name;
create view v_agg as select dept, count(*) as n, sum(salary) as total from emp group by dept;
select * from v_agg order by dept;
-- views over views, joined with tables
create view v_nested as select r.name, d.title from rich r join emp e on e.id = r.id left join dept d on d.id = e.dept;
select * from v_nested order by name;
select r.name, a.n from rich r, v_agg a where a.dept = 10 order by r.name;
-- a view sees the current rows
insert into emp values (5, 'eve', 20, 500);
select * from rich order by id;
update emp set salary = 10 where id = 1;
select count(*) from rich;
-- constants, unknown literals become text
create view v_const as select 1 as one, 'text' as t, 2.5 as n;
select one + 1 as two, t || '!' as t2, n from v_const;
-- subqueries in FROM
select * from (select id, name from emp where id < 3) as s order by id;
select s.x, s.y from (select id, name from emp) as s(x, y) where s.x = 2;
select count(*) from (select dept from emp group by dept) d;
select * from (select 1 as a, 2 as b) s(x, y, z);
select * from (select id from emp) s, (select id from dept) s;
-- OR REPLACE
create view v_rep as select id, name from emp;
create or replace view v_rep as select id, name, salary from emp where id = 1;
select * from v_rep;
create or replace view v_rep as select id from emp;
create or replace view v_rep as select id, dept from emp;
create or replace view v_rep as select id, name::varchar(3), salary from emp;
create view v_rep as select 1;
create view emp as select 1;
create view v_bad as select nosuch from emp;
create view v_bad (a, b) as select 1;
create view v_bad as select 1 as a, 2 as a;
create table v_rep (a int);
-- the new column of a table does not change a view's columns
create view v_star as select * from dept;
alter table dept add column floor int default 3;
select * from v_star order by id;
-- DROP VIEW and dependencies
drop table emp;
drop view rich;
drop table dept;
drop view nosuch;
drop view if exists nosuch;
drop view emp;
drop table v_star;
drop view v_star;
drop view v_nested, rich;
select * from rich;
drop table dept cascade;
drop view v_agg cascade;
drop table emp cascade;
create schema vs;
create table vs.t (a int);
create view vs.v as select a from vs.t;
create view v_other as select * from vs.v;
drop table vs.t;
drop schema vs;
drop schema vs cascade;
select * from v_other;
