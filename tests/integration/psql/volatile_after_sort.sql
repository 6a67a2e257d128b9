-- Volatile select-list columns are evaluated after ORDER BY's sort (and only
-- for the rows a LIMIT lets through), as PostgreSQL's planner postpones them.
create table vs (a int, b int);
insert into vs values (3, 1), (1, 2), (2, 3), (1, 4), (5, 5), (4, 6);
create sequence vs_seq;
-- nextval numbers rows in output order
select a, nextval('vs_seq') from vs order by a, b;
select currval('vs_seq');
-- only the rows the LIMIT returns call nextval
select a, nextval('vs_seq') from vs order by a desc limit 2;
select currval('vs_seq');
select b, nextval('vs_seq') + a as x from vs order by b offset 2 limit 2;
select currval('vs_seq');
-- ordering by an input column not in the select list
select a, nextval('vs_seq') from vs order by b desc limit 3;
select currval('vs_seq');
-- ordering BY the volatile column: evaluated before the sort, for every row
select a, nextval('vs_seq') as n from vs order by n desc limit 1;
select currval('vs_seq');
select a, nextval('vs_seq') from vs order by 2 limit 1;
select currval('vs_seq');
-- grouped input
select a, count(*), nextval('vs_seq') from vs group by a order by a limit 2;
select currval('vs_seq');
-- DISTINCT evaluates every column before its sort
select distinct a, nextval('vs_seq') > 0 as pos from vs order by a limit 2;
select currval('vs_seq');
-- a volatile user-defined function is postponed too; an immutable one is not
create function vs_f(int) returns bigint language sql as 'select nextval(''vs_seq'') + $1 * 0';
create function vs_g(int) returns int language sql immutable as 'select $1 * 10';
select a, vs_f(a), vs_g(a) from vs order by a, b limit 2;
select currval('vs_seq');
-- the post-sort projection shows as Result
explain (costs off) select a, nextval('vs_seq') from vs order by a;
explain (costs off) select a, nextval('vs_seq') from vs order by a limit 2;
explain (costs off) select a + 1, nextval('vs_seq') + b from vs order by a + 1 limit 2;
explain (costs off) select a, nextval('vs_seq') from vs order by b;
explain (costs off) select a, random() > 2 from vs;
explain (costs off) select a, count(*), random() > 2 from vs group by a order by a;
explain (costs off) select a, vs_g(a) from vs order by a;
-- no ORDER BY: evaluated in scan order
select nextval('vs_seq') - currval('vs_seq') from vs limit 1;
drop function vs_f(int);
drop function vs_g(int);
drop table vs;
drop sequence vs_seq;
