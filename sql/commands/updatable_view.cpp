// Automatically updatable views (see updatable_view.h).
#include "sql/commands/updatable_view.h"

#include <algorithm>
#include <set>

#include "sql/binder/binder.h"
#include "sql/binder/grouping.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/result_rows.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/table_triggers.h"
#include "sql/executor/plan_node.h"
#include "sql/parser/parser.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"

namespace strata::sql {

namespace {

bool IsSystemColumnName(const std::string& name) {
  for (const char* system : {"tableoid", "ctid", "xmin", "xmax", "cmin", "cmax"}) {
    if (name == system) return true;
  }
  return false;
}

// Whether `expr` calls an aggregate (outside OVER) or a window function.
void FindCalls(const ast::Expr& expr, bool* aggregate, bool* window) {
  ForEachExprNode(expr, [&](const ast::Expr& node) {
    if (node.kind != ast::ExprKind::kFuncCall) return;
    const auto& call = static_cast<const ast::FuncCallExpr&>(node);
    if (call.over != nullptr) {
      *window = true;
    } else if (IsAggregateName(call.name)) {
      *aggregate = true;
    }
  });
}

// The view's stored query, parsed.
std::unique_ptr<ast::Statement> ParseViewQuery(const catalog::ViewDesc& view,
                                               const std::string& text) {
  std::vector<std::unique_ptr<ast::Statement>> parsed = ParseQuery(text);
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kSelect) {
    throw SqlError(SqlState::kDataCorrupted, "bad stored query of view \"" + view.name + "\"");
  }
  return std::move(parsed[0]);
}

std::string NotUpdatableReason(const ast::SelectStatement& q) {
  if (q.distinct || !q.distinct_on.empty()) {
    return "Views containing DISTINCT are not automatically updatable.";
  }
  if (!q.group_by.empty() || q.has_grouping_sets) {
    return "Views containing GROUP BY are not automatically updatable.";
  }
  if (q.having != nullptr) return "Views containing HAVING are not automatically updatable.";
  if (q.set_op != ast::SelectStatement::SetOp::kNone) {
    return "Views containing UNION, INTERSECT, or EXCEPT are not automatically updatable.";
  }
  if (q.with != nullptr) return "Views containing WITH are not automatically updatable.";
  if (q.limit_count != nullptr || q.limit_offset != nullptr) {
    return "Views containing LIMIT or OFFSET are not automatically updatable.";
  }
  bool aggregate = false, window = false;
  for (const ast::ResTarget& t : q.target_list) {
    if (t.value != nullptr) FindCalls(*t.value, &aggregate, &window);
  }
  if (aggregate) return "Views that return aggregate functions are not automatically updatable.";
  if (window) return "Views that return window functions are not automatically updatable.";
  for (const ast::ResTarget& t : q.target_list) {
    if (t.value != nullptr && CallsSetReturningFunction(*t.value)) {
      return "Views that return set-returning functions are not automatically updatable.";
    }
  }
  return "";
}

constexpr const char* kNotSingleRelation =
    "Views that do not select from a single table or view are not automatically updatable.";

const char* Gerund(int16_t event) {
  return event == catalog::kTriggerTypeInsert   ? "inserting into"
         : event == catalog::kTriggerTypeUpdate ? "updating"
                                                : "deleting from";
}
const char* Verb(int16_t event) {
  return event == catalog::kTriggerTypeInsert   ? "insert into"
         : event == catalog::kTriggerTypeUpdate ? "update"
                                                : "delete from";
}
const char* EventName(int16_t event) {
  return event == catalog::kTriggerTypeInsert   ? "INSERT"
         : event == catalog::kTriggerTypeUpdate ? "UPDATE"
                                                : "DELETE";
}

[[noreturn]] void ThrowNotUpdatable(const std::string& view, int16_t event,
                                    const std::string& reason) {
  throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                 std::string("cannot ") + Verb(event) + " view \"" + view + "\"")
      .WithDetail(reason)
      .WithHint(std::string("To enable ") + Gerund(event) + " the view, provide an INSTEAD OF " +
                EventName(event) + " trigger or an unconditional ON " + EventName(event) +
                " DO INSTEAD rule.");
}

bool HasInsteadOfTrigger(const catalog::ViewDesc& view, int16_t event) {
  for (const catalog::TriggerDesc& t : view.triggers) {
    if (t.IsInstead() && t.Fires(event) && t.IsEnabled()) return true;
  }
  return false;
}

