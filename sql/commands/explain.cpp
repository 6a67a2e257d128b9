// ExecuteExplain and ExplainCapture (see explain.h).
#include "sql/commands/explain.h"

#include <algorithm>
#include <iterator>
#include <chrono>
#include <cmath>
#include <functional>

#include "sql/ast/query_ddl_statements.h"
#include "sql/commands/plan_parallel.h"
#include "sql/commands/run_query.h"
#include "sql/commands/table_commands.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/updatable_view.h"
#include "sql/commands/view_dml.h"
#include "sql/executor/explain_analyze.h"
#include "sql/expr/text_quote.h"
#include "sql/planner/path_cost.h"

namespace strata::sql {

namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The FROM row's column names: "alias.column" and "column" by slot.
void ScopeLabels(const BindScope& scope, ExplainLabels* qualified, ExplainLabels* bare,
                 bool* qualify) {
  int relations = 0;
  for (const ScopeRelation& rel : scope.relations) {
    if (!rel.alias.empty()) ++relations;
    for (const ScopeColumn& c : rel.columns) {
      if (c.slot < 0) continue;
      const auto slot = static_cast<size_t>(c.slot);
      if (qualified->size() <= slot) {
        qualified->resize(slot + 1);
        bare->resize(slot + 1);
      }
      // A USING column's merged slot (no relation name) prints bare.
      const std::string name = QuoteIdentText(c.name);
      if ((*qualified)[slot].empty()) {
        (*qualified)[slot] = rel.alias.empty() ? name : QuoteIdentText(rel.alias) + "." + name;
        (*bare)[slot] = name;
      }
    }
  }
  *qualify = relations > 1;
}

void MarkExecuted(ExplainEntry* e, uint64_t rows) {
  e->has_actual = true;
  e->loops = 1;
  e->actual_rows = rows;
  for (auto& c : e->children) MarkExecuted(c.get(), rows);
}

std::unique_ptr<ExplainEntry> Leaf(std::string name) {
  auto e = std::make_unique<ExplainEntry>();
  e->name = std::move(name);
  return e;
}

void VerboseNotSupported(const ExplainOptions& options, const std::string& what) {
  if (options.verbose) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "EXPLAIN VERBOSE of " + what + " is not supported yet");
  }
}

// A VALUES list of `columns` columns as a Values Scan; VERBOSE lists its
// columns (qualified when the plan has more relations).
std::unique_ptr<ExplainEntry> ValuesScan(const ExplainWriter& w, size_t columns, bool qualify) {
  auto e = Leaf("Values Scan on \"*VALUES*\"");
  ExplainLabels output;
  for (size_t i = 1; i <= columns; ++i) {
    output.push_back((qualify ? "\"*VALUES*\"." : "") + std::string("column") + std::to_string(i));
  }
  w.SetOutput(e.get(), output);
  return e;
}

// VERBOSE INSERT ... VALUES of one row: its Result lists the values as
// assigned to the columns (PostgreSQL's coercions, constants folded).
void SetInsertRowOutput(const CommandContext& ctx, const ast::InsertStatement& ins,
                        ExplainEntry* result) {
  ExplainOptions options;
  options.verbose = true;
  if (ins.values.size() != 1) VerboseNotSupported(options, "INSERT ... DEFAULT VALUES");
  const catalog::TableDesc& table = LookupTable(ctx, ins.table);
  std::vector<size_t> live;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (!table.columns[i].dropped) live.push_back(i);
  }
  const auto& items = ins.values[0];
  if (items.size() != live.size()) {
    VerboseNotSupported(options, "INSERT of fewer columns than the table has");
  }
  Binder binder = ctx.MakeBinder();
  ExplainWriter w(options);
  ExplainLabels texts;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i] == nullptr) VerboseNotSupported(options, "INSERT ... DEFAULT");
    BoundExprPtr bound = CoerceToColumn(binder, binder.BindExpr(*items[i]), table.columns[live[i]]);
    texts.push_back(w.Deparse(*bound, {}));
  }
  w.SetOutput(result, texts);
}

std::string RelationName(const ast::RangeVar& rv) {
  std::string name = QuoteIdentText(rv.name);
  if (!rv.alias.empty() && rv.alias != rv.name) name += " " + QuoteIdentText(rv.alias);
  return name;
}

