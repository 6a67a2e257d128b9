-- A recursive CTE's self-reference inside a subquery used as an expression
-- is refused (without the check, IN (SELECT * FROM x) recursed without end).
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n IN (SELECT * FROM x))
  SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT (SELECT max(n) FROM x) + 1 FROM x WHERE n < 3)
  SELECT * FROM x;
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE EXISTS (SELECT 1 FROM x) AND n < 3)
  SELECT * FROM x;
-- a subquery that does not read the CTE is fine
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x WHERE n < (SELECT 4))
  SELECT * FROM x;
-- the same CTE name inside the subquery, shadowed by its own WITH, is another query
WITH RECURSIVE x(n) AS (SELECT 1 UNION ALL
    SELECT n + 1 FROM x WHERE n < (WITH x AS (SELECT 3 AS n) SELECT n FROM x))
  SELECT * FROM x;
