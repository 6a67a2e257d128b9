-- UPDATE ... FROM and DELETE ... USING with RETURNING.
create table items (id int primary key, name text, price int);
create table changes (item_id int, new_price int, note text);
insert into items values (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (4, 'd', 40);
insert into changes values (1, 11, 'x'), (3, 33, 'y'), (9, 99, 'z');
update items set price = c.new_price from changes c where c.item_id = items.id;
select * from items order by id;
update items i set price = i.price + c.new_price from changes c where c.item_id = i.id returning i.id, i.price, c.note;
update items set price = 0 from changes where changes.item_id = items.id and changes.note = 'none';
select * from items order by id;
-- a target row joined to several rows is updated once
insert into changes values (1, 1000, 'again');
update items set name = name || '+' from changes c where c.item_id = items.id;
select * from items order by id;
update items set name = 'x' from items;
update items set name = 'x' from changes c where c.nosuch = 1;
update items set price = price from changes c, changes d where c.item_id = items.id and d.item_id = c.item_id and d.note = 'x' returning *;
-- several FROM items and joins
create table tags (item_id int, tag text);
insert into tags values (2, 'red'), (4, 'blue');
update items set name = t.tag from tags t join items i2 on i2.id = t.item_id where items.id = t.item_id returning items.*, t.tag;
select * from items order by id;
-- DELETE ... USING
delete from items using changes c where c.item_id = items.id and c.note = 'y' returning items.*, c.note;
select * from items order by id;
delete from items i using tags t where t.item_id = i.id returning *;
select * from items order by id;
delete from items using tags t where t.nosuch = 1;
delete from items using items;
delete from items using changes c, tags t where c.item_id = items.id;
select * from items order by id;
-- a table without primary key
create table nopk (a int, b int);
insert into nopk values (1, 1), (1, 2), (2, 3);
create table src2 (a int, v int);
insert into src2 values (1, 100), (2, 200);
update nopk set b = s.v from src2 s where s.a = nopk.a;
select * from nopk order by a, b;
delete from nopk using src2 s where s.a = nopk.a and s.v = 200;
select * from nopk order by a, b;
-- multiple-column assignment from a row
create table mu (a int, b int, c text);
insert into mu values (1, 2, 'x'), (3, 4, 'y');
update mu set (c, b) = ('car', a + b) where a = 1 returning *;
update mu set (c, b) = row('row', 5), a = default where a = 3 returning *;
update mu set (c) = row('one') where a = 1 returning *;
update mu set (c, b) = ('car', a + b, 1);
update mu set (c, b) = ('car');
update mu set (c, b) = ('car', 1), b = 2;
update mu set (c, b) = (m.c, m.b) from mu m where m.a is null and mu.a = 1 returning mu.*;
select * from mu order by a;
