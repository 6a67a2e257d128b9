-- Declarative partitioning (PARTITION BY RANGE / LIST, PARTITION OF):
-- routing, partition constraints, row movement, bound checks and the
-- catalog and psql views of partitions.
create table p (a int, b text, c date) partition by range (a);
create table p1 partition of p for values from (minvalue) to (-1);
create table p2 partition of p for values from (-1) to (10);
create table p3 partition of p for values from (10) to (maxvalue);
create table q (a int, b text, c date) partition by list (b);
create table q1 partition of q for values in ('x', 'y', null);
create table q2 partition of q default;
create table r (a int, b text, c date) partition by range (c, a);
create table r1 partition of r for values from ('2020-01-01', 1) to ('2020-02-01', 5);
create table e (a int, b text) partition by range ((a+1), lower(b));
create table e1 partition of e for values from (0, 'a') to (10, 'm');
select c.relname, c.relkind, c.relispartition, pg_get_expr(c.relpartbound, c.oid),
       pg_get_partition_constraintdef(c.oid), pg_get_partkeydef(c.oid),
       pg_partition_root(c.oid)
  from pg_class c where relname in ('p','p1','p2','p3','q','q1','q2','r','r1','e','e1') order by 1;
select c.relname, partstrat, partnatts, partdefid <> 0 as has_default, partattrs, partclass,
       partcollation
  from pg_partitioned_table t join pg_class c on c.oid = t.partrelid order by 1;
