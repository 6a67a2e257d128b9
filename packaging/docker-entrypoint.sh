#!/usr/bin/env bash
# docker-entrypoint.sh: the StrataDB image's entrypoint, compatible with the
# official postgres image's variables where StrataDB can honour them, and
# refusing (exit 1, with the reason) where it cannot.
#
#   docker-entrypoint.sh stratad [stratad options...]   (the image's CMD)
#   docker-entrypoint.sh -p 5433 ...                     (= stratad -p 5433 ...)
#   docker-entrypoint.sh bash                            (anything else: exec'd as is)
#
# First start (no $PGDATA/STRATA_VERSION): checks the variables, starts a
# temporary server listening only on a Unix socket in a private directory,
# runs /docker-entrypoint-initdb.d/* in name order (*.sh executed, or sourced
# when not executable; *.sql, *.sql.gz, *.sql.xz through psql with
# ON_ERROR_STOP; anything else ignored with a message), stops it, and then
# execs the real server in the foreground (PID 1 in a container). Any failure
# stops the temporary server and exits non-zero. Later starts find
# STRATA_VERSION and go straight to the real server: the init scripts never
# run again and the POSTGRES_* variables have no effect (as with postgres).
#
# What stratad does with users, databases and passwords (why the rules below):
# it has roles (pg_authid) and one database. A login must name a role with
# LOGIN (the bootstrap superuser is 'postgres'; a POSTGRES_USER of another
# name is created as a superuser at first start, as postgres's image makes
# it the superuser); every database name in a connection reaches the one
# database, whose current_database() is 'postgres'. Authentication here is
# the server-wide `password` setting: when set, every connection (TCP and
# Unix socket, any role) must give it -- by SCRAM-SHA-256 when it holds a
# SCRAM verifier (`stratad --scram-verifier` makes one; the password itself
# is not stored), else in cleartext (no TLS yet), and $PGDATA/stratad_hba.conf
# is not used; when empty (trust), stratad_hba.conf decides, and a
# `host all all all trust` line is added to it, as postgres's image adds one.
#
#   PGDATA                    data directory (default /var/lib/stratadb/data)
#   POSTGRES_USER             role the init scripts connect as (default
#                             postgres); created as a superuser if not postgres
#   POSTGRES_DB               database name the init scripts connect to
#                             (default $POSTGRES_USER); every name reaches the
#                             one database
#   POSTGRES_HOST_AUTH_METHOD scram-sha-256 (the default with a POSTGRES_PASSWORD,
#                             as with postgres): the password is required and
#                             checked by SCRAM-SHA-256 on every connection;
#                             trust: no password; password: checked in
#                             cleartext. md5, ...: refused.
#   POSTGRES_PASSWORD         see above; its SCRAM verifier (or, with password,
#                             the password) is written to $PGDATA/stratad.conf
#                             (mode 0600) as `password`. With trust it is not
#                             checked (as with postgres), and a warning says so.
#   POSTGRES_INITDB_ARGS, POSTGRES_INITDB_WALDIR: refused (no initdb options).
#   POSTGRES_USER_FILE, POSTGRES_PASSWORD_FILE, POSTGRES_DB_FILE: read from a
#                             file (Docker secrets), as the official image does.
#   STRATADB_INITDB_DIR       the init-scripts folder (default
#                             /docker-entrypoint-initdb.d; for tests)
set -Eeuo pipefail

