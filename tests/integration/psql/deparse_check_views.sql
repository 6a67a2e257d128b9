-- CHECK constraints and view definitions deparsed as PostgreSQL prints them
-- (pg_get_constraintdef, information_schema.check_constraints, \d, pg_get_viewdef, \d+).
create table dc (
  note varchar(10) check (note <> ''),
  code char(3) check (code <> 'abc'),
  t text check (t in ('a', 'b', 'c')),
  n numeric(8,2) check (n > 0 and n < 100.5),
  i int check (i between 1 and 10),
  j int8 check (j not between -5 and 5 or j is null),
  l text check (l like 'x%' and l not ilike '%y'),
  f text check (length(f) > 2 and upper(f) <> 'ABC'),
  v varchar check (v in ('p', 'q')),
  d date check (d >= '2000-01-01'),
  b boolean check (b),
  k int check (k % 2 = 0) no inherit,
  constraint dc_multi check (i < j or note is not null)
);
alter table dc add constraint dc_nv check (coalesce(i, 0) >= 0) not valid;
\d dc
select conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true)
  from pg_constraint where conrelid = 'dc'::regclass order by conname;
select constraint_name, check_clause from information_schema.check_constraints
 where constraint_name like 'dc%' order by constraint_name;
drop table dc;
