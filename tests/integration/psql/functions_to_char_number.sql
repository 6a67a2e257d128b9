-- to_char() of int4, int8, float4, float8 and numeric with the number
-- patterns: 9 0 . , D G S PL MI SG PR L V EEEE RN TH FM, quoted text.
\set VERBOSITY verbose
create table n (i int8, f float8, d numeric);
insert into n values (0, 0, 0), (1, 1.5, 0.5), (-12, -12.25, -0.045),
  (4567890123456789, 1234567.891, 98765.4321), (-4567890123456789, -0.001, -12345678.9);
select i, to_char(i, '9G999G999G999G999G999'), to_char(i, '9,999,999,999,999,999.999,999') from n;
select to_char(i, '9999999999999999PR'), to_char(i, '9999999999999999.999PR') from n;
select to_char(i, '9999999999999999S'), to_char(i, 'S9999999999999999') from n;
select to_char(i, 'MI9999999999999999'), to_char(i, 'FMS9999999999999999') from n;
select to_char(i, 'FM9999999999999999THPR'), to_char(i, 'SG9999999999999999th') from n;
select to_char(i, '0999999999999999'), to_char(i, 'S0999999999999999'), to_char(i, 'FM0999999999999999') from n;
select to_char(i, 'FM9999999999999999.000'), to_char(i, 'L9999999999999999.000'), to_char(i, 'FM9999999999999999.999') from n;
select to_char(i, 'S 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 . 9 9 9') from n;
select to_char(i, E'99999 "text" 9999 "9999" 999 "\\"text between quote marks\\"" 9999') from n;
select to_char(i, '999999SG9999999999'), to_char(i, '9.999EEEE') from n;
select to_char(f, '9999999.999'), to_char(f, 'FM9999999.999'), to_char(f, '00000.00000'), to_char(f, '9.99EEEE') from n;
select to_char(f, 'PL999.99'), to_char(f, 'MI9999.9'), to_char(f, '9999.9MI'), to_char(f, 'SG99.9') from n;
select to_char(f::float4, '9999999.999'), to_char(f::float4, 'FM999999999.9999') from n;
select to_char(d, '99999999.999'), to_char(d, 'FM99999999.999'), to_char(d, '.999'), to_char(d, '0.99') from n;
select to_char(d, '99999999.9999S'), to_char(d, '9.9999EEEE'), to_char(d, '9999V99'), to_char(d, 'RN') from n;
select to_char(1::int4, 'FM9th'), to_char(2::int4, '9TH'), to_char(13::int4, '99th'), to_char(23::int4, '99TH');
select to_char(1999, 'RN'), to_char(1999, 'FMrn'), to_char(0, 'RN'), to_char(4000, 'FMRN');
select to_char(12345, '99'), to_char(12.5::numeric, '9'), to_char(485, '999D99'), to_char(-485, '999PR');
select to_char(0.1, '9.9'), to_char(0.1, 'FM9.9'), to_char(0, 'FM9.9'), to_char(0, '9.99'), to_char(0, '0.99');
select to_char(1234.5, '9,999.99B'), to_char(5, 'B9'), to_char(100, 'FM999.'), to_char(100, '999.');
select to_char(12, '9V9'), to_char(12.45::numeric, '99V99'), to_char(1.5::float8, '9V9');
select to_char('NaN'::float8, '9.9EEEE'), to_char('Infinity'::numeric, '9.9EEEE');
select to_char(123, 'x99y'), to_char(123, '"9"99');
-- errors
select to_char(1, '9.9.9');
select to_char(1, '9PR9');
select to_char(1, 'S9S');
select to_char(1, 'S9MI');
select to_char(1, '9V.9');
select to_char(1, '9.9EEEEEEEE');
select to_char(1, 'FM9.9EEEE');
select to_char('NaN'::float8, '999.9'), to_char('Infinity'::float8, '9999999999.99'), to_char('-Infinity'::float4, 'FM99999999999');
