-- CREATE DATABASE / DROP DATABASE and \c between databases: each database
-- has its own schemas, tables, sequences and views; roles and pg_database
-- are shared.
\set home :DBNAME
CREATE DATABASE db_one;
CREATE DATABASE db_one;
CREATE DATABASE "DB Two" TEMPLATE template0 ENCODING 'UTF8' CONNECTION LIMIT 3;
CREATE DATABASE db_bad TEMPLATE no_such_template;
CREATE DATABASE db_bad WITH no_such_option = 1;
CREATE DATABASE db_bad OWNER no_such_role;
CREATE DATABASE db_bad OWNER postgres CONNECTION LIMIT 1 OWNER postgres;
CREATE DATABASE db_bad ENCODING 'LATIN1' TEMPLATE template0;
CREATE DATABASE db_bad ENCODING 'no_such_encoding';
CREATE DATABASE db_bad CONNECTION LIMIT -2;
CREATE DATABASE db_bad STRATEGY = bogus;
BEGIN;
CREATE DATABASE db_in_block;
ROLLBACK;
SELECT datname, pg_get_userbyid(datdba) AS owner, datistemplate, datallowconn, datconnlimit,
       encoding, datacl
  FROM pg_database WHERE datname IN ('db_one', 'DB Two', 'template1', 'template0')
  ORDER BY datname;
\l db_one
CREATE TABLE in_case (a int);
INSERT INTO in_case VALUES (1);
\c db_one
SELECT current_database();
SELECT count(*) FROM pg_class WHERE relname = 'in_case';
SELECT * FROM in_case;
SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'information_schema') ORDER BY 1;
CREATE TABLE t1 (a int PRIMARY KEY, b text);
INSERT INTO t1 VALUES (1, 'one'), (2, 'two');
CREATE INDEX t1_b ON t1 (b);
CREATE SEQUENCE s1;
SELECT nextval('s1'), nextval('s1');
CREATE VIEW v1 AS SELECT b FROM t1 WHERE a > 1;
SELECT * FROM v1;
ANALYZE t1;
SELECT relname, reltuples FROM pg_class WHERE relname IN ('t1', 's1', 'v1') ORDER BY 1;
SELECT table_catalog, table_name FROM information_schema.tables
  WHERE table_schema = 'public' ORDER BY 2;
DROP DATABASE db_one;
\c "DB Two"
SELECT current_database();
SELECT count(*) FROM pg_class WHERE relname IN ('t1', 'in_case');
CREATE TABLE t1 (x text);
INSERT INTO t1 VALUES ('two');
\c db_one
SELECT * FROM t1 ORDER BY a;
SELECT nextval('s1');
\c :home
SELECT * FROM in_case;
DROP DATABASE db_one;
DROP DATABASE db_one;
DROP DATABASE IF EXISTS db_one;
DROP DATABASE template1;
DROP DATABASE :"home";
-- Database privileges and ownership are shared: a role's databases block
-- DROP ROLE.
CREATE ROLE db_maker LOGIN;
SET ROLE db_maker;
CREATE DATABASE db_three;
RESET ROLE;
ALTER ROLE db_maker CREATEDB;
SET ROLE db_maker;
CREATE DATABASE db_three;
SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'db_three';
DROP DATABASE "DB Two";
RESET ROLE;
ALTER DATABASE db_three RENAME TO db_four;
ALTER DATABASE db_three RENAME TO db_four;
RESET ROLE;
ALTER DATABASE db_three RENAME TO "DB Two";
ALTER DATABASE db_three RENAME TO db_four;
ALTER DATABASE :"home" RENAME TO db_five;
ALTER DATABASE db_four WITH CONNECTION LIMIT 7 IS_TEMPLATE true;
ALTER DATABASE db_four CONNECTION LIMIT -3;
ALTER DATABASE db_four ALLOW_CONNECTIONS false CONNECTION LIMIT 1 CONNECTION LIMIT 2;
ALTER DATABASE :"home" ALLOW_CONNECTIONS false;
ALTER DATABASE no_such_db CONNECTION LIMIT 1;
SELECT datname, datistemplate, datallowconn, datconnlimit FROM pg_database
  WHERE datname LIKE 'db\_%' ORDER BY 1;
DROP DATABASE db_four;
ALTER DATABASE db_four IS_TEMPLATE false;
ALTER DATABASE db_four OWNER TO postgres;
ALTER DATABASE db_four OWNER TO no_such_role;
SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'db_four';
ALTER DATABASE db_four OWNER TO db_maker;
BEGIN;
ALTER DATABASE db_four RENAME TO db_three;
SELECT datname FROM pg_database WHERE datname LIKE 'db\_%' ORDER BY 1;
ROLLBACK;
SELECT datname FROM pg_database WHERE datname LIKE 'db\_%' ORDER BY 1;
ALTER DATABASE db_four RENAME TO db_three;
GRANT CONNECT ON DATABASE "DB Two" TO db_maker;
SELECT datacl FROM pg_database WHERE datname = 'DB Two';
SELECT has_database_privilege('db_maker', 'DB Two', 'CONNECT'),
       has_database_privilege('db_maker', 'db_three', 'CREATE');
DROP ROLE db_maker;
REVOKE CONNECT ON DATABASE "DB Two" FROM db_maker;
DROP DATABASE db_three;
DROP ROLE db_maker;
COMMENT ON DATABASE "DB Two" IS 'the second one';
COMMENT ON DATABASE no_such_db IS 'x';
SELECT d.datname, shobj_description(d.oid, 'pg_database'), c.description
  FROM pg_database d LEFT JOIN pg_shdescription c ON c.objoid = d.oid
  WHERE d.datname = 'DB Two';
SELECT count(*) FROM pg_description WHERE classoid = 'pg_database'::regclass;
SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database
  WHERE datname IN ('postgres', 'template0', 'template1') ORDER BY 1;
SELECT pg_database_size('DB Two') >= 0 AS sized, pg_database_size(99999::oid);
SELECT pg_database_size('no_such_db');
DROP DATABASE "DB Two";
SELECT count(*) FROM pg_shdescription s JOIN pg_database d ON d.oid = s.objoid
  WHERE d.datname = 'DB Two';
SELECT count(*) FROM pg_database WHERE datname IN ('db_one', 'DB Two', 'db_three');
