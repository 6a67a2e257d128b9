// CTE frames, lookup and the recursive union (see cte_scope.h).
#include "sql/commands/cte_scope.h"

#include <string>
#include <unordered_set>

#include "common/interrupts.h"
#include "sql/builtin/type_table.h"
#include "sql/binder/grouping.h"
#include "sql/commands/expr_walk.h"
#include "sql/commands/set_operation.h"
#include "sql/commands/transition_tables.h"
#include "sql/executor/node_materialized_scan.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

struct CteEntry {
  const ast::CommonTableExpr* def = nullptr;
  bool self_referencing = false;  // WITH RECURSIVE and its query names it
  const CteFrame* outer = nullptr;  // the frame around the WITH clause
  std::vector<CteEntry*> visible;   // entries of its own list its query sees
  std::vector<CteEntry*> hidden;    // and those it does not
  bool started = false;
  bool complete = false;     // result holds every row
  QueryRows result;          // the rows so far
  bool in_progress = false;  // its first run is under way
  bool in_nonrecursive_term = false;
  const QueryRows* worktable = nullptr;  // during a recursive step
  // Recursive: what the further steps run with.
  std::optional<CommandContext> ctx;
  CteFrame frame;
  QueryRows work;                        // the working table
  std::unordered_set<std::string> seen;  // UNION: every row produced so far
  std::vector<int> base_locations;       // of the non-recursive term's columns
  // WITH ... on the UNION itself: in scope for both terms (every step).
  // Declared after `ctx`, which it points into.
  std::unique_ptr<ScopedWithClause> union_with;
  const CteFrame* step_frame = nullptr;  // &frame, or union_with's
};

namespace {

// Restores ctx.ctes when it goes out of scope.
class FrameSwap {
 public:
  FrameSwap(CommandContext& ctx, const CteFrame* frame) : ctx_(ctx), saved_(ctx.ctes) {
    ctx.ctes = frame;
  }
  ~FrameSwap() { ctx_.ctes = saved_; }

