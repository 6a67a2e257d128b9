-- WHERE conditions over one side of an explicit JOIN: moved below the join
-- only where that cannot change the result (never onto the side an outer
-- join NULL-extends, where `IS NULL` tests find the missing matches).
create table jp_a (id int primary key, x int);
create table jp_b (id int primary key, a_id int, y int);
create table jp_c (id int primary key, b_id int, z int);
insert into jp_a select g, g % 5 from generate_series(1, 20) g;
insert into jp_b select g, g % 12, g % 3 from generate_series(1, 30) g;
insert into jp_c select g, g % 40, g % 4 from generate_series(1, 25) g;
-- preserved side of a LEFT JOIN
select a.id, b.id from jp_a a left join jp_b b on b.a_id = a.id where a.x = 1 order by 1, 2;
-- nullable side: anti-join and a condition that NULL-extended rows fail
select a.id from jp_a a left join jp_b b on b.a_id = a.id where b.id is null order by 1;
select a.id, b.id from jp_a a left join jp_b b on b.a_id = a.id where b.y = 2 order by 1, 2;
select a.id, b.y from jp_a a left join jp_b b on b.a_id = a.id and b.y = 2 where coalesce(b.y, 0) = 0 order by 1, 2;
-- RIGHT and FULL joins
select a.id, b.id from jp_a a right join jp_b b on b.a_id = a.id where b.y = 0 and a.id is null order by 2;
select a.id, b.id from jp_a a full join jp_b b on b.a_id = a.id where a.x = 3 or b.y = 1 order by 1, 2;
select count(*) from jp_a a full join jp_b b on b.a_id = a.id where a.id is null;
-- nested: the inner join under the nullable side of an outer join
select a.id, b.id, c.id from jp_a a left join (jp_b b join jp_c c on c.b_id = b.id) on b.a_id = a.id
  where a.x = 2 order by 1, 2, 3;
select a.id, b.id, c.id from jp_a a left join (jp_b b join jp_c c on c.b_id = b.id) on b.a_id = a.id
  where c.z is null and a.id < 6 order by 1, 2, 3;
select a.id, b.id, c.id from jp_a a join jp_b b on b.a_id = a.id left join jp_c c on c.b_id = b.id
  where b.y = 1 and a.x < 3 and coalesce(c.z, -1) <> 2 order by 1, 2, 3;
-- mixed with comma joins and USING
select count(*) from jp_a a join jp_b b on b.a_id = a.id, jp_c c where c.b_id = b.id and a.x = 4;
select a_id, count(*) from jp_b join (select id as a_id, x from jp_a) s using (a_id) where x > 2 group by a_id order by 1;
-- an error raised by a moved condition is still raised
select a.id from jp_a a left join jp_b b on b.a_id = a.id where 10 / (a.x - a.x) = 1;
drop table jp_a, jp_b, jp_c;
