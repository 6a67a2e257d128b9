-- Range and multirange types: text I/O, canonical forms, constructors,
-- accessors, operators, ordering, storage, keys, COPY, casts and arrays.
SELECT '[1,5)'::int4range, '(1,5]'::int4range, '[1,5]'::int4range, '(1,5)'::int4range,
       'empty'::int4range, '(,)'::int4range, '[,5]'::int4range, '[3,]'::int4range;
SELECT '  EmPtY  '::numrange, '[1.50, 2.250)'::numrange, '(1.5,1.5]'::numrange,
       '[1.5,1.5]'::numrange, '[ 1 , 2 ]'::int8range, '["1","2")'::int4range;
SELECT '[2000-01-10, 2000-01-20]'::daterange, '(2000-01-10,2000-01-11)'::daterange,
       '[-infinity,infinity]'::daterange, '(,2000-01-01]'::daterange;
SELECT '["2010-01-01 10:00","2010-01-01 11:00")'::tsrange,
       '[2010-01-01 01:00:00+00, 2010-01-01 02:00:00+00)'::tstzrange;
SELECT ''::int4range;
SELECT '-[1,2)'::int4range;
SELECT '[1,2) - '::int4range;
SELECT '(",1)'::int4range;
SELECT '(,,1)'::int4range;
SELECT '(),1)'::int4range;
SELECT '(1,))'::int4range;
SELECT '(],1)'::int4range;
SELECT 'empty x'::int4range;
SELECT '[5,1]'::int4range;
SELECT '[a,b]'::int4range;
SELECT '[1,2147483647]'::int4range;
-- constructors and canonical forms
SELECT int4range(1, 10), int4range(1, 10, '[]'), int4range(1, 10, '(]'), int4range(1, 10, '()'),
       int4range(1, 2, '()'), int4range(NULL, 5), int4range(5, NULL, '[]'), int4range(NULL, NULL);
SELECT int8range(10000000000, 20000000000, '(]'), numrange(1.1, 2.2), numrange(1.7, 1.7, '[]'),
       numrange(1.7, 1.7);
SELECT daterange('2000-01-10', '2000-01-20', '[]'), daterange('2000-01-10', '2000-01-11', '()'),
       daterange('-infinity', '2000-01-01', '()'), daterange('2000-01-01', 'infinity', '[]');
SELECT tsrange('2010-01-01', '2010-02-01'), tstzrange('2010-01-01 00:00+00', NULL, '(]');
SELECT numrange(2.0, 1.0);
SELECT int4range(1, 2, 'x');
SELECT int4range(1, 2, NULL);
SELECT int4range(1, 2147483647, '[]');
-- accessors
SELECT r, isempty(r), lower(r), upper(r), lower_inc(r), upper_inc(r), lower_inf(r), upper_inf(r)
FROM (VALUES ('[1,5)'::int4range), ('empty'), ('(,3]'), ('[2,)'), ('(,)')) v(r);
SELECT pg_typeof(lower(numrange(1, 2))), pg_typeof(upper('[2000-01-01,)'::daterange)),
       pg_typeof(int4range(1, 2)), pg_typeof(int8range(1, 2));
-- comparison (btree order: empty first, then lower bound, then upper bound)
SELECT r FROM (VALUES ('[3,5)'::int4range), ('empty'), ('(,)'), ('[1,2)'), ('(,3)'), ('[1,)'),
              ('[1,3)'), (NULL)) v(r) ORDER BY r;
SELECT r FROM (VALUES ('[3,5)'::numrange), ('empty'), ('(,)'), ('(1,2)'), ('[1,2]'), ('[1,2)'),
              ('(1,)')) v(r) ORDER BY r DESC;
SELECT numrange(1.1, 2.2) < numrange(1.0, 200.2), numrange(1.1, 2.2) < numrange(1.1, 1.2),
       'empty'::int4range < '[1,2)', '[1,2)'::int4range = '[1,1]', '[1.0,2)'::numrange = '[1,2.00)',
       int4range(1, 3) <> int4range(1, 4), int4range(1, 3) >= int4range(1, 3),
       int4range(1, 3) <= 'empty', int4range(1, 3) > int4range(0, 9);