 private:
  CommandContext& ctx_;
  const CteFrame* saved_;
};

// References to `name` in the FROM items of `s` (and its set-operation
// operands, FROM subqueries and nested WITH queries not shadowing it), in
// tree order, each with the construct it sits in where PostgreSQL forbids a
// recursive reference (checkWellFormedRecursionWalker's contexts): the
// nullable side of an outer join, INTERSECT ALL, EXCEPT ALL, the right side
// of EXCEPT. Null context: allowed.
struct Reference {
  const ast::RangeVar* rv;
  const char* context;
};
using References = std::vector<Reference>;

void CollectSelect(const ast::SelectStatement& s, const std::string& name, const char* context,
                   References* out);

void CollectFrom(const ast::FromItem& item, const std::string& name, const char* context,
                 References* out) {
  switch (item.kind) {
    case ast::FromItem::Kind::kTable:
      if (item.table.schema.empty() && item.table.name == name) {
        out->push_back({&item.table, context});
      }
      break;
    case ast::FromItem::Kind::kSubquery:
      if (item.subquery) CollectSelect(*item.subquery, name, context, out);
      break;
    case ast::FromItem::Kind::kJoin: {
      using JT = ast::FromItem::JoinType;
      const char* kOuter = "an outer join";
      const bool left_nullable = item.join_type == JT::kRight || item.join_type == JT::kFull;
      const bool right_nullable = item.join_type == JT::kLeft || item.join_type == JT::kFull;
      CollectFrom(*item.left, name, left_nullable ? kOuter : context, out);
      CollectFrom(*item.right, name, right_nullable ? kOuter : context, out);
      break;
    }
    case ast::FromItem::Kind::kFunction:
      break;
  }
}

void CollectSelect(const ast::SelectStatement& s, const std::string& name, const char* context,
                   References* out) {
  // A nested WITH item of the same name hides ours from the body, and from
  // the items after it (all of them, with RECURSIVE).
  bool shadowed = false;
  if (s.with) {
    for (const ast::CommonTableExpr& cte : s.with->ctes) {
      if (cte.name == name && s.with->recursive) shadowed = true;
      if (!shadowed && cte.query) CollectSelect(*cte.query, name, context, out);
      if (cte.name == name) shadowed = true;
    }
  }
  if (shadowed) return;
  using SetOp = ast::SelectStatement::SetOp;
  if (s.larg) {
    const bool all_forbidden = s.set_all && s.set_op != SetOp::kUnion;
    const char* here = !all_forbidden                   ? context
                       : s.set_op == SetOp::kIntersect ? "INTERSECT"
                                                       : "EXCEPT";
    CollectSelect(*s.larg, name, here, out);
    CollectSelect(*s.rarg, name, s.set_op == SetOp::kExcept ? "EXCEPT" : here, out);
  }
  for (const ast::FromItem& item : s.from) CollectFrom(item, name, context, out);
  // References inside subqueries used as expressions (SubLinks) are within a
  // subquery (RECURSION_SUBLINK): a recursive term must not have them (an
  // IN (SELECT * FROM x) would otherwise recurse without end).
  auto in_sublinks = [&](const ast::Expr& root) {
    ForEachExprNode(root, [&](const ast::Expr& e) {
      if (e.kind != ast::ExprKind::kSubLink) return;
      const auto& link = static_cast<const ast::SubLinkExpr&>(e);
      if (link.subquery) CollectSelect(*link.subquery, name, "a subquery", out);
    });
  };
  for (const ast::ResTarget& t : s.target_list) {
    if (t.value) in_sublinks(*t.value);
  }
  if (s.where) in_sublinks(*s.where);
  if (s.having) in_sublinks(*s.having);
}

// PostgreSQL's checkWellFormedRecursion, for the cases we can see.
void CheckWellFormed(const CommandContext& ctx, const ast::CommonTableExpr& cte) {
  Binder binder = ctx.MakeBinder();
  const ast::SelectStatement& q = *cte.query;
  if (q.set_op != ast::SelectStatement::SetOp::kUnion) {
    throw binder.ErrorAt(SqlState::kInvalidRecursion,
                         "recursive query \"" + cte.name +
                             "\" does not have the form non-recursive-term UNION [ALL] "
                             "recursive-term",
                         cte.location);
  }
  // A WITH on the UNION itself is a query level of its own for PostgreSQL.
  if (q.with) {
    References inner;
    for (const ast::CommonTableExpr& w : q.with->ctes) {
      if (w.query) CollectSelect(*w.query, cte.name, nullptr, &inner);
    }
    if (!inner.empty()) {
      throw binder.ErrorAt(SqlState::kInvalidRecursion,
                           "recursive reference to query \"" + cte.name +
                               "\" must not appear within a subquery",
                           inner.front().rv->location);
    }
  }
  References left;
  CollectSelect(*q.larg, cte.name, nullptr, &left);
  if (!left.empty()) {
    throw binder.ErrorAt(SqlState::kInvalidRecursion,
                         "recursive reference to query \"" + cte.name +
                             "\" must not appear within its non-recursive term",
                         left.front().rv->location);
  }
  if (!q.sort.empty()) {
    throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                         "ORDER BY in a recursive query is not implemented",
                         q.sort.front().expr->location);
  }
  if (q.limit_offset) {
    throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                         "OFFSET in a recursive query is not implemented",
                         q.limit_offset->location);
  }
  if (q.limit_count) {
    throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                         "LIMIT in a recursive query is not implemented", q.limit_count->location);
  }
  if (!q.locking.empty()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "FOR UPDATE/SHARE in a recursive query is not implemented");
  }
  // parseCheckAggregates: no aggregate in a recursive term's own SELECT.
  if (q.rarg->set_op == ast::SelectStatement::SetOp::kNone) {
    const ast::FuncCallExpr* agg = nullptr;
    auto find = [&](const ast::Expr& e) {
      if (agg == nullptr && e.kind == ast::ExprKind::kFuncCall) {
        const auto& f = static_cast<const ast::FuncCallExpr&>(e);
        if (f.over == nullptr && !f.is_grouping_func && IsAggregateName(f.name)) agg = &f;
      }
    };
    for (const ast::ResTarget& t : q.rarg->target_list) ForEachExprNode(*t.value, find);
    if (q.rarg->having) ForEachExprNode(*q.rarg->having, find);
    if (agg != nullptr) {
      throw binder.ErrorAt(SqlState::kInvalidRecursion,
                           "aggregate functions are not allowed in a recursive query's "
                           "recursive term",
                           agg->location);
    }
  }
  References right;
  CollectSelect(*q.rarg, cte.name, nullptr, &right);
  int count = 0;
  for (const Reference& ref : right) {
    if (ref.context != nullptr) {
      throw binder.ErrorAt(SqlState::kInvalidRecursion,
                           "recursive reference to query \"" + cte.name +
                               "\" must not appear within " + ref.context,
                           ref.rv->location);
    }
    if (++count > 1) {
      throw binder.ErrorAt(SqlState::kInvalidRecursion,
                           "recursive reference to query \"" + cte.name +
                               "\" must not appear more than once",
                           ref.rv->location);
    }
  }
}