\d p
\d+ p
\d p2
\d+ q1
\d+ q2
insert into p values (5, 'a'), (-7, 'b'), (100, 'c') returning *;
insert into p2 values (50, 'a');
insert into p values (null, 'n');
insert into r values (1, 'x', '2021-01-01');
insert into r values (2, 'x', '2020-01-15') returning *;
insert into e values (3, 'b');
insert into e values (30, 'b');
insert into q values (1, 'x'), (2, null), (3, 'zz');
select tableoid::regclass, * from q;
select tableoid::regclass, * from p;
update p set a = 20 where a = 5;
update p set a = a - 100 where a = 100 returning *;
select tableoid::regclass, * from p;
update p2 set a = 30;
update only p set a = 1;
delete from p where a < 0;
select tableoid::regclass, * from p;
-- Bound checks.
create table p4 partition of p for values from (5) to (15);
create table p5 partition of p for values from (15) to (5);
create table q3 partition of q for values in ('x');
create table q4 partition of q default;
create table q5 partition of q for values in ('zz');
create table q6 partition of q for values in ('w', 'w');
\d+ q6
create table x (a int) partition by foo (a);
create table x (a int) partition by list (a, a);
create table x (a int) partition by range (z);
create table x (a int, primary key (a)) inherits (p);
create table x (a int) partition by range (a) inherits (q);
create table p6 partition of q1 for values in (1);
create table p7 partition of p for values in (1);
create table p8 partition of p for values from ('a') to (2);
create table p9 partition of p for values from (1) to (2, 3);
create table p9 partition of p for values from (null) to (2);
create table x (a int, b int, primary key (b)) partition by range (a);
create table x (a int) partition by range (a random_ops);
-- Sub-partitions, COPY, indexes, TRUNCATE, DROP.
create table t (a int, b text) partition by list (a);
create table t1 partition of t (b default 'none') for values in (1, 2);
create table t2 partition of t for values in (3) partition by range (b);
create table t2a partition of t2 for values from ('a') to ('m');
create table t2b partition of t2 for values from ('m') to (maxvalue);
insert into t values (1, 'x'), (3, 'b'), (3, 'z'), (2, null);
insert into t (a) values (1);
insert into t values (3, null);
copy t from stdin;
1	c
3	q
\.
copy t from stdin;
4	q
\.
select tableoid::regclass, * from t;
select * from t2;
select pg_get_partition_constraintdef('t2a'::regclass);
select relid, parentrelid, isleaf, level from pg_partition_tree('t');
select * from pg_partition_tree('t2');
select * from pg_partition_ancestors('t2a');
select * from pg_partition_ancestors('p');
select * from pg_partition_tree(null);
truncate t;
select count(*) from t;
\d t2
create index on t (b);
\d t1
\d t2b
drop table t1;
drop table t;
select count(*) from pg_class where relname like 't2%';
create table pk (a int primary key, b int) partition by range (a);
create table pk1 partition of pk for values from (1) to (10);
\d pk1
insert into pk values (1, 1), (1, 2);
create unique index on pk (b);
drop table pk;
drop table p, q, r, e;
-- ATTACH / DETACH PARTITION.
create table pp (a int, b text) partition by range (a);
create table pp1 (a int, b text);
insert into pp1 values (1, 'x'), (50, 'y');
alter table pp attach partition pp1 for values from (0) to (10);
delete from pp1 where a = 50;
alter table pp attach partition pp1 for values from (0) to (10);
alter table pp attach partition pp1 for values from (20) to (30);
create table notp (a int);
alter table notp attach partition pp1 for values from (20) to (30);
create table pp2 (a int, b text, c int);
alter table pp attach partition pp2 for values from (20) to (30);
create table pp3 (a int);
alter table pp attach partition pp3 for values from (20) to (30);
create table pp4 (b text, a int);
insert into pp4 values ('z', 25);
alter table pp attach partition pp4 for values from (20) to (30);
select tableoid::regclass, * from pp;
insert into pp values (22, 'w');
select * from pp4;
create table ppc (a int, b text) inherits (notp);
alter table pp attach partition ppc for values from (40) to (50);
alter table pp attach partition pp for values from (40) to (50);
create table pd (a int, b text);
alter table pp attach partition pd default;
\d+ pp
alter table pp detach partition pp4;
alter table pp detach partition pp4;
alter table pp detach partition notp;
\d pp4
select * from pp;
alter table pp detach partition pd concurrently;
alter table pp detach partition pd finalize;
drop table pp, pp4, notp, ppc, pp2, pp3;
-- ON CONFLICT on partitioned tables.
create table oc (a int primary key, b text) partition by range (a);
create table oc1 partition of oc for values from (0) to (10);
create table oc2 partition of oc for values from (10) to (20);
insert into oc values (1, 'x'), (15, 'y');
insert into oc values (1, 'z') on conflict do nothing;
insert into oc values (1, 'z'), (2, 'w') on conflict (a) do update set b = excluded.b || oc.b returning *;
insert into oc values (15, 'q') on conflict (a) do update set b = 'upd' where oc.b = 'nope';
insert into oc values (15, 'q') on conflict (a) do update set a = 3;
insert into oc values (5, 'a'), (5, 'b') on conflict (a) do update set b = excluded.b;
insert into oc values (16, 'k') on conflict (b) do nothing;
select tableoid::regclass, * from oc order by a;
create table ocl (a int, b int, unique (a, b)) partition by list (a);
create table ocl1 partition of ocl for values in (1, 2);
insert into ocl values (1, 1), (1, 1) on conflict do nothing;
insert into ocl values (1, 1) on conflict (a, b) do update set b = 2;
select * from ocl;
drop table oc, ocl;
-- HASH partitioning (rows placed as PostgreSQL places them).
create table h (a int, b text) partition by hash (a, b);
create table h0 partition of h for values with (modulus 4, remainder 0);
create table h1 partition of h for values with (modulus 4, remainder 1);
create table h2 partition of h for values with (modulus 4, remainder 2);
create table h3 partition of h for values with (modulus 4, remainder 3);
insert into h select i, 'v' || i from generate_series(1, 40) i;
insert into h values (null, null), (5, null), (null, 'x');
select tableoid::regclass, count(*) from h group by 1 order by 1;
select tableoid::regclass, * from h where a < 8 or a is null order by a, b;
create table h5 partition of h for values with (modulus 8, remainder 0);
create table h6 partition of h for values with (modulus 3, remainder 0);
create table h7 partition of h for values with (modulus 0, remainder 0);
create table h8 partition of h for values with (modulus 4, remainder 4);
create table h9 partition of h default;
create table h10 partition of h for values in (1);
select pg_get_expr(relpartbound, oid), pg_get_partition_constraintdef(oid) ~ 'satisfies_hash_partition' from pg_class where relname = 'h1';
\d+ h
create table hk (d date, t timestamp, n bigint, s smallint, c char(3), v varchar, f float8, bo bool) partition by hash (d, t, n, s, c, v, f, bo);
create table hk0 partition of hk for values with (modulus 3, remainder 0);
create table hk1 partition of hk for values with (modulus 3, remainder 1);
create table hk2 partition of hk for values with (modulus 3, remainder 2);
insert into hk select date '2020-01-01' + i, timestamp '2020-01-01 10:00' + i * interval '1 hour', i * 1000000000, i, 'a' || i, 'v' || i, i / 3.0, i % 2 = 0 from generate_series(1, 30) i;
select tableoid::regclass, count(*), sum(s) from hk group by 1 order by 1;
insert into hk (f) values (0), ('-0'), ('NaN');
select tableoid::regclass, f from hk where d is null order by 2;
create table hp (p point) partition by hash (p);
drop table h, hk;
