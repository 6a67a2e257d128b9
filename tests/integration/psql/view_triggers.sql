-- INSTEAD OF triggers make a view insertable, updatable and deletable.
create table vt_base (id int primary key, name text, hidden text default 'h');
insert into vt_base values (1, 'one'), (2, 'two'), (3, 'three');
create view vt as select id, name, upper(name) as shout from vt_base;
create function vt_write() returns trigger language plpgsql as $$
begin
  raise notice '% % on %: new=% old=%', tg_when, tg_op, tg_table_name, new, old;
  if tg_op = 'INSERT' then
    if new.id < 0 then return null; end if;
    insert into vt_base (id, name) values (new.id, new.name);
    return new;
  elsif tg_op = 'UPDATE' then
    update vt_base set id = new.id, name = new.name where id = old.id;
    return new;
  else
    delete from vt_base where id = old.id;
    return old;
  end if;
end $$;
create function vt_stmt() returns trigger language plpgsql as $$
begin
  raise notice 'statement % % on %', tg_when, tg_op, tg_table_name;
  return null;
end $$;
create trigger vt_ins instead of insert on vt for each row execute function vt_write();
create trigger vt_upd instead of update on vt for each row execute function vt_write();
create trigger vt_del instead of delete on vt for each row execute function vt_write();
create trigger vt_bs before insert or update or delete on vt execute function vt_stmt();
create trigger vt_as after insert or update or delete on vt execute function vt_stmt();
insert into vt (id, name) values (4, 'four'), (-1, 'skipped');
insert into vt values (5, 'five', 'ignored') returning *;
update vt set name = name || '!' where id > 2 returning id, name, shout;
delete from vt where shout like 'T%' returning *;
select * from vt order by id;
select * from vt_base order by id;
select tgname, tgtype from pg_trigger where tgrelid = 'vt'::regclass order by 1;
select pg_get_triggerdef(oid) from pg_trigger where tgname = 'vt_ins';
select relhastriggers from pg_class where oid = 'vt'::regclass;
\d vt
-- Errors.
create trigger vt_bad before insert on vt for each row execute function vt_write();
create trigger vt_bad after update on vt for each row execute function vt_write();
create trigger vt_bad instead of insert on vt execute function vt_write();
create trigger vt_bad instead of update of name on vt for each row execute function vt_write();
create trigger vt_bad instead of update on vt for each row when (old.id > 0) execute function vt_write();
create trigger vt_bad after truncate on vt execute function vt_stmt();
-- Dropping and renaming view triggers; they go with the view.
drop trigger vt_del on vt;
alter trigger vt_upd on vt rename to vt_update;
select tgname from pg_trigger where tgrelid = 'vt'::regclass order by 1;
drop view vt;
select count(*) from pg_trigger where tgname like 'vt%';
