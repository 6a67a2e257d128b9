-- Row order of a table without a primary key after UPDATE (the new row
-- version goes after the others, as in PostgreSQL's heap), nextval('s')
-- shown as nextval('s'::regclass), and views with LIMIT / OFFSET / FETCH.
create table h (a int, b text);
insert into h values (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5, 'five');
update h set b = 'TWO' where a = 2;
select * from h;
update h set b = upper(b) where a in (1, 4);
select * from h;
-- updated twice: moves to the end again
update h set b = b || '!' where a = 2;
select * from h;
update h set a = a * 10 where a >= 4 returning *;
select * from h;
-- an update that changes nothing still writes a new version
update h set b = b where a = 3;
select * from h;
-- with indexes: the index scans find the moved rows
create index h_a on h (a);
create unique index h_b on h (b);
update h set b = 'three' where a = 3;
select * from h;
set enable_seqscan = off;
select * from h where a = 3;
select a from h where b = 'TWO!';
reset enable_seqscan;
update h set b = 'x' where a = 1;
update h set b = 'x' where a = 3;
select * from h;
-- in a transaction rolled back: the order returns to what it was
begin;
update h set b = b || '?' where a = 1;
update h set b = b || '?' where a = 3;
select * from h;
rollback;
select * from h;
-- a savepoint rolled back
begin;
update h set b = 'sp' where a = 10;
savepoint s;
update h set b = 'sp2' where a = 1;
rollback to savepoint s;
select * from h;
commit;
select * from h;
-- a BEFORE UPDATE trigger changing the row, and one skipping it
create function h_trig() returns trigger language plpgsql as $$
begin
  if new.a = 3 then return null; end if;
  new.b := new.b || '+t';
  return new;
end $$;
create trigger h_before before update on h for each row execute function h_trig();
update h set b = 'trig' where a in (1, 3);
select * from h;
drop trigger h_before on h;
-- ON CONFLICT DO UPDATE moves the row too; a second hit is still an error
insert into h values (1, 'TWO!') on conflict (b) do update set a = 20;
select * from h;
insert into h values (7, 'FOUR'), (8, 'FOUR') on conflict (b) do update set a = excluded.a;
insert into h values (7, 'FOUR'), (8, 'new8') on conflict (b) do update set a = excluded.a;
select * from h;
-- MERGE's UPDATE
create table src (a int, b text);
insert into src values (50, 'merged'), (99, 'new');
merge into h using src on h.a = src.a
  when matched then update set b = src.b
  when not matched then insert values (src.a, src.b);
select * from h;
-- DELETE leaves the others in place
delete from h where a = 3;
select * from h;
-- a foreign key referencing a unique column of a table without a primary key
create table p (u int unique, note text);
insert into p values (1, 'a'), (2, 'b');
create table c (u int references p (u) on update cascade);
insert into c values (1), (2);
update p set note = 'A' where u = 1;
update p set u = 3 where u = 2;
select * from p;
select * from c;
update p set u = 4 where u = 1 and false;
delete from p where u = 1;
\set VERBOSITY terse
delete from p where u = 1;
\set VERBOSITY default
-- a deferred foreign key check follows its row when an update moves it
create table dp (id int primary key);
create table dc (note text, p int references dp deferrable initially deferred);
begin;
insert into dc values ('a', 1);
update dc set note = 'b';
commit;
begin;
insert into dc values ('a', 1);
savepoint s;
update dc set note = 'b';
rollback to savepoint s;
update dc set note = 'c';
commit;
begin;
insert into dc values ('a', 2);
update dc set note = 'b';
insert into dp values (2);
update dc set note = 'c';
commit;
select * from dc;

-- nextval's argument is a regclass
create sequence testseq;
select nextval('testseq');
select nextval('testseq'::text), currval('testseq'), setval('testseq', 10);
select nextval('testseq'::regclass);
select nextval('no_such_seq');
explain (verbose, costs off) select a, nextval('testseq') from h;
create table ser (id serial, x int default nextval('testseq'));
\d ser
select pg_get_expr(adbin, adrelid) from pg_attrdef where adrelid = 'ser'::regclass order by adnum;
create view nv as select a, nextval('testseq') as n from h;
select pg_get_viewdef('nv');
\d+ nv

-- views with each LIMIT / OFFSET / FETCH form
create table lt (x int);
create view l1 as select x from lt order by x fetch first 5 rows with ties offset 10;
create view l2 as select x from lt order by x offset 10 fetch first 5 rows only;
create view l3 as select x from lt order by x fetch first (null + 1) rows with ties;
create view l4 as select x from lt order by x fetch first (5::bigint) rows with ties;
create view l5 as select x from lt order by x fetch first null rows only;
create view l6 as select x from lt limit all offset 0;
create view l7 as select x from lt limit 5::bigint;
create view l8 as select x from lt limit '5';
create view l9 as select x from lt fetch first rows only;
create view l10 as select x from lt order by x fetch first (2 + 3) rows with ties;
create view l11 as select x from lt order by x fetch first (5::int) rows with ties;
create view l12 as select x from lt limit null offset null;
create view l13 as select x from lt offset 2 rows fetch next 3 rows only;
create view l14 as select x from lt limit (select 1) offset 1::int2;
create view l15 as select x from lt order by x fetch first 5.5 rows with ties;
create view l17 as select x from lt limit 2.5 offset 1.5::float8;
create view l18 as select x from lt limit '7' offset '1';
select pg_get_viewdef('l1');
select pg_get_viewdef('l2', true);
select pg_get_viewdef('l3', true);
select pg_get_viewdef('l4', true);
select pg_get_viewdef('l4');
select pg_get_viewdef('l5', true);
select pg_get_viewdef('l6', true);
select pg_get_viewdef('l7', true);
select pg_get_viewdef('l8', true);
select pg_get_viewdef('l9', true);
select pg_get_viewdef('l10', true);
select pg_get_viewdef('l11', true);
select pg_get_viewdef('l12', true);
select pg_get_viewdef('l13', true);
select pg_get_viewdef('l14', true);
select pg_get_viewdef('l15', true);
select pg_get_viewdef('l17', true);
select pg_get_viewdef('l18', true);
\d+ l1
\d+ l4
\d+ l5
create view l16 as select x from lt order by x fetch first null rows with ties;
