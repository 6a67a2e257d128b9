-- Plan choice over ANALYZE's statistics, compared with PostgreSQL 15: the
-- access path (sequential, index, index-only, bitmap heap scan, primary key)
-- for point lookups, ranges, IN lists, ORDER BY ... LIMIT and partial
-- indexes, and the rows each plan returns. Tables stay under 30,000 rows so
-- ANALYZE reads every row on both servers.
create table pt (id int primary key, a int, b int, c text, d int);
insert into pt select g, g % 1000, g / 10, 'v' || (g % 50), (g * 7919) % 10000
  from generate_series(1, 10000) g;
create index pt_a on pt (a);
create index pt_b on pt (b);
create index pt_cd on pt (c, d);
analyze pt;
create table nopk (x int, y int, z text);
insert into nopk select g % 100, g, 'z' || g from generate_series(1, 5000) g;
create index nopk_x on nopk (x);
create index nopk_y on nopk (y);
analyze nopk;
-- point lookups and ranges
explain (costs off) select * from pt where id = 5;
explain (costs off) select * from pt where id < 100;
explain (costs off) select * from pt where id > 100;
explain (costs off) select * from pt where a = 5;
explain (costs off) select * from pt where a < 10;
explain (costs off) select * from pt where a < 500;
explain (costs off) select * from pt where b = 5;
explain (costs off) select * from pt where b < 50;
explain (costs off) select * from pt where b between 100 and 300;
explain (costs off) select * from pt where c = 'v3';
explain (costs off) select * from pt where c = 'v3' and d < 100;
explain (costs off) select * from pt where a in (1, 2, 3);
explain (costs off) select * from pt where a = 5 and d > 10;
explain (costs off) select * from nopk where x = 5;
explain (costs off) select * from nopk where y = 5;
explain (costs off) select * from nopk where y < 100;
explain (costs off) select * from nopk where z = 'z5';
-- index-only scans
explain (costs off) select a from pt where a < 10;
explain (costs off) select id from pt where id < 100;
explain (costs off) select c, d from pt where c = 'v3' and d < 100;
explain (costs off) select count(*) from pt where a = 5;
explain (costs off) select a from pt where a in (1, 42, 7) order by a;
-- after VACUUM the table counts as all-visible: index-only scans get cheaper
vacuum pt;
explain (costs off) select a from pt where a < 10;
explain (costs off) select c, d from pt where c = 'v3' and d < 100;
explain (costs off) select count(*) from pt where a = 5;
explain (costs off) select a from pt where a in (1, 42, 7) order by a;
-- ORDER BY served by an index, with and without LIMIT
explain (costs off) select * from pt order by a limit 5;
explain (costs off) select * from pt order by b limit 5;
explain (costs off) select * from pt order by b;
explain (costs off) select * from pt order by id limit 5;
explain (costs off) select * from pt order by d limit 5;
explain (costs off) select * from pt where c = 'v7' order by d limit 3;
-- the rows are the same whatever the path
select id, a, b from pt where a = 5 order by id;
select a from pt where a < 3 order by a;
select count(*), sum(d) from pt where c = 'v3' and d < 1000;
select id from pt order by a, id limit 3;
select id, a from pt order by a limit 4;
select * from pt where c = 'v7' order by d limit 3;
select x, y from nopk where y < 8;
select count(*) from nopk where x in (3, 5, 7);
-- enable_* settings
set enable_bitmapscan = off;
explain (costs off) select * from pt where a = 5;
set enable_indexscan = off;
explain (costs off) select * from pt where a = 5;
reset enable_bitmapscan;
reset enable_indexscan;
set enable_seqscan = off;
explain (costs off) select * from pt where a < 500;
reset enable_seqscan;
-- partial indexes
create table pp (id int primary key, a int, b text, flag bool);
insert into pp select g, g % 100, 'b' || g, g % 7 = 0 from generate_series(1, 5000) g;
create index pp_a_small on pp (a) where a < 10;
create index pp_b_flag on pp (b) where flag;
create unique index pp_u on pp (id) where a = 5;
analyze pp;
explain (costs off) select * from pp where a = 5;
explain (costs off) select * from pp where a = 50;
explain (costs off) select * from pp where a < 3;
explain (costs off) select * from pp where a = 5 and id = 105;
explain (costs off) select * from pp where b = 'b14' and flag;
explain (costs off) select count(*) from pp where not flag and b = 'b14';
select count(*) from pp where a = 5;
select count(*) from pp where a < 3;
update pp set a = 99 where id = 5;
update pp set a = 7 where id = 99;
select count(*) from pp where a = 5;
select count(*) from pp where a = 7;
insert into pp values (6000, 5, 'x', false);
insert into pp values (6001, 5, 'y', false);
insert into pp values (6001, 6, 'x', false);
delete from pp where id = 15;
select count(*) from pp where a = 5;
select id, b from pp where b = 'b14' and flag;
create index bad on pp (a) where random() > 0.5;
select pg_get_indexdef('pp_a_small'::regclass);
select pg_get_indexdef('pp_b_flag'::regclass);
alter table pp rename column a to aa;
select pg_get_indexdef('pp_a_small'::regclass);
explain (costs off) select * from pp where aa < 3;
select count(*) from pp where aa < 3;
alter table pp drop column flag;
select indexrelid::regclass::text from pg_index where indrelid = 'pp'::regclass order by 1;
-- default operator classes by name
create index pt_b2 on pt using btree (b int4_ops);
create index pt_c2 on pt (c text_ops);
create index pt_bad on pt (c int4_ops);
