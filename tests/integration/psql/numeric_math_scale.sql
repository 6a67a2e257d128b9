-- scale, min_scale, trim_scale, div, mod, gcd, lcm, width_bucket and
-- factorial for numeric, with NaN/Infinity and PostgreSQL 15's errors.
select scale(1.50), scale(0::numeric), scale(-12.000), scale(1e-20), scale('NaN'::numeric) is null, scale('Infinity'::numeric) is null;
select min_scale(1.50), min_scale(0.000), min_scale(100), min_scale(1.23456789), min_scale(-0.00010), min_scale('-Infinity'::numeric) is null;
select trim_scale(1.50), trim_scale(0.000), trim_scale(100.00), trim_scale(-0.000100), trim_scale(1e-20), trim_scale('NaN'::numeric);
select div(7.5, 2), div(-7.5, 2), div(7, -2.5), div(0.0, 3), div(1e20, 3), div(10, 3.333), div(99999999999999999999.5, 0.5);
select div('Infinity'::numeric, 2), div('-Infinity'::numeric, 2), div(2, 'Infinity'::numeric), div('NaN'::numeric, 1), div('Infinity'::numeric, 'Infinity'::numeric);
select div(1, 0::numeric);
\errverbose
select div('Infinity'::numeric, 0);
select mod(7.5, 2), mod(-7.5, 2), mod(10::numeric, 3), mod('Infinity'::numeric, 3), mod(5::numeric, 'Infinity');
select gcd(12::numeric, 18), gcd(0.5, 0.75), gcd(-12.0, 8), gcd(0::numeric, 0), gcd(0::numeric, -5.5), gcd('NaN'::numeric, 2), gcd(2::numeric, 'Infinity');
select lcm(12::numeric, 18), lcm(0.5, 0.75), lcm(-12.0, 8), lcm(0::numeric, 5.55), lcm('Infinity'::numeric, 2);
select width_bucket(5.0, 0.0, 10.0, 4), width_bucket(-1.0, 0.0, 10.0, 4), width_bucket(10.0, 0.0, 10.0, 4), width_bucket(2.5, 10.0, 0.0, 4);
select width_bucket(0.0, 10.0, 0.0, 4), width_bucket(11.0, 10.0, 0.0, 4), width_bucket(3.333333333333333333333, 0, 10, 3), width_bucket('Infinity'::numeric, 0, 10, 5);
select width_bucket(5.0, 0.0, 10.0, 0);
\errverbose
select width_bucket('NaN'::numeric, 0.0, 10.0, 4);
select width_bucket(5.0, 'Infinity', 10.0, 4);
select width_bucket(5.0, 3.0, 3.0, 4);
select width_bucket(5.0, 0.0, 10.0, 2147483647);
select width_bucket(11.0, 0.0, 10.0, 2147483647);
\errverbose
select factorial(0), factorial(1), factorial(20), factorial(30);
select factorial(-1);
\errverbose
select factorial(32178);
-- round/trunc clamp their scale to what a numeric can hold
select scale(round(1.5, 20000)), scale(trunc(1.5, 2147483647)), round(4.5e131071, -131072), round(123.456, -2147483647);
select round(4.4e131071, -131071) = 4e131071, round(4.5e131071, -131071) = 5e131071, trunc(9.9e131071, -131072);
select round(5.5e131071, -131072);
select round(5.5e131071, -131073), round(5.5e131071, -1000000), trunc(5.5e131071, -131071) = 5e131071;
select numeric_inc(1.5), numeric_inc(-1::numeric), numeric_inc('NaN'), numeric_inc('-Infinity');
-- stddev's square root is taken at the variance's scale
select stddev(x), stddev_pop(x), variance(x) from (values (1.5), (2.25), (17.125), (-3::numeric)) v(x);
select stddev(x) from (values (12345678.901), (-98765432.1), (55555555.5555)) v(x);
-- the series' running value may pass numeric's range after the last row
select * from generate_series(6 * (10::numeric ^ 131071), 9 * (10::numeric ^ 131071), 10::numeric ^ 131071) as a(i) where i < 0;
select count(*) from generate_series(6 * (10::numeric ^ 131071), 9 * (10::numeric ^ 131071), 10::numeric ^ 131071) as a(i);
select * from generate_series(1.5, 3, 0.25) a, generate_series(1, 2.0) b;
-- variance sums are exact and unbounded: only the result must fit
create table num_variance (a numeric);
insert into num_variance values (0), (3e-500), (-3e-500), (4e-500 - 1e-16383), (-4e-500 + 1e-16383);
select trim_scale(variance(a) * 1e1000), trim_scale(var_pop(a) * 1e1000), trim_scale(stddev(a) * 1e500) from num_variance;
delete from num_variance;
insert into num_variance select 9e131071 + x from generate_series(1, 5) x;
select variance(a), stddev(a), var_pop(a), stddev_pop(a) from num_variance;
insert into num_variance values ('Infinity');
select variance(a), stddev_pop(a) from num_variance;
select variance(x), stddev(x), var_samp(x) from (values (1), (2), (4)) v(x);
select variance(x) from (values (1.0)) v(x);
drop table num_variance;
