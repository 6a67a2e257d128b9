-- Window functions: ranking, lag/lead, first/last/nth_value, aggregates over
-- windows, frames (ROWS / RANGE / GROUPS, offsets, EXCLUDE), named windows
-- and their copy rules, windows over grouped results, FILTER, and errors.
create table emp (id int primary key, dept text, salary int, hired date, bonus numeric(8,2), f float8);
insert into emp values
  (1, 'dev', 5000, '2020-01-10', 100.50, 1.5), (2, 'dev', 4200, '2020-03-01', null, 2.5),
  (3, 'dev', 5000, '2021-06-15', 75.25, null), (4, 'ops', 3900, '2019-11-30', 10, 0.5),
  (5, 'ops', 4100, '2020-01-10', 20, 1), (6, 'sales', 3000, '2022-02-02', null, 3),
  (7, 'sales', null, '2022-02-03', 5, 4), (8, null, 2500, '2018-05-05', 1, 2);
select id, dept, salary, row_number() over (order by id) from emp order by id;
select id, dept, salary, row_number() over (partition by dept order by salary desc, id),
       rank() over (partition by dept order by salary desc),
       dense_rank() over (partition by dept order by salary desc) from emp order by dept, id;
select id, salary, rank() over w, dense_rank() over w, percent_rank() over w, cume_dist() over w
  from emp window w as (order by salary) order by salary, id;
select id, ntile(3) over (order by id), ntile(2) over (partition by dept order by id) from emp order by id;
select id, lag(salary) over (order by id), lead(salary) over (order by id),
       lag(salary, 2) over (order by id), lead(salary, 2, -1) over (order by id),
       lag(dept, 1, 'none') over (order by id) from emp order by id;
select id, first_value(id) over w, last_value(id) over w, nth_value(id, 2) over w
  from emp window w as (partition by dept order by salary, id) order by id;
select id, sum(salary) over (), count(*) over (), avg(salary) over (), min(salary) over (), max(salary) over () from emp order by id;
select id, dept, sum(salary) over (partition by dept), count(salary) over (partition by dept) from emp order by id;
select id, salary, sum(salary) over (order by salary), count(*) over (order by salary) from emp order by salary, id;
select id, sum(salary) over (order by id rows between 1 preceding and 1 following) from emp order by id;
select id, sum(salary) over (order by id rows between unbounded preceding and current row),
       sum(salary) over (order by id rows between current row and unbounded following),
       sum(salary) over (order by id rows between 2 preceding and 1 preceding),
       sum(salary) over (order by id rows between 1 following and 3 following) from emp order by id;
select id, salary, sum(salary) over (order by salary range between 500 preceding and 500 following),
       count(*) over (order by salary range between current row and 1000 following),
       count(*) over (order by salary desc range between 300 preceding and current row)
  from emp order by salary nulls first, id;
select id, salary, count(*) over (order by salary groups between 1 preceding and 1 following),
       sum(salary) over (order by salary groups between current row and 1 following) from emp order by salary, id;
select id, salary, sum(salary) over (order by salary rows between unbounded preceding and unbounded following exclude current row),
       sum(salary) over (order by salary rows between unbounded preceding and unbounded following exclude group),
       sum(salary) over (order by salary rows between unbounded preceding and unbounded following exclude ties),
       sum(salary) over (order by salary rows between unbounded preceding and unbounded following exclude no others)
  from emp order by salary, id;
select id, hired, count(*) over (order by hired range between interval '30 days' preceding and current row) from emp order by hired, id;
select id, bonus, sum(bonus) over (order by bonus range between 10 preceding and 10 following) from emp order by bonus, id;
select id, f, sum(f) over (order by f range between 1 preceding and 0.5 following) from emp order by f, id;
select id, first_value(salary) over (order by id rows between 1 following and 2 following),
       last_value(salary) over (order by id rows between unbounded preceding and unbounded following),
       nth_value(salary, 3) over (order by id rows between unbounded preceding and unbounded following) from emp order by id;
select id, bool_and(salary > 3000) over (order by id), bool_or(salary > 4500) over (order by id), every(salary > 1000) over () from emp order by id;
select id, count(*) filter (where salary > 4000) over (order by id), sum(salary) filter (where dept = 'dev') over () from emp order by id;
select dept, sum(salary), sum(sum(salary)) over (), rank() over (order by sum(salary) desc) from emp group by dept order by dept;
select dept, count(*), row_number() over (order by count(*), dept) from emp group by dept order by dept;
select id, sum(salary) over w1, count(*) over w2 from emp window w1 as (partition by dept), w2 as (w1 order by id) order by id;
select id, sum(salary) over (w order by id) from emp window w as (partition by dept) order by id;
select id, sum(salary) over (w rows between current row and 1 following) from emp window w as (order by id) order by id;
select id, row_number() over (order by salary desc nulls last, id) from emp order by id;
select id, salary, row_number() over (order by id) * 10 as rn10 from emp order by rn10 desc limit 3;
select id from emp order by row_number() over (order by salary, id) desc limit 3;
select id, ntile(3) over w, percent_rank() over w, cume_dist() over w, avg(f) over w, sum(bonus) over w
  from emp window w as (order by id) order by id;
create table emp_types as select row_number() over () as rn, rank() over () as r, ntile(2) over () as nt,
  sum(salary) over () as s, avg(salary) over () as a, percent_rank() over () as pr from emp;
select rn + 9223372036854775800 as rn_is_bigint, nt + 2147483640 as nt_is_int4 from emp_types order by rn limit 1;
select rn + 9223372036854775807 from emp_types limit 1;
select nt + 2147483647 from emp_types limit 1;
select id, interval '1 day' * id as iv, count(*) over (order by interval '1 day' * id range between interval '36 hours' preceding and interval '1 day' following) from emp order by id;
select id, lag(id, -1) over (order by id), lead(id, 0) over (order by id), lag(id, null) over (order by id) from emp order by id;
select id, ntile(null) over (order by id) from emp order by id;
select id, nth_value(id, null) over (order by id) from emp order by id;
-- errors
select id from emp where row_number() over () > 1;
select dept from emp group by dept having rank() over () > 1;
select dept from emp group by row_number() over ();
select abs(salary) over () from emp;
select row_number() from emp;
select sum(row_number() over ()) from emp;
select row_number() over (order by lag(id) over ()) from emp;
select count(distinct id) over () from emp;
select sum(salary) over w from emp;
select sum(salary) over (w partition by id) from emp window w as (order by id);
select sum(salary) over (w order by id) from emp window w as (order by salary);
select sum(salary) over (w) from emp window w as (order by id rows unbounded preceding);
select sum(salary) over (w order by id) from emp window w as (rows unbounded preceding);
select sum(salary) over (rows between -1 preceding and current row) from emp;
select sum(salary) over (order by id rows between current row and -1 following) from emp;
select sum(salary) over (order by id rows between null preceding and current row) from emp;
select sum(salary) over (order by salary range between -1 preceding and current row) from emp;
select sum(salary) over (range between 1 preceding and current row) from emp;
select sum(salary) over (order by dept range between 1 preceding and current row) from emp;
select sum(salary) over (groups between 1 preceding and current row) from emp;
select ntile(0) over () from emp;
select nth_value(id, 0) over () from emp;
select row_number() over (), salary from emp group by dept;
select rank(id) over () from emp;
select lead(id, 1, 'x') over () from emp;