-- containment and position operators
SELECT int4range(1, 10) @> 5, int4range(1, 10) @> 10, 3 <@ int4range(3, 4),
       numrange(1.0, 2.0) @> 1.5, int4range(1, 10) @> int4range(2, 3), 'empty' <@ int4range(1, 2),
       int4range(1, 2) <@ 'empty', int4range(NULL, NULL) @> int4range(NULL, 3);
SELECT numrange(4.5, 5.5, '[]') && numrange(5.5, 6.5), numrange(1.0, 2.0) && numrange(2.0, 3.0),
       int4range(1, 2) && 'empty';
SELECT numrange(1.0, 2.0) << numrange(3.0, 4.0), numrange(1.0, 3.0, '[]') << numrange(3.0, 4.0, '[]'),
       numrange(1.0, 3.0, '()') << numrange(3.0, 4.0, '()'), numrange(1.0, 2.0) >> numrange(3.0, 4.0),
       numrange(3.0, 70.0) &< numrange(6.6, 100.0), numrange(3.0, 70.0) &> numrange(6.6, 100.0),
       int4range(5, 7) >> int4range(1, 5), 'empty'::int4range << int4range(1, 2);
SELECT numrange(2.0, 3.0) -|- numrange(3.0, 4.0), numrange(2.0, 3.0) -|- numrange(3.1, 4.0),
       numrange(2.0, 3.0, '[]') -|- numrange(3.0, 4.0, '()'), numrange(1.0, 2.0) -|- numrange(2.0, 3.0, '[]'),
       int4range(1, 3) -|- int4range(3, 5), int4range(1, 3, '[]') -|- int4range(4, 5),
       range_adjacent(numrange(2.0, 3.0, '(]'), numrange(1.0, 2.0, '(]'));
-- union, intersection, difference, merge
SELECT numrange(1.0, 2.0) + numrange(2.0, 3.0), numrange(1.0, 2.0) + numrange(1.5, 3.0),
       int4range(1, 3) + int4range(3, 5), int4range(1, 2) + 'empty';
SELECT numrange(1.0, 2.0) + numrange(2.5, 3.0);
SELECT range_merge(numrange(1.0, 2.0), numrange(2.5, 3.0)), range_merge(int4range(5, 6), 'empty');
SELECT numrange(1.0, 2.0) * numrange(2.0, 3.0), numrange(1.0, 2.0) * numrange(1.5, 3.0),
       numrange(1.0, 2.0) * numrange(2.5, 3.0), int4range(1, 10) * int4range(5, NULL);
SELECT numrange(1.1, 2.2) - numrange(2.0, 3.0), numrange(1.1, 2.2) - numrange(2.2, 3.0),
       numrange(1.1, 2.2, '[]') - numrange(2.0, 3.0), int4range(1, 10) - int4range(1, 3),
       int4range(1, 10) - int4range(8, 20), int4range(1, 10) - int4range(0, 20);
SELECT int4range(1, 10) - int4range(3, 5);
-- tables: storage, ORDER BY, DISTINCT, GROUP BY, keys, joins
CREATE TABLE rt (id int PRIMARY KEY, ir int4range, nr numrange, dr daterange, tr tsrange);
INSERT INTO rt VALUES (1, '[1,5)', '[1.5,2.5)', '[2000-01-01,2000-02-01)', '[2010-01-01,2010-01-02)'),
  (2, 'empty', 'empty', 'empty', 'empty'), (3, '(,3]', '(,3.25]', '(,2000-01-01]', '(,2010-01-01]'),
  (4, '[1,5]', '[1.50,2.5)', '[2000-01-01,)', '[2010-01-01,)'), (5, NULL, NULL, NULL, NULL),
  (6, '[1,5)', '(1.5,2.5]', '[2000-01-01,2000-02-01)', '(,)');
