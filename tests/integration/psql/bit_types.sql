-- bit(n) and bit varying(n): literals, text I/O, typmods, casts, operators,
-- functions, aggregates, storage, ORDER BY and btree indexes.
SELECT B'1010', X'1F', b'', x'', B'0000000011', pg_typeof(B'1'), pg_typeof(X'1');
SELECT '1010'::bit(4), 'b1010'::bit varying, 'X0F'::varbit, 'xa'::bit(4), ''::varbit;
SELECT '101'::bit, '101'::"bit", '1'::bit(3), '10110'::bit(3), '101'::varbit(2);
SELECT b'102';
SELECT x'1G';
SELECT '10Z1'::bit varying;
SELECT 'x12é'::varbit;
SELECT B'10101'::bit(3), B'1'::bit(4), B'1111111'::varbit(3), X'F0'::bit(4);
SELECT 'b11'::bit(0);
SELECT format_type('bit'::regtype, 5), format_type('varbit'::regtype, 7),
       format_type('bit'::regtype, -1), format_type('bit'::regtype, NULL);
-- casts
SELECT 5::bit(8), (-1)::bit(4), 5::bit, 1::bit(40), (-2)::bit(40), 255::int8::bit(12),
       (-3)::int8::bit(70);
SELECT B'1010'::int4, B'11111111111111111111111111111111'::int, x'7fffffff'::int4,
       x'8000000000000000'::int8, x'0000000000000001'::bigint, B''::int;
SELECT x'100000000'::int4;
SELECT x'10000000000000000'::int8;
SELECT B'101'::text, '0101'::text::bit(4), B'11'::varchar, B'11'::varbit::bit(4),
       B'1111'::varbit(2), '10'::text::varbit;
-- typmods on assignment
CREATE TABLE bt (id int PRIMARY KEY, b bit(4), v bit varying(6));
INSERT INTO bt VALUES (1, B'1010', B'1');
INSERT INTO bt VALUES (2, B'101', B'1');
INSERT INTO bt VALUES (3, '10100', '1');
INSERT INTO bt VALUES (4, B'1010', B'1010101');
INSERT INTO bt VALUES (5, '1010', '1010101');
INSERT INTO bt VALUES (6, X'F', X'3F'), (7, '0000', ''), (8, NULL, NULL),
                      (9, '0110', '000'), (10, '1111', '0000');
UPDATE bt SET b = B'11' WHERE id = 1;
UPDATE bt SET v = v || B'1' WHERE id = 9;
SELECT * FROM bt ORDER BY id;
SELECT * FROM bt ORDER BY b, id;
SELECT * FROM bt ORDER BY v DESC NULLS LAST, id;
CREATE INDEX bt_v ON bt (v);
CREATE INDEX bt_b ON bt (b DESC);
SELECT id, v FROM bt WHERE v > B'000' ORDER BY v;
SELECT id FROM bt WHERE b = B'0110';
SELECT id, b FROM bt WHERE b BETWEEN B'0001' AND B'1000' ORDER BY b;
SELECT count(*), count(DISTINCT v) FROM bt;
SELECT a.id, b.id FROM bt a JOIN bt b ON a.v = b.v WHERE a.id < b.id ORDER BY 1, 2;
CREATE TABLE bu (b bit(3) UNIQUE);
INSERT INTO bu VALUES ('101'), ('011');
INSERT INTO bu VALUES ('101');
SELECT * FROM bu ORDER BY b;
-- operators
SELECT B'1100' & B'1010', B'1100' | B'1010', B'1100' # B'1010', ~B'1100', ~B'';
SELECT B'101' & B'10';
SELECT B'101' | B'1';
SELECT B'101' # B'1011';
SELECT B'10011' << 2, B'10011' >> 2, B'10011' << -1, B'10011' >> -1, B'10011' << 5,
       B'10011' >> 9, B'10011' << 0, X'ABCD'::varbit << 4;
SELECT B'101' || B'11', B'' || B'1', X'F' || B'0', pg_typeof(B'1' || B'0');
SELECT B'1' < B'10', B'10' < B'1', B'01' < B'1', B'1' = B'1', B'1' = B'10', B'1' <> B'10',
       B'0' >= B'', B'11'::varbit > B'1'::varbit, B'100'::varbit <= B'1'::varbit;
SELECT b::varbit = v FROM bt WHERE id = 9;
-- functions
SELECT length(B'10101'), length(B''::varbit), bit_length(B'111'), octet_length(B'1'),
       octet_length(B'111111111'), octet_length(B'');
