#!/usr/bin/env python3
"""TLS: a throwaway CA and server certificate made with the openssl command
line in a temp dir, stratad started with ssl=on, and Debian's psql 15 (libpq)
connecting with each sslmode: require (pg_stat_ssl shows the session's TLS),
verify-ca and verify-full (host name in the certificate or not), disable; COPY,
a large result, a cancel request and the libpq extended-protocol client over
TLS; ssl=off answers 'N' (libpq's "server does not support SSL, but SSL was
required"); with ssl=on an unusable certificate or key stops the start with
PostgreSQL's FATAL texts (taken from a real PostgreSQL 15)."""
import argparse
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

checks = harness.Checks()
check = checks.check


def openssl(args, cwd):
    subprocess.run(["openssl"] + args, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def make_certificates(d):
    """ca.crt, and server.crt / server.key for DNS:localhost signed by it."""
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out",
             "ca.crt", "-days", "2", "-subj", "/CN=StrataDB test CA"], d)
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out",
             "server.csr", "-subj", "/CN=localhost"], d)
    with open(os.path.join(d, "ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost\n")
    openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext"], d)
    os.chmod(os.path.join(d, "server.key"), 0o600)


def psql_tcp(server, conn_extra, args, stdin=None):
    """psql over TCP with extra conninfo (sslmode=...); (returncode, output)."""
    conninfo = (f"host={conn_extra.get('host', '127.0.0.1')} port={server.port} "
                f"user=postgres dbname=postgres "
                + " ".join(f"{k}={v}" for k, v in conn_extra.items() if k != "host"))
    p = subprocess.run([harness.PSQL, "-X", "-d", conninfo] + list(args), input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def ssl_answer(port, code=80877103):
    """The one-byte answer to an SSLRequest (or GSSENCRequest)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(struct.pack("!II", 8, code))
        return s.recv(1)


def start_failure(binary, certs, settings):
    """Starts stratad with ssl=on and `settings`; (exit code, log)."""
    s = harness.Stratad(binary, extra_args=["-c", "ssl=on"] + settings)
    try:
        p = subprocess.run(s.command(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=60)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    finally:
        s.cleanup()


def run_libpq_client(client, port, sslmode):
    conninfo = (f"host=127.0.0.1 port={port} user=postgres dbname=postgres "
                f"sslmode={sslmode} connect_timeout=10")
    p = subprocess.run([client, conninfo], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=harness.client_env(), timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stratad", required=True)
    parser.add_argument("--libpq-client")
    args = parser.parse_args()
    certs = tempfile.mkdtemp(prefix="stratad-tls-")
    try:
        make_certificates(certs)
        crt = os.path.join(certs, "server.crt")
        key = os.path.join(certs, "server.key")
        ca = os.path.join(certs, "ca.crt")

        # The start refuses an unusable certificate or key (PostgreSQL's texts).
        code, log = start_failure(args.stratad, certs, ["-c", f"ssl_cert_file={crt}", "-c",
                                                        f"ssl_key_file={certs}/missing.key"])
        check(code != 0 and re.search(r'FATAL:  could not access private key file '
                                      r'"[^"]*/missing\.key": No such file or directory', log),
              "missing key file: FATAL", log)
        code, log = start_failure(args.stratad, certs, ["-c", f"ssl_cert_file={certs}/none.crt",
                                                        "-c", f"ssl_key_file={key}"])
        check(code != 0 and re.search(r'FATAL:  could not load server certificate file '
                                      r'"[^"]*/none\.crt": No such file or directory\n', log),
              "missing certificate file: FATAL", log)
        os.chmod(key, 0o640)
        code, log = start_failure(args.stratad, certs, ["-c", f"ssl_cert_file={crt}", "-c",
                                                        f"ssl_key_file={key}"])
        check(code != 0 and re.search(
            r'FATAL:  private key file "[^"]*/server\.key" has group or world access\n'
            r'.*DETAIL:  File must have permissions u=rw \(0600\) or less if owned by the database '
            r'user, or permissions u=rw,g=r \(0640\) or less if owned by root\.', log),
            "group-readable key file: FATAL", log)
        os.chmod(key, 0o600)
        # Relative names are looked up in the data directory; the default
        # names server.crt / server.key, absent there, stop the start.
        code, log = start_failure(args.stratad, certs, [])
        check(code != 0 and re.search(r'FATAL:  could not load server certificate file '
                                      r'"server\.crt": No such file or directory\n', log),
              "default server.crt in the data directory", log)

        s = harness.Stratad(args.stratad, extra_args=[
            "-c", "ssl=on", "-c", f"ssl_cert_file={crt}", "-c", f"ssl_key_file={key}",
            "-c", "log_connections=on", "--log-min-messages=info"])
        plain = None
        try:
            s.start()
            check(ssl_answer(s.port) == b"S", "SSLRequest answered S")
            check(ssl_answer(s.port, 80877104) == b"N", "GSSENCRequest answered N")

            code, out = psql_tcp(s, {"sslmode": "require"}, [
                "-At", "-c", "select ssl, version, bits > 0, cipher <> '', client_dn is null "
                "from pg_stat_ssl where pid = pg_backend_pid()", "-c", "show ssl"])
            check(code == 0 and re.fullmatch(r"t\|TLSv1\.[23]\|t\|t\|t\non\n", out),
                  "sslmode=require: pg_stat_ssl shows TLS", out)
            code, out = psql_tcp(s, {"sslmode": "disable"}, [
                "-At", "-c", "select ssl, version is null from pg_stat_ssl "
                "where pid = pg_backend_pid()"])
            check(code == 0 and out == "f|t\n", "sslmode=disable: plain text", out)
            # Unix-domain sockets never use TLS, as in PostgreSQL.
            code, out = s.psql(["-At", "-c", "select ssl from pg_stat_ssl "
                                "where pid = pg_backend_pid()"],
                               extra_env={"PGSSLMODE": "prefer"})
            check(code == 0 and out == "f\n", "Unix-domain socket: no TLS", out)

            code, out = psql_tcp(s, {"host": "localhost", "sslmode": "verify-full",
                                     "sslrootcert": ca}, ["-At", "-c", "select 'full'"])
            check(code == 0 and out == "full\n", "verify-full with host=localhost", out)
            code, out = psql_tcp(s, {"host": "127.0.0.1", "sslmode": "verify-full",
                                     "sslrootcert": ca}, ["-At", "-c", "select 1"])
            check(code != 0 and re.search(r'server certificate for "localhost" .*does not match '
                                          r'host name "127\.0\.0\.1"', out),
                  "verify-full with a name not in the certificate", out)
            code, out = psql_tcp(s, {"sslmode": "verify-ca", "sslrootcert": ca},
                                 ["-At", "-c", "select 'ca'"])
            check(code == 0 and out == "ca\n", "verify-ca", out)
            # A CA that did not sign the server's certificate.
            other = os.path.join(certs, "other")
            os.mkdir(other)
            openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "o.key",
                     "-out", "o.crt", "-days", "2", "-subj", "/CN=Other CA"], other)
            code, out = psql_tcp(s, {"sslmode": "verify-ca",
                                     "sslrootcert": os.path.join(other, "o.crt")},
                                 ["-At", "-c", "select 1"])
            check(code != 0 and "certificate verify failed" in out,
                  "verify-ca with another CA fails", out)

            # COPY both ways, a result larger than one TLS record, errors.
            code, out = psql_tcp(s, {"sslmode": "require"}, [
                "-At", "-c", "create table t (a int, b text)",
                "-c", r"\copy t from stdin", "-c", "select count(*), sum(a) from t",
                "-c", r"\copy t to stdout", "-c", "select length(string_agg(repeat('x', 1000), "
                "'')) from generate_series(1, 300)", "-c", "select 1/0"],
                stdin=b"1\tone\n2\ttwo\n\\.\n")
            check("COPY 2\n2|3\n1\tone\n2\ttwo\n300000\n" in out and
                  "ERROR:  division by zero" in out, "COPY, large row, error over TLS", out)
            code, out = psql_tcp(s, {"sslmode": "require"}, [
                "-At", "-c", "select repeat('y', 5000000)"])
            check(code == 0 and out == "y" * 5000000 + "\n", "5 MB value over TLS",
                  out[:200])

            # A cancel request (plain text, its own connection) reaches a
            # session that runs over TLS.
            conninfo = f"host=127.0.0.1 port={s.port} user=postgres dbname=postgres sslmode=require"
            p = subprocess.Popen([harness.PSQL, "-X", "-d", conninfo, "-c", "select pg_sleep(30)"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 env=harness.client_env())
            time.sleep(1.5)
            p.send_signal(signal.SIGINT)
            out = p.communicate(timeout=60)[0].decode("utf-8", "replace")
            check("ERROR:  canceling statement due to user request" in out,
                  "cancel request for a TLS session", out)

            # pg_terminate_backend on an idle TLS session: its goodbye FATAL
            # arrives over TLS (not an SSL error).
            p = subprocess.Popen([harness.PSQL, "-X", "-d", conninfo, "-c", "select 1",
                                  "-c", r"\! sleep 3", "-c", "select 2"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 env=harness.client_env())
            time.sleep(1.5)
            code, out = psql_tcp(s, {"sslmode": "require"}, [
                "-At", "-c", "select count(pg_terminate_backend(pid)) from pg_stat_ssl "
                "where pid <> pg_backend_pid() and ssl"])
            check(code == 0 and out == "1\n", "pg_terminate_backend of the idle session", out)
            out = p.communicate(timeout=60)[0].decode("utf-8", "replace")
            check("FATAL:  terminating connection due to administrator command" in out and
                  "SSL error" not in out, "terminated TLS session gets its FATAL", out)

            log = s.log_text()
            check(re.search(r"LOG:  connection authorized: user=postgres database=postgres "
                            r"application_name=psql SSL enabled \(protocol=TLSv1\.[23], "
                            r"cipher=[A-Z0-9_-]+, bits=\d+\)\n", log),
                  "connection authorized names the TLS parameters", log)

            if args.libpq_client:
                plain = harness.Stratad(args.stratad).start()
                tls_code, tls_out = run_libpq_client(args.libpq_client, s.port, "require")
                plain_code, plain_out = run_libpq_client(args.libpq_client, plain.port,
                                                         "disable")
                check(tls_code == plain_code == 0 and "-- still alive" in tls_out and
                      tls_out == plain_out,
                      "libpq extended protocol: same results over TLS as in plain text",
                      tls_out)
        finally:
            if plain is not None:
                plain.stop()
                plain.cleanup()
            code = s.stop()
            check(code == 0, "stratad with ssl=on stops cleanly", s.log_text())
            s.cleanup()

        # SCRAM-SHA-256 over TLS. Channel binding (SCRAM-SHA-256-PLUS) is not
        # offered: libpq's default channel_binding=prefer logs in, require
        # refuses with its own message.
        verifier = subprocess.run([args.stratad, "--scram-verifier"], input=b"sekrit\n",
                                  stdout=subprocess.PIPE, check=True).stdout.decode().strip()
        s = harness.Stratad(args.stratad, extra_args=[
            "-c", "ssl=on", "-c", f"ssl_cert_file={crt}", "-c", f"ssl_key_file={key}",
            "-c", f"password={verifier}"])
        try:
            s.start()
            env = harness.client_env()
            env["PGPASSWORD"] = "sekrit"
            for binding, want in (("prefer", 0), ("require", 2)):
                conninfo = (f"host=127.0.0.1 port={s.port} user=postgres dbname=postgres "
                            f"sslmode=require channel_binding={binding}")
                p = subprocess.run([harness.PSQL, "-X", "-At", "-d", conninfo, "-c",
                                    "select ssl from pg_stat_ssl where pid = pg_backend_pid()"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                                   timeout=60)
                out = p.stdout.decode("utf-8", "replace")
                if want == 0:
                    check(p.returncode == 0 and out == "t\n",
                          "SCRAM over TLS, channel_binding=prefer", out)
                else:
                    check(p.returncode != 0 and "channel binding is required, but server did not "
                          "offer an authentication method that supports channel binding" in out,
                          "channel_binding=require: not offered", out)
        finally:
            s.stop()
            s.cleanup()

        # hba rules see the encryption: hostssl matches TLS connections only,
        # hostnossl the others.
        hba = os.path.join(certs, "hba.conf")
        with open(hba, "w") as f:
            f.write("local all all trust\n"
                    "hostssl all all 127.0.0.1/32 trust\n"
                    "hostnossl all all 127.0.0.1/32 reject\n")
        s = harness.Stratad(args.stratad, extra_args=[
            "-c", "ssl=on", "-c", f"ssl_cert_file={crt}", "-c", f"ssl_key_file={key}",
            "-c", f"hba_file={hba}"])
        try:
            s.start()
            code, out = psql_tcp(s, {"sslmode": "require"}, ["-At", "-c", "select 'tls'"])
            check(code == 0 and out == "tls\n", "hostssl rule: a TLS connection is trusted", out)
            code, out = psql_tcp(s, {"sslmode": "disable"}, ["-At", "-c", "select 1"])
            check(code != 0 and 'pg_hba.conf rejects connection for host "127.0.0.1", '
                  'user "postgres", database "postgres", no encryption' in out,
                  "hostnossl rule: a plain connection is rejected", out)
        finally:
            s.stop()
            s.cleanup()

        # ssl=off (the default): 'N', and libpq's own message for require.
        s = harness.Stratad(args.stratad)
        try:
            s.start()
            check(ssl_answer(s.port) == b"N", "ssl=off: SSLRequest answered N")
            code, out = psql_tcp(s, {"sslmode": "require"}, ["-c", "select 1"])
            check(code != 0 and "server does not support SSL, but SSL was required" in out,
                  "ssl=off with sslmode=require fails", out)
            code, out = psql_tcp(s, {"sslmode": "prefer"}, ["-At", "-c", "show ssl"])
            check(code == 0 and out == "off\n", "ssl=off with sslmode=prefer", out)
            # The TLS context is built once at start: a reload reports the
            # change as needing a restart instead of ignoring it silently.
            with open(os.path.join(s.data_dir, "stratad.conf"), "a") as f:
                f.write(f"\nssl = on\nssl_cert_file = '{crt}'\nssl_key_file = '{key}'\n")
            s.proc.send_signal(signal.SIGHUP)
            time.sleep(1.0)
            log = s.log_text()
            check('LOG:  parameter "ssl" cannot be changed without restarting the server' in log,
                  "SIGHUP with ssl changed: restart needed", log)
            check(ssl_answer(s.port) == b"N", "SIGHUP with ssl changed: still N")
        finally:
            s.stop()
            s.cleanup()
    finally:
        shutil.rmtree(certs, ignore_errors=True)
    return checks.exit_code()


if __name__ == "__main__":
    sys.exit(main())