// A simple cost model over the described tree (PostgreSQL's cost units:
// seq_page_cost 1, cpu_tuple_cost 0.01, cpu_operator_cost 0.0025): scans
// know their rows (SeqScan::Describe), every other node derives its
// estimate from its children by its kind.
void EstimateNode(ExplainEntry* e);

// Estimates `e` and below. An InitPlan runs once before its node's first
// row: its cost is the node's too (SS_attach_initplans), and it is not an
// input the node's own estimate derives from.
void Estimate(ExplainEntry* e) {
  std::vector<std::unique_ptr<ExplainEntry>> init_plans;
  auto& children = e->children;
  for (auto it = children.begin(); it != children.end();) {
    if ((*it)->plan_label.empty()) {
      ++it;
    } else {
      init_plans.push_back(std::move(*it));
      it = children.erase(it);
    }
  }
  double init_cost = 0;
  for (const auto& p : init_plans) {
    Estimate(p.get());
    init_cost += p->total_cost;
  }
  EstimateNode(e);
  e->startup_cost += init_cost;
  e->total_cost += init_cost;
  children.insert(children.begin(), std::make_move_iterator(init_plans.begin()),
                  std::make_move_iterator(init_plans.end()));
}

void EstimateNode(ExplainEntry* e) {
  // A Sort under a Limit keeps only the rows the limit reads (top-N heap).
  if (e->name == "Limit" && e->limit_count >= 0 && !e->children.empty() &&
      e->children[0]->name == "Sort") {
    e->children[0]->limit_count = e->limit_count + e->limit_offset;
  }
  for (auto& c : e->children) Estimate(c.get());
  if (e->costed) return;  // the planner's figures (scans)
  const std::string& n = e->name;
  const bool has_filter = [&] {
    for (const auto& p : e->properties) {
      if (p.first == "Filter") return true;
    }
    return false;
  }();
  if (e->children.empty()) {
    if (e->rows <= 0) e->rows = n.rfind("Result", 0) == 0 ? 1 : 1000;
    if (e->width <= 0) e->width = 4;
    const double pages = std::ceil(e->rows * (e->width + 28) / 8192.0);
    e->total_cost = pages + e->rows * 0.01;
    if (has_filter) {
      e->total_cost += e->rows * 0.0025;
      e->rows = std::max(1.0, std::round(e->rows * 0.3333));
    }
    return;
  }
  const ExplainEntry& a = *e->children[0];
  const ExplainEntry* b = e->children.size() > 1 ? e->children[1].get() : nullptr;
  e->width = a.width + (b != nullptr && n.find("Join") != std::string::npos ? b->width : 0);
  if (n == "Hash") {
    e->rows = a.rows;
    e->startup_cost = e->total_cost = a.total_cost;
    return;
  }
  if (n.rfind("Hash", 0) == 0 && b != nullptr) {
    e->rows = std::max(a.rows, b->rows);
    e->startup_cost = b->total_cost;
    e->total_cost = a.total_cost + b->total_cost + (a.rows + b->rows) * 0.0125;
  } else if (n.rfind("Nested Loop", 0) == 0 && b != nullptr) {
    e->rows = a.rows * b->rows;
    e->total_cost = a.total_cost + a.rows * b->total_cost + e->rows * 0.0125;
  } else if (n == "Sort") {
    const PathCost sorted = SortCost(CostParams::Current(), PathCost{a.startup_cost, a.total_cost, a.rows},
                                     a.width, e->limit_count);
    e->rows = a.rows;
    e->startup_cost = sorted.startup;
    e->total_cost = sorted.total;
  } else if (n == "Aggregate") {
    e->rows = 1;
    e->startup_cost = a.total_cost + a.rows * 0.0025;
    e->total_cost = e->startup_cost + 0.01;
  } else if (n == "HashAggregate" || n == "MixedAggregate" || n == "Unique") {
    e->rows = std::min(a.rows, 200.0);
    e->startup_cost = n == "Unique" ? a.startup_cost : a.total_cost + a.rows * 0.0025;
    e->total_cost = e->startup_cost + e->rows * 0.01;
  } else if (n == "Append") {
    e->rows = 0;
    for (const auto& c : e->children) {
      e->rows += c->rows;
      e->total_cost += c->total_cost;
    }
  } else if (n == "Limit") {
    // adjust_limit_rows_costs: the fraction of the input the limit reads.
    PathCost in{a.startup_cost, a.total_cost, a.rows};
    const PathCost out = LimitCost(in, e->limit_offset, e->limit_count);
    e->rows = out.rows;
    e->startup_cost = out.startup;
    e->total_cost = out.total;
  } else {
    // WindowAgg, LockRows, Insert/Update/Delete, ...: pass through.
    e->rows = a.rows;
    e->startup_cost = a.startup_cost;
    e->total_cost = a.total_cost + a.rows * 0.0025;
    if (n.find(" on ") != std::string::npos) e->total_cost = a.total_cost;
  }
  if (has_filter) e->rows = std::max(1.0, std::round(e->rows * 0.3333));
}

}  // namespace

