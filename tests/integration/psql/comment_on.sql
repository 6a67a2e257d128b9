-- COMMENT ON: tables, views, indexes, sequences, columns, constraints,
-- schemas and functions; pg_description, obj_description, col_description
-- and psql's \d+ / \dv+ (\dt+ shows sizes, which differ); replacing and removing comments; errors.
create table cm_t (a int primary key, b int check (b > 0), c text, d text, constraint cm_u unique (c));
create view cm_v as select a, b from cm_t;
create sequence cm_s;
create index cm_i on cm_t (b);
create schema cm_schema;
create function cm_f(int) returns int language sql as 'select $1 + 1';
comment on table cm_t is 'the table';
comment on view cm_v is 'a view';
comment on sequence cm_s is 'a sequence';
comment on index cm_i is 'an index';
comment on index cm_t_pkey is 'the primary key''s index';
comment on column cm_t.a is 'column a';
comment on column public.cm_t.c is 'column c';
comment on column cm_t.d is 'column d';
comment on column cm_v.b is 'view column b';
comment on constraint cm_t_b_check on cm_t is 'b is positive';
comment on constraint cm_u on cm_t is 'c is unique';
comment on constraint cm_t_pkey on cm_t is 'pk';
comment on schema cm_schema is 'a schema';
comment on function cm_f(int) is 'adds one';
comment on function cm_f is 'adds one, again';
select c.relname, d.objsubid, d.description
  from pg_description d join pg_class c on c.oid = d.objoid and d.classoid = 'pg_class'::regclass
  order by 1, 2;
select count(*) from pg_description where classoid = 'pg_constraint'::regclass;
select obj_description('cm_t'::regclass, 'pg_class'), obj_description('cm_t'::regclass, 'pg_proc'),
       obj_description('cm_t'::regclass), obj_description('cm_t'::regclass, 'no_such_catalog');
select col_description('cm_t'::regclass, 1), col_description('cm_t'::regclass, 2),
       col_description('cm_v'::regclass, 2), col_description('cm_t'::regclass, 99);
select obj_description('cm_f'::regproc, 'pg_proc'),
       obj_description((select oid from pg_namespace where nspname = 'cm_schema'), 'pg_namespace');
\d+ cm_t
\dv+ cm_v
-- replace, then remove with NULL and with ''
comment on table cm_t is 'replaced';
select obj_description('cm_t'::regclass, 'pg_class');
comment on table cm_t is null;
comment on column cm_t.a is '';
select obj_description('cm_t'::regclass, 'pg_class'), col_description('cm_t'::regclass, 1);
-- transactional
begin;
comment on table cm_t is 'rolled back';
select obj_description('cm_t'::regclass, 'pg_class');
rollback;
select obj_description('cm_t'::regclass, 'pg_class');
-- errors
comment on table cm_v is 'x';
comment on view cm_t is 'x';
comment on index cm_t is 'x';
comment on sequence cm_t is 'x';
comment on table no_such is 'x';
comment on column cm_t is 'x';
comment on column cm_t.zz is 'x';
comment on column no_such.zz is 'x';
comment on constraint zz on cm_t is 'x';
comment on schema no_such is 'x';
comment on function no_such(int) is 'x';
comment on function no_such is 'x';
-- a dropped column's comment goes with it; so do a dropped object's
alter table cm_t drop column d;
select d.objsubid, d.description from pg_description d
  where d.objoid = 'cm_t'::regclass and d.classoid = 'pg_class'::regclass order by 1;
drop function cm_f(int);
drop schema cm_schema;
drop index cm_i;
select count(*) from pg_description d where d.objoid >= 16384;
drop table cm_t cascade;
drop sequence cm_s;
select count(*) from pg_description d where d.objoid >= 16384;
