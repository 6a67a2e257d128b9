-- unnest(anyarray) in FROM: element type from the argument, NULL elements kept,
-- column naming as for any function in FROM, correlated (LATERAL) use.
select * from unnest(array['a','b',null]::text[]) x;
select x from pg_catalog.unnest(array[1,2]) x;
select * from unnest(array[1,2]) as t(y);
select * from unnest(array[1.5, 2.25]);
select u, pg_typeof(u) from unnest(array['2020-01-01'::date]) u;
select * from unnest(null::int[]);
select * from unnest('{}'::int[]);
select * from unnest(1);
create table unnest_t (id int primary key, tags text[]);
insert into unnest_t values (1, '{red,green}'), (2, '{}'), (3, null), (4, '{blue}');
select id, tag from unnest_t, unnest(tags) tag order by id, tag;
select id, tag from unnest_t left join lateral unnest(tags) tag on true order by id, tag;
select id, array(select 'x.' || t from unnest(tags) t) from unnest_t order by id;
select count(*) from unnest_t t, unnest(t.tags);
create table unnest_plain (a int, b text);
\d+ unnest_plain
drop table unnest_plain;
drop table unnest_t;
