-- A partitioned table with one partition, whose columns lie in another
-- order than the parent's (a dropped column, a different column order):
-- rows come back in the parent's layout, with the partition's tableoid.
create table sp (a int, b text, primary key (a, b)) partition by range (a);
create table sp1 partition of sp for values from (0) to (100000);
insert into sp values (0, 'zero'), (42, 'life'), (7, 'seven');
select tableoid::regclass, * from sp order by a;
create unique index on sp (a);
select tableoid::regclass, * from sp order by a;
select * from sp where a = 42;
select b from sp where a > 5 order by a;
drop table sp;
create table sq (a int, b text, c numeric) partition by list (a);
create table sq1 (x int, c numeric, b text, a int);
alter table sq1 drop column x;
alter table sq attach partition sq1 for values in (1, 2, 3);
insert into sq values (1, 'one', 1.5), (2, 'two', 2.5), (3, null, null);
select tableoid::regclass, * from sq order by a;
select a, c from sq where b = 'two';
select count(*), sum(c) from sq;
select * from sq where a = 3;
explain (costs off) select * from sq where a = 2;
select * from sq1 order by a;
drop table sq;
