-- Constant subexpressions are folded while planning, as PostgreSQL's
-- eval_const_expressions does: their errors come even when no row reaches
-- them, but CASE arms, COALESCE and AND/OR arguments that folding never
-- reaches are not evaluated.
create table pf (i int, f float8);
insert into pf values (1, 10.1), (2, 20.2), (3, -30.3), (4, null);
-- a reachable CASE arm is folded: the error comes at plan time
select case when i > 100 then 1/0 else 0 end from pf;
select case when i > 100 then 1 else 2/0 end from pf where false;
explain (costs off) select case when i > 100 then 1/0 else 0 end from pf;
-- unreachable arms are not
select case when 1 = 0 then 1/0 when 1 = 1 then 1 else 2/0 end;
select case 1 when 0 then 1/0 when 1 then 1 else 2/0 end;
select case when 1 = 0 then 1/0 when 1 = 1 then i else 2/0 end from pf;
select case i when 0 then 1 else 2 end, case 2 when 1 then 1/0 when 2 then i end from pf;
select case when null then 1/0 else i end from pf;
select case when i = 1 then 0 when true then i else 1/0 end from pf;
-- COALESCE stops at its first non-NULL constant
select coalesce(null, i, 1, 1/0) from pf where i = 1;
select coalesce(i, 1/0) from pf;
select coalesce(null, 2, 1/0) from pf;
-- AND / OR stop at a deciding constant
select i from pf where false and 1/0 = 1;
select i from pf where i > 0 or true or 1/0 = 1;
select i from pf where i > 0 and 1/0 = 1;
select i from pf where i > 0 or (1/0 = 1 and false);
-- WHERE and HAVING fold too
select i from pf where i = 1 or 1/0 = 1;
select count(*) from pf having 1/0 > 0;
select i, f from pf where i + 2147483647 > 0 and 2147483647 + 1 > 0;
-- overflow and casts
select case when i > 10 then 2147483647 + i else 0 end from pf;
select case when i > 10 then 32768::int2 else 0 end from pf;
select case when i > 10 then 'abc'::int else 0 end from pf;
-- volatile and stable functions (and stable casts) are not folded
select case when i > 10 then 1/(random()::int) else 0 end from pf;
select case when i > 10 then to_date('2020-99-99', 'YYYY-MM-DD') end from pf;
select case when i > 10 then '2020-13-45'::text::date end from pf;
select case when i > 10 then '2020-13-45'::date end from pf;
-- a WHERE that folds to FALSE or NULL reads nothing
select * from pf where nullif(1, 2) = 2;
select * from pf where nullif(1, 1) is not null;
select count(*) from pf where null::bool;
explain (costs off) select * from pf where nullif(1, 2) = 2;
explain (costs off) select * from pf where nullif(1, 1) is not null;
explain (costs off) select * from pf where 1 = 0;
explain (costs off) select i from pf where i > 1 and 1 = 0 order by i;
explain (costs off) select count(*) from pf where null::bool;
explain (costs off) select * from pf a, pf b where a.i = b.i and false;
explain (costs off) select i, sum(f) from pf where 1 = 0 group by i;
drop table pf;
