// FROM items -> SeqScan/NestLoop tree and scope (see plan_from.h). NATURAL
// JOIN is USING (the common column names); an alias on a join renames its
// visible columns into one relation. ON is
// bound over the two sides of its join only; USING (x) matches the one
// visible column x of each side (PostgreSQL's transformJoinUsingClause and
// its 42703/42702 errors) and adds the merged column: the left value for
// INNER/LEFT, the right for RIGHT, COALESCE(left, right) for FULL, in the
// columns' common type.
#include <optional>
#include <set>
#include <string>

#include "sql/binder/column_use.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/column_privileges.h"
#include "sql/commands/cte_scope.h"
#include "sql/commands/explain_subquery.h"
#include "sql/commands/plan_from.h"
#include "sql/commands/updatable_view.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/commands/plan_join.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/commands/run_query.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/subquery_runner.h"
#include "sql/commands/table_inheritance.h"
#include "sql/executor/node_append.h"
#include "sql/commands/user_function_call.h"
#include "sql/executor/node_function_scan.h"
#include "sql/executor/node_rows_scan.h"
#include "sql/executor/node_lateral_loop.h"
#include "sql/executor/node_materialized_scan.h"
#include "sql/expr/record_set_functions.h"
#include "sql/expr/text_quote.h"
#include "sql/parser/parser.h"
#include "sql/database.h"
#include "sql/sequences/sequence_values.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/system_relation.h"
#include "sql/json/json_populate.h"
#include "sql/types/composite_type.h"

namespace strata::sql {

namespace {

struct BuiltItem {
  PlanNodePtr plan;  // null for a LATERAL subquery: see `lateral`
  // A LATERAL subquery: its rows for the outer row on the outer-row stack;
  // the join above it is a LateralLoop.
  LateralLoop::InnerRows lateral;
  size_t width = 0;
  std::vector<ScopeRelation> relations;
  // An inner join flattened into its inputs (FromPlanner::flatten_): the
  // tables and other items it joins, left to right; `plan` is then null.
  struct Part {
    PlanNodePtr plan;
    size_t width = 0;
  };
  std::vector<Part> flat;
};

// The one column named `name` a bare reference in `relations` reaches.
ScopeColumn* FindUsingColumn(std::vector<ScopeRelation>& relations, const std::string& name,
                             const char* side) {
  ScopeColumn* found = nullptr;
  for (ScopeRelation& rel : relations) {
    for (ScopeColumn& c : rel.columns) {
      if (c.hidden || c.name != name) continue;
      if (found != nullptr) {
        throw SqlError(SqlState::kAmbiguousColumn, "common column name \"" + name +
                                                       "\" appears more than once in " + side +
                                                       " table");
      }
      found = &c;
    }
  }
  if (found == nullptr) {
    throw SqlError(SqlState::kUndefinedColumn, "column \"" + name +
                                                   "\" specified in USING clause does not exist "
                                                   "in " + side + " table");
  }
  return found;
}

// NATURAL JOIN's USING list: the left side's visible column names that the
// right side has too, in the left side's order (transformFromClauseItem).
std::vector<std::string> NaturalJoinColumns(const std::vector<ScopeRelation>& left,
                                            const std::vector<ScopeRelation>& right) {
  std::set<std::string> right_names;
  for (const ScopeRelation& r : right) {
    for (const ScopeColumn& c : r.columns) {
      if (!c.hidden) right_names.insert(c.name);
    }
  }
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const ScopeRelation& r : left) {
    for (const ScopeColumn& c : r.columns) {
      if (!c.hidden && right_names.count(c.name) > 0 && seen.insert(c.name).second) {
        out.push_back(c.name);
      }
    }
  }
  return out;
}

// How EXPLAIN names a scanned relation: "t", or "t alias".
std::string ScanName(const std::string& name, const std::string& alias) {
  std::string out = QuoteIdentText(name);
  if (!alias.empty() && alias != name) out += " " + QuoteIdentText(alias);
  return out;
}

// Forwards to another resolver, noting whether anything resolved.
class NoteUse final : public OuterResolver {
 public:
  explicit NoteUse(OuterResolver* inner) : inner_(inner) {}
  std::optional<OuterColumn> ResolveOuter(const ast::ColumnRefExpr& ref) override {
    std::optional<OuterColumn> found = inner_->ResolveOuter(ref);
    used |= found.has_value();
    return found;
  }
  std::optional<OuterColumn> ResolveOuterAggregate(const ast::FuncCallExpr& call) override {
    std::optional<OuterColumn> found = inner_->ResolveOuterAggregate(call);
    used |= found.has_value();
    return found;
  }
  bool used = false;

 private:
  OuterResolver* inner_;
};

class FromPlanner {
 public:
  FromPlanner(CommandContext& ctx, Binder& binder, FromPlan* out)
      : ctx_(ctx), binder_(binder), out_(out) {}

