-- Transaction blocks: BEGIN/COMMIT/ROLLBACK and their aliases, warnings
-- outside a block, the aborted state, reads of the block's own writes.
create table acct (id int primary key, balance int not null);
insert into acct values (1, 100), (2, 200);
-- warnings outside a block
commit;
rollback;
end;
abort;
-- a committed block
begin;
insert into acct values (3, 300);
update acct set balance = balance - 50 where id = 1;
select * from acct order by id;
begin;
commit;
select * from acct order by id;
-- a rolled-back block: nothing of it stays
start transaction;
insert into acct values (4, 400);
delete from acct where id = 2;
update acct set balance = 0;
select * from acct order by id;
rollback;
select * from acct order by id;
-- END and ABORT
begin;
insert into acct values (5, 500);
end;
begin;
insert into acct values (6, 600);
abort;
select * from acct order by id;
-- an error aborts the block; COMMIT then answers ROLLBACK
begin;
insert into acct values (7, 700);
insert into acct values (1, 1);
select * from acct;
insert into acct values (8, 800);
commit;
select * from acct order by id;
-- ROLLBACK of a failed block
begin;
select 1/0;
select 1;
rollback;
-- a read-only block
begin read only;
select count(*) from acct;
insert into acct values (9, 900);
rollback;
begin transaction read write;
insert into acct values (9, 900);
commit;
select * from acct order by id;
-- AND CHAIN
begin isolation level repeatable read;
insert into acct values (10, 1000);
commit and chain;
show transaction_isolation;
insert into acct values (11, 1100);
rollback and chain;
show transaction_isolation;
rollback;
commit and chain;
rollback and no chain;
select * from acct order by id;
-- COPY and TRUNCATE inside a block
begin;
copy acct from stdin;
20	2000
21	2100
\.
select count(*) from acct;
rollback;
select count(*) from acct;
-- a syntax error inside a block aborts it too
begin;
selec 1;
select 1;
commit;
-- DML with RETURNING in a block, then a unique violation later in the block
begin;
update acct set balance = balance + 1 where id = 1 returning *;
delete from acct where id = 3 returning id;
insert into acct values (3, 3) returning *;
commit;
select * from acct order by id;
drop table acct;
-- two-phase commit is disabled (max_prepared_transactions = 0)
show max_prepared_transactions;
prepare transaction 'x';
begin;
select 1;
prepare transaction 'y';
show transaction_isolation;
begin;
select 1/0;
prepare transaction 'z';
select 2;
commit prepared 'y';
begin;
commit prepared 'y';
rollback;
rollback prepared 'q';
