// The deferred FOREIGN KEY check queue (deferred_constraints.h).
#include "sql/commands/deferred_constraints.h"

#include "sql/commands/command_context.h"
#include "sql/commands/foreign_keys.h"

namespace strata::sql {

namespace {

thread_local DeferredConstraints* current_deferred = nullptr;

}  // namespace

bool DeferredConstraints::IsDeferred(Oid table_oid, const catalog::ForeignKeyDesc& fk) const {
  if (!fk.deferrable) return false;
  if (auto it = named_.find({table_oid, fk.name}); it != named_.end()) return it->second;
  if (all_.has_value()) return *all_;
  return fk.initially_deferred;
}

void DeferredConstraints::Queue(DeferredCheck check) {
  check.seq = next_seq_++;
  if (!by_key_stale_ && check.kind == DeferredCheck::Kind::kReferencing) {
    by_key_[{check.table_oid, check.key}].push_back(checks_.size());
  }
  checks_.push_back(std::move(check));
}

void DeferredConstraints::RowMoved(Oid table_oid, const std::string& old_key,
                                   const std::string& new_key) {
  if (checks_.empty()) return;
  if (by_key_stale_) {
    by_key_.clear();
    for (size_t i = 0; i < checks_.size(); ++i) {
      if (checks_[i].kind == DeferredCheck::Kind::kReferencing) {
        by_key_[{checks_[i].table_oid, checks_[i].key}].push_back(i);
      }
    }
    by_key_stale_ = false;
  }
  const auto it = by_key_.find({table_oid, old_key});
  if (it == by_key_.end()) return;
  const std::vector<size_t> positions = it->second;
  for (size_t i : positions) {
    DeferredCheck copy = checks_[i];
    copy.key = new_key;
    Queue(std::move(copy));
  }
}

void DeferredConstraints::SetAll(bool deferred) {
  all_ = deferred;
  named_.clear();
}

void DeferredConstraints::Set(Oid table_oid, const std::string& fk_name, bool deferred) {
  named_[{table_oid, fk_name}] = deferred;
}

void DeferredConstraints::Fire(const CommandContext& ctx, bool all) {
  if (checks_.empty()) return;
  std::vector<bool> fired(checks_.size(), false);
  // By index: a check only reads, it never queues another.
  for (size_t i = 0; i < checks_.size(); ++i) {
    const DeferredCheck& check = checks_[i];
    const catalog::TableDesc* table = ctx.catalog->FindTable(check.table_oid);
    const catalog::ForeignKeyDesc* fk = nullptr;
    if (table != nullptr) {
      for (const catalog::ForeignKeyDesc& f : table->foreign_keys) {
        if (f.name == check.fk_name) fk = &f;
      }
    }
    if (fk == nullptr) {  // dropped since: nothing to check
      fired[i] = true;
      continue;
    }
    if (!all && IsDeferred(check.table_oid, *fk)) continue;
    RunDeferredForeignKeyCheck(ctx, *table, *fk, check);
    fired[i] = true;
  }
  std::vector<DeferredCheck> kept;
  for (size_t i = 0; i < checks_.size(); ++i) {
    if (!fired[i]) kept.push_back(std::move(checks_[i]));
  }
  checks_ = std::move(kept);
  by_key_stale_ = true;
}

void DeferredConstraints::RollbackTo(const Mark& mark) {
  while (!checks_.empty() && checks_.back().seq >= mark.seq) checks_.pop_back();
  by_key_stale_ = true;
  all_ = mark.all;
  named_ = mark.named;
}

void DeferredConstraints::Clear() {
  checks_.clear();
  by_key_.clear();
  by_key_stale_ = false;
  all_.reset();
  named_.clear();
}

DeferredConstraints* CurrentDeferredConstraints() { return current_deferred; }

ScopedDeferredConstraints::ScopedDeferredConstraints(DeferredConstraints* deferred)
    : previous_(current_deferred) {
  current_deferred = deferred;
}

ScopedDeferredConstraints::~ScopedDeferredConstraints() { current_deferred = previous_; }

}  // namespace strata::sql