void ExplainCapture::Capture(const void* stmt, PlanNodePtr* plan, const BindScope& scope) {
  ExplainLabels qualified, bare;
  bool qualify = false;
  ScopeLabels(scope, &qualified, &bare, &qualify);
  qualify |= qualify_all_;
  // Subqueries in FROM are range table entries of their own.
  qualify |= !subqueries_.empty();
  if (options_.analyze) {
    InstrumentPlan(plan);
    (*plan)->Init();
    Row row;
    while ((*plan)->Next(&row)) {
    }
    (*plan)->Close();
  }
  ExplainWriter w(options_);
  w.SetSchemaNames(schema_names_);
  w.SetFromLabels(qualified, bare, qualify);
  w.Describe(**plan);
  w.HoistInitPlans();
  std::unique_ptr<ExplainEntry> root = w.TakeRoot();
  if (options_.verbose && root) {
    std::vector<const ExplainEntry*> above;
    SpliceSubqueries(w, &root, &above);
  }
  // Plans of subqueries this plan did not show (captured while planning a
  // subquery expression, say) must not stand in for another's.
  subqueries_.clear();
  if (options_.verbose && !qualify && root) {
    // Output lists name columns bare in a one-relation plan (explain.c's
    // show_plan_tlist) while VERBOSE qualifies every other expression:
    // describe again over bare names and take its Output lines.
    ExplainWriter outputs(options_);
    outputs.SetSchemaNames(schema_names_);
    outputs.SetFromLabels(bare, bare, false);
    outputs.Describe(**plan);
    outputs.HoistInitPlans();
    if (outputs.root() != nullptr) CopyOutputLines(*outputs.root(), root.get());
  }
  targets_[stmt] = std::move(root);
}

void ExplainCapture::CaptureModify(const void* stmt, const std::string& verb,
                                   const std::string& entry_name, const BindScope& scope,
                                   const BoundExpr* where, int64_t rows,
                                   const ExplainModify& modify) {
  ExplainLabels qualified, bare;
  bool qualify = false;
  ScopeLabels(scope, &qualified, &bare, &qualify);
  ExplainWriter w(options_);
  w.SetFromLabels(qualified, bare, qualify);
  std::string name = entry_name;
  if (options_.verbose) {
    if (modify.joined) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "EXPLAIN VERBOSE of " + verb + " with joins is not supported yet");
    }
    if (modify.returning) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "EXPLAIN VERBOSE of RETURNING is not supported yet");
    }
    if (!modify.schema.empty()) name = QuoteIdentText(modify.schema) + "." + name;
  }
  auto top = Leaf(verb + " on " + name);
  auto scan = Leaf("Seq Scan on " + name);
  if (options_.verbose) {
    // PostgreSQL's scan returns the new values and the row's ctid; ours
    // finds rows by key and has no ctid, so its Output would not be ours.
    throw SqlError(SqlState::kFeatureNotSupported,
                   "EXPLAIN VERBOSE of " + verb + " is not supported yet")
        .WithDetail("StrataDB finds the rows to change by key, not by ctid.");
  }
  if (where != nullptr) scan->properties.emplace_back("Filter", w.Deparse(*where, w.ScanLabels()));
  if (rows >= 0) {
    MarkExecuted(scan.get(), static_cast<uint64_t>(rows));
    MarkExecuted(top.get(), 0);
    top->children.clear();
  }
  top->children.push_back(std::move(scan));
  targets_[stmt] = std::move(top);
}

