-- EXPLAIN inside PL/pgSQL: FOR ... IN EXECUTE 'explain ...' reads the plan's
-- lines as rows, as PostgreSQL's regression helpers (check_estimated_rows,
-- explain_filter) do.
create table pe (a int primary key, b int);
insert into pe select g, g % 7 from generate_series(1, 500) g;
analyze pe;
create function pe_plan(q text) returns setof text language plpgsql as $$
declare ln text;
begin
  for ln in execute format('explain (costs off) %s', q) loop
    return next ln;
  end loop;
end;
$$;
select * from pe_plan('select * from pe where a = 3');
select * from pe_plan('select b, count(*) from pe group by b order by b');
create function pe_rows(q text) returns table (estimated int, actual int) language plpgsql as $$
declare ln text; tmp text[]; first_row bool := true;
begin
  for ln in execute format('explain analyze %s', q) loop
    if first_row then
      first_row := false;
      tmp := regexp_match(ln, 'rows=(\d*) .* rows=(\d*)');
      return query select tmp[1]::int, tmp[2]::int;
    end if;
  end loop;
end;
$$;
select * from pe_rows('select * from pe where a < 50');
select * from pe_rows('select * from pe');
-- A plan's line count.
create function pe_count(q text) returns int language plpgsql as $$
declare ln text; n int := 0;
begin
  for ln in execute 'explain ' || q loop n := n + 1; end loop;
  return n;
end;
$$;
select pe_count('select * from pe');
do $$ begin execute 'explain select 1'; end $$;
drop function pe_plan(text);
drop function pe_rows(text);
drop function pe_count(text);
drop table pe;
