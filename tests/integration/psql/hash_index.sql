-- CREATE INDEX ... USING hash: an index that answers equality alone, as
-- PostgreSQL's hash access method. What it refuses (uniqueness, several
-- columns, INCLUDE, ASC/DESC and NULLS options), how the catalog shows it
-- (pg_indexes, pg_am, \d), the plans that use it (col = constant, a join
-- lookup) and those that cannot (ranges, IS NULL, ORDER BY), and rows that
-- stay right through writes. Plans and rows must match PostgreSQL's.
create table hx (a int, b int, t text, u uuid);
insert into hx select g, g % 10, 'x' || g, md5(g::text)::uuid from generate_series(1, 10000) g;
insert into hx (b) values (1), (2);
create index hx_bad on hx using hash (a desc);
create index hx_bad on hx using hash (a asc);
create index hx_bad on hx using hash (a nulls first);
create index hx_bad on hx using hash (a, b);
create unique index hx_bad on hx using hash (a);
create index hx_bad on hx using hash (a) include (b);
create index hx_bad on hx using hash (a int8_ops);
create index hx_a on hx using hash (a);
create index hx_t on hx using hash (t text_ops);
create index hx_u on hx using hash (u);
create index hx_b_part on hx using hash (b) where b > 5;
create index on hx using hash ((a + b));
select indexdef from pg_indexes where tablename = 'hx' order by 1;
select c.relname, a.amname from pg_class c join pg_am a on a.oid = c.relam
  where c.relname like 'hx%' order by 1;
\d hx
vacuum analyze hx;
explain (costs off) select * from hx where a = 42;
select * from hx where a = 42;
explain (costs off) select b from hx where t = 'x77';
select b from hx where t = 'x77';
explain (costs off) select a from hx where u = 'e4da3b7f-bbce-2345-d777-2b0674a318d5';
select a from hx where u = 'e4da3b7f-bbce-2345-d777-2b0674a318d5';
explain (costs off) select a from hx where b = 7 and a = 17;
explain (costs off) select count(*) from hx where a + b = 22;
select count(*) from hx where a + b = 22;
-- Not for ranges, IS NULL or an order.
explain (costs off) select * from hx where a < 3;
select * from hx where a < 3 order by a;
explain (costs off) select count(*) from hx where a is null;
select count(*) from hx where a is null;
explain (costs off) select a from hx order by a limit 3;
select a from hx order by a limit 3;
-- A join looks rows up through it.
create table probe (x int);
insert into probe values (5), (500), (5000), (50000);
analyze probe;
select p.x, hx.t from probe p join hx on hx.a = p.x order by 1;
-- Writes keep it exact.
update hx set a = a + 100000 where a <= 5;
delete from hx where a = 6;
select a, t from hx where a = 100003;
select count(*) from hx where a = 3;
select count(*) from hx where a = 6;
reindex index hx_a;
select a from hx where a = 100001;
alter index hx_a rename to hx_a2;
select indexdef from pg_indexes where indexname = 'hx_a2';
alter table hx add constraint hx_uniq unique using index hx_a2;
drop index hx_a2;
drop table probe;
drop table hx;
