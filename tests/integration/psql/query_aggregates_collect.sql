-- string_agg, array_agg, json_agg, jsonb_agg, the variance / stddev family,
-- FILTER (WHERE ...) and ORDER BY inside aggregate calls.
create table agg_t (id int primary key, grp text, n int, x float8, d numeric(10,3), s text, b bytea);
insert into agg_t values
  (1, 'a', 3, 1.5, 1.250, 'one', '\x01'),
  (2, 'a', 1, 2.5, 2.500, 'two', '\x02'),
  (3, 'b', 4, null, 3.125, null, null),
  (4, 'b', 1, -1, -0.5, 'four', '\x0a0b'),
  (5, 'c', null, 7, null, 'five', '\x'),
  (6, 'a', 9, 0.25, 10.001, 'six', '\xff');

select string_agg(s, ',') from agg_t;
select string_agg(s, ', ' order by s) from agg_t;
select string_agg(s, '-' order by id desc) from agg_t;
select grp, string_agg(s, '|' order by n nulls first, id) from agg_t group by grp order by grp;
select string_agg(distinct grp, '+' order by grp) from agg_t;
select string_agg(s, null) from agg_t;
select string_agg(b, '\x00'::bytea order by id) from agg_t;
select string_agg(s, ',') from agg_t where false;
select string_agg(n::text, ';' order by n desc nulls last) from agg_t;

select array_agg(n order by id) from agg_t;
select array_agg(n order by n) from agg_t;
select array_agg(distinct grp order by grp desc) from agg_t;
select grp, array_agg(s order by id) from agg_t group by grp order by grp;
select array_agg(x order by id) filter (where x > 0) from agg_t;
select array_agg(d order by d) from agg_t;
select array_agg(id) from agg_t where id > 100;
select array_agg('lit'::text) from agg_t where id < 3;
select array_length(array_agg(id), 1) from agg_t;

select json_agg(n order by id) from agg_t;
select json_agg(s order by id) from agg_t;
select jsonb_agg(n order by id) from agg_t;
select jsonb_agg(s order by s nulls first) from agg_t;
select grp, json_agg(x order by x) from agg_t group by grp order by grp;
select json_agg(x) from agg_t where false;

select count(*) filter (where n > 2), count(n) filter (where grp = 'a'), sum(n) filter (where x < 2) from agg_t;
select grp, count(*) filter (where s is not null), max(x) filter (where id > 1) from agg_t group by grp order by grp;
select sum(n order by id), min(s order by s desc) from agg_t;

select variance(n), var_samp(n), var_pop(n), stddev(n), stddev_samp(n), stddev_pop(n) from agg_t;
select variance(x), var_samp(x), var_pop(x), stddev(x), stddev_samp(x), stddev_pop(x) from agg_t;
select variance(d), var_pop(d), stddev(d), stddev_pop(d) from agg_t;
select grp, variance(n), stddev(x), var_pop(d) from agg_t group by grp order by grp;
select variance(n::int8), stddev(n::int2), variance(x::float4) from agg_t;
select variance(v), stddev(v) from (values (1), (1), (1)) as t(v);
select var_samp(v), var_pop(v), stddev_samp(v), stddev_pop(v) from (values (5.0)) as t(v);
select stddev(v) from (values (2), (4), (4), (4), (5), (5), (7), (9)) as t(v);
select stddev(v), variance(v) from (values (0.1), (0.2), (0.35)) as t(v);

-- errors
select string_agg(n, ',') from agg_t;
select array_agg(distinct s order by id) from agg_t;
select count(*) filter (where n) from agg_t;
select sum(n) filter (where count(*) > 1) from agg_t;
select variance('1') from agg_t;
select string_agg(s) from agg_t;
