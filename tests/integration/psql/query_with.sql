-- WITH and WITH RECURSIVE: CTEs shadowing tables, used several times,
-- column aliases, [NOT] MATERIALIZED, nesting, WITH on INSERT/UPDATE/DELETE,
-- recursive queries (UNION ALL, UNION stopping cycles, type rules) and
-- PostgreSQL's errors.
create table t (id int primary key, parent int, name text);
insert into t values (1, null, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'), (5, 4, 'a1x'), (6, 3, 'b1');
with w as (select id, name from t where id > 3) select * from w order by id;
with w(k, n) as (select id, name from t) select k, n from w where k < 3 order by k;
with w(k) as (select id, name from t) select * from w order by k;
with w as materialized (select 1 as x) select * from w;
with w as not materialized (select 1 as x) select * from w;
with t as (select 42 as id) select * from t;
select * from t where id = 1;
with x as (select 1 as v), y as (select v + 1 as v from x) select * from x, y;
with x as (select id from t) select count(*) from x a, x b;
with x as (select 1 as v) select * from (with x as (select 2 as v) select * from x) s, x;
with x as (select 1 as v) select * from (select * from x) s;
with x as (select 3 as v) select v from x union all select id from t where id < 3 order by 1;
with x as (select 1 as v) select 2;
with x as (select id from t where id < 3) select * from x join t using (id) order by id;
select * from (with q as (select 5 as n) select n * 2 from q) s;
-- WITH leading INSERT / UPDATE / DELETE
create table log (id int, name text);
with src as (select id, name from t where parent = 1) insert into log select * from src;
select * from log order by id;
with k as (select 2 as id) update log set name = upper(name) where id in (2);
select * from log order by id;
with k as (select 3 as id) delete from log where id = 3;
select * from log order by id;
with k as (select 2 as id, 'zz' as nm) update log set name = k.nm from k where log.id = k.id;
with k(id) as (values (4), (5)) insert into log select id, 'v' || id from k;
with k as (select 5 as id) delete from log using k where log.id = k.id returning log.*;
select * from log order by id;
insert into log with q as (select 9 as id) select id, 'nine' from q;
select * from log order by id;
-- recursive
with recursive n(i) as (select 1 union all select i + 1 from n where i < 5) select * from n;
with recursive n(i) as (select 1 union select i + 1 from n where i < 5) select sum(i) from n;
with recursive tree(id, name, depth) as (
  select id, name, 0 from t where parent is null
  union all
  select t.id, t.name, tree.depth + 1 from t join tree on t.parent = tree.id)
select * from tree order by id;
with recursive path(id, p) as (
  select id, name from t where id = 1
  union all
  select t.id, path.p || '/' || t.name from path, t where t.parent = path.id)
select p from path order by p;
-- a cycle stopped by UNION
with recursive c(v) as (select 1 union select (v % 3) + 1 from c) select * from c order by v;
with recursive fib(a, b) as (select 0::bigint, 1::bigint union all select b, a + b from fib where b < 100)
  select a from fib order by a;
with recursive w as (select 1 as x) select * from w;
with recursive r(v) as (values (1) union all select v + 1 from r where v < 3) select * from r;
with recursive r(v) as (select 1 union all (select v + 1 from r where v < 3)) select * from r;
-- errors
with x as (select 1), x as (select 2) select 1;
with x(a, b) as (select 1) select * from x;
with recursive x(n) as (select 1 union all select n::bigint + 1 from x where n < 3) select * from x;
with recursive x(n) as (select n from x) select * from x;
with recursive x(n) as (select 1 intersect select n + 1 from x) select * from x;
with recursive x(n) as (select 1 from x union all select n + 1 from x where n < 3) select * from x;
with recursive x(n) as (select 1 union all select x.n + 1 from x, x y where x.n < 3) select * from x;
with recursive x(n) as (select 1 union all select x.n + 1 from (select 1) y left join x on true where x.n < 3) select * from x;
with recursive x(n) as (select 1 union all select n + 1 from x where n < 3 order by 1) select * from x;
with recursive x(n) as (select 1 union all select n + 1 from x where n < 3 limit 1) select * from x;
with recursive x(n) as (select 1 union all select n, n from x) select * from x;
with x as (select * from x) select 1 from x;
with x as (select 1) select * from y;
with recursive foo(i) as (select 1 union all (select i + 1 from foo where i < 5 except select i + 1 from foo where i < 5)) select * from foo;
with recursive foo(i) as (select 1 union all (select i + 1 from foo where i < 3 intersect all select 2)) select * from foo;
with recursive foo(i) as (select 1 union all (select i + 1 from foo where i < 3 intersect select 2)) select * from foo;
with recursive foo(i) as (select 1 union all (select i + 1 from foo where i < 3 except select 5)) select * from foo;
-- a nested WITH of the same name hides the outer one
with recursive w1(c1) as (with recursive w6(c6) as (with w6(c6) as (select 1) select * from w6) select * from w6) select * from w1;
-- an endless recursion ended by LIMIT
with recursive n(i) as (select 1 union all select i + 1 from n) select * from n limit 5;
with recursive n(i) as (values (1) union all select i + 1 from n) select i from n where i % 2 = 0 limit 3;
with recursive foo(i) as (select 1::numeric(3,0) union all select (i + 1)::numeric(10,0) from foo where i < 10) select * from foo;
with recursive foo(i) as (select 1::numeric(3,0) union all select (i + 1)::numeric(3,0) from foo where i < 3) select * from foo;
with recursive foo(s) as (select 'a'::varchar(5) union all select (s || 'b')::varchar(5) from foo where length(s) < 3) select * from foo;
-- recursive views (a WITH RECURSIVE named like the view)
create recursive view nums (n) as values (1) union all select n + 1 from nums where n < 5;
select * from nums;
create or replace recursive view nums (n) as values (1) union all select n + 1 from nums where n < 6;
select * from nums;
create view v_cte as with t as (select 7 as id) select * from t;
select * from v_cte;
with recursive x(n) as (select 1 union all select count(*) from x) select * from x;
with recursive x(n) as (select 1 union all select sum(n) from x) select * from x;
with recursive x(n) as (select 1 union all select n + 1 from x where n < 3 group by n having max(n) < 3) select * from x;
-- a WITH on the recursive UNION itself
with recursive outermost(x) as (with innermost as (select 2 from outermost) select * from innermost union select * from outermost) select * from outermost order by 1;
with recursive outermost(x) as (with innermost as (select 2) select * from innermost union select x + 1 from outermost where x < 4) select * from outermost order by 1;
with recursive x(n) as (select 1 union all (with y as (select n + 1 as m from x where n < 3) select m from y)) select * from x;
with recursive x(n) as ((with x1 as (select 1 from x) select * from x1) union select 0) select * from x;
