-- psql meta-commands whose queries read only pg_class, pg_namespace, pg_am
-- and the catalog functions (no subqueries): \dt, \dv, \ds, \dn, \di.
\dt
\dn
create table t1 (a int primary key, b text);
create table "Mixed Case" (x int);
create view v1 as select a from t1;
create sequence sq1;
create schema other;
create table other.hidden (y int);
\dt
\dv
\ds
\di
\dn
\dt t*
\dt other.*
\dt *.hidden
\dv v1
\ds nope
\dt pg_class
\dt pg_catalog.pg_class
select 'pg_toast' ~ '^pg_', 'public' !~ '^pg_', 'ABC' ~* 'b', 'ABC' !~* 'd', 'x'::name ~ 'x', 'ab '::char(3) ~ 'b$';
