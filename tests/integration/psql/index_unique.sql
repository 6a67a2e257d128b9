-- Unique indexes and UNIQUE constraints: violations, NULL semantics, NULLS
-- NOT DISTINCT, the failed build of a unique index, ON CONFLICT arbiters.
create table u (id int primary key, a int, b text);
create unique index u_a on u (a);
insert into u values (1, 1, 'x'), (2, 2, 'y');
insert into u values (3, 1, 'z');
insert into u values (3, null, 'z'), (4, null, 'w');
select * from u order by id;
update u set a = 2 where id = 1;
update u set a = 5 where id = 1;
select * from u where a = 5;
delete from u where id = 2;
insert into u values (5, 2, 'again');
select * from u order by id;
-- NULLS NOT DISTINCT
create table n (a int, b int);
create unique index n_ab on n (a, b) nulls not distinct;
insert into n values (1, null);
insert into n values (1, null);
insert into n values (null, null), (2, 2);
insert into n values (null, null);
select * from n order by a, b;
-- building a unique index over duplicates fails
create table d (a int, b text);
insert into d values (1, 'x'), (2, 'y'), (1, 'z'), (null, 'n'), (null, 'm');
create unique index d_a on d (a);
create unique index d_b on d (b);
create unique index d_an on d (a) nulls not distinct;
delete from d where b = 'z';
create unique index d_a on d (a);
create unique index d_an on d (a) nulls not distinct;
\d d
-- UNIQUE constraints
create table c (x int unique, y int, z text, unique (y, z), constraint c_z_uniq unique (z));
\d c
select conname, contype, conkey, conindid::regclass, pg_get_constraintdef(oid)
  from pg_constraint where conrelid = 'c'::regclass order by conname;
insert into c values (1, 1, 'a');
insert into c values (1, 2, 'b');
insert into c values (2, 1, 'a');
insert into c values (2, 1, 'c');
insert into c values (3, 1, 'c');
drop index c_x_key;
create table c2 (x int, constraint c2_x unique (nope));
create table c3 (x int unique, y int unique, unique (x));
\d c3
-- ON CONFLICT on a unique index or constraint
create table oc (id serial primary key, k int unique, v text);
insert into oc (k, v) values (1, 'one'), (2, 'two');
insert into oc (k, v) values (1, 'uno') on conflict (k) do update set v = excluded.v;
insert into oc (k, v) values (2, 'dos') on conflict on constraint oc_k_key do update set v = excluded.v || '!';
insert into oc (k, v) values (2, 'deux') on conflict do nothing;
insert into oc (k, v) values (3, 'three') on conflict (k) do nothing;
insert into oc (k, v) values (4, 'a'), (4, 'b') on conflict (k) do update set v = excluded.v;
insert into oc (k, v) values (5, 'x') on conflict (v) do nothing;
insert into oc (k, v) values (5, 'x') on conflict on constraint nope do nothing;
select k, v from oc order by k;
select k, v from oc where k = 2;
-- in a transaction block, with savepoints
begin;
insert into u values (10, 10, 'ten');
savepoint s1;
insert into u values (11, 11, 'eleven');
update u set a = 12 where id = 10;
rollback to s1;
insert into u values (12, 11, 'twelve');
select * from u where a in (10, 11, 12) order by id;
commit;
select * from u where a >= 10 order by id;
-- ALTER TABLE ADD CONSTRAINT ... UNIQUE / DROP CONSTRAINT
create table au (a int, b int, c int primary key);
insert into au values (1, 1, 1), (1, 2, 2);
alter table au add constraint au_a_key unique (a);
alter table au add unique (b);
alter table au add constraint au_bc unique (b, c);
\d au
insert into au values (3, 2, 3);
alter table au drop constraint au_b_key;
insert into au values (3, 2, 3);
\d au
alter table au drop constraint au_b_key;
alter table au alter column b type bigint;
select * from au where b = 2 order by c;
select conname from pg_constraint where conrelid = 'au'::regclass order by 1;
-- ADD CONSTRAINT ... UNIQUE USING INDEX
create table ui (a int, b int);
create unique index ui_a on ui (a);
create index ui_b on ui (b);
alter table ui add constraint ui_b_c unique using index ui_b;
alter table ui add constraint ui_a_c unique using index ui_a;
alter table ui add unique using index ui_a;
create unique index ui_b2 on ui (b);
alter table ui add unique using index ui_b2;
alter table ui add constraint x unique using index nope;
alter table ui add constraint ui_again unique using index ui_a_c;
\d ui
select conname, contype from pg_constraint where conrelid = 'ui'::regclass order by 1;
insert into ui values (1, 1), (1, 2);
