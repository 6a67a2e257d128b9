-- Scans decode only the columns a statement reads (the others stay NULL in
-- the scan's rows): every way a statement can read a column must still see
-- its value.
create table cp1 (id int primary key, a int, b text, c float8, d text);
create table cp2 (id int, x int, y text, w int);
create table cp3 (z int, note text);
insert into cp1 select g, g % 3, 'b' || g, g / 2.0, 'd' || (g % 4) from generate_series(1, 12) g;
insert into cp2 select g, g % 5, 'y' || g, g % 4 from generate_series(1, 15) g;
insert into cp3 values (0, 'zero'), (2, 'two'), (3, 'three');
-- select list, WHERE, ORDER BY, GROUP BY, HAVING, aggregates, DISTINCT
select b from cp1 where c > 4 order by d, id;
select a, count(*), max(b), sum(c) from cp1 group by a having min(d) < 'd2' order by a;
select distinct d from cp1 order by 1;
select count(distinct d), string_agg(b, ',' order by c desc) filter (where a = 1) from cp1;
-- *, t.*, whole rows, row values
select * from cp1 where id < 3 order by id;
select t.* from cp1 t where t.id = 5;
select t from cp1 t where id in (1, 7) order by id;
select (t).d from cp1 t where id = 2;
select row(b, d) from cp1 where id = 3;
-- joins: ON, USING, NATURAL, comma joins, outer joins, join aliases
select cp1.b, cp2.y from cp1 join cp2 on cp1.a = cp2.x and cp2.w = 1 order by cp1.id, cp2.id;
select id, b, y from cp1 join cp2 using (id) where w = 2 order by id;
select j.b, j.y from (cp1 join cp2 using (id)) as j where j.id between 3 and 5 order by j.b;
select id, a, d from cp1 natural join (select id, a as x from cp1) s order by id limit 3;
select p.d, q.note from cp1 p, cp3 q where p.a = q.z and p.id > 9 order by p.id;
select p.id, q.note from cp1 p left join cp3 q on q.z = p.a order by p.id limit 5;
select count(*), sum(p.c) from cp1 p full join cp2 q on p.id = q.id where q.y is null or p.b is null;
-- subqueries reading outer columns, correlated at depth, in the select list and WHERE
select id, (select max(y) from cp2 where cp2.x = cp1.a) from cp1 where id <= 4 order by id;
select id from cp1 where exists (select 1 from cp2 where cp2.w = cp1.a and cp2.y like '%' || cp1.d) order by id;
select id, b from cp1 where c > (select avg(c) from cp1 i where i.d = cp1.d) order by id;
-- a correlated subquery rerun per row (no hash lookup: not a plain equality)
-- whose own subquery reads its columns: each rerun binds it again and must
-- still decode them
select a.id,
       (select string_agg(coalesce((select c.note from cp3 c where c.z = b.w), '-'), ','
                          order by b.id)
          from cp2 b where b.x + 0 = a.a) as s
  from cp1 a order by a.id;
select a.id,
       (select max(b.y) from cp2 b
         where b.x < a.a and exists (select 1 from cp3 c where c.z = b.w)) as m
  from cp1 a order by a.id;
-- LATERAL, CTEs, set operations, window functions
select p.id, l.y from cp1 p, lateral (select y from cp2 where cp2.id = p.id + 1) l where p.id < 4 order by 1;
with s as (select d, c from cp1) select d, sum(c) from s group by d order by d;
select b from cp1 where id < 3 union all select y from cp2 where id < 3 order by 1;
select id, rank() over (partition by d order by c desc), lag(b) over (order by id) from cp1 order by id;
-- writes that read other tables' columns
create table cp_target (id int, v text);
insert into cp_target select id, b || d from cp1 where a = 0;
update cp_target t set v = t.v || '/' || s.y from cp2 s where s.id = t.id;
delete from cp_target t using cp2 s where s.id = t.id and s.w = 3;
select * from cp_target order by id;
-- a function body's query
create function cp_f(k int) returns text language sql as $$ select d from cp1 where id = k $$;
select cp_f(6), cp_f(7);
drop function cp_f(int);
drop table cp1, cp2, cp3, cp_target;