std::string OptionValue(const catalog::ViewDesc& view, const std::string& name) {
  for (const std::string& option : view.options) {
    if (option.size() > name.size() && option.compare(0, name.size(), name) == 0 &&
        option[name.size()] == '=') {
      return option.substr(name.size() + 1);
    }
  }
  return "";
}

}  // namespace

std::string ViewCheckOption(const catalog::ViewDesc& view) {
  return OptionValue(view, "check_option");
}

bool ViewBoolOption(const catalog::ViewDesc& view, const std::string& name) {
  const std::string v = OptionValue(view, name);
  return v == "true" || v == "on" || v == "1" || v == "yes";
}

ViewShape AnalyzeView(const CommandContext& ctx, const catalog::ViewDesc& view, bool check_cols) {
  ViewShape shape;
  const std::unique_ptr<ast::Statement> parsed = ParseViewQuery(view, view.query);
  const auto& q = static_cast<const ast::SelectStatement&>(*parsed);
  shape.reason = NotUpdatableReason(q);
  if (!shape.reason.empty()) return shape;
  if (q.from.size() != 1 || q.from[0].kind != ast::FromItem::Kind::kTable) {
    shape.reason = kNotSingleRelation;
    return shape;
  }
  const ast::RangeVar& rv = q.from[0].table;
  {
    // Names in the stored text resolve as they did at CREATE VIEW.
    std::optional<ScopedSearchPathOverride> path;
    if (!view.search_path.empty()) path.emplace(view.search_path);
    if (ResolveSystemRelation(ctx, rv) == nullptr) {
      shape.table = FindTable(ctx, rv);
      if (shape.table == nullptr) shape.view = FindView(ctx, rv);
    }
  }
  if (shape.table == nullptr && shape.view == nullptr) {
    shape.reason = kNotSingleRelation;
    return shape;
  }
  shape.inh = rv.inh;
  // The relation's columns by name, for the plain references.
  std::vector<std::string> names;
  if (shape.table != nullptr) {
    for (const catalog::ColumnDesc& c : shape.table->columns) {
      names.push_back(c.dropped ? std::string() : c.name);
    }
  } else {
    for (const catalog::ViewColumn& c : shape.view->columns) names.push_back(c.name);
  }
  auto index_of = [&](const std::string& name) -> int {
    for (size_t i = 0; i < names.size(); ++i) {
      if (!names[i].empty() && names[i] == name) return static_cast<int>(i);
    }
    return -1;
  };
  for (const ast::ResTarget& t : q.target_list) {
    if (t.value != nullptr && t.value->kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(*t.value);
      if (!ref.fields.empty() && ref.fields.back() == "*") {
        for (size_t i = 0; i < names.size(); ++i) {
          if (names[i].empty()) continue;
          shape.source.push_back(static_cast<int>(i));
          shape.system.push_back(false);
        }
        continue;
      }
      if (!ref.fields.empty()) {
        const std::string& name = ref.fields.back();
        const int index = index_of(name);
        shape.source.push_back(index);
        shape.system.push_back(index < 0 && IsSystemColumnName(name));
        continue;
      }
    }
    shape.source.push_back(-1);
    shape.system.push_back(false);
  }
  shape.source.resize(view.columns.size(), -1);
  shape.system.resize(view.columns.size(), false);
  if (q.where != nullptr) {
    std::set<std::string> read;
    CollectColumns(*q.where, &read);
    for (const std::string& name : read) {
      if (const int index = index_of(name); index >= 0) shape.where_columns.push_back(index);
    }
  }
  if (check_cols &&
      std::all_of(shape.source.begin(), shape.source.end(), [](int s) { return s < 0; })) {
    shape.reason = "Views that have no updatable columns are not automatically updatable.";
  }
  return shape;
}

