-- Hash joins whose inner side outgrows work_mem (64kB: a grace join over
-- partition files) give PostgreSQL's rows: NULL keys on either side,
-- duplicate keys, every join type, text and multi-column keys, an empty
-- outer side, and extra quals beyond the hashed equality.
set work_mem = '64kB';
create table hl (id int, k int, t text, v int);
create table hr (id int, k int, t text, w int);
insert into hl select g, case when g % 11 = 0 then null else g % 3001 end,
  case when g % 13 = 0 then null else 'key ' || (g % 1709) end, g % 7
  from generate_series(1, 12000) g;
insert into hr select g, case when g % 17 = 0 then null else (g * 7) % 4001 end,
  case when g % 19 = 0 then null else 'key ' || (g % 2311) end, g % 5
  from generate_series(1, 15000) g;
create table hempty (id int, k int);
-- inner, duplicates on both sides
select count(*), sum(l.id), sum(r.id) from hl l join hr r on l.k = r.k;
-- outer joins keep the NULL-key rows of their side
select count(*), count(l.id), count(r.id), sum(l.id), sum(r.id) from hl l left join hr r on l.k = r.k;
select count(*), count(l.id), count(r.id), sum(l.id), sum(r.id) from hl l right join hr r on l.k = r.k;
select count(*), count(l.id), count(r.id), sum(l.id), sum(r.id) from hl l full join hr r on l.k = r.k;
select count(*) filter (where l.k is null), count(*) filter (where r.k is null) from hl l full join hr r on l.k = r.k;
-- text keys, two-column keys, a qual besides the keys
select count(*), sum(l.id) from hl l join hr r on l.t = r.t;
select count(*), count(r.id) from hl l left join hr r on l.t = r.t and l.v = r.w;
select count(*), count(l.id), count(r.id) from hl l full join hr r on l.k = r.k and l.v < r.w;
-- rows out of a spilled join, in order
select l.id, r.id, l.k from hl l join hr r on l.k = r.k order by l.id, r.id limit 8;
select l.id, r.id from hl l full join hr r on l.k = r.k where l.id is null order by r.id limit 5;
select l.id, r.id from hl l full join hr r on l.k = r.k where r.id is null order by l.id limit 5;
-- an empty outer (or inner) side
select count(*) from hempty e join hr r on e.k = r.k;
select count(*), count(r.id) from hempty e right join hr r on e.k = r.k;
select count(*), count(e.id) from hempty e full join hr r on e.k = r.k;
select count(*), count(e.id) from hr r left join hempty e on e.k = r.k;
-- grouped over the join, as an analytic query would
select r.w, count(*), sum(l.v) from hl l join hr r on l.k = r.k group by r.w order by r.w;
reset work_mem;
drop table hl, hr, hempty;
