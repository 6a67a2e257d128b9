-- Geometric types: text input in every form PostgreSQL accepts, its errors,
-- output (extra_float_digits, box corners reordered, open/closed paths),
-- storage in tables, arrays, casts and subscripts.
select '(1,2)'::point, ' ( 1.5 , -2 ) '::point, '3,4'::point, '(1e-300,-1e300)'::point;
select '(NaN,Infinity)'::point, '(-inf, 0)'::point, '(0.1,0.2)'::point;
set extra_float_digits = 0;
select '(0.1,0.2)'::point, '(1.0000000000000002,3)'::point;
reset extra_float_digits;
select 'asdfasdf'::point;
select '(10.0 10.0)'::point;
select '(10.0, 10.0) x'::point;
select '(10.0,10.0'::point;
select '(10.0, 1e+500)'::point;
select ''::point;
select '[(1,2),(3,4)]'::lseg, '((1,2),(3,4))'::lseg, '(1,2),(3,4)'::lseg, '1,2,3,4'::lseg;
select '[(1,2),(3,4)'::lseg;
select '(1,2),(3,4)'::box, '(3,4),(1,2)'::box, '((1,4),(3,2))'::box, '1,4,3,2'::box, '(1,2,3,4)'::box;
select '[(1,2),(3,4)]'::box;
select '(1,2)'::box;
select '[(1,2),(3,4),(5,6)]'::path, '((1,2),(3,4),(5,6))'::path, '(1,2),(3,4)'::path,
       '(1,2,3,4)'::path, '1,2,3,4'::path, '[1,2,3,4]'::path, '(0,0)'::path;
select '[(1,2),(3,4)'::path;
select '(1,2),(3,4)]'::path;
select '((1,2),(3,4),(5,6))'::polygon, '(1,2),(3,4)'::polygon, '(1,2,3,4,5,6)'::polygon,
       '0,0'::polygon;
select '[(1,2),(3,4)]'::polygon;
select '(1,2,3)'::polygon;
select '{1,2,3}'::line, '{ 0 , -1 , 5 }'::line, '[(1,2),(3,4)]'::line, '(0,0),(0,5)'::line,
       '((1,1),(5,1))'::line;
select '{0,0,1}'::line;
select '(1,1),(1,1)'::line;
select '{1,2}'::line;
select '<(1,2),3>'::circle, '((1,2),3)'::circle, '(1,2),3'::circle, '1,2,3'::circle,
       '<(1,2),NaN>'::circle, ' < ( 1 , 2 ) , 3 > '::circle;
select '<(1,2),-1>'::circle;
select '<(1,2),3'::circle;
select '(1,2),3>'::circle;
-- storage, COPY-style round trips, NULLs
create table geo_t (id int, p point, l lseg, b box, pa path, po polygon, li line, c circle);
insert into geo_t values (1, '(1,2)', '[(0,0),(1,1)]', '(2,2),(0,0)', '[(0,0),(1,1),(2,0)]',
  '((0,0),(1,1),(2,0))', '{1,-1,0}', '<(0,0),5>'),
  (2, null, null, null, null, null, null, null),
  (3, '(-1.5,1e-300)', '[(1,2),(3,4)]', '(0,0),(-2,-2)', '((0,0),(5,5))', '(0,0)', '{0,1,2}',
   '<(1,1),0>');
select * from geo_t order by id;
select p, pg_typeof(p), b, pg_typeof(c) from geo_t where p is not null order by id;
update geo_t set p = '(9,9)' where p is null;
select p from geo_t order by id;
copy (select * from geo_t order by id) to stdout;
select p::text, b::text, c::text || '!' from geo_t order by id;
copy geo_t (id, p, b, pa, c) from stdin;
4	(7,8)	(1,1),(2,2)	[(1,1),(2,2)]	<(0,0),1>
5	\N	0,0,1,1	((0,0),(1,1))	((1,1),2)
\.
copy geo_t (id, p) from stdin;
6	(7 8)
\.
copy geo_t (id, b, c) from stdin (format csv);
7,"(1,2),(3,4)","<(1,2),3>"
\.
select id, p, b, pa, c from geo_t where id >= 4 order by id;
-- arrays
select array['(1,2)'::point, '(3,4)'], '{"(1,2)","(3,4)"}'::point[],
       array['<(1,2),3>'::circle], '{"[(1,2),(3,4)]"}'::lseg[];
create table geo_arr (ps point[]);
insert into geo_arr values ('{"(1,2)",NULL,"(5,6)"}');
select ps, ps[1], ps[3], (ps[3])[0] from geo_arr;
-- subscripts of the fixed-length types
select p[0], p[1], p[2], p[-1] from geo_t where id < 4 order by id;
select b[0], b[1], b[0][1], l[1], li[0], li[2] from geo_t where id < 4 order by id;
select id, p from geo_t group by id, p order by id;
select p, count(*) from geo_t group by p;
select ('(1,2)'::point)[0:1];
-- casts
select point('(0,0),(2,4)'::box), box('(1,1)'::point), box('<(0,0),2>'::circle),
       circle('(0,0),(2,2)'::box), polygon('(0,0),(1,2)'::box), box('((0,0),(1,3),(2,1))'::polygon);
select path('((0,0),(1,1),(2,0))'::polygon), polygon('((0,0),(1,1),(2,0))'::path),
       point('[(0,0),(2,2)]'::lseg), lseg('(2,2),(0,0)'::box), point('<(1,2),3>'::circle),
       point('((0,0),(4,0),(4,4),(0,4))'::polygon), circle('((0,0),(4,0),(4,4),(0,4))'::polygon);
select polygon('[(0,0),(1,1),(2,0)]'::path);
select polygon(12, '<(0,0),0>'::circle);
select polygon(1, '<(0,0),1>'::circle);
select '(0,0),(2,4)'::box::point, '(1,1)'::point::box, '[(0,0),(2,2)]'::lseg::point;
select '(1,2)'::point::text, '(1,2)'::text::point, '(1,2)'::varchar::point;
-- no ordering or equality for sorting
select p from geo_t order by p;
select distinct b from geo_t;
create index on geo_t (p);
drop table geo_t;
drop table geo_arr;