SELECT * FROM rt ORDER BY id;
SELECT ir, count(*) FROM rt GROUP BY ir ORDER BY ir;
SELECT DISTINCT ir FROM rt ORDER BY ir;
SELECT DISTINCT dr FROM rt ORDER BY dr DESC;
SELECT id FROM rt WHERE ir @> 3 ORDER BY id;
SELECT id FROM rt WHERE nr = '[1.5,2.5)' ORDER BY id;
SELECT id, dr FROM rt WHERE dr && daterange('2000-01-15', '2000-01-16') ORDER BY dr DESC, id;
SELECT a.id, b.id FROM rt a JOIN rt b ON a.ir = b.ir WHERE a.id < b.id ORDER BY 1, 2;
UPDATE rt SET ir = ir * int4range(2, 4) WHERE id = 1 RETURNING id, ir;
CREATE TABLE rk (r int4range PRIMARY KEY, note text);
INSERT INTO rk VALUES ('[1,3)', 'a'), ('empty', 'b'), ('(,)', 'c'), ('[0,1]', 'd');
INSERT INTO rk VALUES ('[1,2]', 'dup');
SELECT * FROM rk ORDER BY r;
SELECT * FROM rk WHERE r = '[0,2)';
CREATE INDEX rt_nr ON rt (nr);
SELECT id, nr FROM rt WHERE nr > '[1.5,2.5)' ORDER BY nr, id;
COPY (SELECT id, ir, nr FROM rt ORDER BY id) TO STDOUT;
EXPLAIN (COSTS OFF) SELECT id FROM rt WHERE ir @> 3 AND ir && '[1,5)' AND ir = '[1,2)' AND 3 <@ ir
  AND dr -|- '[2000-01-01,2000-02-01)';
EXPLAIN (COSTS OFF) SELECT a.id FROM rt a JOIN rt b ON a.nr = b.nr;
COPY rk FROM STDIN;
[10,20)	copied
(5,7]	quoted
\.
SELECT * FROM rk ORDER BY r;
-- casts and arrays
SELECT '[1,2)'::int4range::text, '[1,2)'::text::int4range, int4range(1, 5)::varchar;
SELECT ARRAY[numrange(1.1, 1.2), numrange(12.3, 155.5)], '{"[1,2)",empty,"(,3]"}'::int4range[];
CREATE TABLE ra (f1 int, f2 int8range[]);
INSERT INTO ra VALUES (42, ARRAY[int8range(1, 10), int8range(2, 20)]);
SELECT * FROM ra;
DROP TABLE ra, rk, rt;
-- multiranges
SELECT '{}'::int4multirange, '  {}  '::nummultirange, ' { empty, empty }  '::int4multirange,
       '{[1,2], [3,4]}'::int4multirange, '{[1,3), [5,7)}'::int4multirange,
       '{[5,7), (,2), [1,3)}'::int4multirange, '{[1.0,2.0), [2.0,3.5]}'::nummultirange,
       '{[1.5,1.5], [1.6,1.7)}'::nummultirange, '{(,)}'::datemultirange;
SELECT ''::int4multirange;
SELECT '{,}'::int4multirange;
SELECT '{(,)}.'::int4multirange;
SELECT '{[1,3),}'::int4multirange;
SELECT '{-[1,3)}'::int4multirange;
SELECT '{[1,3) - }'::int4multirange;
SELECT '{(",1)}'::int4multirange;
SELECT '{(,,1)}'::int4multirange;
SELECT '{(1,))}'::int4multirange;
SELECT '{[3,1]}'::int4multirange;
SELECT int4multirange(), int4multirange(int4range(1, 3)), int4multirange(int4range(5, 6), int4range(1, 2)),
       nummultirange(numrange(1.7, 1.7, '[]'), numrange(1.7, 1.9)), multirange(int4range(2, 4)),
       'empty'::int4range::int4multirange, int4range(1, NULL)::int4multirange;
SELECT unnest(int4multirange(int4range(5, 6), int4range(1, 2)));
SELECT mr, isempty(mr), lower(mr), upper(mr), lower_inc(mr), upper_inc(mr), lower_inf(mr),
       upper_inf(mr), range_merge(mr)
