-- Composite values: ROW(...) and (a, b) as values, record_out's quoting,
-- field selection ((x).name), IS [NOT] NULL of rows, row comparisons, and
-- information_schema._pg_expandarray, whose fields pgjdbc's getPrimaryKeys
-- and getIndexInfo select.
select row(1, 'a b', null, '', 'x"y', 'a,b', '(', E'back\\slash', 2.5);
select row(1, row(2, 'three')), row();
select (1, 'x')::text, pg_typeof(row(1, 2));
select (row(1, 'two'::text)).f2, (row(1, 'two'::text)).f1 + 1 as next;
select (row(1, 2)).x;
select (1).x;
select row(1, 2)::varchar, row(1, null)::text || row(1, 2)::text;
select row(null, null) is null, row(null, 1) is null, row(null, 1) is not null,
       row(1, 2) is not null, row() is null;
select (1, 2) = (1, 2), (1, null) = (1, 2), (1, 2) <> (1, 3), (1, null) <> (2, null);
select (1, 2) < (1, 3), (1, 2) <= (1, 2), (2, null) > (1, 5), (1, null) > (1, 5),
       (1, 2, 3) >= (1, 2, 4), row(3) > row(2);
select a, b from (values (1, 1), (1, 2), (2, 0), (null, 1)) v(a, b)
  where (a, b) > (1, 1) order by a, b;
select (1, 2) = (1, 2, 3);
select (1, 2) ~~ (1, 2);
select ('a', 'b') ~~ ('a', 'b');
select row() = row();
select information_schema._pg_expandarray(array[5, 6, 7]);
select (information_schema._pg_expandarray(array['a', 'b'])).x,
       (information_schema._pg_expandarray(array['a', 'b'])).n;
select * from information_schema._pg_expandarray(array[5, 6, 7]);
select * from information_schema._pg_expandarray(array[1.5, null]) as e(v, pos);
select ss.k, (ss.k).x, (ss.k).n from
  (select information_schema._pg_expandarray('{10,20}'::int[]) as k) ss;
select (information_schema._pg_expandarray(array[1])).y;
select _pg_expandarray(array[1]);
select information_schema._pg_expandarray('{1,2}');
select * from pg_options_to_table(array['fillfactor=70', 'autovacuum_enabled']);
select pg_options_to_table(array['a=1', 'b']);
-- records in rows that a sort spills to disk and reads back
set work_mem = '64kB';
select k, (k).f2 from (select row(g, repeat('x', 40) || g, null) as k, g
                       from generate_series(1, 4000) g) s
order by g desc limit 3;
reset work_mem;
-- pgjdbc's getPrimaryKeys query (42.5) over int2vector keys.
create table rv_parent (a int, b text, c int, primary key (b, a));
create unique index rv_parent_c on rv_parent (c desc);
select result.table_name, result.column_name, result.key_seq, result.pk_name
from (select n.nspname as table_schem, ct.relname as table_name,
             a.attname as column_name,
             (information_schema._pg_expandarray(i.indkey)).n as key_seq,
             ci.relname as pk_name,
             information_schema._pg_expandarray(i.indkey) as keys, a.attnum as a_attnum
      from pg_catalog.pg_class ct
        join pg_catalog.pg_attribute a on (ct.oid = a.attrelid)
        join pg_catalog.pg_namespace n on (ct.relnamespace = n.oid)
        join pg_catalog.pg_index i on (a.attrelid = i.indrelid)
        join pg_catalog.pg_class ci on (ci.oid = i.indexrelid)
      where true and ct.relname = E'rv_parent' and i.indisprimary) result
where result.a_attnum = (result.keys).x
order by result.table_name, result.pk_name, result.key_seq;
-- pgjdbc's getIndexInfo query (42.5).
select tmp.index_name, tmp.non_unique, tmp.ordinal_position,
       trim(both '"' from pg_catalog.pg_get_indexdef(tmp.ci_oid, tmp.ordinal_position, false))
         as column_name,
       case tmp.am_name when 'btree' then
         case tmp.i_indoption[tmp.ordinal_position - 1] & 1::smallint
           when 1 then 'D' else 'A' end
         else null end as asc_or_desc
from (select ct.relname as table_name, not i.indisunique as non_unique,
             ci.relname as index_name,
             (information_schema._pg_expandarray(i.indkey)).n as ordinal_position,
             ci.oid as ci_oid, i.indoption as i_indoption, am.amname as am_name
      from pg_catalog.pg_class ct
        join pg_catalog.pg_namespace n on (ct.relnamespace = n.oid)
        join pg_catalog.pg_index i on (ct.oid = i.indrelid)
        join pg_catalog.pg_class ci on (ci.oid = i.indexrelid)
        join pg_catalog.pg_am am on (ci.relam = am.oid)
      where true and n.nspname = E'public' and ct.relname = E'rv_parent') as tmp
order by non_unique, index_name, ordinal_position;
drop table rv_parent;
