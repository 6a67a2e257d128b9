// pg_catalog relations over live server and session state: pg_stat_activity
// (each session's BackendStatus), pg_stat_progress_create_index (the index
// builds sessions report there), pg_locks (the lock manager's held and
// awaited locks), pg_stat_ssl (each session's TLS parameters), pg_prepared_statements and pg_cursors (this session's named
// prepared statements and open cursors). Columns as PostgreSQL 15 declares
// them.
#include <optional>

#include "sql/backend_status.h"
#include "sql/commands/relation_locks.h"
#include "sql/database.h"
#include "sql/prepared_statement.h"
#include "sql/sql_cursors.h"
#include "sql/types/array_value.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"
#include "sql/expr/network_functions.h"
#include "txn/transaction.h"

namespace strata::sql {

namespace {

using namespace sysrel;  // NOLINT: the column-type and value helpers

constexpr Oid kNumeric = type_oid::kNumeric;

Value TimeOrNull(int64_t t) { return t == 0 ? NullV(kTimestampTz) : Value::TimestampTz(t); }
Value TextOrNull(const std::string& s) { return s.empty() ? NullV(kText) : TextV(s); }

std::vector<Row> PgStatActivityRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const BackendActivity& a : ListBackendActivity()) {
    Row r;
    const catalog::DatabaseDesc* db = ctx.catalog->FindDatabase(a.datname);
    r.push_back(db != nullptr ? OidV(db->oid) : NullV(kOid));  // datid
    r.push_back(NameV(a.datname));                          // datname
    r.push_back(Int4V(a.pid));                              // pid
    r.push_back(NullV(kInt4));                              // leader_pid
    r.push_back(OidV(kBootstrapRoleOid));                   // usesysid
    r.push_back(NameV(a.usename));                          // usename
    r.push_back(TextV(a.application_name));                 // application_name
    r.push_back(ClientAddrValue(a.client_addr));            // client_addr
    r.push_back(NullV(kText));                              // client_hostname
    r.push_back(Int4V(a.client_port));                      // client_port
    r.push_back(TimeOrNull(a.backend_start));               // backend_start
    r.push_back(TimeOrNull(a.xact_start));                  // xact_start
    r.push_back(TimeOrNull(a.query_start));                 // query_start
    r.push_back(TimeOrNull(a.state_change));                // state_change
    r.push_back(TextOrNull(a.wait_event_type));             // wait_event_type
    r.push_back(TextOrNull(a.wait_event));                  // wait_event
    r.push_back(TextV(a.state));                            // state
    r.push_back(NullV(kXid));                               // backend_xid
    r.push_back(NullV(kXid));                               // backend_xmin
    r.push_back(NullV(kInt8));                              // query_id
    r.push_back(TextV(a.query));                            // query
    r.push_back(TextV("client backend"));                   // backend_type
    rows.push_back(std::move(r));
  }
  return rows;
}

