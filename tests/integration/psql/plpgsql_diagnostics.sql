-- PL/pgSQL ASSERT, GET [STACKED] DIAGNOSTICS, RETURN QUERY EXECUTE, unnamed
-- parameters ($n), and the CONTEXT of errors in constant expressions.
create function unnamed(int, text) returns text language plpgsql as $$
begin
  return $2 || $1;
end $$;
select unnamed(1, 'a');
create function half_named(int, b text) returns text language plpgsql as $$
declare found_it boolean;
begin
  perform 1 where $1 > 0;
  found_it := found;
  return b || ' ' || found_it;
end $$;
select half_named(1, 'x'), half_named(-1, 'y');
do $$ begin assert 1 = 1; assert 2 > 1, 'not shown'; raise notice 'asserts passed'; end $$;
do $$ begin assert 1 = 2; end $$;
do $$ begin assert null, 'null is not true'; end $$;
do $$ declare m text; begin assert false, m; end $$;
create function stacked() returns text language plpgsql as $$
declare st text; msg text; det text; hnt text; ctx text;
begin
  begin
    raise exception 'deep %', 42 using detail = 'some detail', hint = 'some hint', errcode = 'data_exception';
  exception when others then
    get stacked diagnostics st = returned_sqlstate, msg = message_text,
      det = pg_exception_detail, hnt = pg_exception_hint, ctx = pg_exception_context;
    return st || ' | ' || msg || ' | ' || det || ' | ' || hnt || ' | ' || ctx;
  end;
end $$;
select stacked();
do $$ declare x text; begin get stacked diagnostics x = message_text; end $$;
create function dynq(t text, lim int) returns setof int language plpgsql as $$
begin
  return query execute 'select g from generate_series(1, $1) g' using lim;
  return query execute 'select ' || t;
end $$;
select * from dynq('7', 3);
create function fail() returns int language plpgsql as $$
begin
  return 1/0;
end $$;
select fail();
do $$ declare x int := 1/0; begin end $$;
do $$ declare x int := 0; begin x := 1/x; end $$;
