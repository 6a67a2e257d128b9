// SequenceValues: the values sequences have reached, shared by all sessions
// of a Database. nextval() and setval() change them outside any transaction
// (a rolled-back INSERT does not give its serial values back), as in
// PostgreSQL.
//
// Durability: like PostgreSQL (SEQ_LOG_VALS), a value record is written with
// sync only every kLogAhead calls, and it records the value kLogAhead steps
// ahead of the one just handed out. After a crash the sequence resumes after
// that logged value: values may be skipped, never handed out twice.
//
// Thread safety: all methods may be called concurrently; one mutex orders
// every sequence's calls.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

#include "catalog/catalog.h"
#include "catalog/catalog_objects.h"
#include "storage/engine.h"

namespace strata::sql {

class SequenceValues {
 public:
  static constexpr int64_t kLogAhead = 32;

  // LIFETIME: `engine` outlives this object.
  explicit SequenceValues(storage::Engine* engine) : engine_(engine) {}

  // nextval(): the next value of `seq` under its current definition. Throws
  // SqlError 2200H when a sequence without CYCLE is exhausted.
  int64_t Next(const catalog::SequenceDesc& seq);

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
  void Persist(const catalog::SequenceDesc& seq, int64_t value, bool is_called);

  storage::Engine* engine_;
  std::mutex mu_;
  std::map<catalog::Oid, State> states_;  // guarded by mu_
};

// One step of `seq` after `value`: the next value, wrapping around with
// CYCLE. Throws SqlError 2200H (nextval's message) at the end without CYCLE.
int64_t SequenceStep(const catalog::SequenceDesc& seq, int64_t value);

}  // namespace strata::sql
