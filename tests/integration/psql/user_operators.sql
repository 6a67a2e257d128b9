-- User-defined operators, casts, shell and base types (CREATE OPERATOR,
-- CREATE CAST, CREATE TYPE name / name (INPUT = ...), LANGUAGE internal).
-- Shell types and LANGUAGE internal I/O functions.
create type xf8;
create type xf8;
\errverbose
create function xf8in(cstring) returns xf8 immutable strict
  language internal as 'int8in';
create function xf8out(xf8) returns cstring immutable strict
  language internal as 'int8out';
create function xf8bad(cstring) returns xf8 language internal as 'no_such_function';
\errverbose
create type xf8 (input = xf8in, output = xf8out, like = float8);
create type xf8 (input = xf8in, output = xf8out);
\errverbose
create type nosuchshell (input = xf8in, output = xf8out);
\errverbose
create type xf8b;
create type xf8b (output = xf8out);
\errverbose
-- A base type's values are its I/O functions' type's.
select '42'::xf8, pg_typeof('42'::xf8);
select '1.5'::xf8;
\errverbose
select 42::xf8;
\errverbose
-- Binary-coercible casts reinterpret the datum, as in float8.sql.
create cast (xf8 as float8) without function;
create cast (bigint as xf8) without function;
create cast (bigint as xf8) without function;
\errverbose
select x'3ff0000000000000'::bigint::xf8::float8 as one,
       x'4000000000000000'::bigint::xf8::float8 as two,
       (-4616189618054758400)::bigint::xf8::float8 as minus_one;
select castcontext, castmethod from pg_cast
  where castsource = 'xf8'::regtype order by casttarget;
drop cast (xf8 as float8);
drop cast (xf8 as float8);
\errverbose
drop cast if exists (xf8 as float8);
drop type xf8b;
drop type xf8 cascade;
-- Text-like base type, casts WITH INOUT / WITHOUT FUNCTION AS IMPLICIT.
create type tt;
create function tt_in(cstring) returns tt as 'textin' language internal strict immutable;
create function tt_out(tt) returns cstring as 'textout' language internal strict immutable;
create type tt (internallength = variable, input = tt_in, output = tt_out, alignment = int4);
create function tt_func(tt) returns int4 language sql as $$ select 1; $$;
select tt_func('foo'::text);
\errverbose
select 'foo'::text::tt;
create cast (text as tt) without function as implicit;
select tt_func('foo'::text);
select 1234::int4::tt;
\errverbose
create cast (int4 as tt) with inout;
select 1234::int4::tt;
drop cast (int4 as tt);
create function int4_tt(int4) returns tt language sql as
$$ select ('n' || $1::text)::tt; $$;
create cast (int4 as tt) with function int4_tt(int4) as implicit;
select 1234::int4::tt;
drop type tt cascade;
-- Operators.
create operator @#@ (rightarg = int8, procedure = factorial);
select @#@ 5;
select @#@ 5::int2;
create operator #%# (leftarg = int8, procedure = factorial);
\errverbose
create operator #@%# (procedure = factorial);
\errverbose
create operator #@%# (rightarg = int8);
\errverbose
create operator #@%# (rightarg = int8, procedure = factorial, invalid_att = int8);
create operator #*# (leftarg = setof int8, procedure = factorial);
\errverbose
create operator @#@ (rightarg = int8, procedure = factorial);
\errverbose
comment on operator @#@ (none, int8) is 'factorial';
comment on operator ###### (none, int4) is 'bad prefix';
\errverbose
comment on operator ###### (int4, none) is 'bad postfix';
\errverbose
comment on operator ###### (int4, int8) is 'bad infix';
\errverbose
create function bool_eq(boolean, boolean) returns boolean as
$$ select $1 = $2; $$ language sql immutable;
create operator === (leftarg = boolean, rightarg = boolean, procedure = bool_eq,
  commutator = ===, negator = !==, restrict = eqsel, join = eqjoinsel, hashes, merges);
select true === true, true === false;
select o.oprname, o.oprkind, o.oprleft::regtype, o.oprright::regtype,
       o.oprresult::regtype, o.oprcanhash, o.oprcanmerge,
       c.oprname as com, n.oprname as neg
  from pg_operator o left join pg_operator c on c.oid = o.oprcom
       left join pg_operator n on n.oid = o.oprnegate
  where o.oprnamespace = 'public'::regnamespace order by 1, 2;
alter operator === (boolean, boolean) set (commutator = !==);
\errverbose
alter operator === (boolean, boolean) set (restrict = non_existent_func);
\errverbose
alter operator === (boolean, boolean) set (join = non_existent_func);
\errverbose
alter operator === (boolean, boolean) set ("Restrict" = eqsel);
\errverbose
alter operator === (boolean, boolean) set (restrict = none, join = none);
-- Operators on domains are found by exact argument types (CASE uses =).
create domain ci as text;
create function ci_eq(ci, ci) returns boolean as
$$ select lower($1::text) = lower($2::text) $$ language sql;
create operator = (procedure = ci_eq, leftarg = ci, rightarg = ci);
select case 'ABC'::ci when 'abc'::ci then 'same' else 'different' end;
select 'ABC'::ci = 'abc'::ci, 'ABC'::text = 'abc'::text;
drop operator = (ci, ci);
select 'ABC'::ci = 'abc'::ci;
drop operator @#@ (none, int8);
drop operator @#@ (none, int8);
\errverbose
drop operator if exists @#@ (none, int8);
drop operator ###### (int4, none);
\errverbose
drop operator === (boolean, boolean);
drop operator !== (boolean, boolean);
select count(*) from pg_operator where oprnamespace = 'public'::regnamespace;
drop function bool_eq(boolean, boolean);
drop function ci_eq(ci, ci);
drop domain ci;
