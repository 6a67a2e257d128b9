-- pg_prepared_statements: this session's named prepared statements.
SELECT name, statement, parameter_types, from_sql FROM pg_prepared_statements;
PREPARE q1 AS SELECT 1 AS a;
PREPARE q2(int, text[], double precision, regclass) AS SELECT $1, $2, $3, $4;
SELECT name, statement, parameter_types, from_sql FROM pg_prepared_statements ORDER BY name;
EXECUTE q1;
SELECT name, prepare_time <= now() AS past, prepare_time > now() - interval '1 hour' AS recent
  FROM pg_prepared_statements ORDER BY name;
DEALLOCATE q1;
SELECT name FROM pg_prepared_statements;
DEALLOCATE ALL;
SELECT count(*) FROM pg_prepared_statements;
\d pg_prepared_statements
