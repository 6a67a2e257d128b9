-- MERGE: actions, conditions, defaults, constraints, triggers, errors.
create table tgt (id int primary key, balance int default 7, note text);
create table src (sid int, delta int);
insert into tgt values (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c');
insert into src values (2, 5), (3, 50), (4, 40), (5, 0);
-- zero source rows: no effect
merge into tgt t using (select 1 as sid where false) s on t.id = s.sid when matched then delete;
-- update, delete, insert, do nothing in one statement
begin;
merge into tgt t
using src s on t.id = s.sid
when matched and t.balance > s.delta then update set balance = t.balance - s.delta
when matched then delete
when not matched and s.delta > 0 then insert values (s.sid, s.delta, 'new')
when not matched then do nothing;
select * from tgt order by id;
rollback;
-- DEFAULT VALUES, column lists, DEFAULT items
begin;
merge into tgt t using src s on t.id = s.sid
when not matched and s.sid = 4 then insert (id) values (s.sid)
when not matched then insert (note, id) values ('n' || s.sid, s.sid + 100);
merge into tgt t using (values (9)) v(x) on t.id = v.x
when not matched then insert values (v.x, default, default);
select * from tgt order by id;
rollback;
-- equivalent of an UPDATE join, with DEFAULT in SET
begin;
merge into tgt as t using src on t.id = src.sid when matched then update set balance = default, note = note || '!';
select * from tgt order by id;
rollback;
-- source forms: subquery, VALUES, join, function
begin;
merge into tgt t using (select sid, delta * 2 as d from src where sid < 4) s on t.id = s.sid
when matched then update set balance = s.d;
merge into tgt t using (values (1, 'one'), (8, 'eight')) as v(k, label) on t.id = v.k
when matched then update set note = v.label
when not matched then insert (id, note) values (v.k, v.label);
merge into tgt t using src s join (values (5)) w(k) on s.sid = w.k on t.id = s.sid
when not matched then insert values (s.sid, s.delta);
merge into tgt t using generate_series(20, 22) g on t.id = g
when not matched then insert (id) values (g);
select * from tgt order by id;
rollback;
-- a target row matched twice
insert into src values (3, 1);
begin;
merge into tgt t using src s on t.id = s.sid when matched then update set balance = 0;
rollback;
begin;
merge into tgt t using src s on t.id = s.sid when matched then delete;
rollback;
-- matched twice but only DO NOTHING: fine
merge into tgt t using src s on t.id = s.sid when matched and s.delta > 100 then delete when matched then do nothing;
delete from src where sid = 3 and delta = 1;
-- constraint violations
begin;
merge into tgt t using src s on t.id = s.sid + 1 when not matched then insert values (1);
rollback;
create table chk (id int primary key, v int not null check (v > 0));
insert into chk values (1, 1);
merge into chk c using (values (1, -1)) s(k, v) on c.id = s.k when matched then update set v = s.v;
merge into chk c using (values (2, null::int)) s(k, v) on c.id = s.k when not matched then insert values (s.k, s.v);
-- foreign keys and a secondary index
create table parent (id int primary key);
create table child (id int primary key, pid int references parent, tag text);
create index child_tag on child (tag);
insert into parent values (1), (2);
merge into child c using (values (1, 1, 'x'), (2, 3, 'y')) s(id, pid, tag) on c.id = s.id
when not matched then insert values (s.id, s.pid, s.tag);
merge into child c using (values (1, 1, 'x'), (2, 2, 'y')) s(id, pid, tag) on c.id = s.id
when not matched then insert values (s.id, s.pid, s.tag);
merge into child c using (values (1, 'z')) s(id, tag) on c.id = s.id
when matched then update set tag = s.tag;
select * from child where tag = 'z';
select * from child order by id;
-- generated and identity columns
create table gen (id int generated always as identity, a int, b int generated always as (a * 2) stored);
merge into gen g using (values (1)) s(a) on g.a = s.a when not matched then insert (a) values (s.a);
merge into gen g using (values (2)) s(a) on g.a = s.a when not matched then insert (a) values (s.a);
merge into gen g using (values (1)) s(a) on g.a = s.a when matched then update set a = 10;
select * from gen order by id;
merge into gen g using (values (5)) s(a) on g.a = s.a when not matched then insert (id, a) values (100, s.a);
merge into gen g using (values (5)) s(a) on g.a = s.a when not matched then insert (id, a) overriding system value values (100, s.a);
merge into gen g using (values (1)) s(a) on g.a = s.a when matched then update set b = 1;
select * from gen order by id;
-- errors of parse analysis
merge into tgt t using src s on t.id = s.sid when matched then delete when matched then update set balance = 1;
merge into tgt using tgt on id = id when matched then do nothing;
merge into tgt t using src s on t.id = s.sid when not matched then insert values (t.id);
merge into tgt t using src s on t.id = s.sid when not matched and t.balance = 1 then do nothing;
merge into tgt t using src s on t.id = s.sid when not matched then insert values (balance);
merge into tgt t using (select * from src where t.id > sid) s on t.id = s.sid when matched then delete;
merge into tgt t using src s on t.id = s.sid when matched and t.xmin = t.xmax then delete;
merge into tgt t using src s on t.id = s.sid when matched then update set nosuch = 1;
merge into tgt t using src s on t.id = s.sid when matched then update set balance = 1, balance = 2;
merge into tgt t using src s on t.id = s.sid when not matched then insert (id, id) values (1, 2);
merge into tgt t using src s on t.id = s.sid when not matched then insert (id) values (1, 2);
merge into tgt t using src s on t.id = s.sid when not matched then insert (id, note) values (1);
merge into tgt t using src s on t.id = s.sid when matched and s.delta then delete;
merge into nosuch t using src s on t.id = s.sid when matched then delete;
merge into tgt t using src s on t.id = s.sid when matched then update set balance = 0 returning *;
create view tgt_v as select * from tgt;
merge into tgt_v t using src s on t.id = s.sid when matched then delete;
with w as (merge into tgt using src on true when matched then delete) select 1;
-- triggers: statement triggers for each action type, row triggers per row
create table trg (id int, v int);
create function trg_note() returns trigger language plpgsql as $$
begin
  if tg_level = 'ROW' then
    raise notice '% % % row: % -> %', tg_when, tg_op, tg_level, old, new;
  else
    raise notice '% % %', tg_when, tg_op, tg_level;
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end $$;
create trigger trg_bs before insert or update or delete on trg for each statement execute function trg_note();
create trigger trg_as after insert or update or delete on trg for each statement execute function trg_note();
create trigger trg_br before insert or update or delete on trg for each row execute function trg_note();
create trigger trg_ar after insert or update or delete on trg for each row execute function trg_note();
insert into trg values (1, 1), (2, 2);
merge into trg t using (values (1, 10), (2, 20), (3, 30)) s(id, v) on t.id = s.id
when matched and t.id = 1 then update set v = s.v
when matched then delete
when not matched then insert values (s.id, s.v);
merge into trg t using (values (1)) s(id) on t.id = s.id when matched then update set v = 0;
merge into trg t using (values (1)) s(id) on t.id = s.id when matched then do nothing;
select * from trg order by id;
-- a BEFORE ROW trigger returning NULL skips the row
create function trg_skip() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger trg_skip before delete on trg for each row execute function trg_skip();
merge into trg t using (values (1)) s(id) on t.id = s.id when matched then delete;
select * from trg order by id;
drop table trg;
-- in PL/pgSQL (PostgreSQL 15 leaves FOUND false and ROW_COUNT 0)
do $$
declare n int;
begin
  merge into tgt t using src s on t.id = s.sid when matched then update set note = 'plpgsql';
  get diagnostics n = row_count;
  raise notice 'found=% row_count=%', found, n;
end $$;
select * from tgt order by id;
-- prepared statements
prepare m(int, int) as merge into tgt t using (select $1 as k) s on t.id = s.k
when matched then update set balance = $2 when not matched then insert values (s.k, $2);
execute m(1, 111);
execute m(50, 500);
select * from tgt order by id;
deallocate m;
-- partitioned target: updates moving rows, inserts routed
create table pt (id int, v text) partition by list (id);
create table pt1 partition of pt for values in (1, 2, 3);
create table pt2 partition of pt for values in (4, 5, 6);
insert into pt values (1, 'a'), (4, 'b');
merge into pt t using (values (1, 5), (2, 2), (4, 4)) s(k, n) on t.id = s.k
when matched and s.n = 5 then update set id = s.n
when matched then update set v = 'upd'
when not matched then insert values (s.k, 'ins');
select tableoid::regclass, * from pt order by id;
merge into pt t using (values (9)) s(k) on t.id = s.k when not matched then insert values (s.k);
-- a BEFORE DELETE row trigger of the partition keeps a row from moving
create function pt_keep() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger pt_keep before delete on pt2 for each row execute function pt_keep();
merge into pt t using (values (4)) s(k) on t.id = s.k when matched then update set id = 1;
select tableoid::regclass, * from pt order by id;
-- inheritance target
create table ih (id int, v int);
create table ih_c () inherits (ih);
insert into ih values (1, 1);
insert into ih_c values (2, 2);
merge into ih t using (values (1), (2), (3)) s(k) on t.id = s.k
when matched then update set v = v * 10
when not matched then insert values (s.k, 0);
select tableoid::regclass, * from ih order by id;
merge into only ih t using (values (2)) s(k) on t.id = s.k
when matched then delete when not matched then insert values (s.k, -1);
select tableoid::regclass, * from ih order by id, v;
-- privileges
create role merge_user;
create table priv (id int, v int);
grant select on src to merge_user;
set role merge_user;
merge into priv t using src s on t.id = s.sid when matched then do nothing;
reset role;
grant insert on priv to merge_user;
set role merge_user;
merge into priv t using src s on t.id = s.sid when not matched then insert values (s.sid, s.delta);
reset role;
grant select on priv to merge_user;
set role merge_user;
merge into priv t using src s on t.id = s.sid when not matched then insert values (s.sid, s.delta);
merge into priv t using src s on t.id = s.sid when matched then update set v = 0;
merge into priv t using src s on t.id = s.sid when matched then delete;
reset role;
select * from priv order by id;
drop table priv;
revoke all on src from merge_user;
drop role merge_user;