int ViewUpdatableEvents(const CommandContext& ctx, const catalog::ViewDesc& view,
                        bool include_triggers, int column) {
  constexpr int kUpdate = 4, kInsert = 8, kDelete = 16;
  if (include_triggers) {
    int events = 0;
    if (HasInsteadOfTrigger(view, catalog::kTriggerTypeUpdate)) events |= kUpdate;
    if (HasInsteadOfTrigger(view, catalog::kTriggerTypeInsert)) events |= kInsert;
    if (HasInsteadOfTrigger(view, catalog::kTriggerTypeDelete)) events |= kDelete;
    if (events != 0) return events;
  }
  const ViewShape shape = AnalyzeView(ctx, view, false);
  if (!shape.reason.empty()) return 0;
  int events = kDelete;
  bool any_column = false;
  int below_column = -1;
  if (column >= 0) {
    if (static_cast<size_t>(column) < shape.source.size()) below_column = shape.source[column];
    any_column = below_column >= 0;
  } else {
    any_column = std::any_of(shape.source.begin(), shape.source.end(), [](int s) { return s >= 0; });
  }
  if (any_column) events |= kInsert | kUpdate;
  if (shape.view != nullptr) {
    events &= ViewUpdatableEvents(ctx, *shape.view, include_triggers, below_column);
  }
  return events;
}

// One view of the chain, bound over the level below it.
struct UpdatableView::Level {
  const catalog::ViewDesc* view = nullptr;
  std::unique_ptr<std::string> text;
  std::unique_ptr<ast::Statement> parsed;
  std::vector<BoundExprPtr> columns;  // over the extended row
  BoundExprPtr where;                 // null: none
  size_t first_slot = 0;              // of its columns in the extended row
  ViewShape shape;
  // Per column: the base slot it writes, or -1 with the view and column
  // named in the 55000 error and its DETAIL.
  std::vector<int> base_slot;
  std::vector<std::string> bad_view, bad_column, bad_detail;
};

UpdatableView::UpdatableView(CommandContext& ctx) : ctx_(ctx) {}
UpdatableView::~UpdatableView() = default;

const catalog::ViewDesc& UpdatableView::view() const { return *levels_.back().view; }
size_t UpdatableView::column_count() const { return levels_.back().view->columns.size(); }

std::string UpdatableView::base_alias() const {
  const auto& q = static_cast<const ast::SelectStatement&>(*levels_.front().parsed);
  return q.from.at(0).table.alias;
}

