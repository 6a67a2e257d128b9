-- Queries over inheritance hierarchies: views, subqueries, RETURNING tableoid,
-- psql's \d+ child lists and EXPLAIN's Append.
create table dp (a int, b text);
create table dc1 (c int) inherits (dp);
create table dc2 () inherits (dp);
insert into dc1 values (1, 'x', 2);
\d+ dp
\d+ dc1
create view dv as select * from dp;
select * from dv;
insert into dp values (3, 'y') returning tableoid::regclass, *;
select count(*) from dp where tableoid = 'dc1'::regclass;
select a, (select count(*) from dp d2 where d2.a <= d1.a) from dp d1 order by a;
select * from dp where a in (select a from only dc1);
explain (costs off) select * from dp;
drop view dv;
drop table dp cascade;
