-- PL/pgSQL exception blocks (rolled back like subtransactions), RAISE, SQLSTATE/SQLERRM,
-- re-raise, STRICT INTO errors, block-local declarations.
create table acct(id int primary key, bal int);
insert into acct values (1, 100);
create function safe_div(a int, b int) returns int language plpgsql as $$
begin
  return a / b;
exception
  when division_by_zero then
    raise notice 'caught: % (%)', sqlerrm, sqlstate;
    return null;
end $$;
select safe_div(10, 2), safe_div(1, 0);
create function try_insert(k int) returns text language plpgsql as $$
begin
  begin
    insert into acct values (k, 0);
    update acct set bal = bal - 1 where id = 1;
    insert into acct values (k, 0);
  exception when unique_violation then
    return 'dup ' || sqlstate;
  end;
  return 'ok';
end $$;
select try_insert(2);
select * from acct order by id;
create function nested() returns text language plpgsql as $$
declare r text := '';
begin
  begin
    begin
      raise exception 'inner %', 1 using errcode = 'P0001';
    exception when data_exception then
      r := r || 'wrong ';
    end;
  exception when raise_exception then
    r := r || 'outer caught: ' || sqlerrm;
  end;
  begin
    perform 1 / 0;
  exception when others then
    r := r || '; others: ' || sqlerrm;
  end;
  begin
    raise sqlstate '22012';
  exception when sqlstate '22012' then
    r := r || '; by code';
  end;
  return r;
end $$;
select nested();
create function rethrow() returns int language plpgsql as $$
begin
  begin
    raise exception 'first' using hint = 'the hint', detail = 'the detail';
  exception when others then
    raise notice 'handling %', sqlerrm;
    raise;
  end;
  return 1;
end $$;
select rethrow();
create function custom() returns int language plpgsql as $$
begin
  raise division_by_zero;
end $$;
select custom();
create function custom2() returns int language plpgsql as $$
begin
  raise exception using message = 'via using', errcode = 'check_violation';
end $$;
select custom2();
create function strict_sel(k int) returns int language plpgsql as $$
declare b int;
begin
  select bal into strict b from acct where id = k;
  return b;
exception
  when no_data_found then raise notice 'none for %', k; return -1;
  when too_many_rows then return -2;
end $$;
select strict_sel(1), strict_sel(7);
create function uncaught() returns int language plpgsql as $$
begin
  begin
    perform 1/0;
  exception when unique_violation then
    return 0;
  end;
  return 1;
end $$;
select uncaught();
create function scoped() returns text language plpgsql as $$
declare x int := 1;
begin
  declare x int := 2;
  begin
    raise notice 'inner x %', x;
  end;
  raise notice 'outer x %', x;
  for i in 1..2 loop
    declare y int := i * 10;
    begin
      raise notice 'y %', y;
    end;
  end loop;
  return 'done';
end $$;
select scoped();
begin;
select try_insert(3);
select * from acct order by id;
rollback;
select * from acct order by id;