void ApplyColumnAliases(const CommandContext& ctx, const ast::CommonTableExpr& cte,
                        QueryRows* q) {
  if (cte.column_aliases.size() > q->names.size()) {
    throw ctx.MakeBinder().ErrorAt(SqlState::kInvalidColumnReference,
                                   "WITH query \"" + cte.name + "\" has " +
                                       std::to_string(q->names.size()) +
                                       " columns available but " +
                                       std::to_string(cte.column_aliases.size()) +
                                       " columns specified",
                                   cte.location);
  }
  for (size_t i = 0; i < cte.column_aliases.size(); ++i) q->names[i] = cte.column_aliases[i];
}

int FirstLocation(const std::vector<int>& locations) {
  for (int l : locations) {
    if (l >= 0) return l;
  }
  return -1;
}

std::string RowKey(const std::vector<DataType>& types, const Row& row) {
  std::string key;
  for (size_t i = 0; i < types.size(); ++i) AppendKeyDatum(KeyColumn(types[i].oid), row[i], &key);
  return key;
}

// Appends rows of a step (UNION: those not produced before) to the result;
// they are the next working table.
void AddRecursiveRows(CteEntry& e, std::vector<Row> rows) {
  e.work.rows.clear();
  for (Row& row : rows) {
    CheckForInterrupts();
    if (!e.def->query->set_all && !e.seen.insert(RowKey(e.result.types, row)).second) continue;
    e.work.rows.push_back(row);
    e.result.rows.push_back(std::move(row));
  }
}

