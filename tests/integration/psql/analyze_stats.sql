-- ANALYZE's statistics as pg_stats shows them. Every table is small enough
-- (< 30000 rows) for PostgreSQL's sample to be the whole table, so the
-- figures are exact and must match PostgreSQL's to the last digit. Rows are
-- inserted in key order: our physical order is the key order, PostgreSQL's
-- the insertion order, and correlation compares values with it.
\d pg_stats
-- Ints: unique, few distinct, skewed, with NULLs, descending, constant.
create table st_ints (id int4, few int4, skew int8, withnull int2, down int4, same int4);
insert into st_ints
  select g, g % 5, case when g % 10 < 6 then 1 when g % 10 < 8 then 2 else g end,
         case when g % 4 = 0 then null else (g % 7)::int2 end, 1000 - g, 42
  from generate_series(1, 1000) g;
analyze st_ints;
select attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs,
       histogram_bounds, correlation
  from pg_stats where tablename = 'st_ints' order by attname;
-- Text: short values, values past 126 bytes (4-byte header) and past 1024
-- (too wide to sort: in the width and distinct count only), quoting in the
-- arrays, NULLs, all distinct.
create table st_text (k int4, word text, tag varchar(20), note text, code char(4));
insert into st_text
  select g,
         'w' || (g % 37),
         case when g % 3 = 0 then 'a b' when g % 3 = 1 then 'c,d' else null end,
         case when g <= 3 then repeat('y', 1100 + g) else repeat('x', g % 150) || g end,
         lpad((g * 7919 % 1000)::text, 4, '0')
  from generate_series(1, 600) g;
analyze st_text;
-- Not correlation here: rows of different widths spread over several pages
-- are not in insertion order in PostgreSQL's heap (a row that does not fit
-- the current page may go to an earlier page's free space).
select attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs,
       histogram_bounds
  from pg_stats where tablename = 'st_text' order by attname;
-- Text correlation on a table that fits one page.
create table st_words (w text, n int4);
insert into st_words select chr(97 + (g * 7) % 26) || g, g from generate_series(1, 100) g;
analyze st_words;
select attname, n_distinct, correlation from pg_stats where tablename = 'st_words'
  order by attname;
-- Floats (real[] rounding of frequencies such as 1/3), bool, numeric, date.
create table st_misc (f float8, r real, b bool, n numeric, d date);
insert into st_misc
  select g / 3.0, (g % 11) / 7.0, g % 3 = 0, round(g / 7.0, 2), date '2020-01-01' + g % 45
  from generate_series(1, 300) g;
analyze st_misc;
select attname, null_frac, avg_width, n_distinct, most_common_vals, most_common_freqs,
       histogram_bounds, correlation
  from pg_stats where tablename = 'st_misc' order by attname;
-- All NULL, one row, no rows, a column list, a dropped column.
create table st_edge (a int4, b text, c int4);
insert into st_edge values (null, null, 1);
analyze st_edge;
select attname, null_frac, avg_width, n_distinct, most_common_vals, histogram_bounds,
       correlation
  from pg_stats where tablename = 'st_edge' order by attname;
create table st_empty (a int4);
analyze st_empty;
select count(*) from pg_stats where tablename = 'st_empty';
create table st_cols (a int4, b int4, c int4);
insert into st_cols select g, g % 2, g % 3 from generate_series(1, 50) g;
analyze st_cols (a, c);
select attname, n_distinct from pg_stats where tablename = 'st_cols' order by attname;
alter table st_cols drop column c;
select attname from pg_stats where tablename = 'st_cols' order by attname;
-- Changes after ANALYZE show only after the next one.
delete from st_cols where a > 10;
select attname, n_distinct from pg_stats where tablename = 'st_cols' order by attname;
analyze st_cols;
select attname, n_distinct, histogram_bounds, correlation
  from pg_stats where tablename = 'st_cols' order by attname;
-- Only columns the user may read.
create role st_reader;
grant select (a) on st_cols to st_reader;
set role st_reader;
select tablename, attname from pg_stats where tablename like 'st_%' order by 1, 2;
reset role;
drop table st_cols;
drop role st_reader;
select schemaname, tablename, attname, inherited, most_common_elems, most_common_elem_freqs,
       elem_count_histogram
  from pg_stats where tablename = 'st_ints' and attname = 'id';
