// Maintenance functions of our own, used by `stratactl checkpoint` and
// `stratactl compact`:
//   strata_checkpoint()      flushes every tree's memtable to SSTables (what
//                            a PostgreSQL CHECKPOINT achieves: recovery then
//                            replays no WAL), returns true
//   strata_compact()         compacts every tree down to its last level,
//                            returns the number of trees
//   strata_compact(oid)      the trees of one table (named "rel_<oid>_...")
//   strata_backup(dir)       online full backup into the absolute directory dir
//   strata_backup(dir, prev) incremental backup on top of backup prev
//                            (storage/backup/online_backup.h); returns a
//                            one-line summary
// They reach the engine through the Database the server installs
// (InstallAdminDatabase); without one they fail with 55000.
// Errors from the engine become XX000 with the engine's message.
#include <atomic>
#include <string>

#include "common/sql_error.h"
#include "sql/database.h"
#include "sql/expr/sql_function.h"
#include "storage/backup/online_backup.h"
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

Value RunBackup(const std::string& dir, const std::string& parent) {
  storage::OnlineBackupOptions options;
  options.backup_dir = dir;
  options.incremental_from = parent;
  // The server's own files beside the engine's (server/data_directory.cpp).
  options.extra_files = {"STRATA_VERSION", "stratad.conf"};
  Result<storage::OnlineBackupSummary> r = storage::RunOnlineBackup(AdminEngine(), options);
  if (!r.ok()) {
    const Status& s = r.status();
    const SqlState state = s.IsInvalidArgument() ? SqlState::kInvalidParameterValue
                           : s.IsNotFound()      ? SqlState::kUndefinedFile
                                                 : SqlState::kInternalError;
    throw SqlError(state, "backup failed: " + s.message());
  }
  const storage::OnlineBackupSummary& b = *r;
  return Value::Text(
      "backup at sequence " + std::to_string(b.last_sequence) + ": " +
      std::to_string(b.files_linked) + " file(s) linked (" + std::to_string(b.bytes_linked) +
      " bytes), " + std::to_string(b.files_copied) + " copied (" + std::to_string(b.bytes_copied) +
      " bytes), " + std::to_string(b.files_referenced) + " referenced in the parent backup (" +
      std::to_string(b.bytes_referenced) + " bytes)");
}

Value BackupFull(std::span<const Value> a) { return RunBackup(a[0].string_value(), ""); }

Value BackupIncremental(std::span<const Value> a) {
  return RunBackup(a[0].string_value(), a[1].string_value());
}

constexpr Oid k0 = type_oid::kInvalid;

const SqlFunction kFunctions[] = {
    {"strata_checkpoint", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kBool,
     {"strata_checkpoint", Checkpoint}},
    {"strata_compact", {k0, k0, k0, k0, k0, k0, k0}, 0, type_oid::kInt8,
     {"strata_compact", CompactAll}},
    {"strata_compact", {type_oid::kOid, k0, k0, k0, k0, k0, k0}, 1, type_oid::kInt8,
     {"strata_compact", CompactTable}},
    {"strata_backup", {type_oid::kText, k0, k0, k0, k0, k0, k0}, 1, type_oid::kText,
     {"strata_backup", BackupFull}},
    {"strata_backup", {type_oid::kText, type_oid::kText, k0, k0, k0, k0, k0}, 2, type_oid::kText,
     {"strata_backup", BackupIncremental}},
};

}  // namespace

void InstallAdminDatabase(Database* database) { admin_database.store(database); }

std::span<const SqlFunction> AdminSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