log() { printf '%s: %s\n' "stratadb-entrypoint" "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# VAR from $VAR or from the file named by $VAR_FILE (not both), else $2.
file_env() {
  local var=$1 default=${2:-}
  local file_var="${var}_FILE"
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    die "both $var and $file_var are set (but are exclusive)"
  fi
  local value=$default
  if [ -n "${!var:-}" ]; then
    value=${!var}
  elif [ -n "${!file_var:-}" ]; then
    value=$(<"${!file_var}") || die "cannot read $file_var (${!file_var})"
  fi
  export "$var"="$value"
  unset "$file_var"
}

# postgresql.conf string quoting: backslash and quote escaped.
conf_quote() {
  local s=${1//\\/\\\\}
  printf "'%s'" "${s//\'/\'\'}"
}

# The variables of the first start: refuse what cannot be honoured.
check_first_start_env() {
  file_env POSTGRES_USER postgres
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_DB "$POSTGRES_USER"
  [ -n "$POSTGRES_USER" ] || die "POSTGRES_USER is empty"
  if [ -n "${POSTGRES_INITDB_ARGS:-}" ]; then
    die "POSTGRES_INITDB_ARGS is not supported: StrataDB has no initdb and no initdb options" \
        "(settings go in \$PGDATA/stratad.conf or on the command line as -c name=value)"
  fi
  if [ -n "${POSTGRES_INITDB_WALDIR:-}" ]; then
    die "POSTGRES_INITDB_WALDIR is not supported: StrataDB keeps its WAL inside PGDATA"
  fi
  case "$POSTGRES_PASSWORD" in
    *$'\n'*) die "POSTGRES_PASSWORD must be one line" ;;
  esac
  AUTH_METHOD=${POSTGRES_HOST_AUTH_METHOD:-}
  # As postgres: a password with no method means scram-sha-256.
  if [ -z "$AUTH_METHOD" ] && [ -n "$POSTGRES_PASSWORD" ]; then AUTH_METHOD=scram-sha-256; fi
  case "$AUTH_METHOD" in
    trust)
      if [ -n "$POSTGRES_PASSWORD" ]; then
        log "WARNING: POSTGRES_HOST_AUTH_METHOD=trust: POSTGRES_PASSWORD is set but will" \
            "never be checked; every connection is accepted without a password"
      else
        log "WARNING: POSTGRES_HOST_AUTH_METHOD=trust: every connection is accepted" \
            "without a password"
      fi
      ;;
    password)
      [ -n "$POSTGRES_PASSWORD" ] ||
        die "POSTGRES_HOST_AUTH_METHOD=password needs POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE)"
      log "note: the password is checked in cleartext on every connection, TCP and" \
          "Unix socket, whatever the user name (StrataDB has no TLS yet)"
      ;;
    scram-sha-256)
      [ -n "$POSTGRES_PASSWORD" ] ||
        die "POSTGRES_HOST_AUTH_METHOD=scram-sha-256 needs POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE)"
      log "note: the password is checked by SCRAM-SHA-256 on every connection, TCP and" \
          "Unix socket, whatever the user name"
      ;;
    "")
      die "the data directory is uninitialized and no password is specified: set" \
          "POSTGRES_PASSWORD (checked by SCRAM-SHA-256), or" \
          "POSTGRES_HOST_AUTH_METHOD=trust to allow every connection without one"
      ;;
    *)
      die "POSTGRES_HOST_AUTH_METHOD=$AUTH_METHOD is not supported: StrataDB knows only" \
          "scram-sha-256, trust and password (cleartext)"
      ;;
  esac
  log "note: the init scripts connect as role \"$POSTGRES_USER\" to database" \
      "\"$POSTGRES_DB\""
}

TEMP_PID=""
TEMP_SOCKET_DIR=""
stop_temp_server() {
  if [ -n "$TEMP_PID" ] && kill -0 "$TEMP_PID" 2>/dev/null; then
    kill -TERM "$TEMP_PID" 2>/dev/null || true
    wait "$TEMP_PID" 2>/dev/null || true
  fi
  TEMP_PID=""
  if [ -n "$TEMP_SOCKET_DIR" ]; then rm -rf "$TEMP_SOCKET_DIR"; fi
  TEMP_SOCKET_DIR=""
}

# A server for the init scripts only: no TCP, a Unix socket in a private
# directory, no password whatever the configuration says.
start_temp_server() {
  local port=${PGPORT:-5432}
  TEMP_SOCKET_DIR=$(mktemp -d "${TMPDIR:-/tmp}/stratadb-init.XXXXXX")
  stratad -D "$PGDATA" -c listen_addresses= -c password= -k "$TEMP_SOCKET_DIR" -p "$port" &
  TEMP_PID=$!
  export PGHOST="$TEMP_SOCKET_DIR" PGPORT="$port"
  export PGUSER="$POSTGRES_USER" PGDATABASE="$POSTGRES_DB"
  local tries=0
  until pg_isready -q; do
    kill -0 "$TEMP_PID" 2>/dev/null || die "the temporary server for the init scripts failed to start"
    tries=$((tries + 1))
    [ "$tries" -lt 600 ] || die "the temporary server did not become ready within 60 s"
    sleep 0.1
  done
}

