// Firing a table's triggers (see table_triggers.h).
#include "sql/commands/table_triggers.h"

#include <algorithm>
#include <utility>

#include "catalog/catalog.h"
#include "sql/binder/binder.h"
#include "sql/commands/explain.h"
#include "sql/commands/plpgsql_function.h"
#include "sql/commands/stored_expr.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/transition_tables.h"
#include "sql/commands/trigger_when.h"
#include "sql/executor/plan_node.h"
#include "sql/trigger_depth.h"

namespace strata::sql {

struct TableTriggers::Trigger {
  const catalog::TriggerDesc* desc = nullptr;
  // The WHEN condition, bound on first use over OLD (slots 0..n-1) and NEW
  // (slots n..2n-1); null when there is none.
  bool when_bound = false;
  std::vector<std::unique_ptr<ast::Statement>> when_parsed;
  BindScope when_scope;
  BoundExprPtr when;
  std::shared_ptr<const ast::plpgsql::Function> tree;  // the function's body, parsed once
};

struct TableTriggers::Event {
  std::optional<Row> old_row;
  std::optional<Row> new_row;
  std::vector<bool> fires;  // per after_row_ trigger: passed WHEN / UPDATE OF
};

namespace {

const char* OperationName(int16_t event) {
  switch (event) {
    case catalog::kTriggerTypeInsert: return "INSERT";
    case catalog::kTriggerTypeUpdate: return "UPDATE";
    case catalog::kTriggerTypeDelete: return "DELETE";
    default: return "TRUNCATE";
  }
}

}  // namespace

catalog::TableDesc ViewTriggerTarget(const catalog::ViewDesc& view) {
  catalog::TableDesc t;
  t.oid = view.oid;
  t.namespace_oid = view.namespace_oid;
  t.name = view.name;
  t.owner = view.owner;
  for (size_t i = 0; i < view.columns.size(); ++i) {
    catalog::ColumnDesc c;
    c.name = view.columns[i].name;
    c.type = view.columns[i].type;
    c.typmod = view.columns[i].typmod;
    c.attnum = static_cast<int16_t>(i + 1);
    // ALTER VIEW ... SET DEFAULT: the rows an INSERT makes for the trigger
    // take the view's defaults (NULL where it has none).
    c.default_expr = view.columns[i].default_expr;
    t.columns.push_back(std::move(c));
  }
  t.triggers = view.triggers;
  return t;
}

bool StatementRunsRows(const CommandContext& ctx, const void* stmt) {
  if (ctx.analyze_only) return false;
  return ctx.explain == nullptr || !ctx.explain->Wants(stmt) || ctx.explain->options().analyze;
}

TableTriggers::TableTriggers(const CommandContext& ctx, const catalog::TableDesc& table,
                             int16_t event, std::vector<int16_t> updated_columns)
    : ctx_(ctx), table_(table), event_(event), updated_columns_(std::move(updated_columns)) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!table.columns[i].dropped) live_slots_.push_back(i);
  }
  std::vector<const catalog::TriggerDesc*> firing;
  for (const catalog::TriggerDesc& t : table.triggers) {
    if (t.Fires(event) && t.IsEnabled()) firing.push_back(&t);
  }
  std::sort(firing.begin(), firing.end(),
            [](const auto* a, const auto* b) { return a->name < b->name; });
  for (const catalog::TriggerDesc* t : firing) {
    wants_old_ = wants_old_ || !t->old_table.empty();
    wants_new_ = wants_new_ || !t->new_table.empty();
    auto trigger = std::make_unique<Trigger>();
    trigger->desc = t;
    auto& list = t->IsRow() ? (t->IsBefore() || t->IsInstead() ? before_row_ : after_row_)
                            : (t->IsBefore() ? before_statement_ : after_statement_);
    list.push_back(std::move(trigger));
  }
  if (firing.empty()) return;
  relation_ = std::make_unique<TriggerInvocation>();
  relation_->op = OperationName(event);
  relation_->relid = table.oid;
  relation_->table_name = table.name;
  if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(table.namespace_oid)) {
    relation_->table_schema = ns->name;
  }
  for (size_t i : live_slots_) {
    const catalog::ColumnDesc& c = table.columns[i];
    relation_->column_names.push_back(c.name);
    relation_->column_types.push_back(DataType{c.type, c.typmod});
  }
}

