-- Automatically updatable views: INSERT / UPDATE / DELETE (RETURNING, ON
-- CONFLICT) through simple views and views over views, non-updatable views
-- and columns (55000), view column DEFAULTs, WITH [LOCAL | CASCADED] CHECK
-- OPTION (44000), ALTER VIEW, information_schema and pg_*_is_updatable.
create table base_tbl (a int primary key, b text default 'Unspecified');
insert into base_tbl select i, 'Row ' || i from generate_series(-2, 2) g(i);
create view ro_distinct as select distinct a, b from base_tbl;
create view ro_group as select a, b from base_tbl group by a, b;
create view ro_count as select count(*) from base_tbl;
create view ro_window as select a, rank() over () from base_tbl;
create view ro_union as select a, b from base_tbl union select -a, b from base_tbl;
create view ro_limit as select a, b from base_tbl order by a limit 1;
create view ro_const as select 1 as a;
create view ro_join as select b1.a, b2.b from base_tbl b1, base_tbl b2;
create view ro_sub as select a, b from (select * from base_tbl) as t;
create view ro_srf as select a, b, generate_series(1, a) g from base_tbl;
create view rw_expr as select a, upper(b) from base_tbl;
create view rw_repeat as select a, b, a as aa from base_tbl;
create view ro_nested as select * from ro_distinct;
delete from ro_distinct;
delete from ro_group;
delete from ro_count;
delete from ro_window;
delete from ro_union;
update ro_limit set a = a + 1;
update ro_const set a = a + 1;
update ro_join set a = a + 1;
insert into ro_sub values (3, 'Row 3');
update ro_srf set b = upper(b);
insert into ro_nested values (3, 'Row 3');
select table_name, is_insertable_into from information_schema.tables
 where table_name like 'r_\_%' and table_schema = 'public' order by table_name;
select table_name, is_updatable, is_insertable_into, check_option
  from information_schema.views where table_name like 'r_\_%' order by table_name;
select table_name, column_name, is_updatable from information_schema.columns
 where table_name like 'r_\_%' and table_schema = 'public' order by table_name, ordinal_position;
-- partially updatable views
insert into rw_expr values (3, 'ROW 3');
insert into rw_expr (a) values (3);
insert into rw_expr (a) values (3) on conflict do nothing;
insert into rw_expr (a) values (3) on conflict (a) do update set a = excluded.a;
insert into rw_expr (a) values (3) on conflict (a) do update set upper = 'x';
select * from rw_expr order by a;
alter view rw_expr alter column upper set default 'NOT SET';
insert into rw_expr (a) values (4);
update rw_expr set upper = 'ROW 3' where a = 3;
update rw_expr set a = 4 where a = 3 returning *;
delete from rw_expr where a = 4 returning a, upper;
insert into rw_repeat values (3, 'Row 3', 3);
insert into rw_repeat (a, b) values (3, 'Row 3');
update rw_repeat set a = 3, aa = -3 where a = 3;
update rw_repeat set aa = -3 where a = 3;
select * from base_tbl order by a;
delete from rw_repeat where a = -3;
drop table base_tbl cascade;
-- a simple view and a view over it
create table base_tbl (a int primary key, b text default 'Unspecified');
insert into base_tbl select i, 'Row ' || i from generate_series(-2, 2) g(i);
create view rw_view1 as select b as bb, a as aa from base_tbl where a > 0;
create view rw_view2 as select aa as aaa, bb as bbb from rw_view1 where aa < 10;
insert into rw_view2 values (3, 'Row 3');
insert into rw_view2 (aaa) values (4) returning *;
select * from rw_view2 order by aaa;
update rw_view2 set bbb = 'Row 4' where aaa = 4 returning aaa, bbb, upper(bbb);
delete from rw_view2 where aaa = 2;
update rw_view1 set aa = aa + 100 where bb like 'Row%';
select * from base_tbl order by a;
select * from rw_view2 order by aaa;
delete from rw_view1 returning *;
select * from base_tbl order by a;
select pg_relation_is_updatable('rw_view2'::regclass, false),
       pg_column_is_updatable('rw_view2'::regclass, 1::smallint, false);
drop table base_tbl cascade;
-- view defaults, base defaults, DEFAULT in VALUES
create table base_tbl (a int primary key, b text default 'Unspecified', c serial);
create view rw_view1 as select a as aa, b as bb from base_tbl;
alter view rw_view1 alter column bb set default 'View default';
insert into rw_view1 values (4, 'Row 4');
insert into rw_view1 (aa) values (5);
insert into rw_view1 values (6, default);
alter view rw_view1 alter column bb drop default;
insert into rw_view1 (aa) values (7);
select * from base_tbl order by a;
-- UPDATE ... FROM and DELETE ... USING through a view
create table other (id int, label text);
insert into other values (4, 'four'), (5, 'five');
update rw_view1 v set bb = o.label from other o where v.aa = o.id returning v.aa, v.bb, o.id;
delete from rw_view1 using other where aa = other.id and other.label = 'five';
select * from base_tbl order by a;
drop table base_tbl, other cascade;
-- WITH CHECK OPTION
create table base_tbl (a int, b int default 10);
insert into base_tbl values (1, 2), (2, 3), (1, -1);
create view rw_view1 as select * from base_tbl where a < b with local check option;
select table_name, check_option from information_schema.views where table_name = 'rw_view1';
insert into rw_view1 values (3, 4);
insert into rw_view1 values (4, 3);
insert into rw_view1 values (5, null);
update rw_view1 set b = 5 where a = 3;
update rw_view1 set b = -5 where a = 3;
insert into rw_view1 (a) values (9);
insert into rw_view1 (a) values (10);
select * from base_tbl order by a, b;
drop table base_tbl cascade;
create table base_tbl (a int);
create view rw_view1 as select * from base_tbl where a > 0;
create view rw_view2 as select * from rw_view1 where a < 10 with check option;
select relname, reloptions from pg_class where relname like 'rw_view_' order by relname;
insert into rw_view2 values (-5);
insert into rw_view2 values (5);
insert into rw_view2 values (15);
update rw_view2 set a = a - 10;
update rw_view2 set a = a + 10;
create or replace view rw_view2 as select * from rw_view1 where a < 10 with local check option;
insert into rw_view2 values (-10);
insert into rw_view2 values (20);
alter view rw_view1 set (check_option = here);
alter view rw_view1 set (check_option = local);
insert into rw_view2 values (-20);
insert into rw_view2 values (30);
alter view rw_view2 reset (check_option);
insert into rw_view2 values (30);
select * from base_tbl order by a;
select table_name, check_option from information_schema.views
 where table_name like 'rw_view_' order by table_name;
