-- pg_size_bytes: numbers with an optional unit, rounding, and errors.
select pg_size_bytes('1'), pg_size_bytes(' 123 bytes '), pg_size_bytes('1kB'), pg_size_bytes('1 MB'),
       pg_size_bytes('1.5 GB'), pg_size_bytes('-1.5 tb'), pg_size_bytes('1e3 kb'), pg_size_bytes('.5 kb'),
       pg_size_bytes('1 pb'), pg_size_bytes('+10'), pg_size_bytes('1.5'), pg_size_bytes('2.5');
select pg_size_bytes(pg_size_pretty(123456789::bigint)), pg_size_bytes(null);
select pg_size_bytes('1 B');
select pg_size_bytes('1 AB');
select pg_size_bytes('');
select pg_size_bytes('kb');
select pg_size_bytes('1e1000');
select pg_size_bytes('9223372036854775807.9');
select pg_size_bytes('1 bytes bytes');
select pg_size_bytes('1 eb');
select pg_size_bytes('- 1');
