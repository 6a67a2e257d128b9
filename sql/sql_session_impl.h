// SqlSession's private state, shared by the files that implement SqlSession
// (sql_session.cpp, sql_session_prepared.cpp). Internal to sql/.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/interrupts.h"
#include "sql/commands/copy_from.h"
#include "sql/commands/temp_namespace.h"
#include "sql/parser/literal_template_cache.h"
#include "sql/parser/parse_cache.h"
#include "sql/prepared_statement.h"
#include "sql/sequences/sequence_session.h"
#include "sql/settings/session_settings.h"
#include "sql/sql_session.h"
#include "sql/sql_cursors.h"
#include "sql/transaction_block.h"

namespace strata::sql {

class Database;

struct SqlSession::Impl {
  Database* db = nullptr;
  SessionSettings settings;  // run-time parameters (SET/SHOW, DateStyle, TimeZone, ...)
  SequenceSession sequences;  // currval()/lastval() state; db set by the constructor
  // Query cancel and statement_timeout; shared with whoever delivers a
  // CancelRequest (another thread).
  std::shared_ptr<InterruptState> interrupts = std::make_shared<InterruptState>();
  // Named prepared statements (Parse with a name, SQL PREPARE): one
  // namespace, as in PostgreSQL.
  PreparedStatementMap prepared_statements;
  SqlCursors cursors;  // DECLARE ... CURSOR (before `block`, which ends them)
  // The COPY FROM STDIN in progress (between CopyInResponse and CopyDone).
  std::unique_ptr<CopyFrom> copy_in;
  // BEGIN ... COMMIT state and the block's transaction (made by the
  // SqlSession constructor, after `settings`).
  std::unique_ptr<TransactionBlock> block;
  // The session's temporary schema (dropped with its tables by ~SqlSession).
  TempNamespace temp_namespace;
  // Recently parsed query strings (SqlSession::Parse).
  ParseCache parse_cache;
  // Strings not in parse_cache that differ from a recent one only in integer
  // literals reuse its raw parse tree.
  parser::LiteralTemplateCache literal_templates;
};

}  // namespace strata::sql
