-- Catalog pieces drivers' reflection queries use (SQLAlchemy's PostgreSQL
-- dialect): pg_get_serial_sequence, generate_subscripts over an index's
-- int2vector, pg_enum, and "char" columns holding '\0' compared with ''.
CREATE SCHEMA drv;
CREATE TABLE drv.t (id serial PRIMARY KEY, "Mixed" bigserial, plain int, b text);
CREATE TABLE u (id smallserial, a int, c int, UNIQUE (c, a));
SELECT pg_get_serial_sequence('drv.t', 'id');
SELECT pg_get_serial_sequence('drv.t', 'Mixed');
SELECT pg_get_serial_sequence('drv.t', 'plain');
SELECT pg_get_serial_sequence('"drv"."t"', 'id');
SELECT pg_get_serial_sequence('u', 'id');
SELECT pg_get_serial_sequence('u', NULL);
SELECT pg_get_serial_sequence('drv.t', 'mixed');
SELECT pg_get_serial_sequence('drv.t', 'nope');
SELECT pg_get_serial_sequence('nope', 'id');
SELECT pg_get_serial_sequence('drv.nope', 'id');
SELECT pg_get_serial_sequence('12345', 'id');
CREATE SEQUENCE drv.s OWNED BY drv.t.plain;
SELECT pg_get_serial_sequence('drv.t', 'plain');
SELECT generate_subscripts(ARRAY[10, 20, 30], 1);
SELECT generate_subscripts(ARRAY[10, 20, 30], 1, true);
SELECT generate_subscripts(ARRAY[10, 20, 30], 2);
SELECT generate_subscripts('{}'::int[], 1);
SELECT generate_subscripts('[3:5]={a,b,c}'::text[], 1) AS s;
SELECT * FROM generate_subscripts(ARRAY[1, 2], 1, false) AS g(i);
SELECT generate_subscripts(NULL::int[], 1);
SELECT a.attname, k.ord
  FROM pg_attribute a
  JOIN (SELECT unnest(ix.indkey) attnum, generate_subscripts(ix.indkey, 1) ord
          FROM pg_index ix
         WHERE ix.indrelid = 'u'::regclass) k ON a.attnum = k.attnum
 WHERE a.attrelid = 'u'::regclass
 ORDER BY k.ord;
SELECT count(*) FROM pg_enum;
SELECT attname, attidentity = '' AS no_identity, attgenerated = '' AS not_generated,
       attidentity != '' AS identity
  FROM pg_attribute WHERE attrelid = 'drv.t'::regclass AND attnum > 0 ORDER BY attnum;
SELECT ''::"char" = ''::"char", length(''::"char"::text);
DROP TABLE u;
DROP SCHEMA drv CASCADE;
