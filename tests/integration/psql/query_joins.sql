-- Joins: cross products, [INNER] JOIN ON, LEFT/RIGHT/FULL [OUTER] JOIN,
-- USING (merged columns and *), qualified names, ambiguity errors (42702),
-- joins under aggregates.
create table dept (id int primary key, name text);
create table emp (id int primary key, name text, dept_id int, salary int);
create table proj (pid int primary key, emp_id int, title text);
insert into dept values (1, 'eng'), (2, 'ops'), (3, 'empty');
insert into emp values (10, 'ann', 1, 100), (11, 'bob', 1, 120), (12, 'cy', 2, 90), (13, 'dee', null, 50);
insert into proj values (100, 10, 'db'), (101, 10, 'ui'), (102, 12, 'ops'), (103, 99, 'ghost');
select * from dept, proj where dept.id = 1 order by pid;
select d.name, e.name from dept d, emp e where e.dept_id = d.id order by 1, 2;
select d.name, e.name from dept d join emp e on e.dept_id = d.id order by 1, 2;
select d.name, e.name from dept d inner join emp e on e.dept_id = d.id and e.salary > 95 order by 1, 2;
select d.name, e.name from dept d left join emp e on e.dept_id = d.id order by 1, 2;
select d.name, e.name from dept d right join emp e on e.dept_id = d.id order by 1, 2;
select d.name, e.name from dept d full join emp e on e.dept_id = d.id order by 1 nulls first, 2;
select e.name, p.title from emp e left outer join proj p on p.emp_id = e.id order by 1, 2;
select e.name, p.title from emp e full outer join proj p on p.emp_id = e.id order by 1, 2;
select count(*) from dept cross join emp;
select d.name, e.name, p.title from dept d join emp e on e.dept_id = d.id join proj p on p.emp_id = e.id order by 3;
select d.name, e.name, p.title from dept d left join emp e on e.dept_id = d.id left join proj p on p.emp_id = e.id order by 1, 2, 3;
create table a (x int, y text);
create table b (x int, z text);
insert into a values (1, 'a1'), (2, 'a2'), (null, 'anull');
insert into b values (2, 'b2'), (3, 'b3'), (null, 'bnull');
select * from a join b using (x) order by x;
select * from a left join b using (x) order by y;
select * from a right join b using (x) order by z;
select * from a full join b using (x) order by x, y, z;
select x, a.x, b.x from a full join b using (x) order by 1, 2, 3;
select a.*, b.z from a join b using (x);
select d.name as dept, count(e.id), sum(e.salary) from dept d left join emp e on e.dept_id = d.id group by d.name order by 1;
select name from dept, emp;
select id from dept join emp on dept_id = dept.id;
select * from a join b using (q);
select * from a join b using (x, x);
select * from dept, dept;
select * from dept d join emp e on count(*) > 1;
select * from a join b on a.x = b.x and c.x = 1;
select * from a join b on a.x;
-- NATURAL JOIN (USING the common columns, in the left side's order) and an
-- alias on a join
create table na (id int, x int, y int);
create table nb (id int, y int, z int);
insert into na values (1, 1, 1), (2, 2, 2), (3, null, 3);
insert into nb values (1, 1, 5), (2, 3, 6), (4, 4, 7);
select * from na natural join nb order by id;
select * from na natural left join nb order by id, y;
select * from na natural right join nb order by id, y;
select * from na natural full join nb order by id, y;
select * from na natural join (select 1 as q) s order by id;
select * from dept natural join dept d2 order by id;
select j.* from (na join nb using (id)) as j order by 1;
select j.x, j.z from (na join nb using (id)) j order by 1;
select * from (na join nb on na.id = nb.id) as j(a, b, c, d, e, f) order by a;
select * from (na natural join nb) as j(k) order by k;
select * from (na join nb using (id)) as j(a, b, c, d, e, f);
select j.id from (na natural join nb) j, (na natural join nb) j;
