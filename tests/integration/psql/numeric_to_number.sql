-- to_number(text, text): PostgreSQL 15's template reading (C locale), the
-- scale it gives the result, and its errors.
select to_number('-34,338,492', '99G999G999'), to_number('-34,338,492.654,878', '99G999G999D999G999');
select to_number('<564646.654564>', '999999.999999PR'), to_number('0.00001-', '9.999999S');
select to_number('5.01-', 'FM9.999999S'), to_number('5.01-', 'FM9.999999MI'), to_number('5.01+', 'FM9.99PL');
select to_number('5 4 4 4 4 8 . 7 8', '9 9 9 9 9 9 . 9 9'), to_number('.01', 'FM9.99'), to_number('.0', '99999999.99999999');
select to_number('0', '99.99'), to_number('.-01', 'S99.99'), to_number('.01-', '99.99S'), to_number(' . 0 1-', ' 9 9 . 9 9 S');
select to_number('34,50','999,99'), to_number('123,000','999G'), to_number('123456','999G999');
select to_number('$1234.56','L9,999.99'), to_number('$1234.56','L99,999.99'), to_number('$1,234.56','L99,999.99');
select to_number('1234.56','L99,999.99'), to_number('1,234.56','L99,999.99'), to_number('42nd', '99th');
select to_number('12.345', '99.99'), to_number('12.3', '99.999'), to_number('-12', 'S99'), to_number('+12', 'S99');
select to_number('12-', '99MI'), to_number('12+', '99SG'), to_number('-12', 'SG99'), to_number('12', '99SG');
select to_number('1234', '99V99'), to_number('12.5', '99V9'), to_number('0012', '0000'), to_number('12', '');
select to_number('abc12def', 'xxx99xxx'), to_number('1 2 3', '9 9 9'), to_number('  12', '9999'), to_number('12', '9');
select to_number('1e5', '9EEEE');
\errverbose
select to_number('XII', 'RN');
select to_number('12345', '99');
\errverbose
select to_number('', '999');
\errverbose
select to_number('12', '99.99.99');
\errverbose
select to_number('12', 'S99MI');
select to_number(null, '99'), to_number('12', null);
