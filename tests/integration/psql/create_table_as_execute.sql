-- CREATE TABLE ... AS EXECUTE: a prepared SELECT with its arguments, WITH
-- [NO] DATA, column names, IF NOT EXISTS, TEMP, and the errors.
create table ctx_src (a int, b text);
insert into ctx_src values (1, 'one'), (2, 'two'), (3, 'three');
prepare ctx_q(int, text) as select a, b, a * 10 as c from ctx_src where a >= $1 or b = $2 order by a;
create table ctx_t1 as execute ctx_q(2, 'one');
select * from ctx_t1 order by a;
create temporary table ctx_t2 (x, y) as execute ctx_q('3', null) with no data;
select * from ctx_t2;
select attname, format_type(atttypid, atttypmod) from pg_attribute
  where attrelid = 'ctx_t2'::regclass and attnum > 0 order by attnum;
create table if not exists ctx_t1 as execute ctx_q(1, 'x');
create table ctx_t3 as execute ctx_q(1);
create table ctx_t3 as execute ctx_q('a', 'x');
create table ctx_t3 as execute no_such_statement;
prepare ctx_ins(int) as insert into ctx_src values ($1, 'x');
create table ctx_t3 as execute ctx_ins(5);
prepare ctx_noparam as select count(*) as n from ctx_src;
create table ctx_t4 as execute ctx_noparam;
select * from ctx_t4;
deallocate all;
drop table ctx_src, ctx_t1, ctx_t4;