// Makes `e.result` grow by one step of the recursive term (the working
// table is the previous step's new rows); marks it complete when a step adds
// nothing. Runs in the entry's own context and frame.
void Step(CteEntry& e) {
  CommandContext& ctx = *e.ctx;
  FrameSwap swap(ctx, e.step_frame);
  CheckForInterruptsNow();
  const ast::CommonTableExpr& cte = *e.def;
  const ast::SelectStatement& q = *cte.query;
  e.worktable = &e.work;
  QueryRows step;
  try {
    step = RunQuery(ctx, *q.rarg);
  } catch (...) {
    e.worktable = nullptr;
    throw;
  }
  e.worktable = nullptr;
  Binder binder = ctx.MakeBinder();
  if (step.types.size() != e.result.types.size()) {
    throw binder.ErrorAt(SqlState::kSyntaxError,
                         "each UNION query must have the same number of columns",
                         FirstLocation(OutputColumnLocations(*q.rarg, step.types.size())));
  }
  for (size_t c = 0; c < step.types.size(); ++c) {
    const DataType& nonrec = e.result.types[c];
    if (step.types[c].oid == nonrec.oid && step.types[c].typmod == nonrec.typmod) continue;
    BoundColumnRef l(static_cast<int>(c), nonrec, e.base_locations[c]);
    BoundExprPtr r = std::make_unique<BoundColumnRef>(static_cast<int>(c), step.types[c], -1);
    const Oid common = binder.SelectCommonType({&l, r.get()}, "UNION");
    const int32_t common_typmod = Binder::SelectCommonTypmod({&l, r.get()}, common);
    if (common != nonrec.oid || common_typmod != nonrec.typmod) {
      throw binder
          .ErrorAt(SqlState::kDatatypeMismatch,
                   "recursive query \"" + cte.name + "\" column " + std::to_string(c + 1) +
                       " has type " + FormatType(e.result.types[c]) +
                       " in non-recursive term but type " +
                       FormatType(DataType{common, common_typmod}) +
                       " overall",
                   e.base_locations[c])
          .WithHint("Cast the output of the non-recursive term to the correct type.");
    }
    if (step.types[c].oid == common) continue;  // a typmod only
    BoundExprPtr coerce = binder.CoerceToCommonType(std::move(r), common, "UNION");
    EvalContext eval(ctx.param_values);
    for (Row& row : step.rows) {
      eval.SetRow(&row);
      Value v = coerce->Evaluate(eval);
      row[c] = std::move(v);
    }
  }
  AddRecursiveRows(e, std::move(step.rows));
  if (e.work.rows.empty() || ctx.analyze_only) e.complete = true;
}

// The first reference: runs the CTE (a recursive one up to its first
// recursive step, so that its errors come before any row is read; the
// further steps run as CteScan reads past the rows so far).
void Start(CommandContext& ctx, CteEntry& e) {
  e.ctx.emplace(ctx);
  e.frame = CteFrame{e.outer, e.visible, e.hidden};
  FrameSwap swap(*e.ctx, &e.frame);
  e.in_progress = true;
  try {
    const ast::CommonTableExpr& cte = *e.def;
    if (e.self_referencing) {
      CheckWellFormed(*e.ctx, cte);
      const ast::SelectStatement& q = *cte.query;
      e.step_frame = &e.frame;
      if (q.with) {
        e.union_with = std::make_unique<ScopedWithClause>(*e.ctx, *q.with);
        e.step_frame = e.ctx->ctes;
      }
      e.in_nonrecursive_term = true;
      QueryRows base = RunQuery(*e.ctx, *q.larg);
      e.in_nonrecursive_term = false;
      ApplyColumnAliases(*e.ctx, cte, &base);
      e.base_locations = OutputColumnLocations(*q.larg, base.types.size());
      e.result.names = e.work.names = base.names;
      e.result.types = e.work.types = base.types;
      AddRecursiveRows(e, std::move(base.rows));
      Step(e);
    } else {
      e.result = RunQuery(*e.ctx, *cte.query);
      ApplyColumnAliases(*e.ctx, cte, &e.result);
      e.complete = true;
    }
  } catch (...) {
    e.in_progress = false;
    e.in_nonrecursive_term = false;
    e.worktable = nullptr;
    throw;
  }
  e.in_progress = false;
  e.started = true;
}

// Reads a CTE's rows, running further recursive steps when it gets to the
// end of the rows so far (so a LIMIT above it can end an endless recursion,
// as in PostgreSQL). Several scans of one CTE share its rows.
class CteScan final : public PlanNode {
 public:
  explicit CteScan(CteEntry* entry) : entry_(entry) {}
  void Init() override { next_ = 0; }
  bool Next(Row* row) override {
    while (next_ >= entry_->result.rows.size()) {
      if (entry_->complete) return false;
      Step(*entry_);
    }
    *row = entry_->result.rows[next_++];
    return true;
  }

 private:
  CteEntry* entry_;
  size_t next_ = 0;
};

}  // namespace

