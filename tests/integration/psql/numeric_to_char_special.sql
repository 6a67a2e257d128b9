-- to_char of numeric NaN and infinities (their text, padded or '#'-filled
-- like any digit string) and EEEE of the largest and smallest numerics.
with v(val) as (values ('0'::numeric), ('-4.2'), ('4.2e9'), ('1.2e-5'), ('inf'), ('-inf'), ('nan'))
select val, to_char(val, '9999999999.99') as numeric, to_char(val::float8, '9999999999.99') as float8 from v;
with v(val) as (values ('0'::numeric), ('-4.2'), ('4.2e9'), ('1.2e-5'), ('inf'), ('-inf'), ('nan'))
select val, to_char(val, 'MI99.99'), to_char(val, 'FM99.99V99'), to_char(val, 'S9999PL'), to_char(val, '9999PR'), to_char(val, 'FM999999999999999.999') from v;
select to_char('1.2345e131071'::numeric, '9.999EEEE'), to_char('1.2345e131070'::numeric, '9.999EEEE'), to_char('9.9996e131071'::numeric, '9.999EEEE');
select to_char('1.2345e-16379'::numeric, '9.999EEEE'), to_char(0::numeric, '9.99EEEE'), to_char(-0.0012::numeric, '99.9EEEE'), to_char('nan'::numeric, '9.9EEEE');
