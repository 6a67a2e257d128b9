// ParallelAgg (see node_parallel_agg.h).
#include "sql/executor/node_parallel_agg.h"

#include <algorithm>
#include <atomic>
#include <unordered_map>

#include "common/sql_error.h"
#include "sql/executor/agg_combine.h"
#include "sql/executor/agg_transition.h"
#include "sql/executor/explain_writer.h"
#include "sql/executor/key_hash.h"
#include "sql/executor/statement_worker.h"
#include "sql/settings/session_settings.h"

namespace strata::sql {

struct ParallelAgg::Groups {
  std::unordered_map<std::string, size_t, KeyBytesHash> index;
  std::vector<std::string> key_bytes;
  std::vector<Row> keys;
  std::vector<std::vector<AggState>> states;
  // Sorted form: the groups in key order (filled by SortGroups).
  std::vector<size_t> order;
};

namespace {

// Aggregates `input`'s rows into `out` until they end or `stop` is set.
void AggregateShare(PlanNode& input, const std::vector<BoundExprPtr>& keys,
                    const std::vector<AggregateCall>& aggs, const std::vector<Value>* params,
                    const std::atomic<bool>* stop, ParallelAgg::Groups* out) {
  std::vector<KeyColumn> key_columns;
  for (const BoundExprPtr& k : keys) key_columns.emplace_back(k->type().oid);
  if (keys.empty()) {
    out->key_bytes.emplace_back();
    out->keys.emplace_back();
    out->states.emplace_back(aggs.size());
  }
  EvalContext ctx(params);
  Row row, key_values;
  input.Init();
  while ((stop == nullptr || !stop->load(std::memory_order_relaxed)) && input.Next(&row)) {
    ctx.SetRow(&row);
    size_t g = 0;
    if (!keys.empty()) {
      key_values.clear();
      std::string key;
      for (size_t i = 0; i < keys.size(); ++i) {
        key_values.push_back(keys[i]->Evaluate(ctx));
        AppendKeyDatum(key_columns[i], key_values.back(), &key);
      }
      auto it = out->index.find(key);
      if (it == out->index.end()) {
        it = out->index.emplace(key, out->keys.size()).first;
        out->key_bytes.push_back(std::move(key));
        out->keys.push_back(key_values);
        out->states.emplace_back(aggs.size());
      }
      g = it->second;
    }
    for (size_t a = 0; a < aggs.size(); ++a) AdvanceRow(aggs[a], out->states[g][a], ctx);
  }
  input.Close();
}

// The Sort of the sorted form: the share's groups in key order.
void SortGroups(ParallelAgg::Groups* g, bool descending) {
  g->order.resize(g->keys.size());
  for (size_t i = 0; i < g->order.size(); ++i) g->order[i] = i;
  std::sort(g->order.begin(), g->order.end(), [g, descending](size_t a, size_t b) {
    return descending ? g->key_bytes[b] < g->key_bytes[a] : g->key_bytes[a] < g->key_bytes[b];
  });
}

}  // namespace

ParallelAgg::ParallelAgg(int workers_planned, std::shared_ptr<ParallelScanShared> shared,
                         PlanNodePtr leader_input, PartialPlanFactory factory,
                         const std::vector<BoundExprPtr>* keys,
                         const std::vector<AggregateCall>* aggs, const std::vector<Value>* params,
                         bool sorted, bool descending)
    : workers_planned_(workers_planned),
      shared_(std::move(shared)),
      factory_(std::move(factory)),
      keys_(keys),
      aggs_(aggs),
      params_(params),
      sorted_(sorted),
      descending_(descending),
      describe_(std::make_unique<HashAgg>(std::move(leader_input), keys, aggs, params)) {}

ParallelAgg::~ParallelAgg() { StopWorkers(); }

void ParallelAgg::StopWorkers() noexcept {
  shared_->Stop();
  workers_.clear();  // each asks its thread to stop and joins it
  if (launched_ > 0) ReleaseParallelWorkers(launched_);
  launched_ = 0;
}

PlanNode* ParallelAgg::LeaderInput() {
  PlanNode* input = nullptr;
  describe_->ForEachChild([&input](PlanNodePtr& child) { input = child.get(); });
  return input;
}

void ParallelAgg::ForEachChild(const std::function<void(PlanNodePtr&)>& fn) {
  describe_->ForEachChild(fn);
}

void ParallelAgg::Init() {
  StopWorkers();
  output_.clear();
  next_ = 0;
  shared_->Reset();
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  bool leader_participates =
      settings == nullptr || settings->Show("parallel_leader_participation") != "off";
  const int limit =
      settings == nullptr ? 8 : static_cast<int>(settings->IntValue("max_parallel_workers"));
  launched_ = ReserveParallelWorkers(workers_planned_, limit);
  last_launched_ = launched_;
  const int launched_count = launched_;
  if (launched_ == 0) leader_participates = true;
  std::vector<Groups> shares(static_cast<size_t>(launched_) + 1);
  const std::vector<BoundExprPtr>* keys = keys_;
  const std::vector<AggregateCall>* aggs = aggs_;
  const std::vector<Value>* params = params_;
  const bool sorted = sorted_;
  const bool descending = descending_;
  for (int i = 0; i < launched_; ++i) {
    std::shared_ptr<PlanNode> copy(factory_(shared_).release());
    Groups* out = &shares[static_cast<size_t>(i) + 1];
    std::shared_ptr<ParallelScanShared> shared = shared_;
    workers_.push_back(std::make_unique<StatementWorker>(
        [copy, out, keys, aggs, params, shared, sorted,
         descending](const std::atomic<bool>& stop) mutable {
          try {
            AggregateShare(*copy, *keys, *aggs, params, &stop, out);
            if (sorted) SortGroups(out, descending);
          } catch (...) {
            shared->Stop();  // the others end their shares soon
            copy.reset();
            throw;
          }
          copy.reset();
        }));
  }
  try {
    if (leader_participates) {
      AggregateShare(*LeaderInput(), *keys_, *aggs_, params_, nullptr, &shares[0]);
      if (sorted_) SortGroups(&shares[0], descending_);
    }
    for (auto& w : workers_) {
      try {
        w->Wait();
      } catch (SqlError& e) {
        if (e.sqlstate() == SqlState::kQueryCanceled) throw;
        SqlErrorFields fields = e.fields();
        fields.context =
            fields.context.empty() ? "parallel worker" : fields.context + "\nparallel worker";
        throw SqlError(std::move(fields));
      }
    }
  } catch (...) {
    StopWorkers();
    throw;
  }
  StopWorkers();
  gathered_ = 0;
  for (const Groups& g : shares) gathered_ += g.keys.size();
  processes_ = static_cast<uint64_t>(launched_count) + (leader_participates ? 1 : 0);
  if (sorted_) {
    MergeSorted(&shares);
    return;
  }
  // Combine every share into the first, in the order the groups appeared.
  Groups& all = shares[0];
  for (size_t s = 1; s < shares.size(); ++s) {
    Groups& part = shares[s];
    for (size_t g = 0; g < part.keys.size(); ++g) {
      size_t into = 0;
      if (!keys_->empty()) {
        auto it = all.index.find(part.key_bytes[g]);
        if (it == all.index.end()) {
          it = all.index.emplace(part.key_bytes[g], all.keys.size()).first;
          all.key_bytes.push_back(part.key_bytes[g]);
          all.keys.push_back(std::move(part.keys[g]));
          all.states.emplace_back(aggs_->size());
        }
        into = it->second;
      } else if (all.keys.empty()) {
        all.key_bytes.emplace_back();
        all.keys.emplace_back();
        all.states.emplace_back(aggs_->size());
      }
      for (size_t a = 0; a < aggs_->size(); ++a) {
        CombineAggStates((*aggs_)[a], all.states[into][a], part.states[g][a]);
      }
    }
  }
  if (keys_->empty() && all.keys.empty()) {  // no process aggregated (none ran)
    all.keys.emplace_back();
    all.states.emplace_back(aggs_->size());
  }
  for (size_t g = 0; g < all.keys.size(); ++g) {
    Row out = std::move(all.keys[g]);
    for (size_t a = 0; a < aggs_->size(); ++a) out.push_back(Finish((*aggs_)[a], all.states[g][a]));
    output_.push_back(std::move(out));
  }
}

void ParallelAgg::MergeSorted(std::vector<Groups>* shares) {
  // Gather Merge: the smallest next key of any share; Finalize
  // GroupAggregate: equal keys (adjacent now) combine into one group.
  std::vector<size_t> pos(shares->size(), 0);
  const std::string* current = nullptr;
  Row current_keys;
  std::vector<AggState> current_states;
  auto emit = [&] {
    Row out = std::move(current_keys);
    for (size_t a = 0; a < aggs_->size(); ++a) out.push_back(Finish((*aggs_)[a], current_states[a]));
    output_.push_back(std::move(out));
  };
  while (true) {
    size_t best = shares->size();
    for (size_t s = 0; s < shares->size(); ++s) {
      const Groups& g = (*shares)[s];
      if (pos[s] >= g.order.size()) continue;
      if (best == shares->size()) {
        best = s;
        continue;
      }
      const std::string& key = g.key_bytes[g.order[pos[s]]];
      const std::string& best_key = (*shares)[best].key_bytes[(*shares)[best].order[pos[best]]];
      if (descending_ ? best_key < key : key < best_key) best = s;
    }
    if (best == shares->size()) break;
    Groups& g = (*shares)[best];
    const size_t i = g.order[pos[best]++];
    if (current == nullptr || *current != g.key_bytes[i]) {
      if (current != nullptr) emit();
      current = &g.key_bytes[i];
      current_keys = std::move(g.keys[i]);
      current_states = std::vector<AggState>(aggs_->size());
    }
    for (size_t a = 0; a < aggs_->size(); ++a) {
      CombineAggStates((*aggs_)[a], current_states[a], g.states[i][a]);
    }
  }
  if (current != nullptr) emit();
}

bool ParallelAgg::Next(Row* row) {
  if (next_ >= output_.size()) return false;
  *row = std::move(output_[next_++]);
  return true;
}

void ParallelAgg::Close() {
  StopWorkers();
  output_.clear();
}

std::vector<std::string> ParallelAgg::Describe(ExplainWriter& w) const {
  ExplainLabels labels = w.Describe(*describe_);
  ExplainEntry* fin = w.LastNode();
  if (fin == nullptr) return labels;
  // HashAgg made "Aggregate" / "HashAggregate" over the input: it becomes
  // Finalize <name> -> Gather -> Partial <name> -> input, the group keys
  // shown on both aggregation entries.
  auto partial = std::make_unique<ExplainEntry>();
  partial->name = "Partial " + fin->name;
  // Above the Partial entry the keys are its output columns: a computed
  // one prints parenthesized, as a reference.
  std::string group_key;
  for (size_t i = 0; i < keys_->size() && i < labels.size(); ++i) {
    if (i > 0) group_key += ", ";
    group_key += ExplainWriter::Ref(labels[i]);
  }
  for (auto& p : fin->properties) {
    if (p.first != "Group Key") continue;
    partial->properties.push_back(p);
    p.second = group_key;
  }
  partial->children = std::move(fin->children);
  if (sorted_) {
    auto sort = std::make_unique<ExplainEntry>();
    sort->name = "Sort";
    sort->properties.emplace_back("Sort Key", descending_ ? group_key + " DESC" : group_key);
    sort->children.push_back(std::move(partial));
    partial = std::move(sort);
  }
  auto gather = std::make_unique<ExplainEntry>();
  gather->name = sorted_ ? "Gather Merge" : "Gather";
  gather->properties.emplace_back("Workers Planned", std::to_string(workers_planned_));
  if (w.options().analyze) {
    gather->properties.emplace_back("Workers Launched", std::to_string(last_launched_));
  }
  gather->children.push_back(std::move(partial));
  fin->children.clear();
  fin->children.push_back(std::move(gather));
  fin->name = sorted_ ? "Finalize GroupAggregate" : "Finalize " + fin->name;
  if (fin->has_actual) {
    // EXPLAIN ANALYZE: the Gather passed every process's groups up once;
    // the Partial entry shows them per process, as PostgreSQL averages a
    // parallel node's rows over its loops.
    ExplainEntry* g = fin->children.front().get();
    g->has_actual = true;
    g->actual_first_ms = fin->actual_first_ms;
    g->actual_total_ms = fin->actual_total_ms;
    g->actual_rows = gathered_;
    g->loops = 1;
    ExplainEntry* p = g->children.front().get();
    if (sorted_) {
      p->has_actual = true;
      p->actual_rows = gathered_;
      p->loops = std::max<uint64_t>(processes_, 1);
      p = p->children.front().get();
    }
    p->has_actual = true;
    p->actual_rows = gathered_;
    p->loops = std::max<uint64_t>(processes_, 1);
  }
  if (has_costs_ && w.options().costs) {
    auto set = [](ExplainEntry* e, const PlanNode::Estimate& c) {
      e->startup_cost = c.startup;
      e->total_cost = c.total;
      e->rows = c.rows;
      e->width = c.width;
      e->costed = true;
    };
    set(fin, costs_.finalize);
    ExplainEntry* g = fin->children.front().get();
    set(g, costs_.gather);
    ExplainEntry* below = g->children.front().get();
    if (sorted_) {  // the Sort: the partial groups, sorted
      set(below, costs_.partial);
      below = below->children.front().get();
    }
    set(below, costs_.partial);
  }
  return labels;
}

}  // namespace strata::sql