void ExplainCapture::SpliceSubqueries(const ExplainWriter& w, std::unique_ptr<ExplainEntry>* e,
                                      std::vector<const ExplainEntry*>* above) {
  ExplainEntry& entry = **e;
  const std::string prefix = "Subquery Scan on ";
  if (entry.name.rfind(prefix, 0) == 0 && entry.children.empty()) {
    auto it = std::find_if(subqueries_.begin(), subqueries_.end(), [&](const auto& s) {
      return entry.name == prefix + QuoteIdentText(s.first);
    });
    // Left out when it only passes its input's columns through: no qual
    // of its own and every column returned, in order. The nodes above must
    // not name its columns either: they would print the subquery's own
    // expressions there, which we do not map yet.
    bool trivial = it != subqueries_.end() && w.ShowsPhysicalOutput(&entry) &&
                   std::all_of(entry.properties.begin(), entry.properties.end(),
                               [](const auto& p) { return p.first == "Output"; });
    if (trivial) {
      const std::string qualifier = QuoteIdentText(it->first) + ".";
      for (const ExplainEntry* a : *above) {
        for (const auto& p : a->properties) {
          if (p.second.find(qualifier) != std::string::npos) trivial = false;
        }
      }
    }
    if (!trivial) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "EXPLAIN VERBOSE of a subquery in FROM is not supported yet");
    }
    *e = std::move(it->second);
    subqueries_.erase(it);
    return;
  }
  above->push_back(&entry);
  for (std::unique_ptr<ExplainEntry>& child : entry.children) SpliceSubqueries(w, &child, above);
  above->pop_back();
}

std::unique_ptr<ExplainEntry> ExplainCapture::Take(const void* stmt) {
  auto it = targets_.find(stmt);
  if (it == targets_.end()) return nullptr;
  std::unique_ptr<ExplainEntry> e = std::move(it->second);
  targets_.erase(it);
  return e;
}

namespace {

class Explainer {
 public:
  Explainer(CommandContext& ctx, ExplainCapture* capture) : ctx_(ctx), capture_(capture) {}

  // `qualify`: column names print qualified (the plan has more relations).
  std::unique_ptr<ExplainEntry> Select(const ast::SelectStatement& s, bool qualify = false) {
    const ExplainOptions& options = capture_->options();
    if (s.set_op == ast::SelectStatement::SetOp::kNone && !s.values_lists.empty()) {
      if (s.values_lists.size() == 1) {
        VerboseNotSupported(options, "a one-row VALUES");
        return Leaf("Result");
      }
      return ValuesScan(ExplainWriter(options), s.values_lists[0].size(), qualify);
    }
    if (s.set_op == ast::SelectStatement::SetOp::kNone && ast::IsConstantSelect(s) &&
        !SelectNeedsTableQuery(s) && !options.verbose) {
      // (VERBOSE plans it as a query over one empty row, whose Result
      // entry then lists the select list.)
      return Leaf("Result");
    }
    capture_->set_qualify_all(qualify || s.set_op != ast::SelectStatement::SetOp::kNone);
    if (s.set_op != ast::SelectStatement::SetOp::kNone) {
      if (!(s.set_op == ast::SelectStatement::SetOp::kUnion && s.set_all) || s.with ||
          !s.sort.empty() || s.limit_count || s.limit_offset) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "EXPLAIN of this set operation is not supported yet");
      }
      // UNION ALL: an Append of the branches (nested UNION ALLs flattened).
      std::vector<const ast::SelectStatement*> branches;
      std::function<void(const ast::SelectStatement&)> collect = [&](const ast::SelectStatement& b) {
        if (b.set_op == ast::SelectStatement::SetOp::kUnion && b.set_all && !b.with &&
            b.sort.empty() && !b.limit_count && !b.limit_offset) {
          collect(*b.larg);
          collect(*b.rarg);
        } else {
          branches.push_back(&b);
        }
      };
      collect(s);
      auto append = Leaf("Append");
      for (const ast::SelectStatement* b : branches) {
        if (b->set_op != ast::SelectStatement::SetOp::kNone ||
            (ast::IsConstantSelect(*b) && !SelectNeedsTableQuery(*b)) || !b->values_lists.empty()) {
          append->children.push_back(Select(*b, true));
        } else {
          capture_->AddTarget(b);
        }
      }
      RunTableQuery(ctx_, s);
      // Captured branches in order.
      size_t next = 0;
      std::vector<std::unique_ptr<ExplainEntry>> children;
      for (const ast::SelectStatement* b : branches) {
        std::unique_ptr<ExplainEntry> e = capture_->Take(b);
        if (e) {
          children.push_back(std::move(e));
        } else if (next < append->children.size()) {
          children.push_back(std::move(append->children[next++]));
        }
      }
      append->children = std::move(children);
      return append;
    }
    capture_->AddTarget(&s);
    RunTableQuery(ctx_, s);
    std::unique_ptr<ExplainEntry> e = capture_->Take(&s);
    if (!e) {
      throw SqlError(SqlState::kFeatureNotSupported, "EXPLAIN of this query is not supported yet");
    }
    return e;
  }

 private:
  CommandContext& ctx_;
  ExplainCapture* capture_;
};

}  // namespace