run_init_scripts() {
  local dir=$1 f
  [ -d "$dir" ] || return 0
  local psql=(psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password)
  for f in "$dir"/*; do
    [ -e "$f" ] || continue
    case "$f" in
      *.sh)
        if [ -x "$f" ]; then
          log "running $f"
          "$f"
        else
          log "sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) log "running $f"; "${psql[@]}" -f "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${psql[@]}" ;;
      *.sql.xz) log "running $f"; xzcat "$f" | "${psql[@]}" ;;
      *) log "ignoring $f (not *.sh, *.sql, *.sql.gz or *.sql.xz)" ;;
    esac
  done
}

first_start() {
  check_first_start_env
  mkdir -p "$PGDATA"
  chmod 0700 "$PGDATA"
  if [ -n "$(ls -A "$PGDATA")" ] && [ ! -e "$PGDATA/stratad.conf" ]; then
    die "PGDATA ($PGDATA) is not empty and holds no StrataDB data directory"
  fi
  trap stop_temp_server EXIT
  start_temp_server
  # POSTGRES_USER becomes a superuser role the init scripts (and clients)
  # log in as; the bootstrap superuser is 'postgres'.
  if [ "$POSTGRES_USER" != postgres ]; then
    printf 'CREATE ROLE :"u" SUPERUSER LOGIN;\n' |
      PGUSER=postgres PGDATABASE=postgres psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password \
        -q -v u="$POSTGRES_USER" >/dev/null ||
      die "could not create role \"$POSTGRES_USER\""
  fi
  # POSTGRES_DB: created (owned by POSTGRES_USER) unless it is 'postgres',
  # as PostgreSQL's image does.
  if [ "$POSTGRES_DB" != postgres ]; then
    printf 'CREATE DATABASE :"d" OWNER :"u";\n' |
      PGUSER=postgres PGDATABASE=postgres psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password \
        -q -v d="$POSTGRES_DB" -v u="$POSTGRES_USER" >/dev/null ||
      die "could not create database \"$POSTGRES_DB\""
  fi
  if [ "$AUTH_METHOD" = trust ]; then
    {
      echo
      echo "# Written by docker-entrypoint.sh on first start (POSTGRES_HOST_AUTH_METHOD=trust)."
      echo "host    all             all             all                     trust"
    } >>"$PGDATA/stratad_hba.conf"
  fi
  # The password is written before any init script runs: if one fails, the
  # directory (already initialised) must not come up open on the next start.
  if [ "$AUTH_METHOD" = password ]; then
    {
      echo
      echo "# Written by docker-entrypoint.sh on first start (POSTGRES_HOST_AUTH_METHOD=password)."
      echo "password = $(conf_quote "$POSTGRES_PASSWORD")"
    } >>"$PGDATA/stratad.conf"
  elif [ "$AUTH_METHOD" = scram-sha-256 ]; then
    local verifier
    verifier=$(printf '%s\n' "$POSTGRES_PASSWORD" | stratad --scram-verifier) ||
      die "could not make the password's SCRAM-SHA-256 verifier"
    {
      echo
      echo "# Written by docker-entrypoint.sh on first start: POSTGRES_PASSWORD's"
      echo "# SCRAM-SHA-256 verifier (the password itself is not stored)."
      echo "password = $(conf_quote "$verifier")"
    } >>"$PGDATA/stratad.conf"
  fi
  chmod 0600 "$PGDATA/stratad.conf"
  run_init_scripts "${STRATADB_INITDB_DIR:-/docker-entrypoint-initdb.d}"
  stop_temp_server
  trap - EXIT
  unset PGHOST PGPORT PGUSER PGDATABASE
  log "init process complete; starting the server"
}

main() {
  if [ $# -eq 0 ]; then set -- stratad; fi
  if [ "${1:0:1}" = "-" ]; then set -- stratad "$@"; fi
  if [ "${1:-}" != "stratad" ]; then exec "$@"; fi
  shift
  export PGDATA=${PGDATA:-/var/lib/stratadb/data}
  if [ "$(id -u)" = 0 ]; then
    log "WARNING: running stratad as root; the image runs it as the stratadb user"
  fi
  if [ -s "$PGDATA/STRATA_VERSION" ]; then
    log "data directory $PGDATA is initialised: skipping initialisation" \
        "(POSTGRES_* variables and init scripts apply only to the first start)"
  else
    first_start
  fi
  unset POSTGRES_PASSWORD
  exec stratad -D "$PGDATA" "$@"
}

main "$@"
