-- User-defined LANGUAGE sql functions: CREATE [OR REPLACE] FUNCTION, calls
-- in expressions (overloads, implicit casts, DEFAULTs, STRICT, parameter
-- names, recursion), SETOF / TABLE functions in FROM, bodies that write,
-- the SQL-standard bodies, CREATE-time validation, DROP FUNCTION, and
-- transactional DDL.
create function add_one(int) returns int language sql as 'select $1 + 1';
select add_one(1), add_one(add_one(40));
select add_one('41');
select add_one('x');
create function add_one(int) returns int language sql as 'select $1 + 2';
create or replace function add_one(int) returns int language sql as 'select $1 + 2';
select add_one(1);
create or replace function add_one(int) returns text language sql as 'select ''x''';
-- overloads and implicit casts
create function describe(int) returns text language sql as $$ select 'int ' || $1 $$;
create function describe(text) returns text language sql as $$ select 'text ' || $1 $$;
select describe(1), describe('a'), describe(2::int2);
select describe(3::int8);
select describe(1, 2);
select describe(1.5);
-- named parameters and defaults
create function mix(a int, b int default 10, c text default 'z') returns text
  language sql as $$ select a + b || c $$;
select mix(1), mix(1, 2), mix(1, 2, 'y');
create function qualified(x int) returns int language sql as 'select qualified.x * 2';
select qualified(21);
-- a column wins over a parameter of the same name
create table nums (x int, y int);
insert into nums values (1, 10), (2, 20), (3, 30);
create function total_x(x int) returns bigint language sql as 'select sum(x) from nums';
select total_x(100);
create function y_of(k int) returns int language sql stable as 'select y from nums where x = k';
select x, y_of(x) from nums order by x;
select y_of(7) is null as missing;
-- result coercion and STRICT
create function wide(int) returns int language sql as 'select $1::int8 * 2';
select wide(21);
create function strict_f(int) returns text language sql strict as $$ select 'ran' $$;
create function lax_f(int) returns text language sql as $$ select 'ran' $$;
select strict_f(null) is null as s, lax_f(null) as l;
create function ret_null_on_null(int) returns int language sql returns null on null input
  immutable parallel safe cost 5 leakproof security definer as 'select 1';
select ret_null_on_null(null) is null, ret_null_on_null(3);
-- recursion
create function fact(n int) returns numeric language sql immutable as
  'select case when n <= 1 then 1 else n * fact(n - 1) end';
select fact(5), fact(20);
-- void functions and bodies that write
create table log (msg text);
create function note(m text) returns void language sql as $$
  insert into log values (m);
  insert into log values (m || '!');
$$;
select note('hello');
select * from log order by msg;
create function bump() returns int language sql as $$
  update nums set y = y + 1 where x = 1;
  select y from nums where x = 1;
$$;
select bump();
select bump();
create function add_row(v int) returns int language sql as
  'insert into nums values (v, v * 10) returning y';
select add_row(4);
select count(*) from nums;
-- set-returning and table functions in FROM
create function upto(n int) returns setof int language sql as 'select i from generate_series(1, n) i';
select * from upto(3);
select u from upto(2) as u;
select * from upto(0);
create function pairs(n int) returns table(a int, b text) language sql as
  $$ select i, 'v' || i from generate_series(1, n) i $$;
select * from pairs(3);
select b, a from pairs(2) where a > 1;
select p.a from pairs(2) as p(a, bb) order by p.a desc;
select * from pairs(2) p join nums on nums.x = p.a order by p.a;
create function answer() returns int language sql as 'select 42';
select * from answer();
select * from answer() as x;
select * from nums, lateral upto(nums.x) u where nums.x <= 2 order by 1, u;
-- SQL-standard bodies
create function twice(int) returns int return $1 * 2;
select twice(21);
create function thrice(a int) returns int begin atomic select a * 3; end;
select thrice(14);
-- validation when the function is created
create function bad_type(int) returns int language sql as $$ select 'x'::text $$;
create function bad_cols(int) returns int language sql as 'select 1, 2';
create function bad_syntax(int) returns int language sql as 'selec 1';
create function bad_rel() returns int language sql as $$
  select a from nosuch $$;
create function bad_col() returns int language sql as $$ select nosuch $$;
create function bad_final() returns int language sql as $$ insert into log values ('x') $$;
create function bad_table() returns table(a int, b int) language sql as $$ select 1 $$;
create function no_lang() returns int as 'select 1';
create function later() returns int language sql as 'select 1' rows 5;
create function dup_body(x int) returns int language sql as $$ select x $$ return x;
create function poly_std(x anyarray) returns anyelement language sql return x[1];
create function two_as(int) returns int language sql as 'a', 'b';
set check_function_bodies = off;
create function unchecked() returns int language sql as 'select 1 from not_yet';
reset check_function_bodies;
create table not_yet (a int);
insert into not_yet values (5);
select unchecked();
select no_such_function(1);
-- ALTER FUNCTION and pg_proc
create function props(a int, b int default 2) returns int language sql as 'select a * b';
select proname, pronamespace::regnamespace, provolatile, proisstrict, prosecdef, proleakproof,
       proparallel, procost, prorows, proretset, prokind, pronargs, pronargdefaults,
       prorettype::regtype, proargnames, prosrc
  from pg_proc where proname = 'props';
alter function props(int, int) immutable strict leakproof cost 7 parallel safe;
alter function props(int, int) owner to current_user;
alter function props(int, int) rename to props2;
select proname, provolatile, proisstrict, proleakproof, proparallel, procost
  from pg_proc where proname like 'props%';
select props2(5), props2(5, 3);
alter function props(int, int) stable;
alter function props2(text) stable;
alter function props2(int, int) rows 5;
select 'props2'::regproc, proname from pg_proc where oid = 'props2'::regproc;
select proname, proretset, prorows, prorettype::regtype from pg_proc
  where proname in ('upto', 'pairs') order by proname;
-- DROP FUNCTION
drop function describe(numeric);
drop function if exists describe(numeric);
drop function describe;
drop function describe(int);
select describe(1);
drop function describe;
select describe('a');
drop function nosuch;
drop function if exists nosuch;
drop function add_one(int), twice(int);
select add_one(1);
-- transactional: a rolled-back CREATE leaves no trace
begin;
create function temp_f() returns int language sql as 'select 7';
select temp_f();
rollback;
select temp_f();
begin;
drop function thrice(int);
rollback;
select thrice(1);
-- functions go with their schema
create schema fs;
create function fs.inner_f() returns int language sql as 'select 5';
select fs.inner_f();
drop schema fs;
drop schema fs cascade;
