-- Named composite types: CREATE TYPE ... AS (...), table row types as type
-- names, record_in / record_out, ROW(...)::t coercion, field selection and
-- (x).*, comparison, storage in tables (ORDER BY / DISTINCT / GROUP BY),
-- arrays of composites, functions returning one, pg_type / pg_class rows,
-- DROP TYPE.
CREATE TYPE complex AS (r float8, i float8);
CREATE TABLE fullname (first text, last text);
CREATE TYPE quad AS (c1 complex, c2 complex);
SELECT (1.1,2.2)::complex, row((3.3,4.4),(5.5,null))::quad;
SELECT row('Joe', 'Blow')::fullname, '(Joe,Blow)'::fullname;
SELECT '(Joe,von Blow)'::fullname, '(Joe,d''Blow)'::fullname;
SELECT '(Joe,"von""Blow")'::fullname, E'(Joe,d\\\\Blow)'::fullname;
SELECT '(Joe,"Blow,Jr")'::fullname, '(Joe,)'::fullname, ' (Joe,Blow)  '::fullname;
SELECT '(Joe)'::fullname;
SELECT '(Joe,,)'::fullname;
SELECT '[]'::fullname;
SELECT '(Joe,Blow) /'::fullname;
SELECT '("a'::fullname;
SELECT '(1,2)'::record;
SELECT null::fullname, pg_typeof(null::fullname), pg_typeof('(1,2)'::complex);
-- ROW(...) coercion
SELECT row(1, 2)::complex, row('1.5', null)::complex;
SELECT row(1, 2, 3)::complex;
SELECT row(1)::complex;
SELECT row(1, true)::complex;
SELECT ('(1,2)'::complex).r, ((1,2)::complex).i;
SELECT ((1,2)::complex).x;
SELECT (row(1,2)::complex).*;
SELECT (1)::int.x;
-- tables with composite columns
CREATE TABLE quadtable (f1 int, q quad);
INSERT INTO quadtable VALUES (1, ((3.3,4.4),(5.5,6.6)));
INSERT INTO quadtable VALUES (2, ((null,4.4),(5.5,6.6)));
INSERT INTO quadtable VALUES (3, '("(1,2)","(3,4)")');
INSERT INTO quadtable VALUES (4, NULL);
SELECT * FROM quadtable ORDER BY f1;
SELECT f1, (q).c1, (qq.q).c1.i FROM quadtable qq ORDER BY f1;
SELECT (q).* FROM quadtable WHERE f1 = 1;
SELECT q FROM quadtable ORDER BY q;
SELECT q FROM quadtable ORDER BY q DESC;
CREATE TABLE people (fn fullname, bd date);
INSERT INTO people VALUES ('(Joe,Blow)', '1984-01-10'), (row('Ann', 'Lee'), '1990-02-03'),
  (row('Joe', 'Blow'), '2000-01-01');
SELECT * FROM people ORDER BY bd;
SELECT DISTINCT fn FROM people ORDER BY fn;
SELECT fn, count(*) FROM people GROUP BY fn ORDER BY fn;
SELECT (fn).first, (fn).last FROM people WHERE (fn).last = 'Lee';
-- table row types
SELECT f FROM fullname f;
INSERT INTO fullname VALUES ('Al', 'Bo'), ('Cy', NULL);
SELECT f, pg_typeof(f) FROM fullname f ORDER BY f;
SELECT f::fullname, f::text FROM fullname f ORDER BY 1;
SELECT fullname FROM fullname ORDER BY 1;
SELECT row('Al', 'Bo')::fullname = f, f < row('Zz', 'a')::fullname FROM fullname f ORDER BY f;
SELECT f::complex FROM fullname f;
-- arrays of composites
SELECT ARRAY[row(1,2)::complex, row(3,null)::complex];
SELECT '{"(1,2)","(3,4)"}'::complex[], pg_typeof('{}'::complex[]);
SELECT (ARRAY[row(1,2)::complex])[1].i;
-- comparison
SELECT row(1,2)::complex = row(1,2)::complex, row(1,2)::complex < row(1,3)::complex,
       row(1,null)::complex > row(1,2)::complex;
