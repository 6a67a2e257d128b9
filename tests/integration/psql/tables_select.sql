-- SELECT over a table: star expansion, aliases, qualified names, WHERE with
-- NULLs, ORDER BY by name/position/expression with NULLS FIRST/LAST, LIMIT.
create table people (id int primary key, name varchar(10), age int, score float8, bal numeric(10,2));
insert into people values
  (1, 'ann', 31, 1.5, 10.5), (2, 'bob', null, 2.25, -3), (3, 'cy', 25, null, null),
  (4, 'dee', 31, -0.5, 1000.01), (5, null, 40, 1e10, 0);
select * from people;
select p.* from people p where p.age > 30;
select people.name from people where people.id in (1, 3, 5);
select public.people.id from public.people where id = 2;
select id, age from people order by age;
select id, age from people order by age desc;
select id, age from people order by age nulls first, id desc;
select id, age from people order by age desc nulls last, id;
select id, name from people order by name;
select id, score from people order by score desc;
select id, bal from people order by bal;
select id, age * 2 as dbl from people order by dbl desc, 1 limit 3;
select id from people order by -id limit 2 offset 1;
select id from people order by id limit 0;
select id from people order by id offset 10;
select id from people order by id limit null;
select id, name from people where name is null or age is null order by id;
select id from people where age between 25 and 31 order by id;
select name || '!' as shout, age + 1 from people where id <= 2 order by id;
select id from people order by 0;
select id from people limit 'x';
select id, id from people order by id;
select name as id, id from people order by id;
select * from people p where people.id = 1;
update people set name = 'much too long name' where id = 1;
insert into people (id, name) values (6, 'exactlyten');
insert into people (id, bal) values (7, 123456789.999);
insert into people (id, bal) values (8, 12345678.999);
select id, name, bal from people where id >= 6 order by id;
drop table people;
-- primary-key equalities (narrowed to one key; WHERE still applies)
create table kv (k int primary key, v text);
insert into kv values (1, 'a'), (2, 'b'), (3, 'c'), (-4, 'd');
select * from kv where k = 2;
select * from kv where 3 = k;
select * from kv where k = 2.0;
select * from kv where k = 2.5;
select * from kv where k = 3000000000;
select * from kv where k = '3';
select * from kv where k = -4;
select * from kv where k = 2 and v = 'x';
select * from kv where k = 2 and k = 3;
select * from kv where k = null;
select * from kv x where x.k = 1;
update kv set v = 'B' where k = 2 returning *;
delete from kv where k = 3 returning *;
select * from kv order by k;
create table kv2 (a text, b int, c text, primary key (a, b));
insert into kv2 values ('x', 1, 'x1'), ('x', 2, 'x2'), ('y', 1, 'y1');
select * from kv2 where a = 'x' and b = 2;
select * from kv2 where b = 1 and a = 'y';
select * from kv2 where a = 'x' order by b;
drop table kv, kv2;
