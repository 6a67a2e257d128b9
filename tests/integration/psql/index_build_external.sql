-- CREATE INDEX beyond maintenance_work_mem: with 1MB, the entries of 60,000
-- rows are sorted in several runs that are merged into the index (stratad
-- spills them like PostgreSQL's external sort). The index must answer as the
-- table does, and a duplicate that lands in different runs must still fail a
-- unique build.
set maintenance_work_mem = '1MB';
create table ibx (id int primary key, k int not null, t text);
insert into ibx select i, (i * 7919) % 60000, md5(i::text) from generate_series(1, 60000) i;
create index ibx_k on ibx (k);
create index ibx_t on ibx (t desc);
set enable_seqscan = off;
select count(*), min(k), max(k) from ibx where k between 1000 and 30999;
select id, k from ibx where k in (0, 1, 59999, 12345) order by k;
select count(*) from ibx where t >= 'f';
select t from ibx where t < '0008' order by t desc;
reset enable_seqscan;
-- a unique build over the same data succeeds ...
create unique index ibx_k_unique on ibx (k);
drop index ibx_k_unique;
-- ... and fails once one key appears twice, far apart in scan order (so in
-- different runs)
update ibx set k = 5 where id = 59000;
create unique index ibx_k_unique2 on ibx (k);
-- two equal keys next to each other in scan order (one run)
update ibx set k = 5 where id = 59000;
update ibx set k = 40000 where id = 2;
update ibx set k = 40000 where id = 3;
update ibx set k = (59000 * 7919) % 60000 where id = 59000;
create unique index ibx_k_unique3 on ibx (k);
select count(*) from pg_indexes where tablename = 'ibx';
reset maintenance_work_mem;
drop table ibx;
