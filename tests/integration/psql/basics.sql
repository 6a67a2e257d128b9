-- Constant expressions, echoed by psql -a; errors shown with \errverbose.
select 1 as one, 'two' as two, 3.0 as three;
select 2147483647 + 1;
\errverbose
select 1/0;
\errverbose
select 'a' || 'b' || 'c', 1 || 'x';
select 1 +;
\errverbose
select 10 % 3, -10 % 3, 10.5 % 3;
select 1 = 1 and 2 = 2, 1 = 2 or null;
-- several statements on one line
select 1; select 2;
select x;
values (1), (2), (3);
select 1::bool, 0::bool, 'yes'::bool;
select 999999999999999999::int;
