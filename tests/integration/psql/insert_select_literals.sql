-- INSERT ... SELECT with untyped literals ('5', NULL) in the select list: they
-- take the target column's type (input function), with or without FROM.
create table isl (a int, b text[], c date, d numeric(5,2), e varchar(4), f bool, g jsonb);
insert into isl select '5', null, '2020-01-02', '1.5', 'abc', 't', '{"k": 1}';
insert into isl select '6', '{x,y}', null, null, null, null, null from isl;
insert into isl select a + 10, null, c, d, e, f, g from isl;
insert into isl (a) select 9 where false;
select * from isl order by a;
insert into isl (e) select 'toolong';
drop table isl;
