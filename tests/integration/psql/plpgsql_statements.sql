-- LANGUAGE plpgsql functions and DO blocks: declarations, assignment, IF/CASE, loops,
-- records, SETOF / TABLE / OUT results, SQL statements with INTO, EXECUTE, FOUND, ROW_COUNT.
create table items(id int primary key, name text, qty int);
insert into items values (1, 'apple', 3), (2, 'pear', 0), (3, 'plum', 7);
create function total_qty() returns int language plpgsql as $$
declare
  r record;
  total int := 0;
begin
  for r in select * from items order by id loop
    total := total + r.qty;
    raise notice 'item % % -> %', r.id, r.name, total;
  end loop;
  return total;
end $$;
select total_qty();
create function fact(n int) returns numeric language plpgsql immutable as $$
declare
  result numeric := 1;
  i int;
begin
  for i in 1..n loop
    result := result * i;
  end loop;
  return result;
end $$;
select fact(0), fact(5), fact(20);
create function evens(lim int) returns setof int language plpgsql as $$
begin
  for i in reverse lim..0 by 2 loop
    continue when i % 4 = 0;
    return next i;
  end loop;
  return next -1;
  return;
end $$;
select * from evens(12);
create function pairs(n int) returns table(a int, b text) language plpgsql as $$
begin
  for i in 1..n loop
    a := i;
    b := repeat('x', i);
    return next;
  end loop;
  return query select id, name from items where qty > 0 order by id;
end $$;
select * from pairs(3);
create function split(x int, out q int, out r int) language plpgsql as $$
begin
  q := x / 3;
  r := x % 3;
end $$;
select * from split(10);
create function classify(v int) returns text language plpgsql as $$
begin
  case v
    when 1, 2 then return 'small';
    when 3 then return 'three';
    else
      case when v < 0 then return 'negative'; else return 'big'; end case;
  end case;
end $$;
select classify(1), classify(3), classify(-5), classify(100);
create function nocase(v int) returns text language plpgsql as $$
begin
  case v when 1 then return 'one'; end case;
  return 'x';
end $$;
select nocase(2);
create function arr_sum(a int[]) returns int language plpgsql as $$
declare s int := 0; x int;
begin
  foreach x in array a loop
    s := s + coalesce(x, 100);
  end loop;
  return s;
end $$;
select arr_sum(array[1,2,3]), arr_sum(array[1,null]), arr_sum('{}');
create function loops() returns text language plpgsql as $$
declare i int := 0; j int; out text := '';
begin
  <<outer>>
  loop
    i := i + 1;
    j := 0;
    while j < 10 loop
      j := j + 1;
      continue outer when j = 3 and i = 2;
      exit outer when i = 4;
      exit when j > 2;
      out := out || i || '.' || j || ' ';
    end loop;
  end loop;
  return out;
end $$;
select loops();
create function upd(delta int) returns text language plpgsql as $$
declare n bigint; nm text;
begin
  update items set qty = qty + delta where qty > 0;
  get diagnostics n = row_count;
  select name into nm from items where id = 99;
  if not found then
    raise notice 'no item 99, nm is %', nm;
  end if;
  insert into items values (4, 'fig', delta) returning name into nm;
  delete from items where id = 4;
  return n || ' ' || nm || ' ' || found;
end $$;
select upd(1);
select * from items order by id;
create function dyn(t text, k int) returns text language plpgsql as $$
declare res text;
begin
  execute 'select name from ' || t || ' where id = $1' into res using k;
  return res;
end $$;
select dyn('items', 3), dyn('items', 42);
create function consts() returns int language plpgsql as $$
declare c constant int := 5; v int not null := 1;
begin
  v := null;
  return c;
end $$;
select consts();
create function sel_no_into() returns int language plpgsql as $$
begin
  select 1;
  return 1;
end $$;
select sel_no_into();
create function perf() returns boolean language plpgsql as $$
begin
  perform * from items where id = 1;
  return found;
end $$;
select perf();
do $$
declare n int;
begin
  select count(*) into n from items;
  raise notice 'count %', n;
  raise warning 'careful: %%% done', n;
end $$;
do language plpgsql $$ begin raise notice 'lang'; end $$;
do language sql $$ select 1 $$;