FROM (VALUES ('{}'::int4multirange), ('{[1,3),[5,7)}'), ('{(,3],[5,)}')) v(mr);
SELECT '{[1,3),[5,7)}'::int4multirange @> 2, '{[1,3),[5,7)}'::int4multirange @> 4,
       6 <@ '{[1,3),[5,7)}'::int4multirange, '{[1,3),[5,7)}'::int4multirange @> int4range(5, 6),
       int4range(1, 7) @> '{[1,3),[5,7)}'::int4multirange,
       '{[1,3),[5,7)}'::int4multirange @> '{[2,3)}'::int4multirange,
       '{[1,3)}'::int4multirange <@ '{[1,3),[5,7)}'::int4multirange,
       '{[1,3),[5,7)}'::int4multirange && int4range(3, 5), '{[1,3),[5,7)}'::int4multirange && '{[6,9)}';
SELECT '{[1,3),[5,7)}'::int4multirange << int4range(7, 9), int4range(7, 9) >> '{[1,3),[5,7)}'::int4multirange,
       '{[1,3)}'::int4multirange &< '{[2,4)}'::int4multirange, '{[1,3)}'::int4multirange &> int4range(0, 1),
       '{[1,3)}'::int4multirange -|- int4range(3, 4), int4range(0, 1) -|- '{[1,3)}'::int4multirange,
       '{[1,3)}'::int4multirange -|- '{[4,5)}'::int4multirange;
SELECT '{[1,3),[5,7)}'::int4multirange + '{[3,5)}', '{[1,10)}'::int4multirange - '{[3,5),[7,8)}',
       '{[1,5),[7,9)}'::int4multirange * '{[4,8)}', '{[1.0,2.0)}'::nummultirange - '{[1.5,1.5]}';
SELECT mr FROM (VALUES ('{[1,3),[5,7)}'::int4multirange), ('{}'), ('{[1,3)}'), ('{(,)}'),
              ('{[1,3),[4,5)}'), ('{[0,1)}')) v(mr) ORDER BY mr;
SELECT '{[1,3)}'::int4multirange = '{[1,2]}', '{[1,3)}'::int4multirange < '{[1,3),[5,6)}',
       '{}'::int4multirange <> '{[1,2)}';
CREATE TABLE mrt (id int, mr int4multirange, nmr nummultirange);
INSERT INTO mrt VALUES (1, '{[1,3),[5,7)}', '{[1.5,2)}'), (2, '{}', '{}'), (3, NULL, NULL),
  (4, '{[1,3),[5,7)}', '{(,)}');
SELECT * FROM mrt ORDER BY mr, id;
SELECT mr, count(*) FROM mrt GROUP BY mr ORDER BY mr;
SELECT id FROM mrt WHERE mr @> 6 ORDER BY id;
CREATE TABLE mrk (mr datemultirange PRIMARY KEY);
INSERT INTO mrk VALUES ('{[2000-01-01,2000-01-05)}'), ('{}'), ('{[2000-01-01,2000-01-02),[2000-01-03,2000-01-04)}');
INSERT INTO mrk VALUES ('{[2000-01-01,2000-01-04]}');
SELECT * FROM mrk ORDER BY mr DESC;
-- aggregates, VARIADIC constructors, adjacency at the multirange's ends
SELECT range_agg(r), range_intersect_agg(r) FROM (VALUES (int4range(1, 5)), (int4range(3, 8)),
       (NULL), ('empty'), (int4range(2, 4))) v(r);
SELECT range_agg(r), range_intersect_agg(r) FROM (VALUES (int4range(1, 5))) v(r) WHERE false;
SELECT id % 2 AS g, range_agg(mr), range_intersect_agg(mr) FROM mrt GROUP BY 1 ORDER BY 1;
SELECT range_agg(r ORDER BY r DESC), range_agg(DISTINCT r)
FROM (VALUES (numrange(1, 2)), (numrange(5, 6)), (numrange(1, 2))) v(r);
SELECT nummultirange(VARIADIC '{}'::numrange[]), int4multirange(VARIADIC ARRAY[int4range(5, 6), int4range(1, 3)]),
       int4multirange(VARIADIC NULL::int4range[]);
