-- Triggers: CREATE / DROP / ALTER TRIGGER, PL/pgSQL trigger functions with
-- NEW, OLD and the TG_ variables, BEFORE / AFTER, ROW / STATEMENT, WHEN,
-- UPDATE OF, skipping rows, and the catalogs that show them.
create table tt (id int primary key, name text, n int default 0);
create table tt_log (seq serial, what text);

create function tt_note() returns trigger language plpgsql as $$
begin
  raise notice '% % % on %: new=% old=% nargs=% argv=%',
    tg_name, tg_when, tg_level, tg_table_name, new, old, tg_nargs, tg_argv;
  if tg_level = 'ROW' and tg_op = 'DELETE' then
    return old;
  end if;
  return new;
end $$;

create trigger b_stmt before insert or update or delete on tt
  for each statement execute function tt_note('stmt', 42);
create trigger a_stmt after insert or update or delete on tt
  for each statement execute procedure tt_note();
create trigger b_row before insert or update or delete on tt
  for each row execute function tt_note('row');
create trigger a_row after insert or update or delete on tt
  for each row execute function tt_note();

insert into tt values (1, 'one'), (2, 'two');
update tt set n = n + 1 where id = 1;
delete from tt where id = 2;
-- statement triggers fire even when no row changes
update tt set n = 5 where id = 99;
select * from tt order by id;

drop trigger b_stmt on tt;
drop trigger a_stmt on tt;
drop trigger b_row on tt;
drop trigger a_row on tt;

-- A BEFORE ROW trigger changes the row; RETURNING and the table see it.
create function tt_upper() returns trigger language plpgsql as $$
begin
  new.name := upper(new.name);
  new.n = coalesce(new.n, 0) + 100;
  return new;
end $$;
create trigger tt_upper before insert or update on tt
  for each row execute function tt_upper();
insert into tt values (3, 'three') returning *;
update tt set name = 'uno' where id = 1 returning id, name, n;
drop trigger tt_upper on tt;

-- Returning NULL skips the row (and the command tag counts only the rest).
create function tt_skip_odd() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.id % 2 = 1 then return null; end if;
    return old;
  end if;
  if new.id % 2 = 1 then
    raise notice 'skipping %', new.id;
    return null;
  end if;
  return new;
end $$;
create trigger tt_skip before insert or delete on tt
  for each row execute function tt_skip_odd();
insert into tt values (5, 'five'), (6, 'six'), (7, 'seven');
delete from tt;
select * from tt order by id;
drop trigger tt_skip on tt;

-- AFTER triggers write an audit log; WHEN and UPDATE OF narrow them.
create function tt_audit() returns trigger language plpgsql as $$
begin
  insert into tt_log (what) values (tg_op || ' ' || coalesce(new.name, old.name));
  return null;
end $$;
create trigger tt_audit_ins after insert on tt
  for each row when (new.n > 10) execute function tt_audit();
create trigger tt_audit_upd after update of name on tt
  for each row when (old.name is distinct from new.name) execute function tt_audit();
insert into tt values (10, 'ten', 50), (11, 'eleven', 1);
update tt set n = 7;
update tt set name = name;
update tt set name = 'TEN' where id = 10;
select what from tt_log order by seq;

-- Disabled triggers do not fire.
alter table tt disable trigger tt_audit_ins;
insert into tt values (12, 'twelve', 99);
select tgname, tgenabled from pg_trigger where tgrelid = 'tt'::regclass order by 1;
\d tt
alter table tt enable trigger all;
insert into tt values (13, 'thirteen', 99);
select count(*) from tt_log;

-- Catalogs.
alter trigger tt_audit_upd on tt rename to tt_audit_update;
select tgname, tgtype, tgnargs, tgattr, tgisinternal
  from pg_trigger where tgrelid = 'tt'::regclass order by tgname;
select pg_get_triggerdef(oid) from pg_trigger where tgrelid = 'tt'::regclass order by tgname;
select pg_get_triggerdef(oid, true) from pg_trigger where tgrelid = 'tt'::regclass order by tgname;
select trigger_name, event_manipulation, event_object_table, action_order, action_condition,
       action_statement, action_orientation, action_timing
  from information_schema.triggers where event_object_table = 'tt'
  order by trigger_name, event_manipulation;
select relhastriggers from pg_class where oid = 'tt'::regclass;
comment on trigger tt_audit_ins on tt is 'logs big rows';
select obj_description(oid, 'pg_trigger') from pg_trigger where tgname = 'tt_audit_ins';

-- Errors.
create trigger tt_audit_ins after insert on tt for each row execute function tt_audit();
create trigger t_bad after insert on tt for each row execute function no_such_fn();
create function not_a_trigger() returns int language sql as 'select 1';
create trigger t_bad after insert on tt for each row execute function not_a_trigger();
create trigger t_bad instead of insert on tt for each row execute function tt_audit();
create trigger t_bad after truncate on tt for each row execute function tt_audit();
create trigger t_bad after insert on tt for each statement when (new.n > 0)
  execute function tt_audit();
create trigger t_bad after insert on tt for each row when (old.n > 0)
  execute function tt_audit();
create trigger t_bad after delete on tt for each row when (new.n > 0)
  execute function tt_audit();
