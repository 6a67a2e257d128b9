-- A relation's name used as a value: its whole row as a record.
create table wr (a int, b text);
insert into wr values (1, 'x'), (2, null);
select wr from wr order by a;
select wr::text from wr order by a;
select w from wr w order by a;
select string_agg(w::text, ', ' order by a) from wr w;
select (wr).a, (wr).b from wr order by a;
select wr from wr where wr.a = 2;
-- A column of the same name wins over the relation.
create table wr2 (wr2 int, c text);
insert into wr2 values (7, 'y');
select wr2 from wr2;
select nope from wr;
drop table wr, wr2;
