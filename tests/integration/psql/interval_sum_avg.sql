-- sum and avg over intervals: grouped, over windows, with NULLs, none, and
-- overflow.
create table iv (g int, d interval);
insert into iv values (1, '1 day 2 hours'), (1, '1 mon 3 days'), (1, null), (2, '-5 min'),
  (2, '1 year 1 mon 1 day 1 sec'), (2, '7 days 23:59:59.999999'), (3, null);
select g, sum(d), avg(d), count(d) from iv group by g order by g;
select sum(d), avg(d) from iv;
select sum(d), avg(d) from iv where false;
select g, d, sum(d) over (order by g, d nulls last rows between unbounded preceding and current row),
       avg(d) over (partition by g) from iv order by g, d nulls last;
select avg(x) from (values (interval '1 mon'), (interval '1 mon'), (interval '1 day')) v(x);
select avg(distinct x), sum(distinct x) from (values (interval '1 hour'), (interval '1 hour'), (interval '3 hours')) v(x);
select sum(x) from (values (interval '2147483647 days'), (interval '1 day')) v(x);
drop table iv;