SELECT int4range(200, 210) -|- int4multirange(int4range(100, 200), int4range(400, 500)),
       int4range(90, 100) -|- int4multirange(int4range(100, 200), int4range(400, 500)),
       int4multirange(int4range(500, 510)) -|- int4multirange(int4range(100, 200), int4range(400, 500)),
       int4multirange(int4range(200, 210)) -|- int4multirange(int4range(100, 200), int4range(400, 500));
DROP TABLE mrt, mrk;
-- polymorphic resolution, generic expressions
SELECT numrange(1.0, 2.0) @> 1;
SELECT int4range(1, 5) @> 3::int8;
SELECT '[1,5)' @> 3;
SELECT int4range(1, 5) @> '3', int4range(1, 5) = '[1,5)', range_merge('[1,2)'::int4range, '[3,4)');
SELECT '[1,5)'::int4range = int8range(1, 5);
SELECT numrange(1, 2) && int4range(1, 2);
SELECT isempty('empty');
SELECT int4range(1.5, 3);
SELECT int4range('1', '3'), numrange(1, 3.5, '[]'), int8range(1::int2, 4::int2);
SELECT daterange('2000-01-01', '2000-02-01') @> '2000-01-15'::date,
       tstzrange('2000-01-01', '2000-01-02') @> '2000-01-01 12:00'::timestamptz;
SELECT upper(int4range(1, 10)) + 1, lower(numrange(1.5, 2)) * 2;
SELECT array_agg(r ORDER BY r) FROM (VALUES (int4range(3, 4)), (int4range(1, 2)), ('empty')) v(r);
SELECT max(r) FROM (VALUES (int4range(3, 4))) v(r);
SELECT r, row_number() OVER (ORDER BY r DESC) FROM (VALUES (int4range(3, 4)), (int4range(1, 2)), ('empty')) v(r);
SELECT int4range(1, 2) IN (int4range(1, 2), int4range(2, 3)), int4range(5, 6) = ANY (ARRAY[int4range(5, 6)]),
       greatest(int4range(1, 2), int4range(0, 9)), nullif(int4range(1, 2), '[1,2)'),
       CASE WHEN true THEN int4range(1, 2) ELSE 'empty' END;
SELECT pg_typeof(int4range(1, 2) + int4range(2, 3)), pg_typeof(range_agg(r)) FROM (VALUES (int4range(1, 2))) v(r);
SELECT int4multirange(int4range(1, 2)) + int4range(3, 4);
SELECT '{[1,2)}'::int4multirange::int4range;
SELECT '{[1,2)}'::int4multirange::text, '{[1,2)}'::text::int4multirange, int4range(3, 4)::int4multirange;
SELECT int4range(1, 2)::numrange;
-- domains over ranges and multiranges
CREATE DOMAIN smallr AS int4range CHECK (upper(VALUE) < 100);
CREATE DOMAIN mrd AS nummultirange;
CREATE TABLE dt (id int, r smallr, m mrd);
INSERT INTO dt VALUES (1, '[1,5)', '{[1,2)}'), (2, 'empty', '{}');
INSERT INTO dt VALUES (3, '[1,500)', NULL);
SELECT * FROM dt ORDER BY r;
SELECT r @> 3, lower(r), m @> 1.5 FROM dt ORDER BY id;
CREATE INDEX dt_r ON dt (r);
SELECT id FROM dt WHERE r = '[1,5)';
COPY dt TO STDOUT;
DROP TABLE dt;
DROP DOMAIN smallr;
DROP DOMAIN mrd;
-- catalogs
SELECT rngtypid::regtype, rngsubtype::regtype, rngmultitypid::regtype, rngcollation, rngsubopc,
       rngcanonical::oid, rngsubdiff::oid
FROM pg_range ORDER BY rngtypid;
SELECT oid, typname, typtype, typcategory, typinput, typoutput, typreceive, typsend, typelem, typarray,
       typalign, typstorage
FROM pg_type WHERE typtype IN ('r', 'm') OR typelem IN (3904, 3906, 3908, 3910, 3912, 3926, 4451)
ORDER BY oid;
