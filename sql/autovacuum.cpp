// The background analyzer (see autovacuum.h).
#include "sql/autovacuum.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <string>
#include <vector>

#include "catalog/table_statistics.h"
#include "common/logging.h"
#include "common/sql_error.h"
#include "sql/commands/maintenance_commands.h"
#include "sql/commands/relation_locks.h"
#include "sql/database.h"
#include "sql/settings/session_settings.h"
#include "sql/table_stats.h"
#include "sql/types/datetime_context.h"

namespace strata::sql {

namespace {

// The settings of one round, from the server's configuration.
struct RoundSettings {
  bool enabled = true;
  int64_t threshold = 50;
  double scale_factor = 0.1;
  int64_t naptime_s = 60;
};

RoundSettings ReadSettings(SessionSettings* settings) {
  settings->RefreshConfig();
  RoundSettings r;
  r.enabled = settings->Show("autovacuum") == "on";
  r.threshold = settings->IntValue("autovacuum_analyze_threshold");
  try {
    r.scale_factor = std::stod(settings->Show("autovacuum_analyze_scale_factor"));
  } catch (const std::exception&) {
  }
  r.naptime_s = std::max<int64_t>(1, settings->IntValue("autovacuum_naptime"));
  return r;
}

bool IsTemporary(const catalog::CatalogSnapshot& cat, const catalog::TableDesc& t) {
  const catalog::NamespaceDesc* ns = cat.FindNamespace(t.namespace_oid);
  return ns == nullptr || ns->name.rfind("pg_temp_", 0) == 0;
}

// ANALYZE of one table in its own transaction. False if skipped (its lock
// was not free, or it is gone).
bool AnalyzeOne(Database* db, catalog::Oid oid) {
  auto txn = db->txns()->Begin();
  txn::LockRequestOptions options;
  options.policy = txn::LockWaitPolicy::kNoWait;
  bool waited = false;
  if (txn->LockRelation(oid, kLockDatabaseOid, txn::RelationLockMode::kShareUpdateExclusive,
                        options, nullptr, &waited) != txn::LockOutcome::kAcquired) {
    txn->Rollback();
    return false;
  }
  // Read what committed before the lock was ours (an ALTER TABLE, a DROP).
  txn->NewStatementSnapshot();
  std::shared_ptr<const catalog::CatalogSnapshot> cat = db->catalog()->Current();
  const catalog::TableDesc* table = cat->FindTable(oid);
  if (table == nullptr) {
    txn->Rollback();
    return false;
  }
  std::vector<int> attnums;
  for (const catalog::ColumnDesc& c : table->columns) {
    if (!c.dropped) attnums.push_back(c.attnum);
  }
  catalog::TableStatistics stats;
  try {
    stats = AnalyzeTable(txn.get(), *table, attnums);
    catalog::PutTableStatistics(txn.get(), db->catalog()->key_scope(), stats);
  } catch (...) {
    txn->Rollback();
    throw;
  }
  if (Status s = txn->Commit(); !s.ok()) ThrowStatus(s);
  GlobalTableStats().ReportAnalyze(oid, std::llround(stats.reltuples), /*autoanalyze=*/true,
                                   CurrentTimestamp());
  return true;
}

}  // namespace

bool NeedsAutoanalyze(int64_t mod_since_analyze, double reltuples, int64_t base_threshold,
                      double scale_factor) {
  if (reltuples < 0) reltuples = 0;
  const double threshold = static_cast<double>(base_threshold) + scale_factor * reltuples;
  return static_cast<double>(mod_since_analyze) > threshold;
}

Autovacuum::Autovacuum(Database* db) : db_(db) {}

Autovacuum::~Autovacuum() { Stop(); }

void Autovacuum::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void Autovacuum::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int Autovacuum::RunRound() {
  SessionSettings settings;
  const RoundSettings r = ReadSettings(&settings);
  if (!r.enabled) return 0;
  int analyzed = 0;
  std::shared_ptr<const catalog::CatalogSnapshot> root = db_->catalog()->Current();
  for (const auto& [db_oid, desc] : root->databases()) {
    Database* db = db_->Find(db_oid);
    if (db == nullptr) continue;
    std::shared_ptr<const catalog::CatalogSnapshot> cat = db->catalog()->Current();
    for (const auto& [oid, table] : cat->tables()) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stopping_) return analyzed;
      }
      if (IsTemporary(*cat, *table)) continue;
      const int64_t modified = GlobalTableStats().Table(oid).value_or(TableStatCounts{})
                                   .mod_since_analyze;
      if (modified <= r.threshold) continue;  // cheap test before reading reltuples
      double reltuples = 0;
      {
        auto txn = db->txns()->Begin();
        auto stats = catalog::ReadTableStatistics(txn.get(), db->catalog()->key_scope(), oid);
        if (stats.ok() && stats.value().has_value()) reltuples = stats.value()->reltuples;
        txn->Rollback();
      }
      if (!NeedsAutoanalyze(modified, reltuples, r.threshold, r.scale_factor)) continue;
      try {
        if (AnalyzeOne(db, oid)) {
          ++analyzed;
          STRATA_LOG_DEBUG("automatic analyze of table \"{}.{}\"", db->name(), table->name);
        }
      } catch (const std::exception& e) {  // SqlError included
        STRATA_LOG_WARNING("automatic analyze of table \"{}\" failed: {}", table->name,
                           e.what());
      } catch (...) {
        STRATA_LOG_WARNING("automatic analyze of table \"{}\" failed", table->name);
      }
    }
  }
  return analyzed;
}

void Autovacuum::Loop() {
  SessionSettings settings;
  while (true) {
    int64_t naptime_s = 60;
    try {
      naptime_s = ReadSettings(&settings).naptime_s;
    } catch (const std::exception& e) {
      STRATA_LOG_WARNING("autovacuum: could not read its settings: {}", e.what());
    }
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, std::chrono::seconds(naptime_s), [this] { return stopping_; });
      if (stopping_) return;
    }
    try {
      RunRound();
    } catch (const std::exception& e) {
      STRATA_LOG_WARNING("autovacuum round failed: {}", e.what());
    } catch (...) {
      STRATA_LOG_WARNING("autovacuum round failed");
    }
  }
}

}  // namespace strata::sql