  BuiltItem Build(const ast::FromItem& item, size_t offset) {
    // A chosen layout: each part of the flattened FROM list (a leaf) sits
    // where the join order puts it.
    if (leaf_offsets_ != nullptr && flatten_ && !Flattens(item)) {
      if (next_leaf_ >= leaf_offsets_->size()) {
        throw SqlError(SqlState::kInternalError, "FROM layout does not match the FROM clause");
      }
      offset = (*leaf_offsets_)[next_leaf_++];
    }
    if (item.kind == ast::FromItem::Kind::kFunction) return BuildFunction(item, offset);
    if (item.kind == ast::FromItem::Kind::kTable) {
      // A CTE in scope shadows tables and views (cte_scope.h).
      if (std::optional<CteReference> cte = ResolveCteReference(ctx_, item.table)) {
        return BuildCte(std::move(*cte), item.table, offset);
      }
      if (const SystemRelation* sys = ResolveSystemRelation(ctx_, item.table)) {
        return BuildSystemRelation(*sys, item.table, offset);
      }
      if (FindTable(ctx_, item.table) == nullptr) {
        if (const catalog::ViewDesc* view = FindView(ctx_, item.table)) {
          return BuildView(*view, item.table, offset);
        }
        if (const catalog::SequenceDesc* seq = FindSequence(item.table)) {
          return BuildSequence(*seq, item.table, offset);
        }
      }
      return BuildTable(item.table, offset);
    }
    if (item.kind == ast::FromItem::Kind::kSubquery) {
      if (item.lateral && lateral_left_ != nullptr) return BuildLateral(item, offset);
      QueryRows q = RunDerivedQuery(ctx_, *item.subquery, item.table.alias);
      if (item.column_aliases.size() > q.names.size()) {
        throw SqlError(SqlState::kInvalidColumnReference,
                       "table \"" + item.table.alias + "\" has " + std::to_string(q.names.size()) +
                           " columns available but " + std::to_string(item.column_aliases.size()) +
                           " columns specified");
      }
      for (size_t i = 0; i < item.column_aliases.size(); ++i) q.names[i] = item.column_aliases[i];
      ScopeRelation rel;
      rel.alias = item.table.alias;
      return BuildDerived(std::move(q), std::move(rel), offset);
    }
    // With an alias, the inner names leave the namespace (only the alias
    // can clash with other FROM items).
    const std::set<std::string> outer_aliases = aliases_;
    // An inner join that only filters the product of its inputs (no USING
    // columns, no alias, nothing LATERAL): flattened, with its ON among
    // the query's join conditions, so the planner orders and implements
    // its joins like a comma list's.
    const bool flat = Flattens(item);
    const bool flatten_outside = flatten_;
    flatten_ = flat;
    BuiltItem left = Build(*item.left, offset);
    const bool lateral = IsLateral(*item.right);
    if (lateral && offset != 0) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "LATERAL in a join that is not the first FROM item is not supported yet");
    }
    // A function in FROM is implicitly LATERAL (when its row layout allows).
    const bool function = item.right->kind == ast::FromItem::Kind::kFunction && offset == 0;
    SetLateralLeft(lateral || function ? &left.relations : nullptr);
    BuiltItem right = Build(*item.right, offset + left.width);
    SetLateralLeft(nullptr);
    flatten_ = flatten_outside;
    JoinType type = JoinType::kInner;
    switch (item.join_type) {
      case ast::FromItem::JoinType::kInner: type = JoinType::kInner; break;
      case ast::FromItem::JoinType::kLeft: type = JoinType::kLeft; break;
      case ast::FromItem::JoinType::kRight: type = JoinType::kRight; break;
      case ast::FromItem::JoinType::kFull: type = JoinType::kFull; break;
    }
    if (right.lateral && (type == JoinType::kRight || type == JoinType::kFull)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "RIGHT or FULL JOIN LATERAL is not supported yet");
    }
    if (right.lateral && !item.using_columns.empty()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "JOIN LATERAL ... USING is not supported yet");
    }
    std::vector<const BoundExpr*> quals;
    ScopeRelation merged;
    std::vector<const BoundExpr*> extra;
    const size_t merged_offset = offset + left.width + right.width;
    std::set<std::string> using_seen;
    const std::vector<std::string> using_columns =
        item.natural ? NaturalJoinColumns(left.relations, right.relations) : item.using_columns;
    for (const std::string& name : using_columns) {
      if (!using_seen.insert(name).second) {
        throw SqlError(SqlState::kDuplicateColumn,
                       "column name \"" + name + "\" appears more than once in USING clause");
      }
      ScopeColumn* l = FindUsingColumn(left.relations, name, "left");
      ScopeColumn* r = FindUsingColumn(right.relations, name, "right");
      // The join reads both sides' columns (column privileges).
      NoteColumnUse(l->table_oid, l->attnum);
      NoteColumnUse(r->table_oid, r->attnum);
      MarkColumnRead(*l);
      MarkColumnRead(*r);
      BoundExprPtr lref = std::make_unique<BoundColumnRef>(l->slot, l->type, -1);
      BoundExprPtr rref = std::make_unique<BoundColumnRef>(r->slot, r->type, -1);
      // The join condition l = r, resolved as the operator would be.
      BoundExprPtr eq =
          binder_.MakeOperator({"="}, std::make_unique<BoundColumnRef>(l->slot, l->type, -1),
                               std::make_unique<BoundColumnRef>(r->slot, r->type, -1), -1);
      eq = binder_.CoerceToBoolean(std::move(eq), "JOIN/USING");
      quals.push_back(eq.get());
      out_->exprs.push_back(std::move(eq));
      const Oid common = binder_.SelectCommonType({lref.get(), rref.get()}, "JOIN/USING");
      const int32_t typmod = Binder::SelectCommonTypmod({lref.get(), rref.get()}, common);
      lref = binder_.CoerceToCommonType(std::move(lref), common, "JOIN/USING");
      rref = binder_.CoerceToCommonType(std::move(rref), common, "JOIN/USING");
      BoundExprPtr value;
      if (type == JoinType::kFull) {
        std::vector<BoundExprPtr> args;
        args.push_back(std::move(lref));
        args.push_back(std::move(rref));
        value = std::make_unique<BoundCoalesce>(std::move(args), DataType{common, typmod}, -1);
      } else {
        value = type == JoinType::kRight ? std::move(rref) : std::move(lref);
      }
      l->hidden = true;
      r->hidden = true;
      // Its origin is the side's column it is (not through a cast or COALESCE).
      const ScopeColumn* origin = type == JoinType::kRight ? r : l;
      const bool plain = value->kind() == BoundExprKind::kColumnRef;
      merged.columns.push_back({name, DataType{common, typmod},
                                static_cast<int>(merged_offset + extra.size()), false,
                                plain ? origin->table_oid : 0, plain ? origin->attnum : int16_t{0}});
      extra.push_back(value.get());
      out_->exprs.push_back(std::move(value));
    }
    if (item.on) {
      BindScope on_scope;
      on_scope.relations = left.relations;
      on_scope.relations.insert(on_scope.relations.end(), right.relations.begin(),
                                right.relations.end());
      binder_.SetScope(&on_scope);
      binder_.SetAggregatesForbidden("JOIN conditions");
      BoundExprPtr on = binder_.CoerceToBoolean(binder_.BindExpr(*item.on), "JOIN/ON");
      binder_.SetAggregatesForbidden(nullptr);
      binder_.SetScope(nullptr);
      quals.push_back(on.get());
      out_->exprs.push_back(std::move(on));
    }
    BuiltItem joined;
    joined.width = left.width + right.width + extra.size();
    if (flat) {
      for (BuiltItem* side : {&left, &right}) {
        if (side->flat.empty()) {
          joined.flat.push_back({std::move(side->plan), side->width});
        } else {
          for (BuiltItem::Part& part : side->flat) joined.flat.push_back(std::move(part));
        }
      }
      if (item.on) out_->join_conditions.push_back({item.on.get(), quals.back()});
      for (ScopeRelation& r : left.relations) joined.relations.push_back(std::move(r));
      for (ScopeRelation& r : right.relations) joined.relations.push_back(std::move(r));
      return joined;
    }
    if (right.lateral) {
      joined.plan = std::make_unique<LateralLoop>(std::move(left.plan), std::move(right.lateral),
                                                  type == JoinType::kLeft, std::move(quals),
                                                  left.width, right.width, ctx_.param_values);
    } else {
      RecordJoinInputs(type, left.plan.get(), offset, left.width, right.plan.get(),
                       offset + left.width, right.width);
      joined.plan = MakeJoinNode(std::move(left.plan), std::move(right.plan), type,
                                 std::move(quals), left.width, right.width, std::move(extra),
                                 offset, ctx_.param_values);
    }
    if (!merged.columns.empty()) joined.relations.push_back(std::move(merged));
    for (ScopeRelation& r : left.relations) joined.relations.push_back(std::move(r));
    for (ScopeRelation& r : right.relations) joined.relations.push_back(std::move(r));
    if (!item.table.alias.empty()) {
      aliases_ = outer_aliases;
      AliasJoin(item, &joined);
    }
    return joined;
  }

  // Notes a join's two inputs as places WHERE conjuncts may be pushed to
  // (FromPlan::join_inputs). Inputs recorded earlier lie inside one of the
  // two; those inside a side this join NULL-extends become nullable.
  void RecordJoinInputs(JoinType type, const PlanNode* left, size_t left_offset,
                        size_t left_width, const PlanNode* right, size_t right_offset,
                        size_t right_width) {
    const bool left_nullable = type == JoinType::kRight || type == JoinType::kFull;
    const bool right_nullable = type == JoinType::kLeft || type == JoinType::kFull;
    for (FromPlan::JoinInput& in : out_->join_inputs) {
      if (in.offset >= left_offset && in.offset < left_offset + left_width) {
        in.nullable = in.nullable || left_nullable;
      } else if (in.offset >= right_offset && in.offset < right_offset + right_width) {
        in.nullable = in.nullable || right_nullable;
      }
    }
    out_->join_inputs.push_back({left, left_offset, left_width, left_nullable});
    out_->join_inputs.push_back({right, right_offset, right_width, right_nullable});
  }

  // The FROM items to the left of a LATERAL item being built (their slots
  // start at 0), or null.
  void SetLateralLeft(const std::vector<ScopeRelation>* left) { lateral_left_ = left; }
  // Whether the next Build() flattens inner joins (BuiltItem::flat).
  void SetFlatten(bool flatten) { flatten_ = flatten; }
  // Where each leaf of the flattened FROM list goes in the row (by leaf, in
  // FROM order); null: one after the other.
  void SetLeafOffsets(const std::vector<size_t>* offsets) { leaf_offsets_ = offsets; }
  // An inner join that only filters the product of its inputs (no USING
  // columns, no alias, nothing LATERAL), met while flattening.
  bool Flattens(const ast::FromItem& item) const {
    return flatten_ && item.kind == ast::FromItem::Kind::kJoin &&
           item.join_type == ast::FromItem::JoinType::kInner && item.using_columns.empty() &&
           !item.natural && item.table.alias.empty() && !IsLateral(*item.left) &&
           !IsLateral(*item.right) && item.right->kind != ast::FromItem::Kind::kFunction;
  }
  static bool IsLateral(const ast::FromItem& item) {
    return item.kind == ast::FromItem::Kind::kSubquery && item.lateral;
  }

 private:
  // LATERAL (SELECT ...): analyzed with the items to its left as its
  // directly enclosing level, run again for each of their rows.
  BuiltItem BuildLateral(const ast::FromItem& item, size_t offset) {
    BindScope left;
    left.relations = *lateral_left_;
    Binder level_binder = ctx_.MakeBinder();
    level_binder.SetScope(&left);
    BinderLevel level(&level_binder);
    AnalyzedSubquery sub = AnalyzeSubquery(ctx_, *item.subquery, &level);
    QueryRows q;
    q.names = std::move(sub.names);
    q.types = std::move(sub.types);
    if (item.column_aliases.size() > q.names.size()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + item.table.alias + "\" has " + std::to_string(q.names.size()) +
                         " columns available but " + std::to_string(item.column_aliases.size()) +
                         " columns specified");
    }
    for (size_t i = 0; i < item.column_aliases.size(); ++i) q.names[i] = item.column_aliases[i];
    ScopeRelation rel;
    rel.alias = item.table.alias;
    BuiltItem built = BuildDerived(std::move(q), std::move(rel), offset);
    built.plan = nullptr;
    built.lateral = [runner = sub.runner]() { return runner->Run(-1); };
    return built;
  }

  // SELECT on a relation the query reads (PostgreSQL checks it when the
  // executor starts, so parse analysis alone does not).
  void CheckSelect(Oid oid, Oid owner, char relkind, const std::string& name) {
    if (ctx_.analyze_only) return;
    CheckSelectOnRelation(ctx_, oid, owner, relkind, name);
  }

  BuiltItem BuildView(const catalog::ViewDesc& view, const ast::RangeVar& rv, size_t offset) {
    LockRelation(ctx_, view.oid, view.name, txn::RelationLockMode::kAccessShare);
    CheckSelect(view.oid, view.owner, 'v', view.name);
    // The view's query binds against its own text, without parameters.
    out_->texts.push_back(std::make_unique<std::string>(view.query));
    const std::string& text = *out_->texts.back();
    for (auto& statement : ParseQuery(text)) out_->parsed.push_back(std::move(statement));
    if (out_->parsed.empty() || out_->parsed.back()->kind != ast::StatementKind::kSelect) {
      throw SqlError(SqlState::kDataCorrupted, "bad stored query of view \"" + view.name + "\"");
    }
    CommandContext inner = ctx_;
    // Unqualified names in the text resolve as they did at CREATE VIEW.
    std::optional<ScopedSearchPathOverride> path;
    if (!view.search_path.empty()) path.emplace(view.search_path);
    inner.ctes = nullptr;  // the view's names resolved when it was created
    inner.query = text;
    inner.params = nullptr;
    inner.param_values = nullptr;
    inner.outer = nullptr;  // a view sees no enclosing query
    // The relations the view reads are checked as its owner; for a
    // security_invoker view as the statement's own role, even inside
    // another view.
    std::optional<ScopedCheckAsRole> as_owner;
    as_owner.emplace(ViewBoolOption(view, "security_invoker") ? CurrentUserOid(*ctx_.catalog)
                                                              : view.owner);
    QueryRows q =
        RunDerivedQuery(inner, static_cast<const ast::SelectStatement&>(*out_->parsed.back()),
                        rv.alias.empty() ? view.name : rv.alias);
    as_owner.reset();
    if (q.types.size() < view.columns.size()) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "view \"" + view.name + "\" no longer matches its tables");
    }
    q.names.resize(view.columns.size());
    q.types.resize(view.columns.size());
    for (size_t i = 0; i < view.columns.size(); ++i) {
      if (q.types[i].oid != view.columns[i].type) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "view \"" + view.name + "\" no longer matches its tables");
      }
      q.names[i] = view.columns[i].name;
      q.types[i].typmod = view.columns[i].typmod;
    }
    for (Row& row : q.rows) row.resize(view.columns.size());
    ScopeRelation rel;
    const catalog::NamespaceDesc* ns = ctx_.catalog->FindNamespace(view.namespace_oid);
    rel.schema = ns != nullptr ? ns->name : "";
    rel.table_name = view.name;
    rel.alias = rv.alias.empty() ? view.name : rv.alias;
    BuiltItem built = BuildDerived(std::move(q), std::move(rel), offset);
    // The view's own columns (PostgreSQL's resorigtbl/resorigcol name the
    // view), which column privileges on the view are checked against.
    std::vector<ScopeColumn>& columns = built.relations.back().columns;
    for (size_t i = 0; i < columns.size(); ++i) {
      columns[i].table_oid = view.oid;
      columns[i].attnum = static_cast<int16_t>(i + 1);
    }
    return built;
  }

  // A system relation's rows, generated now from the statement's catalog
  // (none at Parse-time analysis).
  BuiltItem BuildSystemRelation(const SystemRelation& sys, const ast::RangeVar& rv,
                                size_t offset) {
    QueryRows q;
    for (const SystemColumn& c : sys.columns) {
      q.names.emplace_back(c.name);
      q.types.push_back(DataType{c.type, c.typmod});
    }
    if (rv.column_aliases.size() > q.names.size()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + (rv.alias.empty() ? std::string(sys.name) : rv.alias) +
                         "\" has " + std::to_string(q.names.size()) +
                         " columns available but " + std::to_string(rv.column_aliases.size()) +
                         " columns specified");
    }
    for (size_t i = 0; i < rv.column_aliases.size(); ++i) q.names[i] = rv.column_aliases[i];
    if (!ctx_.analyze_only) q.rows = sys.rows(ctx_);
    ScopeRelation rel;
    rel.schema = std::string(sys.schema);
    rel.table_name = std::string(sys.name);
    rel.alias = rv.alias.empty() ? std::string(sys.name) : rv.alias;
    // A catalog table has the system column tableoid (pg_dump selects it
    // from every catalog it reads); a system view, like any view, has none.
    if (sys.relkind == 'r') rel.relation_oid = sys.oid;
    BuiltItem built = BuildDerived(std::move(q), std::move(rel), offset);
    built.plan->set_explain_name("Seq Scan on " + ScanName(rv.name, rv.alias));
    return built;
  }

  // The sequence `rv` names (in its schema or along search_path), or null.
  const catalog::SequenceDesc* FindSequence(const ast::RangeVar& rv) {
    const catalog::NamespaceDesc* ns = RelationSchema(ctx_, rv);
    return ns == nullptr ? nullptr : ctx_.catalog->FindSequence(ns->oid, rv.name);
  }

  // A sequence read as a relation: PostgreSQL's one row (last_value,
  // log_cnt, is_called) of its current state, as pg_dump reads it.
  BuiltItem BuildSequence(const catalog::SequenceDesc& seq, const ast::RangeVar& rv,
                          size_t offset) {
    QueryRows q;
    q.names = {"last_value", "log_cnt", "is_called"};
    q.types = {DataType{type_oid::kInt8}, DataType{type_oid::kInt8}, DataType{type_oid::kBool}};
    if (rv.column_aliases.size() > q.names.size()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + (rv.alias.empty() ? rv.name : rv.alias) + "\" has " +
                         std::to_string(q.names.size()) + " columns available but " +
                         std::to_string(rv.column_aliases.size()) + " columns specified");
    }
    for (size_t i = 0; i < rv.column_aliases.size(); ++i) q.names[i] = rv.column_aliases[i];
    CheckSelect(seq.oid, seq.owner, 'S', seq.name);
    if (!ctx_.analyze_only) {
      SequenceValues* values = ctx_.db != nullptr ? ctx_.db->sequence_values() : nullptr;
      if (values == nullptr) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "reading sequence \"" + seq.name + "\" is not supported here");
      }
      const auto [last_value, is_called] = values->Peek(seq);
      q.rows.push_back(Row{Value::Int8(last_value), Value::Int8(values->LogCount(seq)),
                           Value::Bool(is_called)});
    }
    ScopeRelation rel;
    if (const catalog::NamespaceDesc* ns = RelationSchema(ctx_, rv)) rel.schema = ns->name;
    rel.table_name = rv.name;
    rel.alias = rv.alias.empty() ? rv.name : rv.alias;
    rel.relation_oid = seq.oid;
    BuiltItem built = BuildDerived(std::move(q), std::move(rel), offset);
    built.plan->set_explain_name("Seq Scan on " + ScanName(rv.name, rv.alias));
    return built;
  }

  // (a JOIN b ...) AS alias [(columns)]: the join's visible columns become
  // one relation named alias; a and b are no longer reachable by name.
  void AliasJoin(const ast::FromItem& item, BuiltItem* joined) {
    ScopeRelation rel;
    rel.table_name = item.table.alias;
    rel.alias = item.table.alias;
    for (const ScopeRelation& r : joined->relations) {
      for (const ScopeColumn& c : r.columns) {
        if (!c.hidden) rel.columns.push_back(c);
      }
    }
    if (item.column_aliases.size() > rel.columns.size()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "join expression \"" + rel.alias + "\" has " +
                         std::to_string(rel.columns.size()) + " columns available but " +
                         std::to_string(item.column_aliases.size()) + " columns specified");
    }
    for (size_t i = 0; i < item.column_aliases.size(); ++i) {
      rel.columns[i].name = item.column_aliases[i];
    }
    if (!aliases_.insert(rel.alias).second) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
    joined->relations.clear();
    joined->relations.push_back(std::move(rel));
  }

  BuiltItem BuildCte(CteReference cte, const ast::RangeVar& rv, size_t offset) {
    ScopeRelation rel;
    rel.table_name = rv.name;
    rel.alias = rv.alias.empty() ? rv.name : rv.alias;
    if (rv.column_aliases.size() > cte.names.size()) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + rel.alias + "\" has " + std::to_string(cte.names.size()) +
                         " columns available but " + std::to_string(rv.column_aliases.size()) +
                         " columns specified");
    }
    for (size_t i = 0; i < rv.column_aliases.size(); ++i) cte.names[i] = rv.column_aliases[i];
    if (!aliases_.insert(rel.alias).second) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
    for (size_t i = 0; i < cte.names.size(); ++i) {
      rel.columns.push_back({cte.names[i], cte.types[i], static_cast<int>(offset + i), false});
    }
    BuiltItem built;
    built.width = cte.names.size();
    built.plan = std::move(cte.scan);
    if (built.plan) built.plan->set_explain_name("CTE Scan on " + ScanName(rv.name, rv.alias));
    built.relations.push_back(std::move(rel));
    return built;
  }

  BuiltItem BuildDerived(QueryRows q, ScopeRelation rel, size_t offset) {
    if (!aliases_.insert(rel.alias).second) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
    for (size_t i = 0; i < q.names.size(); ++i) {
      rel.columns.push_back({q.names[i], q.types[i], static_cast<int>(offset + i), false});
    }
    BuiltItem built;
    built.width = q.names.size();
    built.plan = std::make_unique<MaterializedScan>(
        std::make_shared<const std::vector<Row>>(std::move(q.rows)));
    built.plan->set_explain_name("Subquery Scan on " + QuoteIdentText(rel.alias));
    built.relations.push_back(std::move(rel));
    return built;
  }

  // A function call: its arguments see no other FROM item (LATERAL
  // references are not supported yet); one column named after the alias or
  // the function (PostgreSQL's rules for a function returning a scalar).
  BuiltItem BuildFunction(const ast::FromItem& item, size_t offset) {
    BindScope empty;
    binder_.SetScope(&empty);
    // Implicitly LATERAL: the arguments may name the FROM items to the left,
    // which then form the directly enclosing level (as for a LATERAL
    // subquery); a call that reaches any outer level runs per left row.
    BindScope left_scope;
    std::optional<Binder> level_binder;
    std::optional<BinderLevel> level;
    std::optional<NoteUse> note;
    // binder_ came from ctx_.MakeBinder(): its own enclosing level is ctx_.outer.
    OuterResolver* saved_outer = ctx_.outer;
    if (lateral_left_ != nullptr) {
      left_scope.relations = *lateral_left_;
      level_binder.emplace(ctx_.MakeBinder());
      level_binder->SetScope(&left_scope);
      level.emplace(&*level_binder);
      note.emplace(&*level);
      binder_.SetOuter(&*note);
    }
    binder_.SetAggregatesForbidden("functions in FROM");
    binder_.SetSetReturningAllowed(true);
    BoundExprPtr call;
    std::vector<RecordField> defined_columns;
    if (item.column_defs.empty()) {
      // json[b]_to_record[set] return record of no known shape.
      const auto& name = static_cast<const ast::FuncCallExpr&>(*item.function).name;
      const SqlFunction* to_record = FindJsonToRecordFunction(name.back());
      if (to_record != nullptr && to_record->nargs == 2) {
        binder_.SetOuter(saved_outer);
        throw SqlError(SqlState::kSyntaxError,
                       "a column definition list is required for functions returning "
                       "\"record\"")
            .WithPosition(ctx_.Position(item.location));
      }
    }
    try {
      if (!item.column_defs.empty()) {
        call = BindWithColumnDefinitions(item, &defined_columns);
      } else {
        call = binder_.BindExpr(*item.function);
      }
    } catch (...) {
      binder_.SetOuter(saved_outer);
      throw;
    }
    binder_.SetOuter(saved_outer);
    binder_.SetSetReturningAllowed(false);
    binder_.SetAggregatesForbidden(nullptr);
    binder_.SetScope(nullptr);
    if (call->kind() == BoundExprKind::kUserFunctionCall) {
      return BuildUserFunction(item, offset, std::move(call), note.has_value() && note->used);
    }
    if (call->type().oid == type_oid::kRecord && item.column_defs.empty() &&
        call->kind() == BoundExprKind::kFunctionCall &&
        IsJsonPopulateFunction(static_cast<const BoundFunctionCall&>(*call).function())) {
      throw SqlError(SqlState::kSyntaxError,
                     "a column definition list is required for functions returning \"record\"")
          .WithPosition(ctx_.Position(item.location));
    }
    const SqlFunction* srf =
        call->kind() == BoundExprKind::kFunctionCall
            ? FindSetReturningFunction(static_cast<const BoundFunctionCall&>(*call).function())
            : nullptr;
    const auto& name = static_cast<const ast::FuncCallExpr&>(*item.function).name;
    ScopeRelation rel;
    rel.table_name = name.back();
    rel.alias = item.function_alias.empty() ? name.back() : item.function_alias;
    // Rows of several columns (a record type), or one column not named after
    // the function.
    std::vector<RecordField> record_columns = std::move(defined_columns);
    if (srf != nullptr && call->type().oid == type_oid::kRecord && record_columns.empty()) {
      if (const std::vector<RecordField>* fields = FindRecordType(call->type().typmod)) {
        record_columns = *fields;
      }
    }
    for (std::string_view column : RecordSetFunctionColumns(srf)) {
      record_columns.push_back({std::string(column), call->type()});
    }
    // A function returning a named composite type: a column per field.
    if (record_columns.empty() && IsNamedCompositeType(call->type().oid)) {
      record_columns = RequireCompositeFields(call->type());
    }
    if (!record_columns.empty()) {
      return BuildRecordFunction(item, offset, std::move(call), srf, record_columns,
                                 std::move(rel), note.has_value() && note->used);
    }
    const size_t available = item.ordinality ? 2 : 1;
    if (item.column_aliases.size() > available) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + rel.alias + "\" has " + std::to_string(available) +
                         " columns available but " + std::to_string(item.column_aliases.size()) +
                         " columns specified");
    }
    const std::string column = !item.column_aliases.empty() ? item.column_aliases[0]
                               : !item.function_alias.empty() ? item.function_alias
                                                              : name.back();
    if (!aliases_.insert(rel.alias).second) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
    rel.columns.push_back({column, call->type(), static_cast<int>(offset), false});
    AddOrdinalityColumn(item, 1, offset, &rel);
    BuiltItem built;
    AttachFunctionScan(item, name.back(), srf, *call, note.has_value() && note->used, &built);
    built.width = available;
    built.relations.push_back(std::move(rel));
    out_->exprs.push_back(std::move(call));
    return built;
  }

  // f(...) AS [alias] (name type, ...): the column definition list of a
  // function returning record. Only json[b]_to_record[set] take one here:
  // they receive the list's record typmod as an extra argument.
  BoundExprPtr BindWithColumnDefinitions(const ast::FromItem& item,
                                         std::vector<RecordField>* columns) {
    const auto& call = static_cast<const ast::FuncCallExpr&>(*item.function);
    for (const ast::FromItem::ColumnDefinition& def : item.column_defs) {
      for (const RecordField& prior : *columns) {
        if (prior.name == def.name) {
          throw SqlError(SqlState::kDuplicateColumn,
                         "column name \"" + def.name + "\" specified more than once");
        }
      }
      columns->push_back({def.name, binder_.BindTypeName(def.type)});
    }
    const SqlFunction* fn = nullptr;
    if (call.name.size() == 1 || (call.name.size() == 2 && call.name[0] == "pg_catalog")) {
      fn = FindJsonToRecordFunction(call.name.back());
    }
    if (fn == nullptr || call.args.size() != fn->nargs - 1 || !call.arg_names.empty()) {
      BoundExprPtr bound = binder_.BindExpr(*item.function);
      if (bound->type().oid != type_oid::kRecord) {
        throw SqlError(SqlState::kSyntaxError,
                       "a column definition list is only allowed for functions returning "
                       "\"record\"")
            .WithPosition(ctx_.Position(item.column_defs[0].location));
      }
      throw SqlError(SqlState::kFeatureNotSupported,
                     "a column definition list for " + call.name.back() +
                         "() is not supported yet");
    }
    std::vector<BoundExprPtr> args;
    for (size_t i = 0; i < call.args.size(); ++i) {
      args.push_back(binder_.CoerceType(binder_.BindExpr(*call.args[i]), fn->args[i],
                                        CoercionContext::kImplicit, call.args[i]->location));
    }
    const DataType type = RecordType(*columns);
    args.push_back(std::make_unique<BoundConstant>(Value::Int4(type.typmod),
                                                   DataType{type_oid::kInt4, -1}, -1));
    return std::make_unique<BoundFunctionCall>(&fn->impl, std::move(args), type, call.location);
  }

  // The FunctionScan of a set-returning function in FROM: run again per
  // outer row when `lateral` (its rows then come from built->lateral), else
  // the item's plan.
  void AttachFunctionScan(const ast::FromItem& item, const std::string& function_name,
                          const SqlFunction* srf, const BoundExpr& call, bool lateral,
                          BuiltItem* built, size_t record_width = 0) {
    if (lateral) {
      auto scan = std::make_shared<FunctionScan>(srf, &call, ctx_.param_values);
      scan->set_ordinality(item.ordinality);
      scan->set_record_width(record_width);
      built->lateral = [scan]() {
        std::vector<Row> rows;
        Row row;
        scan->Init();
        while (scan->Next(&row)) rows.push_back(std::move(row));
        scan->Close();
        return rows;
      };
      return;
    }
    auto scan = std::make_unique<FunctionScan>(srf, &call, ctx_.param_values);
    scan->set_ordinality(item.ordinality);
    scan->set_record_width(record_width);
    built->plan = std::move(scan);
    built->plan->set_explain_name("Function Scan on " + ScanName(function_name, item.function_alias));
  }

  // WITH ORDINALITY's bigint column after the function's `width` columns:
  // named "ordinality" unless a column alias names it.
  static void AddOrdinalityColumn(const ast::FromItem& item, size_t width, size_t offset,
                                  ScopeRelation* rel) {
    if (!item.ordinality) return;
    const std::string name =
        width < item.column_aliases.size() ? item.column_aliases[width] : "ordinality";
    rel->columns.push_back(
        {name, DataType{type_oid::kInt8}, static_cast<int>(offset + width), false});
  }

  // A set-returning function whose rows have several columns, or one column
  // not named after the function (record_set_functions.h): those columns,
  // named by the column aliases where given.
  BuiltItem BuildRecordFunction(const ast::FromItem& item, size_t offset, BoundExprPtr call,
                                const SqlFunction* srf,
                                const std::vector<RecordField>& columns, ScopeRelation rel,
                                bool lateral) {
    const auto& name = static_cast<const ast::FuncCallExpr&>(*item.function).name;
    const size_t available = columns.size() + (item.ordinality ? 1 : 0);
    if (item.column_aliases.size() > available) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + rel.alias + "\" has " + std::to_string(available) +
                         " columns available but " + std::to_string(item.column_aliases.size()) +
                         " columns specified");
    }
    if (!aliases_.insert(rel.alias).second) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      const std::string column =
          i < item.column_aliases.size() ? item.column_aliases[i] : columns[i].name;
      rel.columns.push_back({column, columns[i].type, static_cast<int>(offset + i), false});
    }
    AddOrdinalityColumn(item, columns.size(), offset, &rel);
    BuiltItem built;
    AttachFunctionScan(item, name.back(), srf, *call, lateral, &built,
                       IsCompositeType(call->type().oid) ? columns.size() : 0);
    built.width = available;
    built.relations.push_back(std::move(rel));
    out_->exprs.push_back(std::move(call));
    return built;
  }

  // A user-defined function in FROM: its TABLE / OUT columns (or one named
  // after the function), the rows its body's final statement returns.
  BuiltItem BuildUserFunction(const ast::FromItem& item, size_t offset, BoundExprPtr call,
                              bool lateral) {
    const auto& fn_call = static_cast<const BoundUserFunctionCall&>(*call);
    const auto& name = static_cast<const ast::FuncCallExpr&>(*item.function).name;
    std::vector<FunctionColumn> columns = FunctionOutputColumns(fn_call.function());
    ScopeRelation rel;
    rel.table_name = name.back();
    rel.alias = item.function_alias.empty() ? name.back() : item.function_alias;
    const size_t available = columns.size() + (item.ordinality ? 1 : 0);
    if (item.column_aliases.size() > available) {
      throw SqlError(SqlState::kInvalidColumnReference,
                     "table \"" + rel.alias + "\" has " + std::to_string(available) +
                         " columns available but " + std::to_string(item.column_aliases.size()) +
                         " columns specified");
    }
    // A scalar-typed result's one column takes the alias's name (as for
    // built-ins); named TABLE / OUT columns keep theirs.
    if (columns.size() == 1 && !item.function_alias.empty() && columns[0].name == name.back()) {
      columns[0].name = item.function_alias;
    }
    for (size_t i = 0; i < item.column_aliases.size() && i < columns.size(); ++i) {
      columns[i].name = item.column_aliases[i];
    }
    if (!aliases_.insert(rel.alias).second) {
      throw SqlError(SqlState::kDuplicateAlias,
                     "table name \"" + rel.alias + "\" specified more than once");
    }
    for (size_t i = 0; i < columns.size(); ++i) {
      rel.columns.push_back({columns[i].name, columns[i].type, static_cast<int>(offset + i), false});
    }
    AddOrdinalityColumn(item, columns.size(), offset, &rel);
    const BoundUserFunctionCall* raw = &fn_call;
    const std::vector<Value>* params = ctx_.param_values;
    const bool ordinality = item.ordinality;
    auto rows = [raw, params, ordinality]() {
      EvalContext eval(params);
      std::vector<Row> out = raw->EvaluateRows(eval);
      // WITH ORDINALITY: each row's number (bigint, from 1) last.
      if (ordinality) {
        for (size_t i = 0; i < out.size(); ++i) {
          out[i].push_back(Value::Int8(static_cast<int64_t>(i + 1)));
        }
      }
      return out;
    };
    BuiltItem built;
    if (lateral) {
      built.lateral = rows;
    } else {
      built.plan = std::make_unique<RowsScan>(rows);
      built.plan->set_explain_name("Function Scan on " +
                                   ScanName(name.back(), item.function_alias));
    }
    built.width = available;
    built.relations.push_back(std::move(rel));
    out_->exprs.push_back(std::move(call));
    return built;
  }

  BuiltItem BuildTable(const ast::RangeVar& rv, size_t offset) {
    const catalog::TableDesc& table = LookupTable(ctx_, rv);
    LockRelation(ctx_, table.oid, table.name, txn::RelationLockMode::kAccessShare);
    CheckSelect(table.oid, table.owner, 'r', table.name);  // not its children's: as PostgreSQL
    BuiltItem built;
    std::vector<const catalog::TableDesc*> members = InheritanceSet(ctx_, table, rv.inh);
    // Partitioned tables hold no rows: only their leaf partitions are
    // scanned (through the Append even when there is one, or none).
    const bool append = members.size() > 1 || table.partition_key.has_value();
    std::erase_if(members, [](const catalog::TableDesc* m) { return m->partition_key.has_value(); });
    std::shared_ptr<ColumnUse> use;
    if (!append) {
      out_->codecs.push_back(std::make_unique<TableCodec>(table));
      auto scan = std::make_unique<SeqScan>(ctx_.txn, out_->codecs.back().get());
      // The scan decodes only the columns the statement's expressions read.
      use = std::make_shared<ColumnUse>(table.columns.size());
      scan->SetColumnsRead(std::shared_ptr<const std::vector<bool>>(use, &use->read));
      built.plan = std::move(scan);
      built.plan->set_explain_name("Seq Scan on " + ScanName(table.name, rv.alias));
      built.width = table.columns.size();
    } else {
      // A parent and its descendants: an Append of their scans in the
      // parent's layout, plus the tableoid slot (node_append.h).
      std::vector<InheritanceAppend::Member> scans;
      std::vector<Oid> null_types;
      for (const catalog::ColumnDesc& c : table.columns) null_types.push_back(c.type);
      for (const catalog::TableDesc* member : members) {
        if (member != &table) {
          LockRelation(ctx_, member->oid, member->name, txn::RelationLockMode::kAccessShare);
        }
        out_->codecs.push_back(std::make_unique<TableCodec>(*member));
        InheritanceAppend::Member m;
        m.scan = std::make_unique<SeqScan>(ctx_.txn, out_->codecs.back().get());
        m.slots = ParentColumnSlots(table, *member);
        m.table_oid = member->oid;
        m.table_name = member->name;
        scans.push_back(std::move(m));
      }
      built.plan = std::make_unique<InheritanceAppend>(std::move(scans), std::move(null_types),
                                                       rv.alias.empty() ? table.name : rv.alias);
      built.width = table.columns.size() + 1;
    }
    BindScope scope = TableScope(ctx_, table, rv.alias);
    for (ScopeRelation& rel : scope.relations) {
      if (append) rel.tableoid_slot = static_cast<int>(offset + table.columns.size());
      // Column aliases rename the first columns (buildRelationAliases).
      if (rv.column_aliases.size() > rel.columns.size()) {
        throw SqlError(SqlState::kInvalidColumnReference,
                       "table \"" + rel.alias + "\" has " + std::to_string(rel.columns.size()) +
                           " columns available but " + std::to_string(rv.column_aliases.size()) +
                           " columns specified");
      }
      for (size_t i = 0; i < rv.column_aliases.size(); ++i) {
        rel.columns[i].name = rv.column_aliases[i];
      }
      if (!aliases_.insert(rel.alias).second) {
        throw SqlError(SqlState::kDuplicateAlias,
                       "table name \"" + rel.alias + "\" specified more than once");
      }
      for (ScopeColumn& c : rel.columns) {
        if (use != nullptr) {
          c.use = use;
          c.use_slot = c.slot;
        }
        c.slot += static_cast<int>(offset);
      }
      built.relations.push_back(std::move(rel));
    }
    return built;
  }

  CommandContext& ctx_;
  Binder& binder_;
  FromPlan* out_;
  std::set<std::string> aliases_;
  const std::vector<ScopeRelation>* lateral_left_ = nullptr;
  bool flatten_ = false;
  const std::vector<size_t>* leaf_offsets_ = nullptr;
  size_t next_leaf_ = 0;
};

}  // namespace