// PostgreSQL 15's view lists every client backend; the ssl columns are NULL
// for a connection without TLS.
std::vector<Row> PgStatSslRows(const CommandContext&) {
  std::vector<Row> rows;
  for (const BackendActivity& a : ListBackendActivity()) {
    Row r;
    r.push_back(Int4V(a.pid));   // pid
    r.push_back(BoolV(a.ssl));  // ssl
    if (a.ssl) {
      r.push_back(TextV(a.ssl_version));  // version
      r.push_back(TextV(a.ssl_cipher));   // cipher
      r.push_back(Int4V(a.ssl_bits));     // bits
    } else {
      r.push_back(NullV(kText));
      r.push_back(NullV(kText));
      r.push_back(NullV(kInt4));
    }
    r.push_back(TextOrNull(a.ssl_client_dn));  // client_dn
    r.push_back(a.ssl_client_serial.empty()
                    ? NullV(kNumeric)
                    : Value::FromNumeric(Numeric::Parse(a.ssl_client_serial)));  // client_serial
    r.push_back(TextOrNull(a.ssl_issuer_dn));  // issuer_dn
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<Row> PgLocksRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  if (ctx.db == nullptr) return rows;
  for (const txn::LockManager::LockInfo& l : ctx.db->txns()->locks()->Snapshot()) {
    if (l.relation && l.relation_oid == kCatalogLockOid) continue;  // internal
    std::optional<Oid> relation;
    if (l.relation) {
      relation = l.relation_oid;
    } else if (const catalog::TableDesc* t = ctx.catalog->FindTableByTree(l.tree)) {
      relation = t->oid;
    } else if (const auto index = ctx.catalog->FindIndexByTree(l.tree); index.index != nullptr) {
      relation = index.index->oid;  // a unique index's value, locked by its writer
    }
    Row r;
    r.push_back(TextV(l.relation ? "relation" : "tuple"));  // locktype
    r.push_back(OidV(CurrentDatabaseOid()));                // database
    r.push_back(relation ? OidV(*relation) : NullV(kOid));  // relation
    // Rows are named by primary key, not by (page, tuple) position.
    r.push_back(NullV(kInt4));                              // page
    r.push_back(NullV(kInt2));                              // tuple
    r.push_back(NullV(kText));                              // virtualxid
    r.push_back(NullV(kXid));                               // transactionid
    r.push_back(NullV(kOid));                               // classid
    r.push_back(NullV(kOid));                               // objid
    r.push_back(NullV(kInt2));                              // objsubid
    r.push_back(TextV("-/" + std::to_string(l.owner.txn_id)));  // virtualtransaction
    r.push_back(Int4V(l.owner.pid));                        // pid
    r.push_back(TextV(l.mode));                             // mode
    r.push_back(BoolV(l.granted));                          // granted
    r.push_back(BoolV(l.fastpath));                         // fastpath
    r.push_back(NullV(kTimestampTz));                       // waitstart
    rows.push_back(std::move(r));
  }
  return rows;
}

constexpr Oid kRegtypeArray = 2211;

std::vector<Row> PgPreparedStatementsRows(const CommandContext&) {
  std::vector<Row> rows;
  const PreparedStatementMap* statements = CurrentPreparedStatements();
  if (statements == nullptr) return rows;
  for (const auto& [name, entry] : *statements) {
    std::vector<Value> types;
    for (Oid t : entry.statement->parameter_types()) types.push_back(Value::Integer(kRegtype, t));
    Row r;
    r.push_back(TextV(name));                                        // name
    r.push_back(TextV(entry.statement->query()));                   // statement
    r.push_back(Value::TimestampTz(entry.prepare_time));            // prepare_time
    r.push_back(MakeArray(kRegtypeArray, kRegtype, std::move(types)));  // parameter_types
    r.push_back(BoolV(entry.from_sql));                             // from_sql
    r.push_back(Int8V(0));                                          // generic_plans
    r.push_back(Int8V(entry.custom_plans->load()));                 // custom_plans
    rows.push_back(std::move(r));
  }
  return rows;
}

std::vector<Row> PgCursorsRows(const CommandContext&) {
  std::vector<Row> rows;
  const SqlCursors* cursors = CurrentSqlCursorsOrNull();
  if (cursors == nullptr) return rows;
  for (const auto& [name, cursor] : cursors->cursors()) {
    Row r;
    r.push_back(TextV(name));                                // name
    r.push_back(TextV(cursor.statement));                    // statement
    r.push_back(BoolV(cursor.holdable));                     // is_holdable
    r.push_back(BoolV(cursor.binary));                       // is_binary
    r.push_back(BoolV(cursor.scrollable));                   // is_scrollable
    r.push_back(Value::TimestampTz(cursor.creation_time));  // creation_time
    rows.push_back(std::move(r));
  }
  return rows;
}

// One row per session building an index (CREATE INDEX, REINDEX). Lockers
// and partitions are not counted (0), nor blocks (we count rows).
std::vector<Row> PgStatProgressCreateIndexRows(const CommandContext&) {
  std::vector<Row> rows;
  for (const BackendActivity& a : ListBackendActivity()) {
    if (!a.create_index) continue;
    const CreateIndexProgress& p = *a.create_index;
    rows.push_back({Int4V(a.pid), OidV(p.datid), NameV(p.datname), OidV(p.relid),
                    OidV(p.index_relid), TextV(p.command), TextV(p.phase),
                    // lockers_total, lockers_done, current_locker_pid
                    Int8V(0), Int8V(0), Int8V(0),
                    Int8V(0), Int8V(0),  // blocks_total, blocks_done
                    Int8V(p.tuples_total), Int8V(p.tuples_done),
                    Int8V(0), Int8V(0)});  // partitions_total, partitions_done
  }
  return rows;
}

const SystemRelation kActivityRelations[] = {
    {12222, "pg_catalog", "pg_stat_activity", 'v',
     {{"datid", kOid}, {"datname", kName}, {"pid", kInt4}, {"leader_pid", kInt4},
      {"usesysid", kOid}, {"usename", kName}, {"application_name", kText},
      {"client_addr", 869}, {"client_hostname", kText}, {"client_port", kInt4},
      {"backend_start", kTimestampTz}, {"xact_start", kTimestampTz},
      {"query_start", kTimestampTz}, {"state_change", kTimestampTz},
      {"wait_event_type", kText}, {"wait_event", kText}, {"state", kText},
      {"backend_xid", kXid}, {"backend_xmin", kXid}, {"query_id", kInt8}, {"query", kText},
      {"backend_type", kText}},
     PgStatActivityRows},
    {12249, "pg_catalog", "pg_stat_ssl", 'v',
     {{"pid", kInt4}, {"ssl", kBool}, {"version", kText}, {"cipher", kText}, {"bits", kInt4},
      {"client_dn", kText}, {"client_serial", kNumeric}, {"issuer_dn", kText}},
     PgStatSslRows},
    {12073, "pg_catalog", "pg_locks", 'v',
     {{"locktype", kText}, {"database", kOid}, {"relation", kOid}, {"page", kInt4},
      {"tuple", kInt2}, {"virtualxid", kText}, {"transactionid", kXid}, {"classid", kOid},
      {"objid", kOid}, {"objsubid", kInt2}, {"virtualtransaction", kText}, {"pid", kInt4},
      {"mode", kText}, {"granted", kBool}, {"fastpath", kBool}, {"waitstart", kTimestampTz}},
     PgLocksRows},
    {12095, "pg_catalog", "pg_prepared_statements", 'v',
     {{"name", kText}, {"statement", kText}, {"prepare_time", kTimestampTz},
      {"parameter_types", kRegtypeArray}, {"from_sql", kBool}, {"generic_plans", kInt8},
      {"custom_plans", kInt8}},
     PgPreparedStatementsRows},
    {12077, "pg_catalog", "pg_cursors", 'v',
     {{"name", kText}, {"statement", kText}, {"is_holdable", kBool}, {"is_binary", kBool},
      {"is_scrollable", kBool}, {"creation_time", kTimestampTz}},
     PgCursorsRows},
    {12312, "pg_catalog", "pg_stat_progress_create_index", 'v',
     {{"pid", kInt4}, {"datid", kOid}, {"datname", kName}, {"relid", kOid},
      {"index_relid", kOid}, {"command", kText}, {"phase", kText}, {"lockers_total", kInt8},
      {"lockers_done", kInt8}, {"current_locker_pid", kInt8}, {"blocks_total", kInt8},
      {"blocks_done", kInt8}, {"tuples_total", kInt8}, {"tuples_done", kInt8},
      {"partitions_total", kInt8}, {"partitions_done", kInt8}},
     PgStatProgressCreateIndexRows},
};

}  // namespace

std::span<const SystemRelation> PgCatalogActivityRelations() { return kActivityRelations; }

}  // namespace strata::sql
