-- PL/pgSQL array element assignment (v[i] := x, growing the array as PostgreSQL's
-- array_set_element does) and GET DIAGNOSTICS PG_CONTEXT through nested calls.
do $$
declare a int[]; b text[] := '{x,y}'; i int := 2;
begin
  a[3] := 30;
  raise notice 'a = %', a;
  a[1] := 10;
  raise notice 'a = % lower %', a, array_lower(a, 1);
  a[5] = 50;
  b[i + 1] := 'z';
  b[0] := 'w';
  raise notice 'a = %, b = %', a, b;
end $$;
do $$ declare a int[]; begin a[null] := 1; end $$;
create function inner_f(x int) returns int language plpgsql as $$
declare stack text;
begin
  get diagnostics stack = pg_context;
  raise notice E'--- stack ---\n%', stack;
  return x * 2;
end $$;
create function outer_f(x int) returns int language plpgsql as $$
declare y int;
begin
  perform inner_f(x);
  y := inner_f(x) + 1;
  return inner_f(y);
end $$;
select outer_f(1);