FromPlan PlanFrom(CommandContext& ctx, Binder& binder, const std::vector<ast::FromItem>& from,
                  bool defer_comma_joins, const std::vector<size_t>* leaf_offsets) {
  FromPlan out;
  if (from.empty()) {  // SELECT without FROM: one row of no columns
    out.plan = std::make_unique<MaterializedScan>(
        std::make_shared<const std::vector<Row>>(std::vector<Row>{Row{}}));
    out.plan->set_explain_name("Result");
    return out;
  }
  FromPlanner planner(ctx, binder, &out);
  planner.SetFlatten(defer_comma_joins);
  if (defer_comma_joins) planner.SetLeafOffsets(leaf_offsets);
  BuiltItem all = planner.Build(from.at(0), 0);
  // A flattened first item: its first part leads, the others are pending.
  if (!all.flat.empty()) {
    all.plan = std::move(all.flat[0].plan);
    out.pending_first_width = all.flat[0].width;
    for (size_t p = 1; p < all.flat.size(); ++p) {
      out.pending.push_back({std::move(all.flat[p].plan), {}, all.flat[p].width});
    }
    all.flat.clear();
  }
  for (size_t i = 1; i < from.size(); ++i) {
    const bool function = from[i].kind == ast::FromItem::Kind::kFunction;
    planner.SetLateralLeft(FromPlanner::IsLateral(from[i]) || function ? &all.relations
                                                                       : nullptr);
    planner.SetFlatten(defer_comma_joins);
    BuiltItem next = planner.Build(from[i], all.width);
    planner.SetLateralLeft(nullptr);
    if (defer_comma_joins) {
      if (out.pending.empty()) out.pending_first_width = all.width;
      if (next.flat.empty()) {
        out.pending.push_back({std::move(next.plan), std::move(next.lateral), next.width});
      } else {
        for (BuiltItem::Part& part : next.flat) {
          out.pending.push_back({std::move(part.plan), {}, part.width});
        }
      }
      all.width += next.width;
      for (ScopeRelation& r : next.relations) all.relations.push_back(std::move(r));
      continue;
    }
    BuiltItem cross;
    cross.width = all.width + next.width;
    if (next.lateral) {
      cross.plan = std::make_unique<LateralLoop>(std::move(all.plan), std::move(next.lateral),
                                                 false, std::vector<const BoundExpr*>{},
                                                 all.width, next.width, ctx.param_values);
    } else {
      cross.plan = std::make_unique<NestLoop>(std::move(all.plan), std::move(next.plan),
                                              JoinType::kInner, std::vector<const BoundExpr*>{},
                                              all.width, next.width,
                                              std::vector<const BoundExpr*>{}, ctx.param_values);
    }
    cross.relations = std::move(all.relations);
    for (ScopeRelation& r : next.relations) cross.relations.push_back(std::move(r));
    all = std::move(cross);
  }
  out.plan = std::move(all.plan);
  out.width = all.width;
  out.scope.relations = std::move(all.relations);
  if (defer_comma_joins && leaf_offsets != nullptr) {
    // The leaves in row order: the first leads, the others are pending.
    struct Leaf {
      size_t offset;
      PlanNodePtr plan;
      size_t width;
    };
    std::vector<Leaf> leaves;
    leaves.push_back({(*leaf_offsets)[0], std::move(out.plan), out.pending_first_width});
    for (size_t i = 0; i < out.pending.size(); ++i) {
      leaves.push_back({(*leaf_offsets).at(i + 1), std::move(out.pending[i].plan),
                        out.pending[i].width});
    }
    std::sort(leaves.begin(), leaves.end(),
              [](const Leaf& a, const Leaf& b) { return a.offset < b.offset; });
    out.plan = std::move(leaves[0].plan);
    out.pending_first_width = leaves[0].width;
    for (size_t i = 1; i < leaves.size(); ++i) {
      out.pending[i - 1].plan = std::move(leaves[i].plan);
      out.pending[i - 1].width = leaves[i].width;
    }
  }
  return out;
}

}  // namespace strata::sql