SELECT substring(B'0101011' FROM 3), substring(B'0101011' FROM 2 FOR 3),
       substring(B'0101011' FROM 0 FOR 3), substring(B'0101011' FROM 9),
       substring(B'0101011'::varbit FROM -3 FOR 5), substring(B'0101011', 4, 2);
SELECT substring(B'0101' FROM 2 FOR -1);
SELECT position(B'11' IN B'0011011'), position(B'' IN B'01'), position(B'1' IN B''),
       position(B'111' IN B'0110'), position(B'0110' IN B'0110');
SELECT overlay(B'11111111' PLACING B'000' FROM 3), overlay(B'11111111' PLACING B'00' FROM 2 FOR 5),
       overlay(B'1111' PLACING B'00' FROM 4 FOR 0), overlay(B'1111' PLACING B'0' FROM 9);
SELECT overlay(B'1111' PLACING B'00' FROM 0);
SELECT get_bit(B'0010', 2), get_bit(B'0010', 0), set_bit(B'0000', 3, 1), set_bit(B'1111', 0, 0);
SELECT get_bit(B'0010', 4);
SELECT get_bit(B'0010', -1);
SELECT set_bit(B'0010', 1, 2);
SELECT bit_count(B'10110'), bit_count(B''), bit_count(X'FFFF'::varbit);
SELECT get_bit('\x0102'::bytea, 0), get_bit('\x0102'::bytea, 9), set_bit('\x00'::bytea, 7, 1),
       bit_count('\xff01'::bytea);
SELECT get_bit('\x01'::bytea, 8);
SELECT overlay('Txxxxas' PLACING 'hom' FROM 2 FOR 4), overlay('abcdef' PLACING 'XY' FROM 3),
       overlay('\x010203'::bytea PLACING '\xff'::bytea FROM 2);
-- aggregates
SELECT bit_and(v), bit_or(v), bit_xor(v) FROM (VALUES (B'1100'), (B'1010'), (NULL), (B'0110')) t(v);
SELECT bit_and(b), bit_or(b), bit_xor(b) FROM bt WHERE b IS NOT NULL;
SELECT bit_and(v) FROM bt;
SELECT bit_and(x), bit_or(x), bit_xor(x), bit_and(x::int2), bit_or(x::int8)
  FROM (VALUES (12), (10), (6)) t(x);
SELECT bit_and(b) FROM bt WHERE false;
SELECT id % 2 AS g, bit_or(b), bit_xor(v::bit(6)) FROM bt WHERE id > 1 GROUP BY 1 ORDER BY 1;
SELECT max(b) FROM bt;
-- defaults, \d, arrays
CREATE TABLE bd (b1 bit(4) DEFAULT '1001', b2 bit(4) DEFAULT B'0101',
                 b3 bit varying(5) DEFAULT '1001', b4 bit varying(5) DEFAULT B'0101',
                 b5 bit DEFAULT '1', b6 "bit", b7 varbit);
\d bd
INSERT INTO bd DEFAULT VALUES;
INSERT INTO bd (b6, b7) VALUES (B'10101', B'111000111');
TABLE bd;
SELECT column_name, data_type, character_maximum_length, character_octet_length, udt_name
  FROM information_schema.columns WHERE table_name = 'bd' ORDER BY ordinal_position;
CREATE VIEW bv AS SELECT b1, b3 || B'1' AS c, B'01' AS d, '1'::bit(3) AS e FROM bd;
SELECT * FROM bv;
SELECT ARRAY[B'1', B'101'], '{1010,11}'::varbit[], ('{1010,11}'::varbit[])[2];
-- COPY
CREATE TABLE bc (a bit(8), b bit varying(8));
COPY bc FROM stdin;
X0F	X1
11110000	b101
\.
COPY bc FROM stdin;
101	1
\.
COPY bc FROM stdin;
10101010	111111111
\.
SELECT * FROM bc;
COPY bc TO stdout;
SELECT get_byte('\x1234'::bytea, 1), set_byte('\x1234'::bytea, 0, 255), set_byte('\x00'::bytea, 0, 257);
SELECT get_byte('\x1234'::bytea, 2);
SELECT set_byte('\x1234'::bytea, -1, 0);
SELECT id FROM bt WHERE v IN (SELECT v FROM bt WHERE id > 8) ORDER BY id;
SELECT id FROM bt o WHERE EXISTS (SELECT 1 FROM bt i WHERE i.b = o.b AND i.id <> o.id) ORDER BY id;
SELECT id, b, bit_or(b) OVER (ORDER BY id), bit_and(id) OVER (ORDER BY id ROWS 1 PRECEDING)
  FROM bt WHERE b IS NOT NULL ORDER BY id;
