-- pg_stat_ssl over a Unix-domain socket (never TLS) and the ssl settings'
-- defaults; tls_test.py covers TLS connections.
select pid = pg_backend_pid() as me, ssl, version, cipher, bits, client_dn, client_serial,
       issuer_dn
  from pg_stat_ssl where pid = pg_backend_pid();
select attname, atttypid::regtype from pg_attribute
 where attrelid = 'pg_stat_ssl'::regclass order by attnum;
select 'pg_stat_ssl'::regclass::oid;
show ssl;
show ssl_cert_file;
show ssl_key_file;
show ssl_ca_file;
show ssl_min_protocol_version;
select name, setting, context, vartype, enumvals from pg_settings
 where name in ('ssl', 'ssl_cert_file', 'ssl_key_file', 'ssl_ca_file', 'ssl_min_protocol_version')
 order by name;
set ssl = on;
