// Subqueries as expressions: analysis and runs (see subquery_runner.h).
#include "sql/commands/subquery_runner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

#include "sql/commands/correlated_lookup.h"
#include "sql/commands/run_query.h"
#include "sql/commands/user_function_call.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

class Subquery;

// The subquery whose query is being bound or run on this thread (null at
// the statement's own level).
thread_local Subquery* running = nullptr;

// Rows kept by one subquery's result memo, at most.
constexpr size_t kMemoRowLimit = 200000;

// Whether the query text calls a function whose result may change between
// two runs with the same outer values (then nothing is memoized): a volatile
// built-in, or any user-defined function (its body may write or call
// volatile functions whatever it is declared; PostgreSQL runs a correlated
// subquery again per outer row). A conservative text search: a false
// positive only costs speed.
bool MayCallVolatile(const CommandContext& ctx) {
  std::string lower(ctx.query);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* name : {"random", "nextval", "setval", "clock_timestamp", "timeofday",
                           "gen_random_uuid", "txid_current", "pg_current_xact_id", "pg_sleep",
                           "currval", "lastval", "set_config"}) {
    if (lower.find(name) != std::string::npos) return true;
  }
  if (ctx.catalog != nullptr) {
    for (const auto& [oid, function] : ctx.catalog->functions()) {
      std::string name = function->name;
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (lower.find(name) != std::string::npos) return true;
    }
  }
  return false;
}

class Subquery final : public SubqueryRunner {
 public:
  Subquery(const CommandContext& ctx, const ast::SelectStatement& select)
      : ctx_(ctx), select_(select), replay_(this), memo_(!MayCallVolatile(ctx)) {}

  std::vector<std::vector<Value>> Run(int64_t) override {
    // A correlated subquery's rows depend only on the outer values it
    // reads (and the statement's snapshot and parameters): memoized by them.
    std::string key;
    const bool memo = memo_ && correlated_ && OuterKey(&key);
    if (memo) {
      auto it = results_.find(key);
      if (it != results_.end()) return it->second;
    }
    CommandContext run = ctx_;
    run.outer = &replay_;
    run.analyze_only = false;
    ScopedLookupCache lookups(&lookup_cache_);
    Subquery* previous = running;
    running = this;
    analysis_calls_.clear();
    std::vector<std::vector<Value>> rows;
    try {
      rows = RunQuery(run, select_).rows;
    } catch (...) {
      running = previous;
      throw;
    }
    running = previous;
    if (memo && memo_rows_ + rows.size() + 1 <= kMemoRowLimit) {
      memo_rows_ += rows.size() + 1;
      results_.emplace(std::move(key), rows);
    }
    return rows;
  }
  bool correlated() const override { return correlated_; }

  // Analyses of the subqueries inside this one's query, made while it is
  // bound: every run binds the same query the same way, so the n-th
  // analysis of a given subquery in a run is the n-th of the first run and
  // can be reused (with its caches) instead of redone.
  std::optional<AnalyzedSubquery> FindAnalysis(const CommandContext& ctx,
                                               const ast::SelectStatement& select,
                                               std::pair<const void*, int>* slot) {
    // Only subqueries of this statement's own text: other ASTs (views) are
    // parsed anew per run and their nodes' addresses may be reused.
    if (ctx.query != ctx_.query) return std::nullopt;
    *slot = {&select, analysis_calls_[&select]++};
    auto it = analyses_.find(*slot);
    if (it == analyses_.end()) return std::nullopt;
    return it->second;
  }
  void KeepAnalysis(std::pair<const void*, int> slot, const AnalyzedSubquery& a) {
    analyses_.emplace(slot, a);
  }

  // Resolves the outer references analysis found again through `outer`: a
  // reused analysis skips binding, but the enclosing query, bound anew,
  // must still learn which of its columns this subquery reads (its scans
  // decode only those, bind_scope.h's ColumnUse).
  void ResolveOuterAgain(OuterResolver* outer) const {
    if (outer == nullptr) return;
    for (const auto& [ref, column] : resolved_) outer->ResolveOuter(*ref);
  }

  // Forwards to the enclosing level while analyzing, noting the answers.
  class Recorder final : public OuterResolver {
   public:
    Recorder(Subquery* owner, OuterResolver* outer) : owner_(owner), outer_(outer) {}
    std::optional<OuterColumn> ResolveOuter(const ast::ColumnRefExpr& ref) override {
      if (outer_ == nullptr) return std::nullopt;
      std::optional<OuterColumn> found = outer_->ResolveOuter(ref);
      if (found.has_value()) {
        owner_->correlated_ = true;
        owner_->resolved_[&ref] = *found;
      }
      return found;
    }
    std::optional<OuterColumn> ResolveOuterAggregate(const ast::FuncCallExpr& call) override {
      if (outer_ == nullptr) return std::nullopt;
      std::optional<OuterColumn> found = outer_->ResolveOuterAggregate(call);
      if (found.has_value()) {
        owner_->correlated_ = true;
        owner_->aggregates_[&call] = *found;
      }
      return found;
    }

