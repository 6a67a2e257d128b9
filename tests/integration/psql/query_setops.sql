-- Set operations: UNION / INTERSECT / EXCEPT [ALL], nesting and parentheses,
-- ORDER BY / LIMIT / OFFSET on the whole, result types and unknown literals,
-- NULLs as equal, the ALL counting rules, VALUES as an operand and a table,
-- set operations as subqueries, views, CREATE TABLE AS and INSERT ... SELECT,
-- and PostgreSQL's errors.
create table a (id int primary key, x int, t text);
create table b (id int primary key, x bigint, t varchar(5));
insert into a values (1, 1, 'one'), (2, 2, 'two'), (3, 2, 'two'), (4, null, null), (5, 3, 'three'), (6, null, null);
insert into b values (1, 2, 'two'), (2, 2, 'two'), (3, 4, 'four'), (4, null, null), (5, 2, 'two');
select x from a union select x from b order by 1;
select x from a union all select x from b order by x nulls first;
select x from a intersect select x from b order by 1;
select x from a intersect all select x from b order by 1;
select x from a except select x from b order by 1;
select x from a except all select x from b order by 1;
select x from b except all select x from a order by 1;
select x, t from a union select x, t from b order by x, t;
select t from a intersect all select t from b order by t;
select t from b except all select t from a order by t;
-- result types: select_common_type per column
select 1 as n union select 2.5 order by 1;
select 1 union all select 2::bigint order by 1;
select 'a' union select 'b' order by 1;
select 1 union select '2' order by 1;
select null union select 1 order by 1;
select null union select null;
select 'x'::varchar(3) as v union select 'yy' order by 1;
select t from b union select 'zzzzzzz' order by 1;
select 1.5::numeric(3,1) union all select 2.25::numeric(4,2) order by 1;
select now()::date - now()::date as d union select 3 order by 1;
-- nested and parenthesized; INTERSECT binds tighter than UNION
select 1 union select 2 intersect select 2 order by 1;
(select 1 union select 2) intersect select 2;
select 1 union all (select 1 union all select 2) order by 1;
select 1 except select 2 except select 1;
(select x from a order by x limit 2) union all (select x from b order by x desc limit 1) order by 1;
select x from a union select x from b order by x desc limit 2 offset 1;
select x from a union select x from b order by 1 fetch first 2 rows only;
select x from a union all select x from b order by 1 fetch first 1 rows with ties;
select x from a union all select x from b limit 3 offset 100;
-- output names from the leftmost SELECT
select 1 as first, 2 as second union select 3 as third, 4 union select 5, 6 order by second;
select id as k from a except select id from b order by k;
-- VALUES as an operand, as a table, with ORDER BY / LIMIT
values (1, 'a'), (2, 'b') union values (1, 'a') order by 1;
values (3), (1), (2) order by 1 desc;
values (3), (1), (2) order by column1 limit 2;
values (3), (1), (2) offset 1;
values (1, 'b'), (2, 'a'), (3, 'b') order by column1 * -1;
values (1, 'b'), (2, 'a'), (3, 'b') order by column2 || 'x', column1 desc;
values (1, 'b'), (2, 'a'), (3, 'b') order by column2 fetch first 1 row with ties;
values (1), (2) order by nope;
select * from (values (1, 'one'), (2, 'two')) as v(n, name) order by n;
select v.* from (values (1), (2)) v union select 3 order by 1;
select x from a union values (10), (20) order by 1;
-- in FROM, views, CREATE TABLE AS, INSERT ... SELECT
select count(*), sum(u) from (select x from a union select x from b) s(u);
select * from (select 1 as c union all select 2 order by 1 desc limit 1) s;
create view v_union as select id, t from a union select id, t from b;
select * from v_union order by id, t;
create table c as select x, t from a union select x, t from b;
select * from c order by x, t;
insert into c select 100, 'hundred' union all select 101, 'hundred one';
select count(*) from c;
with w as (select 1 as q union select 2) select * from w order by q;
-- NULLs are equal for duplicate elimination
select null::int union select null::int union select 1 order by 1;
select x, t from a intersect select x, t from b order by 1;
-- errors
select 1 union select 1, 2;
select 1, 2 intersect select 1;
select 1 union select 'a';
select 1 union select 'x'::text;
select x from a except select t from b;
select 1 as a union select 2 order by a + 1;
select 1 as a union select 2 order by b;
select 1 as a union select 2 order by 3;
select x from a union select x from b order by a.x;
select x from a union select x from b for update;
select 1 union select 2 limit -1;
-- a view over a set operation depends on every operand's table
create table d1 (v int);
create table d2 (v int);
create view v_dep as select v from d1 union select v from d2;
drop table d2;
drop table d2 cascade;
select * from v_dep;
-- prepared
prepare p1 as select $1::int as n union select 2 order by 1;
execute p1(1);
execute p1(2);
prepare p2(int) as with w as (select $1 as a union all select $1 + 1) select * from w order by a desc limit 1;
execute p2(10);
prepare p3 as select x from a intersect select $1::int;
execute p3(2);