ScopedWithClause::ScopedWithClause(CommandContext& ctx, const ast::WithClause& with)
    : ctx_(ctx), saved_(ctx.ctes) {
  std::unordered_set<std::string> names;
  for (const ast::CommonTableExpr& cte : with.ctes) {
    if (!names.insert(cte.name).second) {
      throw ctx.MakeBinder().ErrorAt(SqlState::kDuplicateAlias,
                                     "WITH query name \"" + cte.name +
                                         "\" specified more than once",
                                     cte.location);
    }
    auto e = std::make_unique<CteEntry>();
    e->def = &cte;
    e->outer = saved_;
    if (with.recursive) {
      References refs;
      CollectSelect(*cte.query, cte.name, nullptr, &refs);
      e->self_referencing = !refs.empty();
    }
    owned_.push_back(std::move(e));
  }
  for (size_t i = 0; i < owned_.size(); ++i) {
    const size_t n = with.recursive ? owned_.size() : i;
    for (size_t j = 0; j < owned_.size(); ++j) {
      (j < n ? owned_[i]->visible : owned_[i]->hidden).push_back(owned_[j].get());
    }
    frame_.entries.push_back(owned_[i].get());
  }
  frame_.parent = saved_;
  ctx.ctes = &frame_;
}

ScopedWithClause::~ScopedWithClause() { ctx_.ctes = saved_; }

std::optional<CteReference> ResolveCteReference(CommandContext& ctx, const ast::RangeVar& rv) {
  if (!rv.schema.empty()) return std::nullopt;
  for (const CteFrame* f = ctx.ctes; f != nullptr; f = f->parent) {
    for (CteEntry* e : f->entries) {
      if (e->def->name != rv.name) continue;
      CteReference ref;
      if (e->worktable != nullptr) {
        ref.names = e->worktable->names;
        ref.types = e->worktable->types;
        ref.scan = std::make_unique<MaterializedScan>(
            std::make_shared<const std::vector<Row>>(e->worktable->rows));
        return ref;
      }
      if (e->in_progress) {
        if (e->self_referencing && e->in_nonrecursive_term) {
          throw ctx.MakeBinder().ErrorAt(SqlState::kInvalidRecursion,
                                         "recursive reference to query \"" + rv.name +
                                             "\" must not appear within its non-recursive term",
                                         rv.location);
        }
        throw ctx.MakeBinder().ErrorAt(SqlState::kFeatureNotSupported,
                                       "mutual recursion between WITH items is not implemented",
                                       e->def->location);
      }
      if (!e->started) Start(ctx, *e);
      ref.names = e->result.names;
      ref.types = e->result.types;
      ref.scan = std::make_unique<CteScan>(e);
      return ref;
    }
  }
  // A WITH item named here but not visible: PostgreSQL's isFutureCTE error
  // (unless a table or view of that name exists).
  for (const CteFrame* f = ctx.ctes; f != nullptr; f = f->parent) {
    for (CteEntry* e : f->hidden) {
      if (e->def->name != rv.name || FindTable(ctx, rv) != nullptr ||
          FindView(ctx, rv) != nullptr) {
        continue;
      }
      throw ctx.MakeBinder()
          .ErrorAt(SqlState::kUndefinedTable, "relation \"" + rv.name + "\" does not exist",
                   rv.location)
          .WithDetail("There is a WITH item named \"" + rv.name +
                      "\", but it cannot be referenced from this part of the query.")
          .WithHint("Use WITH RECURSIVE, or re-order the WITH items to remove forward "
                    "references.");
    }
  }
  // A transition table of the trigger whose function runs this statement.
  if (const TransitionTable* t = FindTransitionTable(rv.name)) {
    CteReference ref;
    ref.names = t->column_names;
    ref.types = t->column_types;
    ref.scan = std::make_unique<MaterializedScan>(t->rows);
    return ref;
  }
  return std::nullopt;
}

}  // namespace strata::sql
