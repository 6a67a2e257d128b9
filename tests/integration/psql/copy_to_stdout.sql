-- COPY TO STDOUT (tables, column lists, queries) in text and CSV, with
-- HEADER, FORCE_QUOTE, QUOTE, ESCAPE, DELIMITER, NULL; server-side files.
create table t (a int primary key, b text, c numeric(5,2), d bool);
insert into t values (1, 'plain', 1.5, true), (2, E'tab\there', null, false),
  (3, E'back\\slash', 2, null), (4, 'com,ma "q"', 3.25, true), (5, '', 0, false),
  (6, E'new\nline', -1, true);
copy t to stdout;
copy t (d, a) to stdout;
copy t to stdout (format csv);
copy t to stdout (format csv, header, force_quote *);
copy t to stdout (format csv, header, force_quote (b, c));
copy t to stdout (format csv, quote '''', escape '\', null 'NULL');
copy t to stdout (delimiter '|', null '');
copy t to stdout with csv header delimiter ';';
copy (select a, b from t where a > 3 order by a desc) to stdout;
copy (select a * 2 as doubled from t order by a) to stdout with (format csv, header);
copy (select 1 as x, 'y' as y) to stdout;
copy (select E'\\.' as v) to stdout (format csv);
copy t to stdout (format csv, force_quote (zz));
copy t to stdout (force_quote (a));
copy t (zz) to stdout;
copy t (a, a) to stdout;
copy t to stdout (format csv, force_not_null (a));
copy t to 'relative/path';
copy t from '/nonexistent/stratadb-copy-test';
-- server-side files
copy t to '/tmp/stratadb_copy_to_stdout_test.data';
create table t2 (a int primary key, b text, c numeric(5,2), d bool);
copy t2 from '/tmp/stratadb_copy_to_stdout_test.data';
select * from t2 order by a;
copy t to '/tmp/stratadb_copy_to_stdout_test.data' (format csv, header);
delete from t2;
copy t2 from '/tmp/stratadb_copy_to_stdout_test.data' with csv header;
select a from t2 order by a;
-- psql's \copy (client side)
\copy t to stdout with csv
\copy (select a from t order by a) to stdout
-- COPY of a view or a sequence, and COPY (SELECT INTO).
CREATE VIEW copy_v AS SELECT 1 AS a;
COPY copy_v TO STDOUT;
CREATE SEQUENCE copy_s;
COPY copy_s TO STDOUT;
COPY (SELECT 1 INTO TEMP copy_x) TO STDOUT;
DROP VIEW copy_v;
DROP SEQUENCE copy_s;
-- A missing relation: PostgreSQL opens COPY's relation without a parse position.
copy nope to stdout;
copy nope (a) to stdout;
