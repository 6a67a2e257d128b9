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

-- Views with every LIMIT / OFFSET / FETCH form.
create table dv (a int, b text, c numeric);
create view dv_limit as select a, b from dv order by a limit 10;
create view dv_offset as select a from dv order by a offset 5;
create view dv_limit_offset as select a from dv order by a limit 3 offset 2;
create view dv_limit_all as select a from dv order by a limit all;
create view dv_limit_null as select a from dv limit null;
create view dv_fetch_only as select a from dv order by a offset 10 fetch first 5 rows only;
create view dv_fetch_next as select a from dv order by a fetch next 1 row only;
create view dv_fetch_ties as select a from dv where a < 995 order by a offset 10
  fetch first 5 rows with ties;
create view dv_fetch_expr as select a from dv order by a fetch first (null + 1) rows with ties;
create view dv_fetch_null as select a from dv order by a fetch first null rows only;
create view dv_limit_expr as select a from dv order by a limit 2 * 3 offset 1 + 1;
create view dv_limit_big as select a from dv limit 10000000000 offset 0;
create view dv_union as select a from dv union select a from dv order by 1 limit 4 offset 1;
\d+ dv_limit
\d+ dv_limit_all
\d+ dv_fetch_ties
\d+ dv_fetch_expr
\d+ dv_fetch_null
select c.relname, pg_get_viewdef(c.oid) from pg_class c
 where c.relname like 'dv\_%' and c.relkind = 'v' order by c.relname;
select c.relname, pg_get_viewdef(c.oid, true) from pg_class c
 where c.relname like 'dv\_%' and c.relkind = 'v' order by c.relname;
select * from dv_fetch_ties;
drop table dv cascade;