   private:
    Subquery* owner_;
    OuterResolver* outer_;
  };

  // Answers as analysis did.
  class Replay final : public OuterResolver {
   public:
    explicit Replay(Subquery* owner) : owner_(owner) {}
    std::optional<OuterColumn> ResolveOuter(const ast::ColumnRefExpr& ref) override {
      auto it = owner_->resolved_.find(&ref);
      if (it == owner_->resolved_.end()) return std::nullopt;
      return it->second;
    }
    std::optional<OuterColumn> ResolveOuterAggregate(const ast::FuncCallExpr& call) override {
      auto it = owner_->aggregates_.find(&call);
      if (it == owner_->aggregates_.end()) return std::nullopt;
      return it->second;
    }

   private:
    Subquery* owner_;
  };

 private:
  // The outer values this subquery reads, as text; false if one is missing.
  bool OuterKey(std::string* key) const {
    std::map<std::pair<int, int>, bool> read;
    for (const auto& [ref, column] : resolved_) read[{column.levels_up, column.slot}] = true;
    for (const auto& [call, column] : aggregates_) read[{column.levels_up, column.slot}] = true;
    for (const auto& [position, unused] : read) {
      const Value* v = OuterValue(position.first, position.second);
      if (v == nullptr) return false;
      key->append(std::to_string(v->type()));
      if (v->is_null()) {
        key->append("N");
      } else {
        const std::string text = OutputValue(*v);
        key->append(":" + std::to_string(text.size()) + ":");
        key->append(text);
      }
    }
    return true;
  }

  const CommandContext ctx_;
  const ast::SelectStatement& select_;
  bool correlated_ = false;
  std::unordered_map<const ast::ColumnRefExpr*, OuterColumn> resolved_;
  std::unordered_map<const ast::FuncCallExpr*, OuterColumn> aggregates_;
  Replay replay_;
  CorrelatedLookupCache lookup_cache_;
  const bool memo_;
  std::unordered_map<std::string, std::vector<std::vector<Value>>> results_;
  size_t memo_rows_ = 0;
  std::map<const void*, int> analysis_calls_;
  std::map<std::pair<const void*, int>, AnalyzedSubquery> analyses_;
};

}  // namespace

AnalyzedSubquery AnalyzeSubquery(const CommandContext& ctx, const ast::SelectStatement& select,
                                 OuterResolver* outer) {
  std::pair<const void*, int> slot{nullptr, 0};
  Subquery* parent = running;
  if (parent != nullptr) {
    if (std::optional<AnalyzedSubquery> known = parent->FindAnalysis(ctx, select, &slot)) {
      if (const auto* reused = dynamic_cast<const Subquery*>(known->runner.get())) {
        reused->ResolveOuterAgain(outer);
      }
      return *known;
    }
  }
  auto subquery = std::make_shared<Subquery>(ctx, select);
  Subquery::Recorder recorder(subquery.get(), outer);
  CommandContext analyze = ctx;
  analyze.outer = &recorder;
  analyze.analyze_only = true;
  // The subquery's own subqueries are analyzed fresh (its first binding).
  running = nullptr;
  QueryRows q;
  try {
    q = RunQuery(analyze, select);
  } catch (...) {
    running = parent;
    throw;
  }
  running = parent;
  AnalyzedSubquery out;
  out.names = std::move(q.names);
  out.types = std::move(q.types);
  out.runner = std::move(subquery);
  if (parent != nullptr && slot.first != nullptr) parent->KeepAnalysis(slot, out);
  return out;
}

Binder CommandContext::MakeBinder() const {
  Binder binder(query, params);
  binder.SetOuter(outer);
  binder.SetSubqueryAnalyzer([ctx = *this](const ast::SelectStatement& select,
                                           OuterResolver* resolver) {
    return AnalyzeSubquery(ctx, select, resolver);
  });
  if (catalog != nullptr && !catalog->functions().empty()) {
    binder.SetUserFunctionBinder([ctx = *this](Binder& b, const ast::FuncCallExpr& call,
                                               std::vector<BoundExprPtr>& args, bool srf) {
      return BindUserFunctionCall(ctx, b, call, args, srf);
    });
  }
  return binder;
}

}  // namespace strata::sql
