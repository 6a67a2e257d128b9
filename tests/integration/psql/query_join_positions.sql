-- Joins that are not the first FROM item (a, b JOIN c ON ...): their ON and
-- USING columns are read at the slots after the items before them.
create table a (id int primary key, v int);
create table b (id int primary key, w int);
create table c (id int primary key, bid int, z text);
insert into a values (1, 10), (2, 20);
insert into b values (1, 100), (2, 200), (3, 300);
insert into c values (1, 1, 'x'), (2, 3, 'y'), (3, 9, 'z');
select a.id, b.id, c.z from a, b join c on c.bid = b.id order by 1, 2, 3;
select a.id, b.id, c.z from a, b left join c on c.bid = b.id order by 1, 2, 3;
select a.id, b.id, c.z from a cross join b join c on c.bid = b.id and a.id = 1 order by 1, 2, 3;
select * from a join b on a.id = b.id join c on c.bid = b.id order by 1;
select * from a, b, c where c.bid = b.id and a.v = 10 order by 1, 3, 5;
select a.id, x.* from a, (b join c on c.bid = b.id) x order by 1, 2;
select a.id, id, w, z from a, b join c using (id) order by 1, 2;
select * from a, b natural left join c order by 1, 3;
select a.id, b.id, c.z from c, a full join b on a.id = b.id order by 1, 2, 3;