TableTriggers::~TableTriggers() = default;

void TableTriggers::CaptureInto(TableTriggers* collector) {
  collector_ = collector;
  capture_slots_.clear();
  for (size_t slot : collector->live_slots_) {
    capture_slots_.push_back(table_.FindColumn(collector->table_.columns[slot].name));
  }
}

void TableTriggers::Capture(const Row* old_row, const Row* new_row) {
  TableTriggers& c = *collector_;
  if (!c.wants_old_ && !c.wants_new_) return;
  if (collector_ == this && capture_slots_.empty()) {
    capture_slots_.assign(live_slots_.begin(), live_slots_.end());
  }
  const auto live = [&](const Row& row) {
    Row out;
    for (int slot : capture_slots_) {
      out.push_back(slot >= 0 ? row[static_cast<size_t>(slot)] : Value::Null(type_oid::kText));
    }
    return out;
  };
  if (c.wants_old_ && old_row != nullptr) c.old_rows_->push_back(live(*old_row));
  if (c.wants_new_ && new_row != nullptr) c.new_rows_->push_back(live(*new_row));
}

bool TableTriggers::Qualifies(Trigger& t, const Row* old_row, const Row* new_row) {
  if (event_ == catalog::kTriggerTypeUpdate && !t.desc->columns.empty()) {
    bool assigned = false;
    for (int16_t a : t.desc->columns) {
      assigned = assigned || std::find(updated_columns_.begin(), updated_columns_.end(), a) !=
                                 updated_columns_.end();
    }
    if (!assigned) return false;
  }
  if (!t.desc->when.has_value()) return true;
  if (!t.when_bound) {
    t.when = BindTriggerWhen(ctx_, table_, *t.desc->when, &t.when_parsed, &t.when_scope);
    t.when_bound = true;
  }
  const size_t n = table_.columns.size();
  Row both;
  both.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    both.push_back(old_row != nullptr ? (*old_row)[i] : Value::Null(table_.columns[i].type));
  }
  for (size_t i = 0; i < n; ++i) {
    both.push_back(new_row != nullptr ? (*new_row)[i] : Value::Null(table_.columns[i].type));
  }
  EvalContext eval = ctx_.MakeEval();
  return EvaluatePredicate(*t.when, both, eval);
}

