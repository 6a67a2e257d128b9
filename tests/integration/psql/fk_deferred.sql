-- DEFERRABLE foreign keys: INITIALLY DEFERRED checks at COMMIT (23503 with
-- PostgreSQL's DETAIL, the block rolled back), INITIALLY IMMEDIATE and
-- SET CONSTRAINTS (ALL / names, DEFERRED / IMMEDIATE, its errors),
-- savepoints, the referenced side (NO ACTION deferred; RESTRICT and CASCADE
-- never), statements outside a block, and the catalog.
create table p (id int primary key, note text);
create table c (id int primary key, pid int references p deferrable initially deferred);
create table c_imm (id int primary key, pid int references p deferrable);
create table c_not (id int primary key, pid int references p not deferrable);
insert into p values (1, 'one'), (2, 'two');

-- a child before its parent, in one transaction
begin;
insert into c values (1, 10);
insert into p values (10, 'ten');
commit;
select * from c order by id;

-- still missing at COMMIT: COMMIT fails, nothing of the block stays
begin;
insert into p values (11, 'eleven');
insert into c values (2, 20);
select count(*) from c;
commit;
select * from p order by id;
select * from c order by id;

-- the bad row deleted, or fixed, before COMMIT: nothing to report
begin;
insert into c values (3, 30);
delete from c where id = 3;
commit;
begin;
insert into c values (3, 30);
update c set pid = 1 where id = 3;
commit;
-- updated to another missing key: that key is reported
begin;
insert into c values (4, 40);
update c set pid = 41 where id = 4;
commit;
select * from c order by id;

-- the referenced side: NO ACTION deferred, the key may come back
begin;
delete from p where id = 10;
insert into p values (10, 'ten again');
commit;
begin;
delete from p where id = 10;
commit;
begin;
update p set id = 100 where id = 10;
commit;
begin;
delete from p where id = 10;
delete from c where pid = 10;
commit;
select * from p order by id;
select * from c order by id;

-- outside a block each statement is its own transaction
insert into c values (5, 50);
insert into c values (5, 1);
delete from p where id = 1;

-- DEFERRABLE INITIALLY IMMEDIATE: checked per statement unless deferred
insert into c_imm values (1, 60);
begin;
set constraints c_imm_pid_fkey deferred;
insert into c_imm values (1, 60);
insert into p values (60, 'sixty');
commit;
begin;
set constraints all deferred;
insert into c_imm values (2, 61);
insert into c values (6, 62);
commit;
select * from c_imm order by id;

-- SET CONSTRAINTS ... IMMEDIATE runs the pending checks now
begin;
insert into c values (7, 70);
set constraints all immediate;
rollback;
begin;
insert into c values (7, 70);
insert into p values (70, 'seventy');
set constraints c_pid_fkey immediate;
insert into c values (8, 80);
commit;
select * from c order by id;
begin;
set constraints all immediate;
insert into c values (9, 90);
rollback;
begin;
set constraints all deferred;
set constraints c_pid_fkey immediate;
insert into c values (9, 90);
rollback;
begin;
set constraints public.c_pid_fkey, c_imm_pid_fkey deferred;
insert into c values (9, 90);
insert into c_imm values (9, 90);
insert into p values (90, 'ninety');
commit;

-- SET CONSTRAINTS errors
begin;
set constraints nosuch deferred;
rollback;
begin;
set constraints c_not_pid_fkey deferred;
rollback;
begin;
set constraints p_pkey immediate;
set constraints c_not_pid_fkey immediate;
set constraints p_pkey deferred;
rollback;
begin;
set constraints nosuchschema.c_pid_fkey deferred;
rollback;
set constraints all deferred;
set constraints c_pid_fkey immediate;

-- savepoints: ROLLBACK TO drops the checks queued after it
begin;
insert into c values (10, 1);
savepoint s1;
insert into c values (11, 110);
rollback to savepoint s1;
commit;
begin;
savepoint s1;
set constraints all immediate;
rollback to s1;
insert into c values (11, 110);
release savepoint s1;
commit;
select * from c order by id;

-- RESTRICT and CASCADE act at once even when the constraint is deferred
create table c_r (id int primary key,
  pid int references p on delete restrict deferrable initially deferred);
create table c_c (id int primary key,
  pid int references p on delete cascade deferrable initially deferred);
insert into p values (200, 'two hundred');
insert into c_r values (1, 2);
insert into c_c values (1, 200), (2, 200);
begin;
delete from p where id = 2;
rollback;
begin;
delete from p where id = 200;
select * from c_c order by id;
insert into c_c values (3, 201);
insert into p values (201, 'x');
commit;
select * from c_c order by id;

-- a multi-statement query string is one transaction
insert into c values (12, 120)\; insert into p values (120, 'x');
insert into c values (13, 130)\; select 1;

-- the catalog
select conname, condeferrable, condeferred, convalidated, pg_get_constraintdef(oid)
  from pg_constraint where contype = 'f' order by conname;
\d c
drop table c, c_imm, c_not, c_r, c_c, p;
