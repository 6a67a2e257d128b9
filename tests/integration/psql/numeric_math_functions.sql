-- numeric sqrt, exp, ln, log, power and ^ with PostgreSQL 15's result scales
-- and digits: small and huge magnitudes, many digits, NaN/Infinity, errors.
select sqrt(2::numeric), sqrt(0::numeric), sqrt(0.000::numeric), sqrt(4::numeric), sqrt(1e-10);
select sqrt(123456789012345678901234567890.123), sqrt(1e100), sqrt(2.00000000000000000000000000000000000000);
select sqrt(9.99999999999999999999999999999999999999e-500);
select sqrt('NaN'::numeric), sqrt('Infinity'::numeric);
select sqrt(-1::numeric);
\errverbose
select sqrt('-Infinity'::numeric);
select exp(0::numeric), exp(1::numeric), exp(1.0000000000), exp(-1::numeric), exp(0.5);
select exp(100::numeric), exp(-100::numeric), exp(1e-20), exp(32.999), exp(-5000::numeric) = 0;
select exp(5999.9::numeric) > 0;
select exp(6000::numeric);
\errverbose
select exp('NaN'::numeric), exp('Infinity'::numeric), exp('-Infinity'::numeric);
select ln(2::numeric), ln(10::numeric), ln(1::numeric), ln(1.000000001), ln(0.9999999), ln(1e-100);
select ln(1e1000), ln(123456789.123456789), ln(5.80397490724e5), ln(9.99999999999999999999999999999999999e999);
select ln('NaN'::numeric), ln('Infinity'::numeric);
select ln(0::numeric);
\errverbose
select ln(-1::numeric);
select ln('-Infinity'::numeric);
select log(100::numeric), log(2::numeric), log(1e-50), log(0.5), log10(1000::numeric);
select log(2::numeric, 8::numeric), log(10, 2::numeric), log(3.7, 18.93), log(1.0000001, 2), log(8, 0.5);
select log(2::numeric, 'Infinity'), log('Infinity'::numeric, 2), log('Infinity'::numeric, 'Infinity'), log('NaN'::numeric, 2);
select log(1::numeric, 2::numeric);
\errverbose
select log(0::numeric, 2::numeric);
select log(2::numeric, -3::numeric);
select log(-12.34);
select log10(0.0);
select 2::numeric ^ 3, 2.0 ^ 10, 0.5 ^ 17, 0.5 ^ 16, (-2.0) ^ (-3), (-3.0) ^ 3, 2::numeric ^ (-100);
select 1.5 ^ 2.5, 2 ^ 0.5, 0 ^ 0.0, 0.0 ^ 2.5, 10::numeric ^ 20, 1.000001 ^ 1000000, 3.789 ^ 21;
select 1.0001 ^ 100000000000;
select 0.9 ^ 1000000000000.5, (-1.0) ^ 10000000000001, 1.0001 ^ 10000000, 1.0000001 ^ -12345678;
select 10::numeric ^ -1000, 10::numeric ^ -1001, 7.5 ^ 123.456, 12.34 ^ -56.78;
select power(2::numeric, 0.5), pow(8.0, 1.0/3), power(4::numeric, 2), 2 ^ 3 as float_power;
select pg_typeof(2 ^ 3), pg_typeof(2 ^ 3.0), pg_typeof(2.0 ^ 3);
select 'NaN'::numeric ^ 0, 1 ^ 'NaN'::numeric, 'NaN'::numeric ^ 1, 2 ^ 'NaN'::numeric;
select 'Infinity'::numeric ^ 2, 'Infinity'::numeric ^ -2, '-Infinity'::numeric ^ 3, '-Infinity'::numeric ^ 2;
select '-Infinity'::numeric ^ -3, 0.5 ^ 'Infinity'::numeric, 2 ^ 'Infinity'::numeric, 0.5 ^ '-Infinity'::numeric;
select (-1)::numeric ^ 'Infinity'::numeric, (-2)::numeric ^ 'Infinity'::numeric, 1 ^ '-Infinity'::numeric;
select 0::numeric ^ -1;
\errverbose
select (-2.0) ^ 0.5;
\errverbose
select '-Infinity'::numeric ^ 0.5;
select 0::numeric ^ '-Infinity'::numeric;
select 10::numeric ^ 131072;
\errverbose
select 10.0 ^ 1000000000.5;
select 0.1 ^ 1000000000.5, 0.1 ^ 1000000000;
-- around ln's estimate boundaries (0.9 and 1.1), exp's range reduction,
-- exponents at and beyond int32, and the result scales of each
select ln(0.9), ln(1.1), ln(0.8999999999), ln(1.1000000001), ln(0.9000000000000000000001), log(0.9, 1.1), log(1.1, 0.9);
select log(0.5, 0.25), log(0.1, 1000), log(1e-100, 1e100), log(1e100, 2), log(2, 1e-100);
select exp(0.01), exp(-0.01), exp(0.0100000000000000000001), exp(2000.5), exp(-2000.5) > 0, exp(1e-1000) = 1;
select 1.1 ^ 2000.5, 0.9 ^ -2000.5, 1.1 ^ -1.5, 123.456 ^ 0.001, 0.001 ^ 0.001, 1e-100 ^ 0.5, 1e100 ^ -0.5;
select (-8.0) ^ (1.0/3);
select 2.5 ^ 2147483647.0;
select 0.5 ^ 2147483648.0, 0.5 ^ -2147483648.0 > 0;
select 1.000000001 ^ 2147483647, 0.999999999 ^ -2147483648;
select sqrt(0.0000000000000001), sqrt(1e-16382), sqrt(99999999999999999999.99999999999999999999);
select scale(sqrt(1.00)), scale(exp(1.00000)), scale(ln(2.0000000000000000000000)), scale(2.0 ^ 0.500000000000000000000);
