-- jsonb_set, jsonb_insert, jsonb_delete_path and the jsonb - operators:
-- PostgreSQL's path rules (keys, indexes counted from either end, creation
-- only at the last step) and errors.
select jsonb_set('{"a":1,"b":[1,2,3]}', '{b,1}', '"x"');
select jsonb_set('{"a":1,"b":[1,2,3]}', '{b,10}', '"x"'), jsonb_set('{"a":1,"b":[1,2,3]}', '{b,-10}', '"x"'),
       jsonb_set('{"a":1,"b":[1,2,3]}', '{b,-1}', '"x"');
select jsonb_set('{"a":1}', '{c}', '2'), jsonb_set('{"a":1}', '{c}', '2', false), jsonb_set('{"a":1}', '{c,d}', '2');
select jsonb_set('{"a":1}', '{}', '1'), jsonb_set('{"a":5}', '{a,x}', '1'), jsonb_set('[1,2]', '{1,a}', '5');
select jsonb_set('[]', '{0}', '1'), jsonb_set('{}', '{k}', '1'), jsonb_set('[]', '{-3}', '1');
select jsonb_set('{"a":1}', '{a}', null) is null as strict;
select jsonb_set('{"a":[1]}', '{a," 0"}', '9'), jsonb_set('{"a":[1]}', '{a,"+0"}', '9');
select jsonb_set('{"a":{"b":{"c":1}},"aa":0}', '{a,b,zz}', '[1, {"x": null}]');
select jsonb_set('{"n":1.50}', '{m}', '2.0');
select jsonb_set('5', '{a}', '1');
select jsonb_set('{"a":1}', '{a,null}', '1');
select jsonb_set('{"a":1}', '{null}', '1');
select jsonb_set('{"a":[1]}', '{a,x}', '1');
select jsonb_set('{"a":[1]}', '{a,"1 "}', '9');
select jsonb_set('{"a":[1]}', '{a,99999999999}', '9');
select jsonb_insert('{"a":[1,2]}', '{a,1}', '9'), jsonb_insert('{"a":[1,2]}', '{a,1}', '9', true),
       jsonb_insert('{"a":[1,2]}', '{a,-1}', '9', true), jsonb_insert('{"a":[1,2]}', '{a,-5}', '9');
select jsonb_insert('{"a":1}', '{b}', '2'), jsonb_insert('[]', '{0}', '"x"');
select jsonb_insert('{"a":1}', '{a}', '2');
select jsonb_insert('"s"', '{0}', '2');
select '{"a":1,"b":2}'::jsonb - 'a', '["a","b","a"]'::jsonb - 'a', '[1,2,3]'::jsonb - 1,
       '[1,2,3]'::jsonb - -1, '[1,2,3]'::jsonb - 5, '{"a":1,"b":2,"c":3}'::jsonb - '{a,c}'::text[],
       '["a","b",1]'::jsonb - '{a,b}'::text[], '{"a":1}'::jsonb - '{}'::text[];
select '"x"'::jsonb - 'a';
select '{"a":1}'::jsonb - 0;
select '5'::jsonb - 0;
select jsonb_delete_path('{"a":[1,2,{"b":3}]}', '{a,2,b}'), jsonb_delete_path('{"a":1}', '{}'),
       jsonb_delete_path('[1,2]', '{-1}'), jsonb_delete_path('{"a":1}', '{x,y}');
select jsonb_delete_path('5', '{a}');
-- in a table
create table jm (id int primary key, doc jsonb);
insert into jm values (1, '{"tags":["a"],"n":1}'), (2, '{"n":2}');
update jm set doc = jsonb_set(doc, '{tags}', coalesce(doc->'tags', '[]') || '"new"');
update jm set doc = jsonb_insert(doc, '{tags,0}', '"first"') where id = 1;
update jm set doc = doc - 'n';
select id, doc from jm order by id;
drop table jm;
