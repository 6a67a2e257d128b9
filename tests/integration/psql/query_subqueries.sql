-- Subqueries used as expressions: scalar (SELECT ...), EXISTS, IN / NOT IN,
-- op ANY/SOME/ALL, row IN, ARRAY(SELECT ...); their NULL semantics;
-- correlation at depth 1, 2 and 3; subqueries in WHERE, HAVING, ORDER BY,
-- CASE, function arguments and DML; the errors.
create table dept (id int primary key, name text);
create table emp (id int primary key, name text, dept_id int, salary int);
create table nums (n int);
create table vals (v int);
create table empty_t (e int);
insert into dept values (1, 'eng'), (2, 'ops'), (3, 'empty');
insert into emp values (10, 'ann', 1, 100), (11, 'bob', 1, 120), (12, 'cy', 2, 90), (13, 'dee', null, 50);
insert into nums values (1), (2), (3), (null);
insert into vals values (2), (3), (4);
-- scalar subqueries
select (select 1);
select (select 1 as x);
select (select name from dept where id = 2);
select (select name from dept where id = 99) is null as missing;
select (select max(salary) from emp) as top, (select count(*) from dept);
select name, (select name from dept d where d.id = e.dept_id) as dept from emp e order by id;
select name from emp where salary > (select avg(salary) from emp) order by name;
select (select n from nums where n = 2) + 1;
select 1 + (select count(*) from emp) * 2;
-- EXISTS / NOT EXISTS
select exists (select 1 from emp);
select exists (select 1 from empty_t), not exists (select 1 from empty_t);
select name from dept d where exists (select 1 from emp e where e.dept_id = d.id) order by name;
select name from dept d where not exists (select 1 from emp e where e.dept_id = d.id) order by name;
select exists (select * from emp where salary > 1000);
-- IN / NOT IN with NULLs
select name from emp where dept_id in (select id from dept where name <> 'ops') order by name;
select name from emp where dept_id not in (select id from dept where name = 'ops') order by name;
select v, v in (select n from nums) as in_nums, v not in (select n from nums) as not_in_nums from vals order by v;
select v, v in (select n from nums where n is not null) as i, v not in (select n from nums where n is not null) as ni from vals order by v;
select null::int in (select n from nums) as a, null::int not in (select n from nums) as b;
select null::int in (select e from empty_t) as a, null::int not in (select e from empty_t) as b;
select 1 in (select e from empty_t) as a, 1 not in (select e from empty_t) as b;
select 2 in (select n from nums) as a, 5 in (select n from nums) as b;
select n from nums where n in (select v from vals) order by n;
select count(*) from nums where n not in (select v from vals);
select count(*) from vals where v not in (select n from nums);
select 1.0 in (select n from nums) as numeric_in, '2' in (select n::text from nums) as text_in;
select 2::bigint in (select n from nums) as big;
-- ANY / SOME / ALL
select v, v > any (select n from nums) as gt_any, v > all (select n from nums) as gt_all from vals order by v;
select v, v >= all (select n from nums where n is not null) as ge_all, v < some (select n from nums) as lt_some from vals order by v;
select 5 > all (select e from empty_t) as all_empty, 5 > any (select e from empty_t) as any_empty;
select null::int > all (select e from empty_t) as null_all_empty, null::int = any (select e from empty_t) as null_any_empty;
select v, v = any (select n from nums) as eq_any, v <> all (select n from nums) as ne_all from vals order by v;
select name from emp where salary >= all (select salary from emp) order by name;
select name from emp where salary < any (select salary from emp where dept_id = 1) order by name;
-- row IN
select (1, 10) in (select dept_id, id from emp) as a, (1, 12) in (select dept_id, id from emp) as b;
select (2, 12) not in (select dept_id, id from emp) as c;
select name from emp where (dept_id, salary) in (select dept_id, max(salary) from emp group by dept_id) order by name;
select (1, null::int) in (select 1, 2) as d, (1, null::int) not in (select 1, 2) as e, (2, null::int) in (select 1, 2) as f;
-- ARRAY(SELECT ...)
select array(select n from nums order by n);
select array(select name from dept order by id);
select array(select e from empty_t);
select d.name, array(select e.name from emp e where e.dept_id = d.id order by e.name) from dept d order by d.id;
-- in CASE, function arguments, ORDER BY, HAVING
select name, case when exists (select 1 from emp e where e.dept_id = d.id) then 'staffed' else 'empty' end from dept d order by id;
select upper((select name from dept where id = 1)), coalesce((select name from dept where id = 9), 'none');
select name from dept d order by (select count(*) from emp e where e.dept_id = d.id) desc, name;
select dept_id, sum(salary) from emp group by dept_id having sum(salary) > (select avg(salary) from emp) order by 1;
select dept_id, count(*) from emp group by dept_id having count(*) > (select count(*) from dept where id = 3) order by 1 nulls first;
select dept_id, (select name from dept where id = emp.dept_id) from emp group by dept_id order by 1 nulls first;
select d.name, (select sum(salary) from emp e where e.dept_id = d.id) as total from dept d order by d.id;
select (select count(*) from emp e where e.dept_id = d.id) as c, count(*) from dept d group by c order by c;
-- correlation at depth 2 and 3
select d.name from dept d where exists (select 1 from emp e where e.dept_id = d.id and exists (select 1 from emp e2 where e2.dept_id = d.id and e2.salary > e.salary)) order by 1;
select d.name, (select count(*) from emp e where e.dept_id = d.id and e.salary > (select min(salary) from emp e3 where e3.dept_id = d.id)) from dept d order by d.id;
select n, (select (select (select n + v from vals where v = 2))) from nums order by n;
select d.id, (select (select (select d.id * 100 + e.id from vals where v = 2) from dept d2 where d2.id = 1) from emp e where e.id = 10) from dept d order by d.id;
select e.name from emp e where e.salary = (select max(salary) from emp e2 where e2.dept_id = e.dept_id) order by 1;
-- outer names: local columns shadow outer ones; qualified outer references
select n, (select n from vals where v = 2) from nums order by 1;
select n, (select nums.n from vals where v = 2) from nums order by 1;
select id, (select id from dept where dept.id = emp.dept_id) from emp order by 1;
-- an aggregate over outer columns only belongs to the outer query
select (select max(salary)) from emp;
select dept_id, (select sum(e.salary) + count(*) from dept where id = 1) from emp e group by dept_id order by 1 nulls first;
select name from dept d where (select count(d.id) from emp) > 0 order by 1;
-- subqueries in FROM combined with subquery expressions
select s.x, (select count(*) from emp where dept_id = s.x) from (select id as x from dept) s order by 1;
select * from (select id, (select count(*) from emp e where e.dept_id = d.id) as c from dept d) s where c > 0 order by id;
-- uncorrelated subquery with volatile-free repeated evaluation
select count(*) from nums where n in (select v from vals where v in (select n from nums));
-- LATERAL
select d.name, s.total from dept d, lateral (select sum(salary) as total from emp e where e.dept_id = d.id) s order by d.id;
select d.name, s.name from dept d join lateral (select name from emp e where e.dept_id = d.id order by salary desc limit 1) s on true order by 1;
select d.name, s.name from dept d left join lateral (select name from emp e where e.dept_id = d.id order by salary desc limit 1) s on true order by 1;
select n, x from nums, lateral (select v * n as x from vals where v <= n) ss order by 1, 2;
select d.id, g from dept d, generate_series(1, d.id) g order by 1, 2;
select d.id, g from dept d join generate_series(d.id, 2) g on true order by 1, 2;
select d.id, g from dept d left join generate_series(d.id, 2) g on g > 1 order by 1, 2;
select n, (select sum(x) from generate_series(1, n) x) from nums order by 1;
-- DML
create table t (a int, b int);
insert into t values (1, (select max(n) from nums)), ((select count(*) from emp)::int, 0);
select * from t order by a;
update t set b = (select count(*) from vals where v > t.a) where a in (select n from nums);
select * from t order by a;
delete from t where exists (select 1 from vals where v = t.a);
select * from t order by a;
insert into t select n, (select v from vals where v = n) from nums where n is not null;
select * from t order by a, b;
delete from t where b is null and a not in (select v from vals);
select * from t order by a, b;
-- parameters inside subqueries of prepared statements
prepare above_avg(int) as select name from emp where salary > (select avg(salary) from emp where dept_id = $1) order by 1;
execute above_avg(1);
execute above_avg(2);
prepare has_emp(text) as select exists (select 1 from emp e join dept d on d.id = e.dept_id where d.name = $1);
execute has_emp('eng');
execute has_emp('empty');
prepare in_list(int) as select v from vals where v in (select n + $1 from nums) order by v;
execute in_list(1);
-- correlated subqueries over more rows (lookups and memoized runs)
create table big (k int, g int);
insert into big select i, i % 10 from generate_series(1, 2000) i;
select count(*) from big a where exists (select 1 from big b where b.k = a.g + 1);
select count(*) from big a where not exists (select 1 from big b where b.g = a.k and b.k > 1990);
select g, (select count(*) from big b where b.g = a.g and b.k < a.g * 100) from big a where k <= 10 order by k;
-- errors
select (select 1, 2);
select (select n from nums);
select array(select 1, 2);
select 1 in (select 1, 2);
select (1, 2) in (select 1);
select 1 = any (select 'a'::text);
select (select x from nums);
select (select nums.x from nums);
select n from nums where n = (select n from nums) ;
select dept_id, (select salary from emp e2 where e2.id = emp.id) from emp group by dept_id;
create table bad (a int check (a > (select 1)));
create table bad (a int default (select 1));
select exists (select nosuch from emp);
