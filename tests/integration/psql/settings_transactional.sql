-- Settings follow transactions as in PostgreSQL: ROLLBACK and ROLLBACK TO
-- undo SET, SET LOCAL and set_config(..., true) last until the transaction
-- ends, RELEASE hands a savepoint's changes down.
SET work_mem = '1MB';
BEGIN;
SET work_mem = '2MB';
SHOW work_mem;
ROLLBACK;
SHOW work_mem;
BEGIN;
SET work_mem = '3MB';
COMMIT;
SHOW work_mem;
-- SET LOCAL ends with its transaction, committed or not.
BEGIN;
SET LOCAL work_mem = '4MB';
SHOW work_mem;
COMMIT;
SHOW work_mem;
-- SET, then SET LOCAL: the commit keeps the SET's value.
BEGIN;
SET work_mem = '5MB';
SET LOCAL work_mem = '6MB';
SHOW work_mem;
COMMIT;
SHOW work_mem;
-- SET LOCAL, then SET: the SET wins.
BEGIN;
SET LOCAL work_mem = '7MB';
SET work_mem = '8MB';
COMMIT;
SHOW work_mem;
-- Savepoints.
BEGIN;
SET work_mem = '9MB';
SAVEPOINT a;
SET work_mem = '10MB';
SHOW work_mem;
ROLLBACK TO a;
SHOW work_mem;
SET work_mem = '11MB';
RELEASE a;
SHOW work_mem;
SAVEPOINT b;
SET LOCAL work_mem = '12MB';
RELEASE b;
SHOW work_mem;
COMMIT;
SHOW work_mem;
BEGIN;
SAVEPOINT c;
SET work_mem = '13MB';
SAVEPOINT d;
SET LOCAL work_mem = '14MB';
RELEASE c;
SHOW work_mem;
ROLLBACK;
SHOW work_mem;
BEGIN;
SAVEPOINT e;
SET work_mem = '15MB';
RELEASE e;
COMMIT;
SHOW work_mem;
-- An error aborts the block: its SETs go with it.
BEGIN;
SET work_mem = '16MB';
SELECT 1/0;
ROLLBACK;
SHOW work_mem;
BEGIN;
SET work_mem = '17MB';
SAVEPOINT f;
SET work_mem = '18MB';
SELECT 1/0;
ROLLBACK TO f;
SHOW work_mem;
COMMIT;
SHOW work_mem;
-- Outside a block: SET LOCAL warns and has no lasting effect.
SET LOCAL work_mem = '19MB';
SHOW work_mem;
SET LOCAL work_mem TO DEFAULT;
SHOW work_mem;
-- set_config(..., true) lasts for the statement's own transaction.
SELECT set_config('work_mem', '20MB', true), current_setting('work_mem');
SHOW work_mem;
SELECT set_config('work_mem', '21MB', false);
SHOW work_mem;
BEGIN;
SELECT set_config('work_mem', '22MB', true);
SHOW work_mem;
COMMIT;
SHOW work_mem;
-- RESET and RESET ALL inside a rolled-back block.
BEGIN;
RESET work_mem;
SHOW work_mem;
ROLLBACK;
SHOW work_mem;
SET extra_float_digits = 2;
BEGIN;
RESET ALL;
SHOW extra_float_digits;
ROLLBACK;
SHOW extra_float_digits;
-- Reported parameters go back too (psql sees the ParameterStatus).
BEGIN;
SET DateStyle = 'German';
SELECT date '2024-02-03';
ROLLBACK;
SELECT date '2024-02-03';
BEGIN;
SET LOCAL TimeZone = 'Asia/Tokyo';
SHOW TimeZone;
COMMIT;
SHOW TimeZone;
-- search_path follows the block as well.
CREATE SCHEMA st_s;
CREATE TABLE st_s.only_here (x int);
BEGIN;
SET LOCAL search_path = st_s, public;
SELECT count(*) FROM only_here;
COMMIT;
SELECT count(*) FROM only_here;
-- Custom placeholders.
BEGIN;
SET LOCAL myapp.user_id = '42';
SELECT current_setting('myapp.user_id');
COMMIT;
SELECT current_setting('myapp.user_id', true) IS NULL OR current_setting('myapp.user_id', true) = '' AS gone;
-- A failing statement of a multi-statement string undoes the SET before it
-- (one implicit transaction).
SET work_mem = '23MB'\; SET work_mem = '24MB'\; SELECT 1/0;
SHOW work_mem;
-- Refused values change nothing.
BEGIN;
SET LOCAL work_mem = 'lots';
ROLLBACK;
SHOW work_mem;
DROP SCHEMA st_s CASCADE;
