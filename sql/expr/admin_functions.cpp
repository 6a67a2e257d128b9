// Maintenance functions of our own, used by `stratactl checkpoint` and
// `stratactl compact`:
//   strata_checkpoint()      flushes every tree's memtable to SSTables (what
//                            a PostgreSQL CHECKPOINT achieves: recovery then
//                            replays no WAL), returns true
//   strata_compact()         compacts every tree down to its last level,
//                            returns the number of trees
//   strata_compact(oid)      the trees of one table (named "rel_<oid>_...")
// They reach the engine through the Database the server installs
// (InstallAdminDatabase); without one they fail with 55000.
// Errors from the engine become XX000 with the engine's message.
#include <atomic>
#include <string>

#include "common/sql_error.h"
#include "sql/database.h"
#include "sql/expr/sql_function.h"
#include "storage/engine.h"

namespace strata::sql {

namespace {

std::atomic<Database*> admin_database{nullptr};

storage::Engine* AdminEngine() {
  Database* db = admin_database.load();
  if (db == nullptr || db->engine() == nullptr) {
    throw SqlError(SqlState::kObjectNotInPrerequisiteState, "no database engine is open");
  }
  return db->engine();
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) throw SqlError(SqlState::kInternalError, std::string(what) + ": " + s.ToString());
}

Value Checkpoint(std::span<const Value>) {
  Check(AdminEngine()->Flush(), "checkpoint failed");
  return Value::Bool(true);
}

int64_t CompactTrees(const std::string& name_prefix) {
  storage::Engine* engine = AdminEngine();
  int64_t n = 0;
  for (const storage::TreeStats& tree : engine->GetStats().trees) {
    if (tree.name.rfind(name_prefix, 0) != 0) continue;
    Check(engine->CompactRange(tree.id), "compaction failed");
    ++n;
  }
  return n;
}

Value CompactAll(std::span<const Value>) { return Value::Int8(CompactTrees("")); }

Value CompactTable(std::span<const Value> a) {
  return Value::Int8(CompactTrees("rel_" + std::to_string(a[0].int_value()) + "_"));
}

constexpr Oid k0 = type_oid::kInvalid;

const SqlFunction kFunctions[] = {
    {"strata_checkpoint", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kBool,
     {"strata_checkpoint", Checkpoint}},
    {"strata_compact", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kInt8,
     {"strata_compact", CompactAll}},
    {"strata_compact", {type_oid::kOid, k0, k0, k0, k0, k0, k0}, 1, type_oid::kInt8,
     {"strata_compact", CompactTable}},
};

}  // namespace

void InstallAdminDatabase(Database* database) { admin_database.store(database); }

std::span<const SqlFunction> AdminSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