StatementOutput ExecuteExplain(CommandContext& ctx, const ast::ExplainStatement& stmt) {
  const Clock::time_point start = Clock::now();
  ExplainOptions options;
  options.analyze = stmt.analyze;
  options.verbose = stmt.verbose;
  options.costs = stmt.costs;
  options.timing = stmt.timing;
  options.summary = stmt.summary;
  options.buffers = stmt.buffers;
  options.statistics_scope = ctx.db->catalog()->key_scope();
  // VERBOSE names relations with their schema.
  auto schema_names = [catalog = ctx.catalog](uint32_t oid) -> std::string {
    const catalog::NamespaceDesc* ns = catalog ? catalog->FindNamespace(oid) : nullptr;
    return ns != nullptr ? ns->name : std::string();
  };
  ExplainCapture capture(options);
  capture.SetSchemaNames(schema_names);
  CommandContext inner = ctx;
  inner.explain = &capture;
  Explainer explainer(inner, &capture);
  std::unique_ptr<ExplainEntry> root;
  const ast::Statement& q = *stmt.query;
  switch (q.kind) {
    case ast::StatementKind::kSelect: {
      // A top-level SELECT may have a parallel plan (plan_parallel.h).
      const auto& select = static_cast<const ast::SelectStatement&>(q);
      ParallelQueryScope parallel(&select);
      root = explainer.Select(select);
      break;
    }
    case ast::StatementKind::kInsert: {
      const auto& ins = static_cast<const ast::InsertStatement&>(q);
      if (options.verbose) {
        if (!ins.returning.empty()) VerboseNotSupported(options, "RETURNING");
        if (ins.on_conflict != ast::InsertStatement::OnConflict::kNone) {
          VerboseNotSupported(options, "ON CONFLICT");
        }
        if (!ins.columns.empty()) VerboseNotSupported(options, "INSERT with a column list");
        if (ins.with) VerboseNotSupported(options, "WITH queries");
      }
      std::unique_ptr<ExplainEntry> child;
      if (ins.select) {
        // Described without running (even with ANALYZE, which runs the INSERT below).
        ExplainOptions plain = options;
        plain.analyze = false;
        ExplainCapture select_capture(plain);
        select_capture.SetSchemaNames(schema_names);
        CommandContext sel = ctx;
        sel.explain = &select_capture;
        child = Explainer(sel, &select_capture).Select(*ins.select, true);
      } else if (ins.values.size() > 1) {
        size_t columns = ins.values[0].size();
        if (options.verbose) {
          // Columns the rows leave out would print as typed NULLs.
          const catalog::TableDesc& table = LookupTable(ctx, ins.table);
          const auto live = std::count_if(table.columns.begin(), table.columns.end(),
                                          [](const catalog::ColumnDesc& c) { return !c.dropped; });
          if (static_cast<size_t>(live) != columns) {
            VerboseNotSupported(options, "INSERT of fewer columns than the table has");
          }
          for (const auto& row : ins.values) {
            for (const auto& v : row) {
              if (v == nullptr) VerboseNotSupported(options, "INSERT ... DEFAULT");
            }
          }
        }
        child = ValuesScan(ExplainWriter(options), columns, true);
      } else {
        child = Leaf("Result");
        if (options.verbose) SetInsertRowOutput(ctx, ins, child.get());
      }
      std::string target = RelationName(ins.table);
      Oid target_namespace = 0;
      if (const catalog::NamespaceDesc* ns = RelationSchema(ctx, ins.table)) {
        target_namespace = ns->oid;
      }
      // Into an automatically updatable view: the rows go to its base
      // table, which the plan names (as the view's FROM does).
      if (!InsteadOfTarget(ctx, ins.table, catalog::kTriggerTypeInsert)) {
        if (auto via = UpdatableView::Resolve(ctx, ins.table, catalog::kTriggerTypeInsert)) {
          if (!IsViewTarget(ctx, via->base())) {
            const std::string alias = via->base_alias();
            target = QuoteIdentText(via->base().name);
            if (!alias.empty() && alias != via->base().name) target += " " + QuoteIdentText(alias);
            target_namespace = via->base().namespace_oid;
          }
        }
      }
      if (options.verbose) {
        if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(target_namespace)) {
          target = QuoteIdentText(ns->name) + "." + target;
        }
      }
      root = Leaf("Insert on " + target);
      if (ins.on_conflict != ast::InsertStatement::OnConflict::kNone) {
        root->properties.emplace_back(
            "Conflict Resolution",
            ins.on_conflict == ast::InsertStatement::OnConflict::kNothing ? "NOTHING" : "UPDATE");
      }
      if (options.analyze) {
        StatementOutput done = ExecuteInsert(ctx, ins);
        (void)done;
        MarkExecuted(child.get(), 1);
        MarkExecuted(root.get(), 0);
      }
      root->children.push_back(std::move(child));
      break;
    }
    case ast::StatementKind::kCreateTableAs: {
      // CREATE TABLE AS / SELECT INTO: the plan of its query (which may be
      // parallel, as PostgreSQL allows there).
      const auto& ctas = static_cast<const ast::CreateTableAsStatement&>(q);
      if (ctas.query == nullptr || options.analyze) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       std::string("EXPLAIN ") + (options.analyze ? "ANALYZE " : "") +
                           q.command_name + (ctas.query == nullptr ? " ... EXECUTE" : "") +
                           " is not supported yet");
      }
      ParallelQueryScope parallel(ctas.query.get());
      root = explainer.Select(*ctas.query);
      break;
    }
    case ast::StatementKind::kUpdate: {
      const auto* upd = static_cast<const ast::UpdateStatement*>(&q);
      capture.AddTarget(upd);
      ExecuteUpdate(inner, *upd);
      root = capture.Take(upd);
      break;
    }
    case ast::StatementKind::kDelete: {
      const auto* del = static_cast<const ast::DeleteStatement*>(&q);
      capture.AddTarget(del);
      ExecuteDelete(inner, *del);
      root = capture.Take(del);
      break;
    }
    default:
      throw SqlError(SqlState::kFeatureNotSupported,
                     "EXPLAIN " + q.command_name + " is not supported yet");
  }
  if (!root) {
    throw SqlError(SqlState::kFeatureNotSupported, "EXPLAIN of this statement is not supported yet");
  }
  const double total_ms = MsSince(start);
  if (options.costs) Estimate(root.get());
  ExplainWriter out(options);
  out.SetRoot(std::move(root));
  std::vector<std::string> lines = out.Render();
  if (options.summary) {
    // Planning and execution are not separate phases here: the figures
    // split the statement's time (execution is the whole run with ANALYZE).
    lines.push_back("Planning Time: " + FormatExplainMs(options.analyze ? 0.0 : total_ms) + " ms");
    if (options.analyze) lines.push_back("Execution Time: " + FormatExplainMs(total_ms) + " ms");
  }
  StatementOutput result;
  result.returns_rows = true;
  result.columns.push_back(MakeResultColumn("QUERY PLAN", DataType{type_oid::kText}));
  for (std::string& line : lines) {
    Row row;
    row.push_back(Value::Text(std::move(line)));
    result.rows.push_back(std::move(row));
  }
  result.command_tag = "EXPLAIN";
  return result;
}

}  // namespace strata::sql
