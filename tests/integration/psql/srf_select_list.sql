-- Set-returning functions in the select list (ProjectSet): lockstep
-- evaluation, NULL padding of the shorter set, no row when every set is
-- empty, placement after WHERE and grouping and before ORDER BY and LIMIT.
select generate_series(1, 3);
select generate_series(1, 3) as g, 'x' as c;
select generate_series(1, 3), generate_series(1, 5);
select generate_series(1, 2), unnest(array['a', 'b', 'c']);
select unnest(array[1, 2]) + 10 as plus_ten;
select abs(generate_series(-2, 2));
select unnest('{}'::int[]);
select unnest(null::int[]), 1;
select generate_series(1, 0), generate_series(1, 0);
create table srf_t (id int primary key, n int, tags text[]);
insert into srf_t values (1, 2, '{red,green}'), (2, 0, '{}'), (3, 3, null), (4, 1, '{blue}');
select id, generate_series(1, n) from srf_t order by id, 2;
select id, unnest(tags) as tag from srf_t order by id, tag;
select id, unnest(tags), generate_series(1, n) from srf_t order by 1, 3;
select n, generate_series(1, max(id)) from srf_t group by n order by n, 2;
select generate_series(1, 10) as g order by g desc limit 3;
select distinct unnest(tags) as tag from srf_t order by tag;
select id, generate_series(1, 3) from srf_t where id > 2 order by id, 2 limit 4;
select count(*) from (select generate_series(1, 1000)) s;
select sum(x) from (select unnest(array[1, 2, 3]) as x) s;
insert into srf_t select 10 + generate_series(1, 3), 0, null::text[];
select id from srf_t where id > 10 order by id;
select row_number() over (), generate_series(1, 2) from srf_t where id = 1;
prepare srf_p(int) as select generate_series(1, $1);
execute srf_p(3);
deallocate srf_p;
select sum(generate_series(1, 3));
select * from srf_t where generate_series(1, 2) > 1;
select case when true then generate_series(1, 2) end;
select coalesce(generate_series(1, 2), 1);
select lag(generate_series(1, 2)) over ();
select generate_series(1, 3) + (select count(*) from srf_t) as g order by g;
select generate_series(1, 3) from srf_t where false;
drop table srf_t;
