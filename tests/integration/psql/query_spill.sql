-- work_mem = 64kB: sorts, hash joins, hash aggregates and DISTINCT that
-- outgrow it spill to temporary files and still give PostgreSQL's results.
set work_mem = '64kB';
show work_mem;
create table sp (id int, grp int, txt text, num numeric);
insert into sp select g, g % 997, 'row ' || (g * 7919 % 20011), (g % 101) * 1.5 from generate_series(1, 20000) g;
select id, txt from sp order by txt desc, id limit 5;
select id, txt from sp order by txt, id offset 19995;
select count(*), min(txt), max(txt) from (select txt from sp order by txt) s;
select grp, count(*), sum(num), min(txt) from sp group by grp order by grp limit 5;
select count(*) from (select grp, count(*) from sp group by grp) s;
select count(*) from (select txt, id % 3 from sp group by 1, 2) s;
select count(distinct txt), count(distinct grp) from sp;
select count(*) from (select distinct txt from sp) s;
select count(*), sum(a.id), sum(b.id) from sp a join sp b on a.id = b.id;
select count(*) from sp a left join sp b on a.id = b.grp;
select count(*), count(a.id), count(b.id) from sp a full join (select * from sp where id % 2 = 0) b on a.id = b.grp;
select a.grp, count(*) from sp a join sp b on a.id = b.id group by a.grp order by 2 desc, 1 limit 3;
select id, rank() over (partition by grp order by txt) from sp order by grp, txt, id limit 5;
reset work_mem;
show work_mem;
