-- information_schema.routines and information_schema.parameters over user
-- functions and procedures. The catalog columns hold the database's name,
-- which differs between the two servers, and specific_name ends in the
-- routine's OID: neither is selected as is.
create schema rs;
create function rs_add(a int, b int default 1) returns int language sql immutable strict
  as 'select a + b';
create function rs_greet(name text default 'world', out greeting text) language sql stable
  as $$select 'hello ' || name$$;
create function rs_inc(inout x int) returns int language sql as 'select x + 1';
create function rs_div(a numeric, b numeric, out q numeric, out r numeric) language sql
  as 'select div(a, b), mod(a, b)';
create function rs_pairs(n int) returns table (i int, sq bigint) language sql
  as 'select g, g::bigint * g from generate_series(1, n) g';
create function rs_noop() returns void language plpgsql security definer
  as $$begin null; end$$;
create function rs.rs_len(varchar, flag boolean default true) returns integer language sql
  as 'select length($1)';
create function rs_many(p1 text, p2 timestamptz, p3 date[], p4 float8 default 2.5,
  p5 text default null) returns setof int language sql as 'select 1';

select regexp_replace(specific_name, '_[0-9]+$', '') as specific_name,
       specific_schema, routine_schema, routine_name, routine_type, data_type,
       type_udt_schema, type_udt_name, dtd_identifier, routine_body, external_language,
       parameter_style, is_deterministic, sql_data_access, is_null_call, schema_level_routine,
       max_dynamic_result_sets, security_type, as_locator, is_udt_dependent
  from information_schema.routines
 where routine_schema in ('public', 'rs') order by routine_name;
select routine_name, routine_definition, external_name, sql_path, created, last_altered,
       new_savepoint_level, is_user_defined_cast, is_implicitly_invocable,
       module_name, udt_name, character_maximum_length, numeric_precision, collation_name,
       result_cast_from_data_type, result_cast_dtd_identifier
  from information_schema.routines
 where routine_schema in ('public', 'rs') order by routine_name;
select specific_name = routine_name || '_' || (select p.oid::text from pg_proc p
         where p.proname = routine_name) as name_oid
  from information_schema.routines where routine_schema in ('public', 'rs') order by routine_name;

select regexp_replace(specific_name, '_[0-9]+$', '') as specific_name, specific_schema,
       ordinal_position, parameter_mode, is_result, as_locator, parameter_name, data_type,
       udt_schema, udt_name, dtd_identifier, parameter_default
  from information_schema.parameters
 where specific_schema in ('public', 'rs') order by 1, ordinal_position;
select count(*), count(character_maximum_length), count(numeric_precision),
       count(collation_name), count(interval_type), count(scope_name)
  from information_schema.parameters where specific_schema in ('public', 'rs');

-- The view columns, their order and types.
select table_name, ordinal_position, column_name, data_type
  from information_schema.columns
 where table_schema = 'information_schema' and table_name in ('routines', 'parameters')
 order by table_name, ordinal_position;

-- A role that is not the owner sees the routines (PUBLIC may EXECUTE them)
-- but neither their bodies nor their parameters' defaults.
create role rs_reader;
set role rs_reader;
select routine_name, routine_type, routine_definition from information_schema.routines
 where routine_schema in ('public', 'rs') order by routine_name;
select regexp_replace(specific_name, '_[0-9]+$', '') as specific_name, ordinal_position,
       parameter_name, parameter_default
  from information_schema.parameters
 where specific_schema in ('public', 'rs') and parameter_name in ('b', 'name', 'p4')
 order by 1, 2;
reset role;
drop role rs_reader;

drop function rs_add, rs_greet, rs_inc, rs_div, rs_pairs, rs_noop, rs.rs_len, rs_many;
select count(*) from information_schema.routines where routine_schema in ('public', 'rs');
select count(*) from information_schema.parameters where specific_schema in ('public', 'rs');
drop schema rs;
