// Temporary tables: each session that creates one gets its own schema,
// PostgreSQL's pg_temp_N, persisted in the catalog like any schema. It is
// searched before public for unqualified names ("pg_temp" names it
// explicitly), and it is dropped with its tables when the session ends; a
// server that crashed drops every leftover pg_temp_* at the next start.
//
// The session's state reaches name resolution through a thread-local set
// for the duration of each statement (ScopedTempNamespace), as the session
// settings do.
#pragma once

#include "catalog/catalog_objects.h"
#include "common/status.h"
#include "sql/commands/command_context.h"

namespace strata::sql {

class Database;

// One session's temporary schema; oid 0 until its first CREATE TEMP TABLE.
// The oid may name a schema that no longer exists (its creating transaction
// rolled back): readers check the catalog.
struct TempNamespace {
  Oid oid = 0;
};

// The running statement's session state (null outside a session).
TempNamespace* CurrentTempNamespace();

class ScopedTempNamespace {
 public:
  explicit ScopedTempNamespace(TempNamespace* state);
  ~ScopedTempNamespace();
  ScopedTempNamespace(const ScopedTempNamespace&) = delete;
  ScopedTempNamespace& operator=(const ScopedTempNamespace&) = delete;

 private:
  TempNamespace* previous_;
};

// The session's temporary schema as this statement's catalog sees it, or null.
const catalog::NamespaceDesc* FindTempNamespace(const CommandContext& ctx);

// The session's temporary schema, created in ctx.txn if missing, for a
// relation to be created in: the checking role needs TEMPORARY on the
// database (42501 "permission denied to create temporary tables in
// database" to make the schema, "permission denied for schema pg_temp_N"
// to use it), as PostgreSQL.
// REQUIRES: the catalog's ddl_mutex held; a session (else 0A000).
catalog::NamespaceDesc EnsureTempNamespace(CommandContext& ctx);

// Drops the schema `oid` and every table in it, in a transaction of its own
// (session end). Takes the ddl_mutex. Errors are returned, never thrown.
Status DropTempNamespace(Database* db, Oid oid);

// Drops every pg_temp_* schema (at startup: no session is alive).
Status DropAllTempNamespaces(Database* db);

}  // namespace strata::sql
