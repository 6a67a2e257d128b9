-- Transaction ids: fixed within a transaction, assigned on demand or at the
-- first write, increasing from one transaction to the next.
create table txid_t (id int primary key);
create temp table seen (label text, id bigint);
begin;
select txid_current_if_assigned() is null as unassigned;
select txid_current() = txid_current() as stable;
select txid_current_if_assigned() = txid_current() as assigned;
insert into seen select 'first', txid_current();
commit;
begin;
select txid_current_if_assigned() is null as unassigned_again;
insert into txid_t values (1);
select txid_current_if_assigned() is not null as assigned_by_write;
insert into seen select 'second', txid_current();
commit;
select a.id < b.id as increasing from seen a, seen b
  where a.label = 'first' and b.label = 'second';
select txid_current() = txid_current() as same_statement;
