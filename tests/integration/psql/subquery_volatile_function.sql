-- A correlated subquery calling a volatile user-defined function runs again
-- for every outer row, even for repeated outer values.
create sequence subq_fn_seq;
create function subq_next(x int) returns bigint language sql volatile as $$ select nextval('subq_fn_seq') + x * 0 $$;
create table subq_fn_t (id int primary key, k int);
insert into subq_fn_t values (1, 1), (2, 1), (3, 1), (4, 2);
select id, (select subq_next(t.k)) as n from subq_fn_t t order by id;
select id, (select subq_next(t.k) where t.k > 0) as n from subq_fn_t t order by id;
drop table subq_fn_t;
drop function subq_next(int);
drop sequence subq_fn_seq;
