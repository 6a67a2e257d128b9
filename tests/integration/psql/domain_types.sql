-- Domains: CREATE / ALTER / DROP DOMAIN, constraints checked on casts,
-- INSERT, UPDATE, COPY and defaults, and domain values in expressions.
CREATE DOMAIN posint AS integer NOT NULL DEFAULT 1 CHECK (VALUE > 0) CONSTRAINT small CHECK (VALUE < 100);
SELECT 5::posint, pg_typeof(5::posint), 5::posint + 1, pg_typeof(5::posint + 1);
SELECT 0::posint;
SELECT 200::posint;
SELECT NULL::posint;
SELECT CAST('42' AS posint), '7'::posint * 2;
CREATE DOMAIN shorttext AS varchar(5) CHECK (VALUE <> '');
SELECT 'abc'::shorttext, length('abc'::shorttext), 'abc'::shorttext || 'def';
SELECT 'abcdefg'::shorttext;
SELECT ''::shorttext;
CREATE TYPE color AS ENUM ('red', 'orange', 'green', 'blue');
CREATE DOMAIN warm AS color CHECK (VALUE IN ('red', 'orange'));
SELECT 'red'::warm, 'red'::warm < 'orange'::warm;
SELECT 'blue'::warm;
SELECT 'blue'::color::warm;
CREATE TABLE items (id int, qty posint, label shorttext, c warm);
INSERT INTO items VALUES (1, 10, 'one', 'red');
INSERT INTO items (id, label) VALUES (2, 'two');
INSERT INTO items VALUES (3, -1, 'x', 'red');
INSERT INTO items VALUES (4, 5, 'toolongvalue', 'red');
INSERT INTO items VALUES (5, 5, 'five', 'green');
INSERT INTO items VALUES (6, NULL, 'six', NULL);
UPDATE items SET qty = qty + 95 WHERE id = 1;
UPDATE items SET qty = qty + 5 WHERE id = 1;
SELECT * FROM items ORDER BY id;
SELECT qty * 2 AS doubled, label || '!' AS shout, c::text FROM items ORDER BY id;
SELECT sum(qty), max(label), min(c::color) FROM items;
SELECT id FROM items WHERE qty > 5 ORDER BY id;
SELECT coalesce(NULL::posint, 3), pg_typeof(coalesce(4::posint, 7)), pg_typeof(coalesce(4::posint, 7::posint));
SELECT pg_typeof(CASE WHEN true THEN 1::posint ELSE 2 END);
\copy items from stdin
7	8	seven	orange
\.
\copy items from stdin
8	0	eight	red
\.
SELECT id, qty FROM items ORDER BY id;
-- arrays of domains
SELECT ARRAY[1, 2]::posint[];
SELECT ARRAY[1, -2]::posint[];
SELECT '{3,4}'::posint[];
SELECT '{3,-4}'::posint[];
-- a domain over an array
CREATE DOMAIN intpair AS int[] CHECK (array_length(VALUE, 1) = 2);
SELECT '{1,2}'::intpair, ('{1,2}'::intpair)[2], array_length('{1,2}'::intpair, 1);
SELECT '{1,2,3}'::intpair;
-- a domain over a domain
CREATE DOMAIN tinyint AS posint CHECK (VALUE < 10);
SELECT 9::tinyint, pg_typeof(9::tinyint);
SELECT 50::tinyint;
SELECT 0::tinyint;
-- ALTER DOMAIN
ALTER DOMAIN shorttext ADD CONSTRAINT no_x CHECK (VALUE NOT LIKE 'x%');
SELECT 'xyz'::shorttext;
ALTER DOMAIN shorttext ADD CONSTRAINT no_o CHECK (VALUE NOT LIKE '%o%');
ALTER DOMAIN shorttext DROP CONSTRAINT no_x;
SELECT 'xyz'::shorttext;
ALTER DOMAIN shorttext DROP CONSTRAINT no_x;
ALTER DOMAIN shorttext DROP CONSTRAINT IF EXISTS no_x;
ALTER DOMAIN shorttext ADD CONSTRAINT shorttext_check CHECK (VALUE <> 'a');
ALTER DOMAIN posint DROP NOT NULL;
SELECT NULL::posint IS NULL;
ALTER DOMAIN posint SET NOT NULL;
DELETE FROM items WHERE qty IS NULL;
ALTER DOMAIN posint SET NOT NULL;
ALTER DOMAIN posint SET DEFAULT 7;
INSERT INTO items (id, label) VALUES (9, 'nine');
ALTER DOMAIN posint DROP DEFAULT;
INSERT INTO items (id, label) VALUES (10, 'ten');
SELECT id, qty FROM items WHERE id >= 9 ORDER BY id;
ALTER DOMAIN nosuch DROP DEFAULT;
ALTER DOMAIN color DROP DEFAULT;
-- errors in definitions
CREATE DOMAIN bad1 AS int CHECK (other > 0);
CREATE DOMAIN bad2 AS int NULL NOT NULL;
CREATE DOMAIN bad3 AS int UNIQUE;
CREATE DOMAIN posint AS int;
CREATE DOMAIN bad4 AS nosuchtype;
-- DROP
DROP DOMAIN posint;
DROP TABLE items;
DROP DOMAIN color;
DROP DOMAIN IF EXISTS nosuch, warm;
DROP DOMAIN tinyint, posint, shorttext, intpair;
DROP TYPE color;