-- text casts
SELECT '(7,8)'::text::complex, (row(7,8)::complex)::text, row(1,2)::complex::varchar;
-- functions returning composites
CREATE FUNCTION mkcomplex(a float8, b float8) RETURNS complex LANGUAGE sql AS
  'SELECT a, b';
SELECT mkcomplex(1, 2), (mkcomplex(3, 4)).i;
SELECT * FROM mkcomplex(5, 6);
CREATE FUNCTION allnames() RETURNS SETOF fullname LANGUAGE sql AS
  'SELECT * FROM fullname ORDER BY first';
SELECT * FROM allnames();
SELECT first FROM allnames() WHERE last = 'Bo';
-- catalogs
SELECT typname, typtype, typcategory, typlen, typinput, typoutput,
       typrelid = (SELECT oid FROM pg_class WHERE relname = 'complex')
  FROM pg_type WHERE typname IN ('complex', '_complex', 'fullname', '_fullname') ORDER BY 1;
SELECT relname, relkind, relnatts, reltype = (SELECT oid FROM pg_type WHERE typname = c.relname)
  FROM pg_class c WHERE relname IN ('complex', 'quad', 'fullname') ORDER BY 1;
SELECT attname, atttypid::regtype, attnum FROM pg_attribute
  WHERE attrelid = (SELECT typrelid FROM pg_type WHERE typname = 'quad') ORDER BY attnum;
SELECT format_type('complex'::regtype, -1), 'quad[]'::regtype;
-- errors
CREATE TYPE complex AS (a int);
CREATE TYPE dup AS (a int, a text);
CREATE TYPE nosuch AS (a nosuchtype);
DROP TYPE complex;
DROP TYPE IF EXISTS nosuchtype;
DROP TYPE fullname;
CREATE TYPE empty AS ();
SELECT '()'::empty;
DROP TYPE empty;
DROP TABLE quadtable;
DROP TYPE complex CASCADE;
DROP FUNCTION mkcomplex(float8, float8);
DROP TYPE complex CASCADE;
DROP TYPE quad, complex;
SELECT null::complex;
DROP FUNCTION allnames();
DROP TABLE people, fullname;
-- json[b]_populate_record[set], json[b]_to_record[set], row_to_json
CREATE TYPE jpop AS (a text, b int, c timestamp);
SELECT * FROM json_populate_record(null::jpop, '{"a":"blurfl","x":43.2}') q;
SELECT * FROM json_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop,
                                   '{"a":[100,200,false],"x":43.2}') q;
