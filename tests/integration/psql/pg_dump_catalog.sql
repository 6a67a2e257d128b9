-- The catalog pieces pg_dump 15 relies on, each compared with PostgreSQL 15.
CREATE SCHEMA dumpcat;
CREATE TABLE dumpcat.parent (id serial PRIMARY KEY, name text UNIQUE);
CREATE TABLE dumpcat.child (id int PRIMARY KEY, parent_id int REFERENCES dumpcat.parent(id));
CREATE TABLE dumpcat.lonely (a int);
CREATE SEQUENCE dumpcat.s START 7 INCREMENT 3;
CREATE VIEW dumpcat.v AS SELECT id FROM dumpcat.parent;
-- tableoid of catalog tables; relhastriggers on both sides of a foreign key.
SELECT c.tableoid::regclass, relname, relhastriggers, relhasrules FROM pg_class c
  WHERE relnamespace = 'dumpcat'::regnamespace AND relkind IN ('r', 'v') ORDER BY relname;
SELECT n.tableoid::regclass, nspname FROM pg_namespace n WHERE nspname = 'dumpcat';
-- A sequence read as a relation.
SELECT * FROM dumpcat.s;
SELECT nextval('dumpcat.s');
SELECT last_value, log_cnt, is_called FROM dumpcat.s;
SELECT nextval('dumpcat.s');
SELECT * FROM dumpcat.s AS q(a, b);
SELECT setval('dumpcat.s', 100, false);
SELECT * FROM dumpcat.s;
SELECT s.last_value FROM dumpcat.parent_id_seq s;
-- pg_depend / pg_rewrite rows pg_dump orders by.
SELECT classid::regclass, refclassid::regclass,
       CASE WHEN refclassid = 'pg_namespace'::regclass THEN refobjid::regnamespace::text
            ELSE refobjid::regclass::text END AS refobj, refobjsubid, deptype
  FROM pg_depend
  WHERE classid = 'pg_class'::regclass AND objid = 'dumpcat.parent_id_seq'::regclass
  ORDER BY deptype;
SELECT rulename, ev_class::regclass, ev_type, ev_enabled, is_instead FROM pg_rewrite
  WHERE ev_class = 'dumpcat.v'::regclass;
SELECT d.refobjid::regclass, d.deptype FROM pg_depend d JOIN pg_rewrite r ON d.objid = r.oid
  WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class = 'dumpcat.v'::regclass
  ORDER BY 2, 1;
SELECT count(*) FROM pg_depend d JOIN pg_attrdef a ON d.objid = a.oid
  WHERE d.classid = 'pg_attrdef'::regclass AND a.adrelid = 'dumpcat.parent'::regclass
    AND d.refobjid = 'dumpcat.parent_id_seq'::regclass AND d.deptype = 'n';
-- Foreign keys name the referenced table as search_path reaches it.
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'child_parent_id_fkey';
SET search_path = dumpcat;
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'child_parent_id_fkey';
RESET search_path;
-- acldefault and the public schema's ACL and comment.
SELECT acldefault('r', 10), acldefault('s', 10), acldefault('n', 10), acldefault('c', 10);
SELECT acldefault('f', 10), acldefault('d', 10), acldefault('T', 10), acldefault('l', 10);
SELECT acldefault('L', 10), acldefault('t', 10), acldefault('F', 10), acldefault('S', 10);
SELECT acldefault('n', 6171);
SELECT acldefault('x', 10);
SELECT '{}'::aclitem[];
SELECT nspacl, obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'public';
SELECT nspacl IS DISTINCT FROM NULL FROM pg_namespace WHERE nspname = 'dumpcat';
-- Functions and catalogs pg_dump queries.
SELECT pg_is_in_recovery();
SELECT pg_get_triggerdef(0), pg_get_triggerdef(0, true);
SELECT * FROM pg_options_to_table(ARRAY['fillfactor=70', 'a=b=c', 'noval']);
SELECT * FROM pg_options_to_table(NULL);
SELECT * FROM pg_options_to_table('{x=1}') AS o(n, v);
SELECT * FROM pg_options_to_table('{x=1,y=2}') WITH ORDINALITY;
SELECT * FROM generate_series(5, 7) WITH ORDINALITY AS g(v, n);
SELECT * FROM unnest(ARRAY['a', 'b']) WITH ORDINALITY;
SELECT * FROM upper('x') WITH ORDINALITY;
SELECT * FROM pg_partition_ancestors('dumpcat.parent');
SELECT array_remove(ARRAY[1, 2, NULL, 2], 2), array_remove(ARRAY['a', 'b'], 'a');
SELECT array_remove('{x}'::text[], 'x'), array_remove(ARRAY[1, NULL], NULL);
SELECT array_remove(NULL::int[], 1);
SELECT typname[0], typname[1], typname[63], typname[64] IS NULL FROM pg_type WHERE typname = '_int4';
SELECT count(*) FROM pg_opclass WHERE opcname = 'no_such_opclass';
SELECT count(*) FROM pg_init_privs WHERE objoid = 0;
-- initdb's schema privileges: pg_dump emits GRANT/REVOKE only for changes since.
SELECT objoid::regnamespace, classoid::regclass, objsubid, privtype, initprivs
  FROM pg_init_privs WHERE classoid = 'pg_namespace'::regclass ORDER BY objoid;
SET synchronize_seqscans TO off;
SHOW synchronize_seqscans;
RESET synchronize_seqscans;
-- OWNER TO the current owner changes nothing; errors as PostgreSQL's.
ALTER SCHEMA dumpcat OWNER TO postgres;
ALTER SCHEMA public OWNER TO pg_database_owner;
ALTER TABLE dumpcat.parent OWNER TO postgres;
ALTER TABLE dumpcat.s OWNER TO CURRENT_USER;
ALTER SEQUENCE dumpcat.s OWNER TO postgres;
ALTER VIEW dumpcat.v OWNER TO SESSION_USER;
ALTER TABLE dumpcat.v OWNER TO postgres;
ALTER SCHEMA nosuch OWNER TO postgres;
ALTER TABLE dumpcat.nosuch OWNER TO postgres;
ALTER TABLE IF EXISTS dumpcat.nosuch OWNER TO postgres;
ALTER TABLE dumpcat.parent OWNER TO nosuchrole;
ALTER SEQUENCE dumpcat.parent OWNER TO postgres;
ALTER VIEW dumpcat.parent OWNER TO postgres;
DROP SCHEMA dumpcat CASCADE;