std::unique_ptr<UpdatableView> UpdatableView::Resolve(CommandContext& ctx, const ast::RangeVar& rv,
                                                      int16_t event) {
  if (FindTable(ctx, rv) != nullptr) return nullptr;
  const catalog::ViewDesc* top = FindView(ctx, rv);
  if (top == nullptr) return nullptr;
  std::unique_ptr<UpdatableView> out(new UpdatableView(ctx));
  // The chain, outermost first.
  std::vector<const catalog::ViewDesc*> chain;
  std::vector<ViewShape> shapes;
  const catalog::ViewDesc* view = top;
  while (true) {
    if (chain.size() > 100) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "infinite recursion detected in rules for relation \"" + top->name + "\"");
    }
    if (view != top && HasInsteadOfTrigger(*view, event)) {
      // The chain ends here: rows go to the view's INSTEAD OF trigger.
      out->trigger_base_ = std::make_unique<catalog::TableDesc>(ViewTriggerTarget(*view));
      out->base_ = out->trigger_base_.get();
      out->base_inh_ = false;
      break;
    }
    ViewShape shape = AnalyzeView(ctx, *view, event != catalog::kTriggerTypeDelete);
    if (!shape.reason.empty()) ThrowNotUpdatable(view->name, event, shape.reason);
    chain.push_back(view);
    const catalog::ViewDesc* below = shape.view;
    if (below != nullptr && below->oid == top->oid) {
      throw SqlError(SqlState::kInvalidObjectDefinition,
                     "infinite recursion detected in rules for relation \"" + top->name + "\"");
    }
    if (shape.table != nullptr) {
      out->base_ = shape.table;
      out->base_inh_ = shape.inh;
      shapes.push_back(std::move(shape));
      break;
    }
    shapes.push_back(std::move(shape));
    view = below;
  }
  std::reverse(chain.begin(), chain.end());
  std::reverse(shapes.begin(), shapes.end());

  // Bind each level over the one below, innermost first.
  const catalog::TableDesc& base = *out->base_;
  size_t width = base.columns.size();
  for (size_t k = 0; k < chain.size(); ++k) {
    Level level;
    level.view = chain[k];
    level.shape = std::move(shapes[k]);
    level.text = std::make_unique<std::string>(level.view->query);
    level.parsed = ParseViewQuery(*level.view, *level.text);
    const auto& q = static_cast<const ast::SelectStatement&>(*level.parsed);
    const ast::RangeVar& from = q.from[0].table;
    if (!from.column_aliases.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "updating a view whose FROM item has column aliases is not supported yet");
    }
    BindScope scope;
    if (k == 0) {
      scope = TableScope(ctx, base, from.alias);
    } else {
      const Level& below = out->levels_[k - 1];
      ScopeRelation rel;
      if (const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(below.view->namespace_oid)) {
        rel.schema = ns->name;
      }
      rel.table_name = below.view->name;
      rel.alias = from.alias.empty() ? below.view->name : from.alias;
      for (size_t i = 0; i < below.view->columns.size(); ++i) {
        ScopeColumn c;
        c.name = below.view->columns[i].name;
        c.type = below.columns[i]->type();
        c.slot = static_cast<int>(below.first_slot + i);
        c.table_oid = below.view->oid;
        c.attnum = static_cast<int16_t>(i + 1);
        rel.columns.push_back(std::move(c));
      }
      scope.relations.push_back(std::move(rel));
    }
    CommandContext inner = ctx;
    inner.query = *level.text;
    inner.params = nullptr;
    inner.param_values = nullptr;
    inner.ctes = nullptr;
    inner.outer = nullptr;
    inner.explain = nullptr;
    std::optional<ScopedSearchPathOverride> path;
    if (!level.view->search_path.empty()) path.emplace(level.view->search_path);
    Binder binder = inner.MakeBinder();
    binder.SetScope(&scope);
    std::vector<OutputTarget> targets = BindTargetList(binder, scope, q.target_list);
    if (targets.size() < level.view->columns.size()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "view \"" + level.view->name + "\" no longer matches its tables");
    }
    for (size_t i = 0; i < level.view->columns.size(); ++i) {
      level.columns.push_back(std::move(targets[i].expr));
    }
    if (q.where != nullptr) {
      level.where = binder.CoerceToBoolean(binder.BindExpr(*q.where), "WHERE");
    }
    level.first_slot = width;
    width += level.columns.size();
    // Where each column writes.
    for (size_t i = 0; i < level.view->columns.size(); ++i) {
      const int source = level.shape.source[i];
      int slot = -1;
      std::string bad_view = level.view->name, bad_column = level.view->columns[i].name;
      std::string detail =
          level.shape.system[i]
              ? "View columns that refer to system columns are not updatable."
              : "View columns that are not columns of their base relation are not updatable.";
      if (source >= 0) {
        if (k == 0) {
          slot = source;
        } else {
          const Level& below = out->levels_[k - 1];
          slot = below.base_slot[static_cast<size_t>(source)];
          bad_view = below.bad_view[static_cast<size_t>(source)];
          bad_column = below.bad_column[static_cast<size_t>(source)];
          detail = below.bad_detail[static_cast<size_t>(source)];
        }
      }
      level.base_slot.push_back(slot);
      level.bad_view.push_back(slot >= 0 ? "" : bad_view);
      level.bad_column.push_back(slot >= 0 ? "" : bad_column);
      level.bad_detail.push_back(slot >= 0 ? "" : detail);
    }
    out->levels_.push_back(std::move(level));
  }
  out->width_ = width;

  // WITH CHECK OPTION: from the named view down, a CASCADED check takes in
  // every view below it; applied innermost first.
  bool cascade = false;
  for (size_t k = out->levels_.size(); k-- > 0;) {
    const std::string option = ViewCheckOption(*out->levels_[k].view);
    if (option == "cascaded" || cascade) {
      out->check_levels_.push_back(k);
      cascade = true;
    } else if (option == "local") {
      out->check_levels_.push_back(k);
    }
  }
  std::reverse(out->check_levels_.begin(), out->check_levels_.end());

  // The named view's column defaults, per base slot.
  out->defaults_.resize(base.columns.size());
  const Level& named = out->levels_.back();
  for (size_t i = 0; i < named.view->columns.size(); ++i) {
    const catalog::ViewColumn& c = named.view->columns[i];
    if (!c.default_expr.has_value() || event != catalog::kTriggerTypeInsert) continue;
    const int slot = out->BaseSlotOf(i, "insert into");
    auto text = std::make_unique<std::string>("SELECT " + *c.default_expr);
    std::unique_ptr<ast::Statement> parsed = ParseViewQuery(*named.view, *text);
    const auto& select = static_cast<const ast::SelectStatement&>(*parsed);
    CommandContext inner = ctx;
    inner.query = *text;
    inner.params = nullptr;
    inner.param_values = nullptr;
    Binder binder = inner.MakeBinder();
    out->defaults_[static_cast<size_t>(slot)] =
        CoerceToColumn(binder, binder.BindExpr(*select.target_list.at(0).value),
                       base.columns[static_cast<size_t>(slot)]);
    // The default's text and tree live as long as its bound expression.
    out->kept_texts_.push_back(std::move(text));
    out->kept_trees_.push_back(std::move(parsed));
  }
  return out;
}

