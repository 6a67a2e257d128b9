-- float8 / float4 output under extra_float_digits: shortest-exact above 0,
-- %g with fewer digits at 0 and below.
SELECT sqrt(float8 '2'), float8 '1' / 3, float4 '1' / 3, float8 '1e200' / 7, float8 '1e-200' / 3;
SET extra_float_digits = 0;
SELECT sqrt(float8 '2'), float8 '1' / 3, float4 '1' / 3, float8 '1e200' / 7, float8 '1e-200' / 3;
SELECT float8 'NaN', float8 'Infinity', float8 '-Infinity', float4 '-0', float8 '100000000000000000000';
SELECT (float8 '1' / 3)::text, ARRAY[float8 '2' / 3, 0.1::float8];
SET extra_float_digits = -3;
SELECT sqrt(float8 '2'), float4 '1' / 3, float8 '123456789012', float8 '0.000012345678';
SET extra_float_digits = -15;
SELECT sqrt(float8 '2'), float4 '1' / 3, float8 '123456789012';
SET extra_float_digits = 3;
SELECT sqrt(float8 '2'), float4 '1' / 3;
BEGIN;
SET LOCAL extra_float_digits = 0;
SELECT sqrt(float8 '2');
COMMIT;
SELECT sqrt(float8 '2');
RESET extra_float_digits;
SELECT sqrt(float8 '2');