SELECT json_populate_record(null::jpop, '{"b": 5}'), jsonb_populate_record(null::jpop, '{"b": 5}');
SELECT * FROM json_populate_record(null::jpop, '[1]') q;
SELECT * FROM json_populate_recordset(null::jpop,
  '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM jsonb_populate_recordset(row('def',99,null)::jpop,
  '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
SELECT * FROM json_populate_recordset(null::jpop, '{"a":1}') q;
SELECT * FROM json_populate_recordset(null::jpop, '[1]') q;
SELECT * FROM json_to_record('{"a":1,"b":"foo","c":"bar"}') AS x(a int, b text, d text);
SELECT * FROM jsonb_to_recordset('[{"a":1,"b":"foo","d":false},{"a":2,"b":"bar","c":true}]')
  AS x(a int, b text, c boolean);
SELECT *, c IS NULL AS c_is_null FROM json_to_record('{"a":1, "b":{"c":16, "d":2}, "x":8,
  "ca": ["1 2", 3], "r": {"a": "aaa", "b": 123}}'::json)
  AS x(a int, b json, c text, x int, ca char(5)[], r jpop);
SELECT * FROM generate_series(1,2) AS x(a int);
CREATE TABLE rr (a int, b text);
INSERT INTO rr VALUES (1, 'one');
SELECT row_to_json(rr), row_to_json(rr.*), row_to_json(row(1,'foo')), to_json(rr) FROM rr;
SELECT row_to_json(q) FROM (SELECT 1 AS a, 'x' AS b) q;
SELECT row_to_json(rr, true) FROM rr;
CREATE TYPE testtype1 AS (a int, b int);
CREATE TYPE testtype3 AS (a int, b text);
SELECT row(1, 2)::testtype1 < row(1, 'abc')::testtype3;
DROP TABLE rr;
DROP TYPE jpop, testtype1, testtype3;
-- anonymous records: json_populate_record of ROW(...), arrays of records
SELECT json_populate_recordset(null::record, '[{"x": 0, "y": 1}]');
SELECT json_populate_recordset(row(1,2), '[{"f1": 0, "f2": 1}]');
SELECT json_populate_record(row(1,2), '{"f1": 0}');
SELECT * FROM json_populate_recordset(row(1,2), '[{"f1": 0, "f2": 1}]') q;
SELECT array[row(1,2), row(3,4)], row(1,1.1) = any (array[row(7,7.7), row(1,1.1)]);
SELECT * FROM json_populate_recordset(null::record, '[{"x": 776}]') AS (x int, y int);
SELECT * FROM jsonb_populate_record(null::record, '{"x": 1, "y": "a"}') AS (x int, y text);
SELECT * FROM json_to_record('{"a": 1}');
-- domains over composite types
CREATE TYPE comptype AS (r float8, i float8);
CREATE DOMAIN dcomptype AS comptype;
CREATE TABLE dcomptable (d1 dcomptype);
INSERT INTO dcomptable VALUES (row(1,2)::dcomptype), (row(3,4));
SELECT d1, (d1).r, (d1).* FROM dcomptable ORDER BY d1;
ALTER DOMAIN dcomptype ADD CONSTRAINT c1 CHECK ((value).r <= (value).i);
SELECT row(2,1)::dcomptype;
DROP TABLE dcomptable;
DROP DOMAIN dcomptype;
DROP TYPE comptype;
-- WITH ORDINALITY of user-defined functions
CREATE FUNCTION g(int) RETURNS TABLE(x int, y text) LANGUAGE sql AS
  'SELECT i, i::text FROM generate_series(1, $1) i';
SELECT * FROM g(2) WITH ORDINALITY;
SELECT * FROM g(2) WITH ORDINALITY AS t(a, b, n);
DROP FUNCTION g(int);
-- PL/pgSQL functions returning a composite type
CREATE TYPE ct AS (a int, b text);
CREATE FUNCTION pf(x int) RETURNS ct LANGUAGE plpgsql AS
  $$ BEGIN RETURN row(x, 'v' || x)::ct; END $$;
CREATE FUNCTION pf2() RETURNS ct LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
SELECT pf(1), (pf(2)).b, pf2(), pf2() IS NULL;
SELECT * FROM pf(3);
SELECT * FROM pf2();
DROP FUNCTION pf(int), pf2();
DROP TYPE ct;
-- a table's row type stored elsewhere: ALTER TABLE ... ADD COLUMN
CREATE TABLE fname (first text, last text);
CREATE TABLE persons (fn fname, bd date);
INSERT INTO persons VALUES ('(Joe,Blow)', '1984-01-10');
ALTER TABLE fname ADD COLUMN suffix text DEFAULT '';
ALTER TABLE fname ADD COLUMN suffix text DEFAULT NULL;
SELECT * FROM persons;
DROP TABLE persons, fname;
-- SQL functions returning a one-field composite type
CREATE TYPE one_key AS (id int);
CREATE FUNCTION mk_key(int) RETURNS one_key LANGUAGE sql AS 'SELECT $1';
SELECT mk_key(7), (mk_key(8)).id, mk_key(1) = mk_key(1);
DROP FUNCTION mk_key(int);
DROP TYPE one_key;
