// SequenceValues: the values sequences have reached, shared by all sessions
// of a Database. nextval() and setval() change them outside any transaction
// (a rolled-back INSERT does not give its serial values back), as in
// PostgreSQL.
//
// Durability: like PostgreSQL (SEQ_LOG_VALS), a value record is written only
// every kLogAhead calls, and it records the value kLogAhead steps ahead of
// the one just handed out. After a crash the sequence resumes after that
// logged value: values may be skipped, never handed out twice to committed
// transactions. As in PostgreSQL, the record is not synced on its own: a
// transaction that used nextval makes it durable when it commits, either
// through its own synced commit record (the WAL is synced in order) or, when
// it has none, through SyncLogged() (SyncNextvalLog, sequence_session.h).
//
// Thread safety: all methods may be called concurrently; one mutex orders
// every sequence's calls.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "catalog/catalog.h"
#include "catalog/catalog_objects.h"
#include "storage/engine.h"

namespace strata::sql {

class SequenceValues {
 public:
  static constexpr int64_t kLogAhead = 32;

  // LIFETIME: `engine` outlives this object. `scope`: the key scope of the
  // database whose sequences these are (catalog::Catalog::key_scope()).
  SequenceValues(storage::Engine* engine, std::string scope)
      : engine_(engine), scope_(std::move(scope)) {}

  // nextval(): the next value of `seq` under its current definition. Throws
  // SqlError 2200H when a sequence without CYCLE is exhausted.
  int64_t Next(const catalog::SequenceDesc& seq);

  // Makes the value records nextval wrote without sync durable (one synced
  // write, only if there are such records).
  void SyncLogged();

  // setval() and ALTER SEQUENCE RESTART: the next nextval returns `value`
  // (is_called false) or the value after it (is_called true). Written with
  // sync before returning. REQUIRES: min_value <= value <= max_value.
  void Set(const catalog::SequenceDesc& seq, int64_t value, bool is_called);

  // Clean shutdown: writes every sequence's exact state (not the logged-ahead
  // one) for the sequences `catalog` still has, so a clean restart resumes
  // where nextval stopped (a crash resumes after the logged value).
  [[nodiscard]] Status Flush(const catalog::CatalogSnapshot& catalog);

  // The state a `SELECT last_value, is_called` would show (for tests and
  // views): {last value, is_called}.
  std::pair<int64_t, bool> Peek(const catalog::SequenceDesc& seq);
  // log_cnt of `SELECT * FROM seq`: the nextval calls left before the next
  // value record is written (PostgreSQL's count of logged-ahead values).
  int64_t LogCount(const catalog::SequenceDesc& seq);

 private:
  struct State {
    int64_t last_value = 0;
    bool is_called = false;
    // nextval calls left before the value record must be rewritten.
    int64_t log_count = 0;
  };

  State& Load(const catalog::SequenceDesc& seq);  // REQUIRES: mu_ held
  // Writes the value record of `seq`; with `sync`, every record before it
  // is durable too. REQUIRES: mu_ held.
  void Persist(const catalog::SequenceDesc& seq, int64_t value, bool is_called, bool sync);

  storage::Engine* engine_;
  std::string scope_;
  std::mutex mu_;
  std::map<catalog::Oid, State> states_;  // guarded by mu_
  // The last record written without sync, if no synced write of ours
  // followed it: SyncLogged() rewrites it with sync. Guarded by mu_.
  std::optional<std::pair<catalog::Oid, std::string>> unsynced_;
};

// One step of `seq` after `value`: the next value, wrapping around with
// CYCLE. Throws SqlError 2200H (nextval's message) at the end without CYCLE.
int64_t SequenceStep(const catalog::SequenceDesc& seq, int64_t value);

}  // namespace strata::sql
