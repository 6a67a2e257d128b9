-- COPY's bulk path: at least 1000 rows into a table empty in the COPY's
-- snapshot are committed as one ingested table file. Results, duplicates
-- (within the input, in or out of key order; against existing rows) and
-- later reads and writes of the loaded rows must be as PostgreSQL's.
create table bl (id int primary key, v text default 'd', n int not null default 7);
\copy bl (id) from program 'seq 1 5000'
select count(*), sum(id), min(id), max(id), min(v), max(n) from bl;
select * from bl where id = 4321;
select * from bl where id >= 10 and id < 13 order by id;
-- the loaded rows are ordinary rows afterwards
insert into bl values (4000);
insert into bl values (5001, 'new') returning *;
update bl set v = 'u' where id = 2500 returning *;
delete from bl where id = 1 returning id;
select count(*), sum(id) from bl;
-- a non-empty table: the ordinary path, same errors
\copy bl (id) from program 'seq 4990 6000'
\copy bl (id) from program 'seq 6000 7999'
select count(*), max(id) from bl;
-- duplicates within the input: in key order, then out of it
create table bl2 (id int primary key);
\copy bl2 from program '(seq 1 3000; seq 2990 3005)'
\copy bl2 from program '(seq 3000 -1 1; seq 2000 2001)'
select count(*) from bl2;
-- out of key order, no duplicate
\copy bl2 from program 'seq 4000 -1 1'
select count(*), min(id), max(id) from bl2;
select * from bl2 where id in (1, 2000, 4000) order by id;
-- bad rows, the first or a late one in a large COPY: nothing of it is stored
create table bl3 (id int primary key, n int not null);
\copy bl3 (id) from program 'seq 1 2000'
\copy bl3 from program 'seq 1 2000 | sed "s/$/\t1/; 1500s/\t1/\t\\\\N/"'
select count(*) from bl3;
-- after TRUNCATE the table is empty again
truncate bl;
\copy bl (id) from program 'seq 1 1500'
select count(*), sum(id) from bl;
-- a table without a primary key (hidden row ids)
create table nopk (a int, b text);
\copy nopk (a) from program 'seq 1 3000'
\copy nopk (a) from program 'seq 1 1200'
select count(*), sum(a), count(distinct a) from nopk;
-- a composite key, fed in key order of neither column
create table ck (a int, b text, primary key (a, b));
\copy ck from program 'seq 1 2400 | awk "{print \$1 % 7 \"\t\" \$1}"'
select count(*), min(a), max(a) from ck;
select * from ck where a = 4 and b = '1110';
select a, b from ck where a = 6 order by b limit 3;
drop table bl, bl2, bl3, nopk, ck;
