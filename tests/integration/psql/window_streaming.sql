-- Window functions at partition edges, for a WindowAgg that works one
-- partition at a time: partitions of one row, empty input, NULL partition
-- keys, peer groups (ties) under RANGE / GROUPS frames, EXCLUDE, and a
-- partition far larger than a 64kB work_mem (which a streaming WindowAgg
-- must spill rather than hold).
create table ws (id int primary key, grp int, amount int, note text);
insert into ws values
  (1, 1, 10, 'a'), (2, 2, 5, 'b'), (3, 2, 5, 'c'), (4, 2, 7, 'd'),
  (5, null, 3, 'e'), (6, null, 3, 'f'), (7, 3, null, 'g'), (8, 3, null, 'h'),
  (9, 3, 1, 'i'), (10, 4, 2, 'j');
-- Partitions of one row (grp 1 and 4) next to larger ones; NULL keys form
-- their own partition, sorted last.
select id, grp, amount, row_number() over w, rank() over w, dense_rank() over w,
       percent_rank() over w, cume_dist() over w, ntile(2) over w
  from ws window w as (partition by grp order by amount, id) order by grp, amount, id;
select id, grp, lag(id) over w, lead(id) over w, lag(id, 2, -1) over w, lead(id, 2, -1) over w,
       first_value(id) over w, last_value(id) over w, nth_value(id, 2) over w
  from ws window w as (partition by grp order by id) order by id;
select id, grp, sum(amount) over (partition by grp), count(*) over (partition by grp order by amount)
  from ws order by id;
-- Empty input.
select id, row_number() over (partition by grp order by amount) from ws where id < 0;
select count(*), sum(rn) from (select row_number() over (partition by grp order by amount) as rn
  from ws where id < 0) s;
select sum(amount) over () from ws where false;
-- Peers under RANGE and GROUPS (NULL order keys are peers of each other).
select id, grp, amount,
       sum(id) over (partition by grp order by amount range between current row and current row),
       sum(id) over (partition by grp order by amount groups between 1 preceding and current row),
       count(*) over (partition by grp order by amount groups between current row and 1 following),
       sum(id) over (partition by grp order by amount range between 2 preceding and 2 following)
  from ws order by grp, amount, id;
select id, amount, min(id) over w, max(id) over w, rank() over w
  from ws window w as (order by amount nulls first groups between 1 preceding and 1 following)
  order by amount nulls first, id;
-- EXCLUDE.
select id, grp, amount,
       sum(id) over (partition by grp order by amount rows between unbounded preceding and unbounded following exclude current row),
       sum(id) over (partition by grp order by amount range between unbounded preceding and current row exclude group),
       sum(id) over (partition by grp order by amount groups between 1 preceding and 1 following exclude ties),
       count(*) over (partition by grp order by amount, id rows between 1 preceding and 1 following exclude no others)
  from ws order by grp, amount, id;
-- A partition far larger than work_mem, with peers: whole-partition functions
-- and UNBOUNDED FOLLOWING frames see every row.
set work_mem = '64kB';
create table big (id int, grp int, v int, pad text);
insert into big select i, i % 3, i % 97, repeat('x', 40) from generate_series(1, 30000) i;
select grp, count(*), sum(rn), sum(rk), sum(dr), max(nt), sum(pr)::numeric(20, 6), sum(cd)::numeric(20, 6),
       sum(lv), sum(tot), sum(lg), sum(ld)
  from (select grp,
               row_number() over w as rn, rank() over w as rk, dense_rank() over w as dr,
               ntile(7) over w as nt, percent_rank() over w as pr, cume_dist() over w as cd,
               max(id) over w as lv,
               sum(v) over (partition by grp order by v, id rows between unbounded preceding and unbounded following) as tot,
               lag(id, 3, 0) over (partition by grp order by id) as lg,
               lead(id, 5, 0) over (partition by grp order by id) as ld
          from big window w as (partition by grp order by v)) s
  group by grp order by grp;
select id, v, sum(v) over (order by v, id rows between 2 preceding and 2 following),
       sum(v) over (order by v groups between 1 preceding and 1 following exclude group)
  from big order by v, id offset 29990;
reset work_mem;
drop table big;
drop table ws;
