-- SELECT DISTINCT ON, FETCH FIRST ... WITH TIES, ORDER BY / LIMIT without
-- FROM, and their errors.
create table s (id int primary key, g text, v int);
insert into s values (1, 'a', 3), (2, 'a', 1), (3, 'b', 5), (4, 'b', 5), (5, null, 2), (6, 'c', null), (7, 'a', 1);
select distinct on (g) g, v, id from s order by g, v, id;
select distinct on (g) g, v from s order by g, v desc nulls last;
select distinct on (g) id from s order by g, id desc;
select distinct on (1) g, v from s order by 1, 2;
select distinct on (g, v) g, v from s order by g, v;
select distinct on (v) v, g from s order by v nulls first, g;
select distinct on (g) g from s;
select distinct on (g) g, id from s order by g, id limit 2;
select distinct on (v + 0) v from s order by v + 0, id;
select distinct on (upper(g)) g, id from s order by upper(g), id;
select distinct on (g) g, count(*) from s group by g, v order by g, count(*) desc;
-- WITH TIES (tied rows come in no particular order: sorted again outside)
select * from (select id, v from s order by v fetch first 2 rows with ties) x order by id;
select * from (select id, v from s order by v desc nulls last fetch first 1 row with ties) x order by id;
select * from (select id, v from s order by v fetch first 3 rows with ties) x order by id;
select * from (select id, v from s order by v offset 4 fetch first 1 row with ties) x order by id;
select * from (select id, g from s order by g nulls first fetch first 1 rows with ties) x order by id;
select id, v from s order by v fetch first 0 rows with ties;
select id, v from s order by v, id fetch first 2 rows with ties;
select * from (select id, v from s order by v fetch next 1 row with ties) x order by id;
-- ORDER BY / LIMIT without FROM
select 1 as x order by x;
select 1 as x order by 1 limit 0;
select 'a' as y limit 1 offset 0;
select 2 as z offset 1;
select 1 + 1 as w order by w desc limit all;
-- errors
select distinct on (g) g, v from s order by v;
select distinct on (g, v) g, v from s order by id;
select distinct on (3) g, v from s;
select id from s fetch first 1 rows with ties;
select id from s order by id fetch first -1 rows with ties;
select 1 limit 'x';
select id from s order by id fetch first null rows with ties;
select id from s order by id fetch first (null::int) rows with ties;
-- ORDER BY ... USING < / > (ascending / descending), in DISTINCT ON and windows.
SELECT DISTINCT ON (x % 3) x % 3 AS k, x FROM generate_series(1, 10) x ORDER BY x % 3 USING <, x USING >;
SELECT x FROM generate_series(1, 5) x ORDER BY x USING >;
SELECT x, row_number() OVER (ORDER BY x USING >) FROM generate_series(1, 4) x ORDER BY x;
SELECT x FROM (VALUES (1), (NULL), (3)) v(x) ORDER BY x USING >;
SELECT x FROM (VALUES (1), (NULL), (3)) v(x) ORDER BY x USING < NULLS FIRST;
SELECT x FROM generate_series(1, 3) x ORDER BY x USING =;
SELECT getdatabaseencoding(), pg_client_encoding();
