-- EXPLAIN (VERBOSE) Output lists as PostgreSQL's create_plan builds them:
-- a scan below a Sort returns only the columns needed above it, sort-only
-- (resjunk) columns are listed up to the Limit, volatile and set-returning
-- select-list columns are evaluated after the Sort (Result / ProjectSet
-- above it: nextval runs only for the rows the LIMIT returns), GROUP BY
-- over an index's order is a GroupAggregate, and a subquery in FROM that
-- only passes its columns through is replaced by its plan (names then
-- qualified). Every query's rows follow its plan.
create table vt (unique1 int, unique2 int, two int, four int, ten int, thousand int,
                 tenthous int, s text);
insert into vt
  select (g * 3037) % 10000, (g * 7919) % 10000, g % 2, g % 4, g % 10, g % 1000, g,
         'v' || (g % 37)
  from generate_series(0, 9999) g;
create index vt_unique2 on vt (unique2);
create index vt_thous_tenthous on vt (thousand, tenthous);
vacuum analyze vt;
create sequence vseq;
-- volatile select list: evaluated in the scan when an index gives the
-- order, after the Sort otherwise
explain (verbose, costs off)
select unique1, unique2, nextval('vseq') from vt order by unique2 limit 10;
select unique1, unique2, nextval('vseq') from vt order by unique2 limit 10;
select currval('vseq');
explain (verbose, costs off)
select unique1, unique2, nextval('vseq') from vt order by tenthous limit 10;
select unique1, unique2, nextval('vseq') from vt order by tenthous limit 10;
select currval('vseq');
explain (verbose, costs off)
select unique1, nextval('vseq'), unique2 + ten from vt
  where unique2 < 300 order by tenthous desc, 1 limit 4;
select unique1, nextval('vseq'), unique2 + ten from vt
  where unique2 < 300 order by tenthous desc, 1 limit 4;
explain (verbose, costs off)
select random() >= 0 as r, ten from vt where unique2 < 20 order by ten, unique1 desc;
select random() >= 0 as r, ten from vt where unique2 < 20 order by ten, unique1 desc;
-- set-returning select list: ProjectSet above the Sort or the index scan
explain (verbose, costs off)
select unique1, unique2, generate_series(1, 3) from vt order by unique2 limit 7;
select unique1, unique2, generate_series(1, 3) from vt order by unique2 limit 7;
explain (verbose, costs off)
select unique1, unique2, generate_series(1, 3) from vt order by tenthous limit 7;
select unique1, unique2, generate_series(1, 3) from vt order by tenthous limit 7;
explain (verbose, costs off)
select unique1, generate_series(1, four) from vt order by tenthous desc limit 5;
select unique1, generate_series(1, four) from vt order by tenthous desc limit 5;
explain (verbose, costs off)
select generate_series(0, 2) as s1, generate_series((random() * .1)::int, 2) as s2
  order by s2 desc;
-- sort-only columns and what a scan below a Sort returns
explain (verbose, costs off) select unique1, unique2 from vt order by tenthous;
explain (verbose, costs off) select unique1 + 1, s from vt where unique2 < 5 order by tenthous;
select unique1 + 1, s from vt where unique2 < 5 order by tenthous;
explain (verbose, costs off) select unique1 from vt order by ten, tenthous desc limit 3;
select unique1 from vt order by ten, tenthous desc limit 3;
-- GROUP BY: sorted aggregation over the index's order, or hashed
explain (verbose, costs off)
select sum(tenthous) as s1, sum(tenthous) + random() * 0 as s2
  from vt group by thousand order by thousand limit 3;
select sum(tenthous) as s1, sum(tenthous) + random() * 0 as s2
  from vt group by thousand order by thousand limit 3;
explain (verbose, costs off)
select thousand, count(*) from vt group by thousand order by thousand desc limit 2;
select thousand, count(*) from vt group by thousand order by thousand desc limit 2;
explain (verbose, costs off) select sum(tenthous) from vt group by thousand;
explain (verbose, costs off) select ten, count(*) from vt group by ten order by ten;
select ten, count(*) from vt group by ten order by ten;
explain (verbose, costs off) select count(*) from vt group by four;
explain (verbose, costs off) select two, count(*) from vt group by two, two;
-- DISTINCT and subqueries in FROM
explain (verbose, costs off) select distinct two, four, two from vt;
explain (verbose, costs off) select count(*) from (select distinct two, four, two from vt) ss;
select count(*) from (select distinct two, four, two from vt) ss;
explain (verbose, costs off) select count(*) from (select distinct ten from vt) ss;
select count(*) from (select distinct ten from vt) ss;
-- views: a view read whole is its plan; one whose columns the nodes above
-- name is not supported yet (0A000)
create view vt_v as select unique1, ten * 2 as t2, s from vt where ten > 7;
explain (verbose, costs off) select * from vt_v;
create view vt_g as select ten, count(*) as c from vt group by ten;
explain (verbose, costs off) select * from vt_g;
select * from vt_g order by ten;
