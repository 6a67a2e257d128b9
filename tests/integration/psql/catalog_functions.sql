-- The catalog functions psql and drivers call.
create table t (a int primary key, b varchar(20), c numeric(7,3), d int check (d >= 0));
create view v as select a from t;
create schema s;
create table s.hidden (x int);
create temp table tmp (y int);

select format_type(23, -1), format_type(1043, 24), format_type(1700, 458759), format_type(1042, 5),
       format_type(1184, 3), format_type(1007, -1), format_type(null, -1), format_type(25, null), format_type(99999, -1);
select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 't'::regclass and attnum > 0 order by attnum;
select pg_table_is_visible('t'::regclass), pg_table_is_visible('s.hidden'::regclass),
       pg_table_is_visible('pg_class'::regclass), pg_table_is_visible('v'::regclass),
       pg_table_is_visible('tmp'::regclass), pg_table_is_visible(99999);
select c.relname from pg_class c where pg_table_is_visible(c.oid) and c.relname in ('t', 'hidden', 'v', 'tmp') order by 1;
select pg_type_is_visible(23), pg_type_is_visible(99999);
select pg_get_userbyid(10), pg_get_userbyid(6171), pg_get_userbyid(424242);
select pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) from pg_constraint where conrelid = 't'::regclass order by conname;
select obj_description('t'::regclass, 'pg_class'), obj_description('t'::regclass), col_description('t'::regclass, 1),
       shobj_description(10, 'pg_authid');
select pg_encoding_to_char(6), pg_encoding_to_char(0);
select current_schemas(false), current_schemas(true) is not null, current_schema(), current_schema;
select has_table_privilege('t', 'select'), has_table_privilege('t', 'SELECT, INSERT'),
       has_table_privilege('postgres', 't', 'update'), has_table_privilege('t'::regclass, 'delete'),
       has_table_privilege('t', 'select with grant option');
select has_table_privilege('nope', 'select');
select has_table_privilege('t', 'fly');
select has_table_privilege('nobody', 't', 'select');
select has_schema_privilege('public', 'usage'), has_schema_privilege('s', 'create'),
       has_schema_privilege('postgres', 'public', 'USAGE');
select has_schema_privilege('nope', 'usage');
select has_database_privilege(current_database(), 'connect'),
       has_database_privilege(current_database(), 'create, temp');
select pg_relation_size('t') >= 0, pg_table_size('t') >= 0, pg_total_relation_size('t') >= 0,
       pg_indexes_size('t') >= 0, pg_relation_size(99999), pg_relation_size('t', 'main') >= 0;
select pg_relation_size('nope');
select pg_size_pretty(0::bigint), pg_size_pretty(1023::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint),
       pg_size_pretty(123456789::bigint), pg_size_pretty(-10240::bigint), pg_size_pretty(1099511627776::bigint),
       pg_size_pretty(9223372036854775807::bigint);
select pg_get_viewdef('v'::regclass) is not null, pg_get_viewdef('t'::regclass);
select quote_ident('a b'), quote_ident('abc');
select version() like 'PostgreSQL 15%';
select current_user, session_user, user, current_role, current_catalog = current_database();
-- pg_get_ruledef: NULL for an OID that is no rule's (psql's \d+ of a view calls it)
select pg_get_ruledef(0) is null as no_rule, pg_get_ruledef(0, true) is null as no_rule_pretty;
