-- Errors raised inside PL/pgSQL functions and their CONTEXT lines, and the
-- checks made when a function is created. (Errors PostgreSQL reports with a
-- position inside the body -- LINE / QUERY -- are left out: we report no
-- position for them yet.)
create function f1(a int) returns int language plpgsql as $$
declare x int;
begin
  x := 1/a;
  return x;
end $$;
select f1(0);
create function f2(a int) returns int language plpgsql as $$
begin
  raise notice 'hi %', a;
  raise exception 'bad % %', a, a+1 using hint = 'hh', detail = 'dd';
end $$;
select f2(1);
create table t(a int primary key);
create function f3(a int) returns int language plpgsql as $$
declare y int;
begin
  insert into t values (a);
  insert into t values (a);
  return 1;
end $$;
select f3(1);
create function f5(a int) returns int language plpgsql as $$
begin
  if 1/a > 0 then return 1; end if;
  return f5(a-1);
end $$;
select f5(1);
select f5(0);
do $$ begin raise exception 'x'; end $$;
do $$ begin perform 1/0; end $$;
create function f7() returns int language plpgsql as $$
begin
end $$;
select f7();
do $$ declare x int; begin x := (select 1/0); end $$;
do $$ declare x int; begin if (select 1/0) > 0 then null; end if; end $$;
do $$ declare x int; begin x := 1/0 from generate_series(1,2); end $$;
do $$ declare x int; begin select 1/0 into x; end $$;
do $$ declare x int; begin execute 'select 1/0' into x; end $$;
create function g(int) returns int language plpgsql as $$ begin return 1/$1; end $$;
do $$ declare x int; begin x := g(0); end $$;
do $$ declare x int := g(0); begin end $$;
do $$ begin raise notice '% %', 1; end $$;
do $$ declare x int; begin select 1 into strict x from generate_series(1,2); end $$;
do $$ declare x int; begin select 1 into strict x from generate_series(1,0); end $$;
do $$ declare x int; begin select 1, 2 into x; raise notice '%', x; end $$;
do $$ declare x int; begin for i in 1..3 loop x := i; end loop; raise notice '% %', x, found; end $$;
do $$ begin for i in 1..null loop end loop; end $$;
do $$ begin for i in 1..3 by 0 loop end loop; end $$;
do $$ declare a int[]; x int; begin foreach x in array a loop end loop; end $$;
create function void_ret() returns void language plpgsql as $$
begin
  raise notice 'void';
end $$;
select void_ret();
create function bad_lang() returns int language plpgsqlx as $$ begin return 1; end $$;
do language nosuch $$ begin end $$;
create function bad_cond() returns int language plpgsql as $$
begin
  return 1;
exception when no_such_condition then return 2;
end $$;
select bad_cond();