create trigger t_bad after update of nope on tt for each row execute function tt_audit();
create trigger t_bad after insert on no_such_table for each row execute function tt_audit();
drop trigger no_such_trigger on tt;
drop trigger if exists no_such_trigger on tt;
drop trigger if exists no_such_trigger on no_such_table;
alter trigger no_such_trigger on tt rename to x;
alter trigger tt_audit_ins on tt rename to tt_audit_update;
alter table tt enable trigger no_such_trigger;
select tt_audit();
create function sql_trigger() returns trigger language sql as 'select null';
create function trigger_with_args(int) returns trigger language plpgsql as $$ begin return null; end $$;

-- An error inside a trigger aborts the statement, with its context.
create function tt_reject() returns trigger language plpgsql as $$
begin
  if new.n < 0 then
    raise exception 'negative n for id %', new.id;
  end if;
  return new;
end $$;
create trigger tt_reject before insert on tt for each row execute function tt_reject();
insert into tt values (20, 'twenty', -1);
select count(*) from tt where id = 20;

-- DROP FUNCTION of a trigger's function.
drop function tt_audit();
drop function tt_audit() cascade;
select tgname from pg_trigger where tgrelid = 'tt'::regclass order by 1;

-- CREATE OR REPLACE TRIGGER keeps the name and changes the definition.
create or replace trigger tt_reject before insert or update on tt
  for each row execute function tt_upper();
insert into tt values (21, 'twenty-one', 1) returning *;
select pg_get_triggerdef(oid) from pg_trigger where tgname = 'tt_reject';

-- COPY FROM fires row and statement triggers.
create table tc (a int, b text);
create function tc_note() returns trigger language plpgsql as $$
begin
  raise notice '% % a=%', tg_when, tg_level, new.a;
  new.b := coalesce(new.b, 'default');
  return new;
end $$;
create trigger tc_before before insert on tc for each row execute function tc_note();
create trigger tc_stmt after insert on tc for each statement execute function tc_note();
copy tc from stdin;
1	x
2	\N
\.
select * from tc order by a;

-- TRUNCATE triggers.
create function tc_truncated() returns trigger language plpgsql as $$
begin
  raise notice '% % on %', tg_when, tg_op, tg_table_name;
  return null;
end $$;
create trigger tc_trunc_b before truncate on tc execute function tc_truncated();
create trigger tc_trunc_a after truncate on tc execute function tc_truncated();
truncate tc;

-- ON CONFLICT DO UPDATE fires INSERT and UPDATE triggers.
create table tu (k int primary key, v int);
create function tu_note() returns trigger language plpgsql as $$
begin
  raise notice '% % % new=% old=%', tg_when, tg_level, tg_op, new, old;
  return coalesce(new, old);
end $$;
create trigger tu_b before insert or update on tu for each row execute function tu_note();
create trigger tu_a after insert or update on tu for each row execute function tu_note();
create trigger tu_s before insert or update on tu execute function tu_note();
insert into tu values (1, 1);
insert into tu values (1, 2), (2, 2) on conflict (k) do update set v = excluded.v * 10;
select * from tu order by k;

-- Statement triggers belong to the named table, row triggers to each
-- table of an inheritance tree.
create table tp (a int);
create table tch (b int) inherits (tp);
create function tp_note() returns trigger language plpgsql as $$
begin
  raise notice '% % % on %', tg_when, tg_level, tg_op, tg_table_name;
  return coalesce(new, old);
end $$;
create trigger tp_s before update on tp execute function tp_note();
create trigger tp_r before update on tp for each row execute function tp_note();
create trigger tch_r before update on tch for each row execute function tp_note();
insert into tp values (1);
insert into tch values (2, 2);
update tp set a = a + 1;
drop table tch, tp;

-- NEW.* and OLD.*, ALIAS FOR, pg_trigger_depth(), and a trigger on a
-- temporary table that COPY fills, whose function updates that table.
create temp table tx (a int, b text, c text);
create function tx_before() returns trigger language plpgsql as $$
declare
  r alias for new;
begin
  if tg_op = 'UPDATE' and row(old.*) = row(new.*) then
    raise notice 'unchanged: %, depth %', new.*::text, pg_trigger_depth();
  end if;
  if tg_op = 'UPDATE' and row(old.*) is distinct from row(new.*) then
    raise notice 'changed: % -> %', old, new;
  end if;
  if tg_op = 'UPDATE' and (old.a, old.b) is not distinct from (new.a, new.b) then
    raise notice 'a and b unchanged';
  end if;
  r.c := 'before at depth ' || pg_trigger_depth();
  return r;
end $$;
create function tx_after() returns trigger language plpgsql as $$
begin
  update tx set b = upper(b) where a = new.a;
  return null;
end $$;
create trigger tx_before before insert or update on tx for each row execute function tx_before();
create trigger tx_after after insert on tx for each row execute function tx_after();
copy tx (a, b) from stdin;
1	one
2	two
\.
select * from tx order by a;
update tx set b = b where a = 1;
update tx set c = null where a = 2;
select (1, null::int) is distinct from (1, null::int), (1, 2) is distinct from (1, null),
       (1, null::int) is not distinct from (1, null::int);
select pg_trigger_depth();

-- Triggers go with their table.
drop table tt;
select count(*) from pg_trigger where tgname like 'tt%';
