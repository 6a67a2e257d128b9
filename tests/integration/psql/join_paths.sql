-- Join planning: tables read by their cheapest access path inside joins,
-- hash joins against nested loops that look the inner rows up through an
-- index (PostgreSQL's parameterized index scans), chosen by cost.
-- StrataDB has no merge join or Memoize node yet: both are turned off here
-- so the plans compared are among the ones both servers can make.
set enable_mergejoin = off;
set enable_memoize = off;
create table jp_region (rid int primary key, rname text not null);
create table jp_cust (cid int primary key, rid int, cname text, tier int);
create table jp_orders (oid int primary key, cid int, amount int, note text);
create table jp_tag (oid int, tag text);
insert into jp_region select g, 'r' || g from generate_series(1, 20) g;
insert into jp_cust select g, g % 20 + 1, 'c' || g, g % 7 from generate_series(1, 5000) g;
insert into jp_orders select g, g % 5000 + 1, g % 1000, 'n' || g from generate_series(1, 40000) g;
insert into jp_orders values (40001, null, 1, 'no customer');
insert into jp_tag select g * 7, 't' || (g % 5) from generate_series(1, 3000) g;
create index jp_orders_cid on jp_orders (cid);
create index jp_cust_rid on jp_cust (rid);
create index jp_tag_oid on jp_tag (oid);
vacuum analyze jp_region;
vacuum analyze jp_cust;
vacuum analyze jp_orders;
vacuum analyze jp_tag;

-- One customer and its orders: the orders found through the index.
explain (costs off)
select c.cname, o.oid from jp_cust c join jp_orders o on o.cid = c.cid where c.cid = 42;
select c.cname, o.oid from jp_cust c join jp_orders o on o.cid = c.cid where c.cid = 42 order by o.oid;
-- The same as a comma join.
explain (costs off)
select c.cname, o.oid from jp_cust c, jp_orders o where o.cid = c.cid and c.cname = 'c77';
select c.cname, o.oid from jp_cust c, jp_orders o where o.cid = c.cid and c.cname = 'c77' order by o.oid;
-- Few orders, each customer looked up by primary key.
explain (costs off)
select o.oid, c.cname from jp_orders o join jp_cust c on c.cid = o.cid where o.oid < 20;
select o.oid, c.cname from jp_orders o join jp_cust c on c.cid = o.cid where o.oid < 20 order by o.oid;
-- Many orders: a hash join.
explain (costs off)
select count(*) from jp_orders o join jp_cust c on c.cid = o.cid;
select count(*) from jp_orders o join jp_cust c on c.cid = o.cid;
explain (costs off)
select count(*) from jp_orders o join jp_cust c on c.cid = o.cid where o.amount < 500;
select count(*), sum(c.tier) from jp_orders o join jp_cust c on c.cid = o.cid where o.amount < 500;
-- A chain of three: region -> customers -> orders, with filters on both ends.
explain (costs off)
select r.rname, c.cid, o.oid
from jp_region r join jp_cust c on c.rid = r.rid join jp_orders o on o.cid = c.cid
where r.rname = 'r3' and o.amount = 5;
select r.rname, c.cid, o.oid
from jp_region r join jp_cust c on c.rid = r.rid join jp_orders o on o.cid = c.cid
where r.rname = 'r3' and o.amount = 5 order by o.oid;
-- A condition besides the key equality: the join filter.
explain (costs off)
select c.cid, o.oid from jp_cust c join jp_orders o on o.cid = c.cid and o.amount > c.tier * 100
where c.cid between 10 and 12;
select c.cid, o.oid from jp_cust c join jp_orders o on o.cid = c.cid and o.amount > c.tier * 100
where c.cid between 10 and 12 order by o.oid;
-- Rows without a match, NULL keys, keys of another integer type.
select o.oid, c.cname from jp_orders o join jp_cust c on c.cid = o.cid where o.oid in (40000, 40001) order by 1;
select t.oid, t.tag, o.amount from jp_tag t join jp_orders o on o.oid = t.oid::int8 where t.tag = 't1' and t.oid < 200 order by 1;
explain (costs off)
select t.oid, o.amount from jp_tag t join jp_orders o on o.oid = t.oid where t.tag = 't1' and t.oid < 200;
-- Join order by cost: FROM's order is not the one the plan follows.
explain (costs off)
select r.rname, c.cid, o.oid from jp_orders o, jp_cust c, jp_region r
where o.cid = c.cid and c.rid = r.rid and r.rname = 'r3' and o.amount = 5;
select r.rname, c.cid, o.oid from jp_orders o, jp_cust c, jp_region r
where o.cid = c.cid and c.rid = r.rid and r.rname = 'r3' and o.amount = 5 order by o.oid;
explain (costs off)
select c.cname, o.oid from jp_orders o join jp_cust c on o.cid = c.cid where c.cname = 'c77';
select c.cname, o.oid, o.* from jp_orders o join jp_cust c on o.cid = c.cid where c.cname = 'c77' order by o.oid;
select * from jp_orders o join jp_cust c on o.cid = c.cid where c.cname = 'c78' order by o.oid;
select t.tag, o.oid, c.cname, r.rname
from jp_tag t join jp_orders o on o.oid = t.oid join jp_cust c on c.cid = o.cid
  join jp_region r on r.rid = c.rid
where r.rid = 4 and t.tag = 't2' order by o.oid;
explain (costs off)
select count(*) from jp_region r, jp_orders o, jp_cust c where o.cid = c.cid and c.rid = r.rid;
select count(*), min(r.rname), max(o.note) from jp_region r, jp_orders o, jp_cust c
where o.cid = c.cid and c.rid = r.rid;
-- The planner's settings.
set enable_hashjoin = off;
explain (costs off)
select count(*) from jp_orders o join jp_cust c on c.cid = o.cid where o.amount < 3;
select count(*) from jp_orders o join jp_cust c on c.cid = o.cid where o.amount < 3;
reset enable_hashjoin;
set enable_nestloop = off;
explain (costs off)
select c.cname, o.oid from jp_cust c join jp_orders o on o.cid = c.cid where c.cid = 42;
select c.cname, o.oid from jp_cust c join jp_orders o on o.cid = c.cid where c.cid = 42 order by o.oid;
reset enable_nestloop;
-- Inside a transaction: its own new rows are found through the index too.
begin;
insert into jp_orders values (50000, 42, 7, 'new');
delete from jp_orders where oid = 5042;
select c.cname, o.oid from jp_cust c join jp_orders o on o.cid = c.cid where c.cid = 42 order by o.oid;
rollback;
drop table jp_tag, jp_orders, jp_cust, jp_region;
