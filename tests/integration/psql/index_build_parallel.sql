-- CREATE INDEX with parallel workers (max_parallel_maintenance_workers,
-- default 2) gives the index a serial build (0) gives: in memory and with
-- sorted runs spilled past maintenance_work_mem, for keys in and out of scan
-- order, a descending text key with INCLUDE columns, and a unique build that
-- meets its duplicate in the last row scanned.
show max_parallel_maintenance_workers;
create table ibp (id int primary key, k int not null, t text);
insert into ibp select i, (i * 7919) % 80000, md5(i::text) from generate_series(1, 80000) i;
set enable_seqscan = off;
set enable_bitmapscan = off;
set maintenance_work_mem = '1MB';
set max_parallel_maintenance_workers = 0;
create index ibp_k0 on ibp (k) include (t);
create index ibp_t0 on ibp (t desc) include (k);
set max_parallel_maintenance_workers = 2;
create index ibp_k2 on ibp (k) include (t);
create index ibp_t2 on ibp (t desc) include (k);
create index ibp_id2 on ibp (id, k);
drop index ibp_k0;
drop index ibp_t0;
select count(*), min(k), max(k), sum(id::bigint) from ibp where k between 1000 and 70999;
select id, k from ibp where k in (0, 1, 79999, 12345) order by k;
select count(*) from ibp where t >= 'f';
select t, k from ibp where t < '0008' order by t desc;
select count(*) from ibp where id > 100 and k >= 0;
drop index ibp_k2;
drop index ibp_t2;
drop index ibp_id2;
reset maintenance_work_mem;
create index ibp_k_mem on ibp (k);
select id, k from ibp where k in (0, 2, 79998) order by k;
update ibp set k = 7 where id = 80000;
create unique index ibp_k_unique on ibp (k);
set maintenance_work_mem = '1MB';
create unique index ibp_k_unique on ibp (k);
update ibp set k = 80000 where id = 80000;
create unique index ibp_k_unique on ibp (k);
select id from ibp where k = 80000;
reset maintenance_work_mem;
reset max_parallel_maintenance_workers;
reset enable_seqscan;
reset enable_bitmapscan;
drop table ibp;
