// Sequence values: nextval's arithmetic and the log-ahead persistence (see
// sequence_values.h).
#include "sql/sequences/sequence_values.h"

#include <string>

#include "catalog/catalog_records.h"
#include "common/sql_error.h"

namespace strata::sql {

namespace {

[[noreturn]] void ThrowStorage(const Status& s) {
  if (s.IsNoSpace()) throw SqlError(SqlState::kDiskFull, s.ToString());
  if (s.IsCorruption()) throw SqlError(SqlState::kDataCorrupted, s.ToString());
  throw SqlError(SqlState::kInternalError, s.ToString());
}

}  // namespace

int64_t SequenceStep(const catalog::SequenceDesc& seq, int64_t value) {
  const int64_t inc = seq.increment;
  if (inc > 0 ? value > seq.max_value - inc : value < seq.min_value - inc) {
    if (!seq.cycle) {
      const bool up = inc > 0;
      throw SqlError(SqlState::kSequenceGeneratorLimitExceeded,
                     std::string("nextval: reached ") + (up ? "maximum" : "minimum") +
                         " value of sequence \"" + seq.name + "\" (" +
                         std::to_string(up ? seq.max_value : seq.min_value) + ")");
    }
    return inc > 0 ? seq.min_value : seq.max_value;
  }
  return value + inc;
}

SequenceValues::State& SequenceValues::Load(const catalog::SequenceDesc& seq) {
  auto it = states_.find(seq.oid);
  if (it != states_.end()) return it->second;
  State state;
  state.last_value = seq.start;
  Result<std::string> stored = engine_->Get(storage::ReadOptions{}, storage::kDefaultTree,
                                            scope_ + catalog::SequenceValueKey(seq.oid));
  if (stored.ok()) {
    auto record = catalog::DecodeSequenceValue(stored.value());
    if (!record) {
      throw SqlError(SqlState::kDataCorrupted,
                     "bad value record of sequence \"" + seq.name + "\"");
    }
    state.last_value = record->last_value;
    state.is_called = record->is_called;
  } else if (!stored.status().IsNotFound()) {
    ThrowStorage(stored.status());
  }
  // A sequence created by a transaction that has not committed yet has no
  // record: it starts at START, as the record its commit writes says.
  return states_.emplace(seq.oid, state).first->second;
}

void SequenceValues::Persist(const catalog::SequenceDesc& seq, int64_t value, bool is_called,
                             bool sync) {
  storage::WriteBatch batch;
  std::string record = catalog::EncodeSequenceValue({value, is_called});
  batch.Put(storage::kDefaultTree, scope_ + catalog::SequenceValueKey(seq.oid), record);
  storage::WriteOptions options;
  options.sync = sync;
  if (Status s = engine_->Write(options, &batch); !s.ok()) ThrowStorage(s);
  if (sync) {
    unsynced_.reset();
  } else {
    unsynced_.emplace(seq.oid, std::move(record));
  }
}

void SequenceValues::SyncLogged() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!unsynced_) return;
  // Rewriting the newest unsynced record (it is still its sequence's newest:
  // later writes of that sequence would have replaced it here) with sync
  // syncs the WAL through every record before it.
  storage::WriteBatch batch;
  batch.Put(storage::kDefaultTree, scope_ + catalog::SequenceValueKey(unsynced_->first), unsynced_->second);
  storage::WriteOptions options;
  options.sync = true;
  if (Status s = engine_->Write(options, &batch); !s.ok()) ThrowStorage(s);
  unsynced_.reset();
}

int64_t SequenceValues::Next(const catalog::SequenceDesc& seq) {
  std::lock_guard<std::mutex> lock(mu_);
  State& state = Load(seq);
  const int64_t value = state.is_called ? SequenceStep(seq, state.last_value) : state.last_value;
  if (state.log_count <= 0) {
    // Log the value kLogAhead steps on (or the last one before the end),
    // so the next kLogAhead calls need no write.
    int64_t logged = value;
    int64_t steps = 0;
    for (; steps < kLogAhead; ++steps) {
      try {
        logged = SequenceStep(seq, logged);
      } catch (const SqlError&) {
        break;  // exhausted without CYCLE: log up to the end
      }
    }
    Persist(seq, logged, true, /*sync=*/false);
    state.log_count = steps;
  } else {
    --state.log_count;
  }
  state.last_value = value;
  state.is_called = true;
  return value;
}

void SequenceValues::Set(const catalog::SequenceDesc& seq, int64_t value, bool is_called) {
  std::lock_guard<std::mutex> lock(mu_);
  State& state = Load(seq);
  Persist(seq, value, is_called, /*sync=*/true);
  state.last_value = value;
  state.is_called = is_called;
  state.log_count = 0;
}

Status SequenceValues::Flush(const catalog::CatalogSnapshot& catalog) {
  std::lock_guard<std::mutex> lock(mu_);
  storage::WriteBatch batch;
  bool any = false;
  for (const auto& [oid, state] : states_) {
    if (catalog.FindSequence(oid) == nullptr) continue;  // dropped
    batch.Put(storage::kDefaultTree, scope_ + catalog::SequenceValueKey(oid),
              catalog::EncodeSequenceValue({state.last_value, state.is_called}));
    any = true;
  }
  if (!any) return Status::OK();
  storage::WriteOptions options;
  options.sync = true;
  Status s = engine_->Write(options, &batch);
  if (s.ok()) unsynced_.reset();
  return s;
}

std::pair<int64_t, bool> SequenceValues::Peek(const catalog::SequenceDesc& seq) {
  std::lock_guard<std::mutex> lock(mu_);
  State& state = Load(seq);
  return {state.last_value, state.is_called};
}

int64_t SequenceValues::LogCount(const catalog::SequenceDesc& seq) {
  std::lock_guard<std::mutex> lock(mu_);
  return Load(seq).log_count;
}

}  // namespace strata::sql