BindScope UpdatableView::Scope(const std::string& alias, size_t offset) const {
  const Level& named = levels_.back();
  ScopeRelation rel;
  if (const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(named.view->namespace_oid)) {
    rel.schema = ns->name;
  }
  rel.table_name = named.view->name;
  rel.alias = alias.empty() ? named.view->name : alias;
  for (size_t i = 0; i < named.view->columns.size(); ++i) {
    ScopeColumn c;
    c.name = named.view->columns[i].name;
    c.type = named.columns[i]->type();
    c.type.typmod = named.view->columns[i].typmod;
    c.slot = static_cast<int>(offset + named.first_slot + i);
    c.table_oid = named.view->oid;
    c.attnum = static_cast<int16_t>(i + 1);
    rel.columns.push_back(std::move(c));
  }
  BindScope scope;
  scope.relations.push_back(std::move(rel));
  return scope;
}

int UpdatableView::BaseSlotOf(size_t index, const char* verb, bool throw_if_not) const {
  const Level& named = levels_.back();
  const int slot = named.base_slot.at(index);
  if (slot >= 0 || !throw_if_not) return slot;
  throw SqlError(SqlState::kObjectNotInPrerequisiteState,
                 std::string("cannot ") + verb + " column \"" + named.bad_column[index] +
                     "\" of view \"" + named.bad_view[index] + "\"")
      .WithDetail(named.bad_detail[index]);
}

size_t UpdatableView::BaseSlot(const std::string& name, int location, const char* verb) const {
  const Level& named = levels_.back();
  for (size_t i = 0; i < named.view->columns.size(); ++i) {
    if (named.view->columns[i].name == name) return static_cast<size_t>(BaseSlotOf(i, verb));
  }
  throw SqlError(SqlState::kUndefinedColumn,
                 "column \"" + name + "\" of relation \"" + named.view->name + "\" does not exist")
      .WithPosition(ctx_.Position(location));
}

Row UpdatableView::Extend(const Row& base_row) const {
  Row row = base_row;
  row.resize(base_->columns.size());
  EvalContext eval = ctx_.MakeEval();
  for (const Level& level : levels_) {
    Row values;
    eval.SetRow(&row);
    for (const BoundExprPtr& c : level.columns) values.push_back(c->Evaluate(eval));
    row.insert(row.end(), values.begin(), values.end());
  }
  return row;
}

bool UpdatableView::Visible(const Row& extended) const {
  EvalContext eval = ctx_.MakeEval();
  for (const Level& level : levels_) {
    if (level.where != nullptr && !EvaluatePredicate(*level.where, extended, eval)) return false;
  }
  return true;
}

void UpdatableView::CheckOptions(const Row& base_row) const {
  if (check_levels_.empty()) return;
  const Row extended = Extend(base_row);
  EvalContext eval = ctx_.MakeEval();
  for (size_t k : check_levels_) {
    const Level& level = levels_[k];
    if (level.where == nullptr || EvaluatePredicate(*level.where, extended, eval)) continue;
    SqlError error(SqlState::kWithCheckOptionViolation,
                   "new row violates check option for view \"" + level.view->name + "\"");
    // Formatted as a failing row of the base table (ExecWithCheckOptions).
    const TableWriter writer(ctx_, *base_);
    const std::string detail = writer.FailingRowDetail(base_row);
    if (!detail.empty()) error.WithDetail(detail);
    throw error;
  }
}

const BoundExpr* UpdatableView::ViewDefault(size_t slot) const {
  return slot < defaults_.size() ? defaults_[slot].get() : nullptr;
}

