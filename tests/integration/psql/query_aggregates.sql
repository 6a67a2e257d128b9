-- Aggregates, GROUP BY and HAVING: result types (sum(int4) -> bigint,
-- sum(int8) -> numeric, avg -> numeric/float8), NULL handling, DISTINCT
-- inside aggregates, aggregates over no rows, grouping errors (42803).
create table sales (id int primary key, region text, qty int, big int8, price numeric(8,2), w float8, ok bool, s int2);
insert into sales values
  (1, 'north', 3, 10, 1.50, 0.5, true, 1), (2, 'north', 5, 20, 2.25, 1.5, true, 2),
  (3, 'south', null, 30, null, null, false, 3), (4, 'south', 7, null, 9.99, 2.5, null, null),
  (5, null, 1, 40, 0.01, 1e10, true, 5), (6, 'east', 3, 9223372036854775807, 100, -1, false, 6),
  (7, 'east', 3, 9223372036854775807, 100, -1, true, 7);
select count(*), count(qty), sum(qty), avg(qty), min(qty), max(qty) from sales;
select sum(big), avg(big), sum(price), avg(price), sum(w), avg(w), sum(s), avg(s) from sales;
select bool_and(ok), bool_or(ok), every(ok) from sales;
select min(region), max(region), min(price), max(w) from sales;
select count(*), sum(qty), avg(qty), min(region), bool_and(ok) from sales where id > 100;
select region, count(*), sum(qty) from sales group by region order by region;
select region, count(*) as n from sales group by 1 order by n desc, region;
select region r, avg(price) from sales group by r order by r nulls first;
select qty % 2 as parity, count(*) from sales group by qty % 2 order by 1;
select qty % 2, count(*) from sales group by qty % 2 order by 1;
select region, sum(qty) from sales group by region having sum(qty) > 5 order by region;
select region from sales group by region having count(*) = 2 order by region;
select count(distinct qty), sum(distinct qty), avg(distinct qty), count(distinct region) from sales;
select region, count(distinct qty) from sales group by region order by region;
select ok, count(*) from sales group by ok order by ok;
select region, qty, count(*) from sales group by region, qty order by region, qty;
select count(*) + 1 as c1, sum(qty) * 2 from sales;
select region, max(qty) - min(qty) as spread from sales group by region order by spread, region;
select 1 as one from sales having count(*) > 3;
select count(*) from sales having count(*) > 100;
select region, count(*) from sales group by region order by count(*) desc, region limit 2;
select s.region, count(s.id) from sales s group by s.region order by 1;
select region || '!', count(*) from sales group by region || '!' order by 1;
select region, qty from sales group by region order by 1;
select region, count(*) from sales order by 1;
select id from sales where count(*) > 1;
select sum(count(*)) from sales;
select sum(region) from sales;
select region from sales group by 5;
select * from sales group by id, region, qty, big, price, w, ok, s order by 1;
select distinct region from sales order by region;
select distinct ok, qty % 2 from sales order by 1, 2;
select distinct region from sales order by qty;
select qty % 2, count(*) from sales group by sales.qty % 2 order by 1;
select s.region, count(*) from sales s group by region order by 1;
select count(*) from sales s1, sales s2 where s1.id = s2.id group by region order by region;
select region from sales order by count(*);
