-- now() / transaction_timestamp() are fixed for the whole transaction block;
-- statement_timestamp() moves per statement; clock_timestamp() per call.
begin;
select pg_sleep(0.02);
select now() = transaction_timestamp() as same, statement_timestamp() > now() as later,
       clock_timestamp() >= statement_timestamp() as clock;
select pg_sleep(0.02);
select statement_timestamp() > now() as still_later;
commit;
-- Outside a block each query is its own transaction.
select pg_sleep(0.02);
select now() = statement_timestamp() as fresh, now() = transaction_timestamp() as same;
-- SAVEPOINT and ROLLBACK TO do not restart the clock either.
begin;
select pg_sleep(0.02);
savepoint s;
select pg_sleep(0.02);
rollback to s;
select statement_timestamp() > now() as later_after_savepoint;
commit;
