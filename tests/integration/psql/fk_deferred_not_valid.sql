-- ALTER TABLE ADD CONSTRAINT ... NOT VALID (FOREIGN KEY and CHECK): the rows
-- there are not checked, new ones are; convalidated and pg_get_constraintdef
-- show it (psql \d prints NOT VALID); ALTER TABLE VALIDATE CONSTRAINT checks
-- the rows then (23503 / 23514 as PostgreSQL) and its errors.
create table p (id int primary key);
insert into p values (1), (2);
create table c (id int primary key, pid int);
insert into c values (1, 1), (2, 5), (3, null);

alter table c add constraint c_pid_fkey foreign key (pid) references p;
alter table c add constraint c_pid_fkey foreign key (pid) references p not valid;
alter table c add constraint c_id_check check (id < 3) not valid;
select conname, contype, convalidated, pg_get_constraintdef(oid)
  from pg_constraint where conrelid = 'c'::regclass order by conname;
\d c

-- new rows are checked
insert into c values (4, 6);
insert into c values (2, 1);
insert into c values (5, 2);
update c set pid = 7 where id = 1;

-- VALIDATE CONSTRAINT checks the rows there
alter table c validate constraint c_pid_fkey;
alter table c validate constraint c_id_check;
delete from c where id >= 3;
update c set pid = 2 where id = 2;
alter table c validate constraint c_pid_fkey;
alter table c validate constraint c_id_check;
-- valid already: nothing to do
alter table c validate constraint c_pid_fkey;
alter table c validate constraint nosuch;
alter table c validate constraint c_pkey;
select conname, contype, convalidated, pg_get_constraintdef(oid)
  from pg_constraint where conrelid = 'c'::regclass order by conname;
\d c

-- NOT VALID in CREATE TABLE has no rows to skip: the key is valid
create table c2 (id int, pid int, foreign key (pid) references p not valid);
select conname, convalidated from pg_constraint where conrelid = 'c2'::regclass;
-- DEFERRABLE and NOT VALID together
alter table c2 add constraint c2_def foreign key (pid) references p deferrable initially deferred not valid;
select pg_get_constraintdef(oid) from pg_constraint where conname = 'c2_def';
drop table c2, c, p;
