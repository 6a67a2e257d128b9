-- Transition tables: REFERENCING OLD / NEW TABLE AS name, read by the
-- trigger function's queries.
create table tr (id int primary key, v int, note text);
create table tr_log (what text, n bigint, total bigint);
create function tr_stmt() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into tr_log select 'inserted', count(*), sum(v) from new_rows;
  elsif tg_op = 'UPDATE' then
    insert into tr_log
      select 'updated', count(*), sum(n.v - o.v) from old_rows o join new_rows n using (id);
  else
    insert into tr_log select 'deleted', count(*), sum(v) from old_rows;
  end if;
  return null;
end $$;
create trigger tr_ins after insert on tr referencing new table as new_rows
  for each statement execute function tr_stmt();
create trigger tr_upd after update on tr referencing old table as old_rows new table as new_rows
  for each statement execute function tr_stmt();
create trigger tr_del after delete on tr referencing old table as old_rows
  for each statement execute function tr_stmt();
insert into tr values (1, 10), (2, 20), (3, 30);
update tr set v = v + 5 where id >= 2;
delete from tr where id = 1;
insert into tr select 0, 0 where false;
select * from tr_log order by what, n;

-- A row trigger sees the whole statement's rows too.
create function tr_row() returns trigger language plpgsql as $$
begin
  raise notice 'row % of %', new.id, (select count(*) from new_rows);
  return null;
end $$;
create trigger tr_row after insert on tr referencing new table as new_rows
  for each row execute function tr_row();
insert into tr values (7, 70), (8, 80);
copy tr (id, v) from stdin;
9	90
\.
select what, n, total from tr_log order by what, n;

-- Catalogs.
select tgname, tgoldtable, tgnewtable from pg_trigger where tgrelid = 'tr'::regclass order by 1;
select pg_get_triggerdef(oid) from pg_trigger where tgname = 'tr_upd';
select trigger_name, action_reference_old_table, action_reference_new_table
  from information_schema.triggers where event_object_table = 'tr' order by 1;

-- Errors.
create trigger t_bad before insert on tr referencing new table as nt
  for each statement execute function tr_stmt();
create trigger t_bad after insert or update on tr referencing new table as nt
  for each statement execute function tr_stmt();
create trigger t_bad after insert on tr referencing old table as ot
  for each statement execute function tr_stmt();
create trigger t_bad after delete on tr referencing new table as nt
  for each statement execute function tr_stmt();
create trigger t_bad after update of v on tr referencing new table as nt
  for each statement execute function tr_stmt();
create trigger t_bad after update on tr referencing old table as x new table as x
  for each statement execute function tr_stmt();
create trigger t_bad after truncate on tr referencing old table as x
  for each statement execute function tr_stmt();
create view trv as select * from tr;
create trigger t_bad instead of insert on trv referencing new table as x
  for each row execute function tr_stmt();
create table tr_child () inherits (tr);
create trigger t_bad after insert on tr_child referencing new table as x
  for each row execute function tr_stmt();
drop table tr cascade;
