-- Hash joins: equality conditions (ON, USING, NATURAL, comma joins with
-- WHERE) of every join type, NULL keys (never match; outer rows kept),
-- extra non-equality conditions as join filters, cross-type keys (int4 =
-- int8, numeric 1.0 = 1.00, float4 = float8, text = varchar, bpchar
-- blanks), several keys, joins of joins.
create table hl (id int, k int, n numeric, t text, f float4, c char(4));
create table hr (id int, k bigint, n numeric, t varchar, f float8, c char(6));
insert into hl values (1, 1, 1.0, 'a', 0.5, 'x'), (2, 2, 2.50, 'b', 1.25, 'y '), (3, null, null, null, null, null),
  (4, 4, 4, 'd', -0.0, 'z'), (5, 2, 2.5, 'b', 1.25, 'y'), (6, 7, 7.000, 'g', 3, 'w');
insert into hr values (10, 1, 1.00, 'a', 0.5, 'x  '), (11, 2, 2.5, 'b', 1.25, 'y'), (12, null, null, null, null, null),
  (13, 5, 5, 'e', 0, 'v'), (14, 2, 2.500, 'B', 1.25, 'y'), (15, 4, 4.0, 'd', 0.0, 'z');
select hl.id, hr.id from hl join hr on hl.k = hr.k order by 1, 2;
select hl.id, hr.id from hl left join hr on hl.k = hr.k order by 1, 2;
select hl.id, hr.id from hl right join hr on hl.k = hr.k order by 1, 2;
select hl.id, hr.id from hl full join hr on hl.k = hr.k order by 1 nulls first, 2 nulls first;
select hl.id, hr.id from hl join hr on hl.n = hr.n order by 1, 2;
select hl.id, hr.id from hl full join hr on hl.n = hr.n order by 1 nulls first, 2 nulls first;
select hl.id, hr.id from hl join hr on hl.t = hr.t order by 1, 2;
select hl.id, hr.id from hl join hr on hl.f = hr.f order by 1, 2;
select hl.id, hr.id from hl join hr on hl.c = hr.c order by 1, 2;
select hl.id, hr.id from hl join hr on hl.c::text = hr.c::text order by 1, 2;
select hl.id, hr.id from hl join hr on hl.k = hr.k and hl.t = hr.t order by 1, 2;
select hl.id, hr.id from hl left join hr on hl.k = hr.k and hr.id > 10 order by 1, 2;
select hl.id, hr.id from hl right join hr on hl.k = hr.k and hl.id < 5 order by 1, 2;
select hl.id, hr.id from hl full join hr on hl.k = hr.k and hl.t <> hr.t order by 1 nulls first, 2 nulls first;
select hl.id, hr.id from hl join hr on hl.k = hr.k or hl.id = 1 order by 1, 2;
select hl.id, hr.id from hl join hr on hl.k + 1 = hr.k order by 1, 2;
select hl.id, hr.id from hl, hr where hl.k = hr.k and hl.t = 'b' order by 1, 2;
select hl.id, hr.id from hl, hr where hr.k = hl.k order by 1, 2;
select a.id, b.id, c.id from hl a, hr b, hl c where a.k = b.k and b.k = c.k order by 1, 2, 3;
select a.id, b.id, c.id from hl a join hr b on a.k = b.k left join hl c on c.n = b.n order by 1, 2, 3;
select * from hl join hr using (id) order by 1;
select k, hl.id, hr.id from hl join hr using (k) order by 1, 2, 3;
select k, hl.id, hr.id from hl full join hr using (k) order by 1 nulls first, 2 nulls first, 3 nulls first;
select k, t, hl.id, hr.id from hl natural join hr order by 1, 2, 3, 4;
select count(*), sum(hr.id) from hl join hr on hl.k = hr.k;
select hl.k, count(hr.id) from hl left join hr on hl.k = hr.k group by hl.k order by 1 nulls first;
select hl.id from hl where exists (select 1 from hr where hr.k = hl.k) order by 1;
-- bigger inputs: every row of the one side matches a few of the other
create table hbig (a int, b int);
insert into hbig select g, g % 100 from generate_series(1, 3000) g;
select count(*), sum(x.a), sum(y.a) from hbig x join hbig y on x.b = y.b where x.a <= 300;
select count(*) from hbig x left join hbig y on x.a = y.a + 2990;
select count(*) from hbig x full join hbig y on x.a = y.b;
