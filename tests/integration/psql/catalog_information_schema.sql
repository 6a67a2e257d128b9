-- information_schema views over user objects (the catalog columns hold the
-- database's name, which differs between the two servers: not selected).
create table ist (a int primary key, b varchar(10) default 'x', c numeric(6,2), d numeric, e text,
  f char(3), g timestamptz, h timestamp(3), i date, j bool, k float8, l float4, m int2, n int8,
  o int[], p interval, q json, r bytea, s uuid, t time, u text not null default 'it''s');
create view isv as select a, b from ist;
create sequence iss;
create schema other;
create table other.w (x int);

select schema_name, schema_owner, default_character_set_name, sql_path
  from information_schema.schemata order by 1;
select table_schema, table_name, table_type, is_typed, commit_action
  from information_schema.tables where table_schema in ('public', 'other') order by 1, 2;
select table_schema, table_name, table_type from information_schema.tables where table_name = 'pg_class';
select column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length,
       character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale,
       datetime_precision, interval_type, udt_schema, udt_name, dtd_identifier, is_identity,
       is_generated, is_updatable
  from information_schema.columns where table_name = 'ist' order by ordinal_position;
select table_name, column_name, ordinal_position, data_type
  from information_schema.columns where table_name = 'isv' order by ordinal_position;
select sequence_schema, sequence_name, data_type, numeric_precision, numeric_precision_radix, numeric_scale,
       start_value, minimum_value, maximum_value, increment, cycle_option
  from information_schema.sequences order by 2;
select table_schema, table_name, check_option from information_schema.views where table_schema = 'public';
select count(*) from information_schema.columns where table_schema = 'pg_catalog' and table_name = 'pg_class';
