-- Generated columns: GENERATED ALWAYS AS (expr) STORED.
CREATE TABLE gt (a int, b int GENERATED ALWAYS AS (a * 2) STORED, c text,
                 d text GENERATED ALWAYS AS (c || c) STORED CHECK (d <> 'xx'));
INSERT INTO gt (a, c) VALUES (1, 'one'), (2, NULL);
INSERT INTO gt VALUES (3, DEFAULT, 'three', DEFAULT);
INSERT INTO gt VALUES (4, 8, 'four');
INSERT INTO gt (a, b) VALUES (5, DEFAULT);
INSERT INTO gt OVERRIDING SYSTEM VALUE VALUES (6, 12, 'six');
INSERT INTO gt (a, c) VALUES (7, 'x');
SELECT * FROM gt ORDER BY a;
UPDATE gt SET a = a + 10 WHERE a = 1;
UPDATE gt SET b = 5;
UPDATE gt SET b = DEFAULT, c = 'new' WHERE a = 2;
SELECT * FROM gt ORDER BY a;
INSERT INTO gt (a) SELECT 20 RETURNING *;
\copy gt (a, c) from stdin
30	thirty
\.
SELECT * FROM gt WHERE a >= 20 ORDER BY a;
\d gt
SELECT column_name, column_default, is_generated, generation_expression
  FROM information_schema.columns WHERE table_name = 'gt' ORDER BY ordinal_position;
SELECT attname, attgenerated, atthasdef FROM pg_attribute
  WHERE attrelid = 'gt'::regclass AND attnum > 0 ORDER BY attnum;
-- errors in definitions
CREATE TABLE bad1 (a int, b int GENERATED ALWAYS AS (b * 2) STORED);
CREATE TABLE bad2 (a int, b int GENERATED ALWAYS AS (a) STORED, c int GENERATED ALWAYS AS (b) STORED);
CREATE TABLE bad3 (a int, b float8 GENERATED ALWAYS AS (random()) STORED);
CREATE TABLE bad4 (a int, b timestamptz GENERATED ALWAYS AS (now()) STORED);
CREATE TABLE bad5 (a int DEFAULT 1 GENERATED ALWAYS AS (2) STORED);
CREATE TABLE bad6 (a int GENERATED ALWAYS AS (2) STORED DEFAULT 1);
CREATE TABLE bad7 (a int, b int GENERATED ALWAYS AS (nosuch + 1) STORED);
CREATE TABLE bad8 (a int, b int GENERATED ALWAYS AS (count(*)) STORED);
DROP TABLE gt;
