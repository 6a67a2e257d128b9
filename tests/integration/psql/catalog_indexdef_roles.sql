-- pg_get_indexdef of primary-key indexes, array_to_string, the role and
-- publication catalogs psql's \du and \d read, \du itself.
create table gi (a int, b text, c int, primary key (b, a));
create table "Gi 2" (id int primary key);
select pg_get_indexdef(indexrelid) from pg_index where indrelid = 'gi'::regclass;
select pg_get_indexdef(indexrelid, 1, true), pg_get_indexdef(indexrelid, 2, true),
       pg_get_indexdef(indexrelid, 3, true), pg_get_indexdef(indexrelid, 0, true)
  from pg_index where indrelid = 'gi'::regclass;
select pg_get_indexdef(indexrelid) from pg_index where indrelid = '"Gi 2"'::regclass;
select pg_get_indexdef('gi'::regclass);
select array_to_string(array[1, null, 3], ','), array_to_string(array['a', 'b'], '-', '*'),
       array_to_string(array[1, null, 3], ', ', 'N'), array_to_string(null::int[], ','),
       array_to_string(array[]::text[], ','), array_to_string(array[1.5, 2], ' | ', null);
select array_to_string(array[true, false], '');
select count(*) from pg_statistic_ext;
select count(*) from pg_publication;
select count(*) from pg_publication_rel;
select count(*) from pg_publication_namespace;
select pg_relation_is_publishable('gi'::regclass);
\du
