-- ALTER ROLE / DATABASE ... SET: stored in pg_db_role_setting, shown by
-- pg_roles.rolconfig and \drds, applied when the role logs in, under what
-- the client sets itself.
\set home :DBNAME
CREATE ROLE rs_user LOGIN;
ALTER ROLE rs_user SET work_mem = '64MB';
ALTER ROLE rs_user SET search_path = app, public;
ALTER ROLE rs_user SET work_mem = '32MB';
ALTER ROLE rs_user SET no_such_param = 1;
ALTER ROLE rs_user SET work_mem = 'lots';
ALTER ROLE rs_user SET my.custom = 'yes';
ALTER ROLE rs_user IN DATABASE :"home" SET DateStyle = 'German';
ALTER ROLE rs_user IN DATABASE no_such_db SET DateStyle = 'German';
ALTER ROLE no_such_role SET work_mem = '1MB';
ALTER DATABASE :"home" SET TimeZone = 'Europe/Berlin';
ALTER DATABASE :"home" SET DateStyle = 'SQL, DMY';
ALTER ROLE ALL IN DATABASE :"home" SET extra_float_digits = 2;
SELECT coalesce(d.datname = :'home', false) AS this_db, coalesce(r.rolname, '-') AS role,
       s.setconfig
  FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase
       LEFT JOIN pg_roles r ON r.oid = s.setrole
  WHERE r.rolname = 'rs_user' OR d.datname = :'home'
  ORDER BY 1, 2;
SELECT rolconfig FROM pg_roles WHERE rolname = 'rs_user';
SELECT useconfig FROM pg_user WHERE usename = 'rs_user';
\drds rs_user
\c - rs_user
SHOW work_mem;
SHOW search_path;
SHOW DateStyle;
SHOW TimeZone;
SHOW extra_float_digits;
SHOW my.custom;
ALTER ROLE rs_user SET work_mem = '2MB';
ALTER ROLE postgres SET work_mem = '1MB';
ALTER ROLE ALL SET work_mem = '1MB';
ALTER DATABASE :"home" SET work_mem = '1MB';
\c - postgres
SHOW DateStyle;
SHOW work_mem;
ALTER ROLE rs_user RESET work_mem;
ALTER ROLE rs_user RESET no_such_param;
SELECT rolconfig FROM pg_roles WHERE rolname = 'rs_user';
ALTER ROLE rs_user RESET ALL;
SELECT rolconfig FROM pg_roles WHERE rolname = 'rs_user';
ALTER DATABASE :"home" RESET TimeZone;
ALTER DATABASE :"home" RESET ALL;
ALTER ROLE ALL IN DATABASE :"home" RESET ALL;
SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
  WHERE d.datname = :'home' AND s.setrole = 0;
DROP ROLE rs_user;
SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
  WHERE d.datname = :'home';
