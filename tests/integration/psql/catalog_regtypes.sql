-- oid and the reg* types: input by name with PostgreSQL's errors, output as
-- names (qualified when not visible), casts to and from oid/int4/int8/text.
create table t (a int);
create schema s;
create table s.t2 (x int);
create table "Odd T" (a int);
create sequence sq;

select 'pg_class'::regclass, 'pg_catalog.pg_class'::regclass, ' PG_CLASS '::regclass, 'pg_class'::regclass::oid;
select 't'::regclass, 's.t2'::regclass, '"Odd T"'::regclass, 'sq'::regclass, 'public.t'::regclass;
select 0::regclass, 0::regtype, 0::regnamespace, 0::regrole, 0::regproc, '-'::regclass;
select 99999::regclass, 99999::regtype, 99999::regnamespace, 99999::regrole, '12345'::regclass;
select 'int4'::regtype, 'integer'::regtype, 'character varying'::regtype, 'varchar(10)'::regtype,
       'int4[]'::regtype, '_int4'::regtype, 'double precision'::regtype, 'pg_catalog.text'::regtype,
       'timestamp with time zone'::regtype, 'bool'::regtype, '"char"'::regtype;
select 'public'::regnamespace, 'pg_catalog'::regnamespace::oid, 's'::regnamespace::text, 'postgres'::regrole, 'postgres'::regrole::oid;
select 'pg_class'::regclass::int4, 'pg_class'::regclass::int8, 1259::regclass, 1259::int8::regclass, 'pg_class'::text::regclass;
select 'pg_class'::regclass = 1259, 1259 = 'pg_class'::regclass, 'pg_class'::regclass::text, 'pg_type'::regclass < 'pg_class'::regclass;
select '-1'::oid, (-1)::oid, '4294967295'::oid, 4294967295::oid, 4294967295::oid::int4, 4294967295::oid::int8, ' 42 '::oid, '+7'::oid;
select oid::regtype from pg_type where typname = 'numeric';
select pg_typeof(1259::oid), pg_typeof('pg_class'::regclass), pg_typeof(1), pg_typeof(null::text), pg_typeof(now()), pg_typeof(pg_typeof(1));
select 'x'::regtype;
select 'nope'::regclass;
select 'nosch.t'::regclass;
select 'a.b.c.d'::regclass;
select 'x.y.pg_class'::regclass;
select ''::regclass;
select 'nope'::regtype;
select 'nope'::regnamespace;
select 'nope'::regrole;
select '4294967296'::oid;
select 'abc'::oid;
select '-4294967296'::oid;
select ''::oid;
select (-1)::int8::oid;
select 4294967296::int8::oid;
select relname from pg_class where oid = 't'::regclass;
select relname from pg_class where oid = 's.t2'::regclass;
select c.oid::regclass from pg_class c where c.relname in ('t', 't2', 'Odd T') order by 1;
select nextval('sq'), nextval('sq'::regclass), currval('sq'::regclass), setval('sq'::regclass, 10), setval('sq'::regclass, 20, false), nextval('public.sq'::regclass);
select nextval('t'::regclass);
create table ser (id serial, v text default 'x');
insert into ser (v) values ('a');
select id, v from ser;
select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'ser'::regclass order by adnum;
select 'int4in'::regproc, 'pg_catalog.int4in'::regproc::oid, 42::regproc, 750::regproc, 0::regproc;
select 'nope'::regproc;
select typname, typinput, typoutput, typreceive, typsend, typmodin, typmodout, typanalyze, typsubscript
  from pg_type where typname in ('int4', '_int4', 'numeric', 'varchar', 'jsonb', 'box') order by oid;
select typname from pg_type where typinput = 'array_in'::regproc and typname in ('_int4', '_text', 'int4') order by 1;
select amname, amhandler from pg_am where amname in ('heap', 'btree') order by 1;
