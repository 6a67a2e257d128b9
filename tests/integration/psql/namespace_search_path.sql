-- search_path: unqualified names resolve through the listed schemas, new
-- objects go to the first existing one; CREATE SCHEMA with elements;
-- ALTER SCHEMA RENAME.
SHOW search_path;
SELECT current_schema(), current_schemas(false), current_schemas(true);
CREATE SCHEMA sp_a;
CREATE SCHEMA sp_b;
CREATE TABLE sp_a.t (x int);
CREATE TABLE sp_b.t (x int, y text);
INSERT INTO sp_a.t VALUES (1);
INSERT INTO sp_b.t VALUES (2, 'b');
SET search_path = sp_b, sp_a;
SELECT current_schema(), current_schemas(false);
SELECT * FROM t;
SET search_path = sp_a, sp_b;
SELECT * FROM t;
CREATE TABLE made_here (z int);
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'made_here';
INSERT INTO made_here VALUES (5);
SELECT * FROM sp_a.made_here;
SET search_path = nonexistent, sp_b;
SELECT current_schema();
CREATE TABLE made_in_b (z int);
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'made_in_b';
SET search_path = nonexistent;
SELECT current_schema(), current_schemas(true);
CREATE TABLE nowhere (z int);
SELECT * FROM t;
SET search_path = "$user", public;
SELECT pg_table_is_visible('sp_a.t'::regclass);
SET search_path = sp_a, public;
SELECT pg_table_is_visible('sp_a.t'::regclass), pg_table_is_visible('sp_b.t'::regclass);
SELECT 't'::regclass::oid = 'sp_a.t'::regclass::oid;
RESET search_path;
-- CREATE SCHEMA with elements: run tables before views, in the new schema
CREATE SCHEMA sp_c
  CREATE VIEW v AS SELECT a + 1 AS a1 FROM base
  CREATE TABLE base (a int, b serial)
  CREATE SEQUENCE s START 10;
INSERT INTO sp_c.base (a) VALUES (1), (2);
SELECT * FROM sp_c.v ORDER BY 1;
SELECT nextval('sp_c.s');
SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'sp_c' ORDER BY 1;
CREATE SCHEMA sp_d CREATE TABLE sp_c.wrong (a int);
CREATE SCHEMA sp_d CREATE VIEW v AS SELECT nosuch FROM base;
SELECT count(*) FROM pg_namespace WHERE nspname = 'sp_d';
CREATE SCHEMA IF NOT EXISTS sp_c;
-- ALTER SCHEMA RENAME
ALTER SCHEMA sp_b RENAME TO sp_b2;
SELECT * FROM sp_b2.t;
ALTER SCHEMA sp_b2 RENAME TO sp_a;
ALTER SCHEMA nosuch RENAME TO other;
ALTER SCHEMA sp_b2 RENAME TO pg_bad;
CREATE SCHEMA sp_e CREATE TABLE s (id serial, v text);
ALTER SCHEMA sp_e RENAME TO sp_e2;
INSERT INTO sp_e2.s (v) VALUES ('after rename');
SELECT * FROM sp_e2.s;
DROP SCHEMA sp_a CASCADE;
DROP SCHEMA sp_b2 CASCADE;
DROP SCHEMA sp_c CASCADE;
DROP SCHEMA sp_e2 CASCADE;
-- CREATE SCHEMA with an index element (run after the tables and views).
CREATE SCHEMA sp_idx
       CREATE UNIQUE INDEX sp_idx_a ON t1 (a)
       CREATE VIEW v1 AS SELECT a FROM t1
       CREATE TABLE t1 (a int, b text);
SELECT schemaname, tablename, indexname FROM pg_indexes WHERE schemaname = 'sp_idx';
INSERT INTO sp_idx.t1 VALUES (1, 'x');
INSERT INTO sp_idx.t1 VALUES (1, 'y');
CREATE SCHEMA sp_idx2 CREATE INDEX bad ON sp_idx.t1 (b);
DROP SCHEMA sp_idx CASCADE;
