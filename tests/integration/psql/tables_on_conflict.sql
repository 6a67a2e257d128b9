-- INSERT ... ON CONFLICT on the primary key: DO NOTHING, DO UPDATE with
-- EXCLUDED, WHERE, RETURNING, the errors PostgreSQL raises.
create table oc (id int primary key, a text, n int check (n < 1000));
insert into oc values (1, 'one', 1);
insert into oc values (1, 'x', 5) on conflict (id) do update set n = n + 1;
insert into oc values (1, 'x', 5) on conflict (id) do update set n = oc.n + excluded.n returning *;
insert into oc values (1, 'y', 5), (1, 'z', 6) on conflict (id) do update set a = excluded.a;
insert into oc values (1, 'y', 5), (2, 'z', 6) on conflict (id) do update set a = excluded.a where oc.n > 100 returning *;
insert into oc values (3, 'y', 5) on conflict (a) do nothing;
insert into oc values (3, 'y', 5) on conflict do update set a = 'q';
insert into oc as o values (2, 'w', 0) on conflict (id) do update set n = o.n * 10 returning o.*;
insert into oc values (1, 'w', 0) on conflict (id) do update set id = 2;
insert into oc values (1, 'w', 0) on conflict (id) do update set n = 5000;
insert into oc values (1, 'w', 0) on conflict (id) do update set zz = 1;
insert into oc values (2, 'dup', 0), (2, 'dup', 0) on conflict do nothing;
insert into oc values (4, 'four', 4), (4, 'again', 4) on conflict (id) do nothing returning id, a;
insert into oc values (5, 'five', 5) on conflict (id) do update set a = default returning *;
select * from oc order by id;
create table nokey (v int);
insert into nokey values (1), (1) on conflict do nothing;
insert into nokey values (1) on conflict (v) do nothing;
select * from nokey;
create table defs (id int primary key default 1, note text default 'none', n numeric(4,1) default 2.25);
insert into defs default values returning *;
insert into defs default values;
insert into defs (id) values (2), (default) on conflict do nothing returning *;
select * from defs order by id;
