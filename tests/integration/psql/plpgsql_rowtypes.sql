-- PL/pgSQL declarations with %TYPE (of a column or a variable), %ROWTYPE and a table's
-- name as a row type, filled by SELECT INTO and FOR.
create table emp(id int primary key, name varchar(10), salary numeric(8,2));
insert into emp values (1, 'ann', 1000.5), (2, 'bob', 2000);
create function raise_pay(eid int, pct int) returns text language plpgsql as $$
declare
  e emp%rowtype;
  s emp.salary%type;
  n s%type;
  p pct%type := pct;
begin
  select * into e from emp where id = eid;
  if not found then
    return 'no emp ' || eid || ' ' || coalesce(e.name, '<null>');
  end if;
  s := e.salary * (100 + p) / 100.0;
  n := s;
  update emp set salary = s where id = eid;
  return e.name || ': ' || e.salary || ' -> ' || n;
end $$;
select raise_pay(1, 10), raise_pay(3, 5);
select * from emp order by id;
create function names() returns setof text language plpgsql as $$
declare r emp;
begin
  for r in select * from emp order by id desc loop
    return next r.name;
  end loop;
end $$;
select * from names();