std::optional<Row> TableTriggers::Call(Trigger& t, const Row* old_row, const Row* new_row) {
  const catalog::FunctionDesc* fn = ctx_.catalog->FindFunction(t.desc->function);
  if (fn == nullptr) {
    throw SqlError(SqlState::kUndefinedFunction,
                   "function " + std::to_string(t.desc->function) + " of trigger \"" +
                       t.desc->name + "\" does not exist");
  }
  if (fn->language != "plpgsql") {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "trigger functions in LANGUAGE " + fn->language + " are not supported");
  }
  TriggerInvocation tg = *relation_;
  tg.name = t.desc->name;
  tg.when = t.desc->IsBefore() ? "BEFORE" : t.desc->IsInstead() ? "INSTEAD OF" : "AFTER";
  tg.level = t.desc->IsRow() ? "ROW" : "STATEMENT";
  tg.args = t.desc->args;
  const std::vector<size_t>& live = live_slots_;
  const auto to_fields = [&](const Row* row) -> std::optional<Row> {
    if (row == nullptr) return std::nullopt;
    Row fields;
    fields.reserve(live.size());
    for (size_t i : live) fields.push_back((*row)[i]);
    return fields;
  };
  tg.old_row = to_fields(old_row);
  tg.new_row = to_fields(new_row);
  // Its transition tables, if it names any (none otherwise, also hiding
  // those of a trigger whose function runs the statement firing this one).
  std::vector<TransitionTable> tables;
  const auto add_table = [&](const std::string& name, std::shared_ptr<std::vector<Row>> rows) {
    if (name.empty()) return;
    tables.push_back({name, tg.column_names, tg.column_types, std::move(rows)});
  };
  add_table(t.desc->old_table, collector_->old_rows_);
  add_table(t.desc->new_table, collector_->new_rows_);
  std::optional<Row> returned;
  {
    ScopedTriggerDepth depth;
    ScopedTransitionTables transition(&tables);
    returned = RunPlpgsqlTrigger(ctx_, *fn, &t.tree, tg);
  }
  if (!returned.has_value()) return std::nullopt;
  if (returned->size() != live.size()) {
    throw SqlError(SqlState::kDatatypeMismatch,
                   "returned row structure does not match the structure of the triggering table")
        .WithDetail("Number of returned columns (" + std::to_string(returned->size()) +
                    ") does not match expected column count (" + std::to_string(live.size()) +
                    ").");
  }
  Row row(table_.columns.size());
  for (size_t i = 0; i < table_.columns.size(); ++i) row[i] = Value::Null(table_.columns[i].type);
  for (size_t k = 0; k < live.size(); ++k) row[live[k]] = std::move((*returned)[k]);
  return row;
}

void TableTriggers::BeforeStatement() {
  for (auto& t : before_statement_) Call(*t, nullptr, nullptr);
}

bool TableTriggers::BeforeRow(const Row* old_row, Row* new_row) {
  for (auto& t : before_row_) {
    if (!Qualifies(*t, old_row, new_row)) continue;
    std::optional<Row> returned = Call(*t, old_row, new_row);
    if (!returned.has_value()) return false;
    // A DELETE trigger's returned row only says "go on".
    if (new_row != nullptr) *new_row = std::move(*returned);
  }
  return true;
}

void TableTriggers::AfterRow(const Row* old_row, const Row* new_row) {
  Capture(old_row, new_row);
  if (after_row_.empty()) return;
  Event e;
  bool any = false;
  for (auto& t : after_row_) {
    const bool fires = Qualifies(*t, old_row, new_row);
    e.fires.push_back(fires);
    any = any || fires;
  }
  if (!any) return;
  if (old_row != nullptr) e.old_row = *old_row;
  if (new_row != nullptr) e.new_row = *new_row;
  queued_.push_back(std::move(e));
}

void TableTriggers::FireQueuedRows() {
  // Events queued by the trigger functions themselves (they run other
  // statements, with TableTriggers of their own) are not ours; ours may
  // not grow while firing, but take them out first all the same.
  std::vector<Event> events = std::move(queued_);
  queued_.clear();
  for (const Event& e : events) {
    for (size_t i = 0; i < after_row_.size(); ++i) {
      if (!e.fires[i]) continue;
      Call(*after_row_[i], e.old_row ? &*e.old_row : nullptr,
           e.new_row ? &*e.new_row : nullptr);
    }
  }
}

size_t TableTriggers::queued_rows() const { return queued_.size(); }

void TableTriggers::FireQueuedRow(size_t index) {
  // A copy: the trigger functions run statements of their own, which never
  // touch this object's queue, but the event must outlive any such change.
  const Event e = queued_[index];
  for (size_t i = 0; i < after_row_.size(); ++i) {
    if (!e.fires[i]) continue;
    Call(*after_row_[i], e.old_row ? &*e.old_row : nullptr, e.new_row ? &*e.new_row : nullptr);
  }
}

void TableTriggers::ClearQueuedRows() { queued_.clear(); }

void TableTriggers::AfterStatement() {
  for (auto& t : after_statement_) Call(*t, nullptr, nullptr);
}

}  // namespace strata::sql