drop table base_tbl cascade;
create table base_tbl (a int);
create view ro_wco as select distinct a from base_tbl with check option;
create view rw_wco as select a from base_tbl with check option;
insert into rw_wco values (-1);
drop table base_tbl cascade;
-- reloptions and ALTER VIEW
create table tbl1 (a int, b int);
create view secview1 with (security_barrier = true) as select * from tbl1 where a > 0;
create view secview2 with (security_barrier) as select * from tbl1;
create view secview3 with (security_barrier = 100) as select * from tbl1;
create view secview4 with (invalid_option) as select * from tbl1;
select relname, reloptions from pg_class where relname like 'secview%' order by relname;
alter view secview1 reset (security_barrier);
alter view secview1 rename to secview9;
alter view secview9 rename column a to aa;
select * from secview9;
alter table secview9 rename to secview8;
alter view tbl1 rename to tbl2;
create schema other_schema;
alter view secview8 set schema other_schema;
select * from other_schema.secview8;
select relname, reloptions from pg_class where relname like 'secview%' order by relname;
drop schema other_schema cascade;
drop table tbl1 cascade;
-- inheritance under a view
create table base_parent (a int);
create table base_child (check (a > 0)) inherits (base_parent);
insert into base_parent select * from generate_series(-4, -1);
insert into base_child select * from generate_series(1, 4);
create view rw_all as select * from base_parent;
create view rw_only as select * from only base_parent;
update rw_all set a = a * 10 where a in (-1, 1);
update rw_only set a = a * 10 where a in (-2, 2);
delete from rw_all where a in (-3, 3);
delete from only rw_only where a in (-4, 4);
select * from only base_parent order by a;
select * from base_child order by a;
drop table base_parent, base_child cascade;
-- a view over a view with INSTEAD OF triggers: the trigger takes the rows
create table base_tbl (a int primary key, b text default 'Unspecified');
insert into base_tbl values (1, 'Row 1'), (2, 'Row 2');
create view rw_view1 as select * from base_tbl where a > 0 offset 0;
create view rw_view2 as select * from rw_view1 where a < 10 with check option;
create function rw_view1_trig_fn() returns trigger as $$
begin
  if tg_op = 'INSERT' then
    insert into base_tbl values (new.a, new.b);
    return new;
  elsif tg_op = 'UPDATE' then
    update base_tbl set a = new.a, b = new.b where a = old.a;
    return new;
  else
    delete from base_tbl where a = old.a;
    return old;
  end if;
end;
$$ language plpgsql;
insert into rw_view2 values (3, 'Row 3');
create trigger rw_view1_ins_trig instead of insert on rw_view1
  for each row execute procedure rw_view1_trig_fn();
create trigger rw_view1_upd_trig instead of update on rw_view1
  for each row execute procedure rw_view1_trig_fn();
create trigger rw_view1_del_trig instead of delete on rw_view1
  for each row execute procedure rw_view1_trig_fn();
select table_name, is_updatable, is_insertable_into, is_trigger_updatable,
       is_trigger_deletable, is_trigger_insertable_into
  from information_schema.views where table_name like 'rw_view_' order by table_name;
insert into rw_view2 values (3, 'Row 3') returning *;
insert into rw_view2 values (30, 'Row 30');
update rw_view2 set b = 'Row three' where a = 3 returning *;
update rw_view2 set a = a + 100 where a = 3;
select * from rw_view2 order by a;
delete from rw_view2 where a = 3 returning *;
select * from base_tbl order by a;
drop table base_tbl cascade;
drop function rw_view1_trig_fn();
-- WITH CHECK OPTION on rows of an inheritance child and of a partition
create table wco_parent (a int);
create table wco_child (b text) inherits (wco_parent);
insert into wco_child values (5, 'x');
create view wco_v as select * from wco_parent where a > 0 with check option;
update wco_v set a = -a;
update wco_v set a = a + 1 returning *;
select * from wco_child;
drop table wco_parent cascade;
create table wco_pt (a int, b int, v varchar) partition by range (a);
create table wco_pt1 partition of wco_pt for values from (0) to (10);
create view wco_ptv as select * from wco_pt where b = 0 with check option;
insert into wco_ptv values (1, 2);
insert into wco_ptv values (1, 0);
select * from wco_pt;
drop table wco_pt cascade;
-- EXPLAIN of an INSERT into a view names the base table
create table base_tbl (a int, b text);
create view rw_view1 as select * from base_tbl b where a > 0;
explain (costs off) insert into rw_view1 values (1, 'x');
explain (costs off) insert into rw_view1 values (1, 'x'), (2, 'y');
drop table base_tbl cascade;