void UpdatableView::CheckPrivileges(uint32_t privilege, const std::vector<std::string>& assigned,
                                    const std::vector<const ast::Expr*>& reads,
                                    bool whole_rows_below) const {
  if (ctx_.analyze_only) return;
  // The named view's columns the statement assigns and reads.
  const Level& named = levels_.back();
  auto view_attnums = [&](const std::vector<std::string>& names) {
    std::vector<int16_t> out;
    for (const std::string& name : names) {
      for (size_t i = 0; i < named.view->columns.size(); ++i) {
        if (named.view->columns[i].name == name) out.push_back(static_cast<int16_t>(i + 1));
      }
    }
    return out;
  };
  std::set<std::string> read_set;
  for (const ast::Expr* e : reads) {
    if (e != nullptr) CollectColumns(*e, &read_set);
  }
  std::vector<std::string> read_list(read_set.begin(), read_set.end());
  // Per level from the top: the column indexes assigned and read.
  std::vector<int16_t> assigned_attnums = view_attnums(assigned);
  std::vector<int16_t> read_attnums = view_attnums(read_list);
  const catalog::CatalogSnapshot& catalog = *ctx_.catalog;
  for (size_t k = levels_.size(); k-- > 0;) {
    const Level& level = levels_[k];
    const catalog::ViewDesc& v = *level.view;
    const bool top = k + 1 == levels_.size();
    std::optional<ScopedCheckAsRole> as_owner;
    if (!top && !ViewBoolOption(*levels_[k + 1].view, "security_invoker")) {
      as_owner.emplace(levels_[k + 1].view->owner);
    }  // else as the statement's role
    CheckColumnsPrivilege(catalog, v.oid, v.owner, 'v', v.name, privilege,
                          privilege == catalog::kAclDelete ? std::vector<int16_t>{}
                                                           : assigned_attnums);
    if (!read_attnums.empty()) {
      CheckColumnsPrivilege(catalog, v.oid, v.owner, 'v', v.name, catalog::kAclSelect,
                            read_attnums);
    }
    // Down one level: the columns of the relation below.
    std::vector<int16_t> next_assigned, next_read;
    for (int16_t attnum : assigned_attnums) {
      const int source = level.shape.source[static_cast<size_t>(attnum - 1)];
      if (source >= 0) next_assigned.push_back(static_cast<int16_t>(source + 1));
    }
    if (whole_rows_below) {
      read_attnums.clear();
      for (size_t i = 0; i < v.columns.size(); ++i) {
        read_attnums.push_back(static_cast<int16_t>(i + 1));
      }
    }
    for (int16_t attnum : read_attnums) {
      const int source = level.shape.source[static_cast<size_t>(attnum - 1)];
      if (source >= 0 && std::find(next_read.begin(), next_read.end(),
                                   static_cast<int16_t>(source + 1)) == next_read.end()) {
        next_read.push_back(static_cast<int16_t>(source + 1));
      }
    }
    for (int index : level.shape.where_columns) {
      const int16_t attnum = static_cast<int16_t>(index + 1);
      if (std::find(next_read.begin(), next_read.end(), attnum) == next_read.end()) {
        next_read.push_back(attnum);
      }
    }
    assigned_attnums = std::move(next_assigned);
    read_attnums = std::move(next_read);
  }
  // The base table, as the innermost view's owner.
  const catalog::ViewDesc& inner = *levels_.front().view;
  std::optional<ScopedCheckAsRole> as_owner;
  if (!ViewBoolOption(inner, "security_invoker")) as_owner.emplace(inner.owner);
  std::vector<int16_t> base_assigned, base_read;
  for (int16_t attnum : assigned_attnums) {
    base_assigned.push_back(base_->columns[static_cast<size_t>(attnum - 1)].attnum);
  }
  for (int16_t attnum : read_attnums) {
    base_read.push_back(base_->columns[static_cast<size_t>(attnum - 1)].attnum);
  }
  const char relkind = trigger_base_ != nullptr ? 'v' : 'r';
  CheckColumnsPrivilege(catalog, base_->oid, base_->owner, relkind, base_->name, privilege,
                        privilege == catalog::kAclDelete ? std::vector<int16_t>{} : base_assigned);
  if (!base_read.empty()) {
    CheckColumnsPrivilege(catalog, base_->oid, base_->owner, relkind, base_->name,
                          catalog::kAclSelect, base_read);
  }
}

}  // namespace strata::sql
