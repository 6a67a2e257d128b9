-- With enable_hashagg off, SELECT DISTINCT sorts and drops adjacent
-- duplicates (Unique over Sort), so its rows come out sorted.
create table ds (a int, b text, c float8);
insert into ds values (3, 'x', 1.5), (1, 'y', null), (2, 'x', 1.5), (1, 'y', null),
  (3, 'z', -0.0), (3, 'z', 0), (null, 'x', 2), (null, 'x', 2), (2, null, 1.5);
set enable_hashagg = off;
select distinct a from ds;
select distinct b, a from ds;
select distinct c from ds;
select distinct a, b from ds order by b desc, a;
select distinct a % 2 as m from ds order by m nulls first;
select distinct g % 5 from generate_series(0, 19) g;
select count(*) from (select distinct a, b, c from ds) s;
select distinct a, b from ds order by a limit 2;
select distinct a from ds order by a fetch first 1 rows with ties;
explain (costs off) select distinct a from ds;
explain (costs off) select distinct b, a from ds order by a;
explain (costs off) select distinct g % 1000 from generate_series(0, 9999) g;
reset enable_hashagg;
select count(*) from (select distinct a, b from ds) s;
explain (costs off) select distinct a from ds;
drop table ds;
