// Builds the view deparser's typed tree (view_deparse_tree.h) from a view's
// stored query: resolves range and column names, types every expression and
// inserts the coercions PostgreSQL's parse analysis would (parse_oper.c,
// parse_func.c, parse_coerce.c) for the operators, functions and types it
// knows. Anything else throws Unsupported: the caller prints the stored text.
#include <algorithm>
#include <optional>
#include <set>

#include "common/sql_error.h"
#include "sql/ast/expr.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/parser/parser.h"
#include "sql/system_relations/reg_types.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/view_deparse_tree.h"
#include "sql/types/type_io.h"

namespace strata::sql::viewdef {

namespace {

using namespace type_oid;  // NOLINT(build/namespaces): kInt4, kText, ...

DataType T(Oid oid) { return DataType{oid, -1}; }

bool IsInt(Oid o) { return o == kInt2 || o == kInt4 || o == kInt8; }
bool IsString(Oid o) { return o == kText || o == kVarchar || o == kBpchar; }
int NumericRank(Oid o) {
  switch (o) {
    case kInt2: return 1;
    case kInt4: return 2;
    case kInt8: return 3;
    case kNumeric: return 4;
    case kFloat8: return 5;
    default: return 0;
  }
}

// The types whose constants and comparisons the deparser handles.
bool IsKnownType(Oid o) {
  return NumericRank(o) > 0 || IsString(o) || o == kBool || o == kDate ||
         o == kTimestamp || o == kTimestampTz;
}

std::shared_ptr<Node> Make(NodeKind kind, DataType type) {
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->type = type;
  return n;
}

bool IsUnknownConst(const NodePtr& n) {
  return n->kind == NodeKind::kConst && n->type.oid == kUnknown;
}

// The implicit casts PostgreSQL applies among the known types.
bool ImplicitCastExists(Oid from, Oid to) {
  if (NumericRank(from) > 0 && NumericRank(to) > 0) return NumericRank(from) < NumericRank(to);
  if ((from == kVarchar || from == kBpchar) && to == kText) return true;
  if (from == kVarchar && to == kBpchar) return true;
  if (from == kText && to == kVarchar) return true;
  if (from == kDate && (to == kTimestamp || to == kTimestampTz)) return true;
  if (from == kTimestamp && to == kTimestampTz) return true;
  return false;
}

// An unknown literal's text as a constant of `type` prints: its input
// function's value, output again (numeric '1.50' stays 1.50, int4 '05' is 5).
std::string ConstText(Oid type, const std::string& text) {
  if (IsString(type)) return text;
  try {
    return OutputValue(InputValue(type, text));
  } catch (const SqlError&) {
    Fail();
  }
}

// coerce_type(): `n` as a value of `target` (typmod -1).
NodePtr Coerce(const NodePtr& n, Oid target) {
  if (n->type.oid == target) return n;
  if (n->kind == NodeKind::kConst && n->type.oid == kUnknown) {
    if (!IsKnownType(target)) Fail();
    auto c = Make(NodeKind::kConst, T(target));
    c->is_null = n->is_null;
    if (!n->is_null) c->text = ConstText(target, n->text);
    return c;
  }
  if (!ImplicitCastExists(n->type.oid, target)) Fail();
  auto c = Make(NodeKind::kCast, T(target));
  c->implicit = true;
  c->args = {n};
  return c;
}

// select_common_type() over the known types.
Oid CommonType(const std::vector<NodePtr>& nodes) {
  Oid common = kUnknown;
  for (const NodePtr& n : nodes) {
    const Oid t = n->type.oid;
    if (t == kUnknown) continue;
    if (common == kUnknown || common == t) {
      common = t;
      continue;
    }
    if (NumericRank(common) > 0 && NumericRank(t) > 0) {
      common = std::max(common, t, [](Oid a, Oid b) { return NumericRank(a) < NumericRank(b); });
      continue;
    }
    if ((common == kText && t == kVarchar) || (common == kVarchar && t == kText)) {
      // Each casts implicitly to the other: the first one stays.
      continue;
    }
    Fail();
  }
  return common == kUnknown ? kText : common;
}

struct RangeEntry {
  std::string refname;
  std::vector<OutputColumn> columns;
};

// A join's USING column: an unqualified reference to it reads `preferred`.
struct UsingColumn {
  std::string name;
  size_t preferred;  // index into Scope::entries
};

struct Scope {
  std::vector<RangeEntry> entries;
  std::vector<UsingColumn> using_columns;
  bool has_using = false;
};

struct CteInfo {
  std::string name;
  std::vector<OutputColumn> columns;
};

class Analyzer {
 public:
  explicit Analyzer(const catalog::CatalogSnapshot& catalog) : catalog_(catalog) {}

  std::shared_ptr<const Query> AnalyzeSelect(const ast::SelectStatement& s, bool resolve_unknown) {
    auto q = std::make_shared<Query>();
    // Each query level names its range entries; see CheckRangeNames.
    levels_.push_back(std::make_unique<NameLevel>());
    NameLevel* level = levels_.back().get();
    level->parent = level_;
    // PostgreSQL 15 views carry OLD and NEW range entries: those names are taken.
    if (level_ == nullptr) level->names = {"old", "new"};
    level_ = level;
    const size_t cte_mark = ctes_.size();
    if (s.with != nullptr) {
      q->recursive = s.with->recursive;
      if (q->recursive) Fail();  // the recursive term sees the CTE: not modelled
      for (const ast::CommonTableExpr& cte : s.with->ctes) {
        Cte c;
        c.name = cte.name;
        c.column_aliases = cte.column_aliases;
        c.query = AnalyzeSelect(*cte.query, true);
        CteInfo info{cte.name, c.query->columns};
        if (c.column_aliases.size() > info.columns.size()) Fail();
        for (size_t i = 0; i < c.column_aliases.size(); ++i) {
          info.columns[i].name = c.column_aliases[i];
        }
        ctes_.push_back(std::move(info));
        q->ctes.push_back(std::move(c));
      }
    }
    if (s.set_op != ast::SelectStatement::SetOp::kNone) {
      AnalyzeSetOp(s, q.get());
    } else {
      AnalyzeSimple(s, resolve_unknown, q.get());
    }
    ctes_.resize(cte_mark);
    level_ = level->parent;
    return q;
  }

  // PostgreSQL gives a range entry another name (t_1) when its name is
  // taken at its own query level or an enclosing one; the deparser does not
  // reproduce that renaming and gives up instead.
  void CheckRangeNames() const {
    for (const auto& level : levels_) {
      for (const NameLevel* up = level->parent; up != nullptr; up = up->parent) {
        for (const std::string& name : level->names) {
          if (up->names.count(name) != 0) Fail();
        }
      }
    }
  }

 private:
  void AnalyzeSetOp(const ast::SelectStatement& s, Query* q) {
    switch (s.set_op) {
      case ast::SelectStatement::SetOp::kUnion: q->set_op = "UNION"; break;
      case ast::SelectStatement::SetOp::kIntersect: q->set_op = "INTERSECT"; break;
      case ast::SelectStatement::SetOp::kExcept: q->set_op = "EXCEPT"; break;
      case ast::SelectStatement::SetOp::kNone: Fail();
    }
    q->set_all = s.set_all;
    if (!s.locking.empty()) Fail();
    auto larg = AnalyzeSetArm(*s.larg);
    auto rarg = AnalyzeSetArm(*s.rarg);
    if (larg->columns.size() != rarg->columns.size()) Fail();
    // Each column's type is the common type of both inputs; unknown literals
    // in the leaves take it (PostgreSQL rewrites those leaf constants).
    for (size_t i = 0; i < larg->columns.size(); ++i) {
      const Oid common = CommonType({LeafTypeNode(*larg, i), LeafTypeNode(*rarg, i)});
      ResolveLeafUnknowns(larg.get(), i, common);
      ResolveLeafUnknowns(rarg.get(), i, common);
      q->columns.push_back({larg->columns[i].name, T(common)});
    }
    q->larg = std::move(larg);
    q->rarg = std::move(rarg);
    // ORDER BY of a set operation names output columns; PostgreSQL prints
    // their numbers.
    for (const ast::SortBy& sb : s.sort) {
      SortItem item;
      const ast::Expr& e = *sb.expr;
      if (e.kind == ast::ExprKind::kConstant) {
        const auto& c = static_cast<const ast::ConstantExpr&>(e);
        if (c.const_kind != ast::ConstantExpr::Kind::kInteger || c.ival < 1 ||
            static_cast<size_t>(c.ival) > q->columns.size()) {
          Fail();
        }
        item.colno = c.ival;
      } else if (e.kind == ast::ExprKind::kColumnRef &&
                 static_cast<const ast::ColumnRefExpr&>(e).fields.size() == 1) {
        const std::string& name = static_cast<const ast::ColumnRefExpr&>(e).fields[0];
        for (size_t i = 0; i < q->columns.size(); ++i) {
          if (q->columns[i].name != name) continue;
          if (item.colno != 0) Fail();
          item.colno = static_cast<int>(i) + 1;
        }
        if (item.colno == 0) Fail();
      } else {
        Fail();
      }
      item.descending = sb.descending;
      item.nulls = sb.nulls == ast::SortBy::Nulls::kFirst  ? 1
                   : sb.nulls == ast::SortBy::Nulls::kLast ? 2
                                                           : 0;
      q->sort.push_back(std::move(item));
    }
    if (s.limit_count != nullptr) q->limit = AnalyzeLimit(*s.limit_count);
    if (s.limit_offset != nullptr) q->offset = AnalyzeLimit(*s.limit_offset);
    q->limit_with_ties = s.limit_with_ties;
  }

  std::shared_ptr<Query> AnalyzeSetArm(const ast::SelectStatement& s) {
    auto arm = std::const_pointer_cast<Query>(AnalyzeSelect(s, false));
    if (!arm->ctes.empty() || !arm->sort.empty() || arm->limit || arm->offset) Fail();
    return arm;
  }

  static NodePtr LeafTypeNode(const Query& q, size_t i) {
    auto n = Make(NodeKind::kConst, q.columns[i].type);
    return n;
  }

  static void ResolveLeafUnknowns(Query* q, size_t i, Oid common) {
    if (!q->set_op.empty()) {
      ResolveLeafUnknowns(const_cast<Query*>(q->larg.get()), i, common);
      ResolveLeafUnknowns(const_cast<Query*>(q->rarg.get()), i, common);
      q->columns[i].type = T(common);
      return;
    }
    Target& t = q->targets[i];
    if (IsUnknownConst(t.expr)) {
      t.expr = Coerce(t.expr, common);
      q->columns[i].type = T(common);
    }
  }

  void AnalyzeSimple(const ast::SelectStatement& s, bool resolve_unknown, Query* q) {
    if (!s.values_lists.empty() || !s.distinct_on.empty() || s.has_grouping_sets ||
        !s.windows.empty() || !s.locking.empty()) {
      Fail();
    }
    Scope scope;
    for (const ast::FromItem& item : s.from) q->from.push_back(AnalyzeFromItem(item, &scope));
    scopes_.push_back(&scope);
    struct PopScope {
      std::vector<Scope*>* s;
      ~PopScope() { s->pop_back(); }
    } pop{&scopes_};

    q->distinct = s.distinct;
    for (const ast::ResTarget& rt : s.target_list) {
      if (rt.value->kind == ast::ExprKind::kColumnRef) {
        const auto& fields = static_cast<const ast::ColumnRefExpr&>(*rt.value).fields;
        if (fields.back() == "*") {
          if (!rt.name.empty()) Fail();
          ExpandStar(fields, scope, q);
          if (fields.size() == 1 && scope.has_using) {
            // `*` over a USING join lists each merged column once (see
            // StarColumns) instead of every entry's columns.
            q->targets.clear();
            q->columns.clear();
            size_t entry = 0;
            for (const FromNode& f : q->from) {
              for (auto& [name, var] : StarColumns(f, scope, &entry)) {
                q->targets.push_back({var, name});
                q->columns.push_back({name, var->type});
              }
            }
          }
          continue;
        }
      }
      NodePtr e = AnalyzeExpr(*rt.value);
      if (resolve_unknown && IsUnknownConst(e)) e = Coerce(e, kText);
      const std::string name = rt.name.empty() ? FigureColname(*rt.value) : rt.name;
      q->targets.push_back({e, name});
      q->columns.push_back({name, e->type});
    }
    if (s.where != nullptr) q->where = CoerceBool(AnalyzeExpr(*s.where));
    for (const ast::ExprPtr& g : s.group_by) q->group_by.push_back(AnalyzeGroupItem(*g, *q));
    if (s.having != nullptr) q->having = CoerceBool(AnalyzeExpr(*s.having));
    for (const ast::SortBy& sb : s.sort) {
      SortItem item;
      item.expr = AnalyzeSortItem(*sb.expr, *q);
      item.descending = sb.descending;
      item.nulls = sb.nulls == ast::SortBy::Nulls::kFirst  ? 1
                   : sb.nulls == ast::SortBy::Nulls::kLast ? 2
                                                           : 0;
      q->sort.push_back(std::move(item));
    }
    if (s.limit_count != nullptr) q->limit = AnalyzeLimit(*s.limit_count);
    if (s.limit_offset != nullptr) q->offset = AnalyzeLimit(*s.limit_offset);
    q->limit_with_ties = s.limit_with_ties;
  }

  // transformLimitClause(): the count or offset coerced to bigint. A NULL
  // literal (LIMIT ALL, LIMIT NULL, FETCH FIRST NULL ROWS) becomes a NULL
  // bigint constant, which LIMIT prints as ALL; another literal a bigint
  // constant ('5'::bigint). numeric and float8 take the assignment cast,
  // which prints hidden as the implicit ones do (LIMIT 5.5).
  NodePtr AnalyzeLimit(const ast::Expr& e) {
    NodePtr n = AnalyzeExpr(e);
    if (IsUnknownConst(n)) return Coerce(n, kInt8);
    if (n->kind == NodeKind::kConst && n->is_null) Fail();
    if (n->type.oid == kNumeric || n->type.oid == kFloat8) {
      auto c = Make(NodeKind::kCast, T(kInt8));
      c->implicit = true;
      c->args = {n};
      return c;
    }
    if (!IsInt(n->type.oid)) Fail();
    return n->type.oid == kInt8 ? n : Coerce(n, kInt8);
  }

 public:
  // A CHECK expression: the table's columns are the only names in scope.
  NodePtr AnalyzeTableExpr(const catalog::TableDesc& table, const ast::Expr& e,
                           bool boolean = true) {
    Scope scope;
    RangeEntry entry{table.name, {}};
    for (const catalog::ColumnDesc& c : table.columns) {
      if (!c.dropped) entry.columns.push_back({c.name, DataType{c.type, c.typmod}});
    }
    scope.entries.push_back(std::move(entry));
    scopes_.push_back(&scope);
    NodePtr n = AnalyzeExpr(e);
    if (boolean) n = CoerceBool(n);
    scopes_.pop_back();
    return n;
  }

 private:
  static NodePtr CoerceBool(const NodePtr& n) {
    if (n->type.oid != kBool) Fail();
    return n;
  }

  void ExpandStar(const std::vector<std::string>& fields, const Scope& scope, Query* q) {
    // With USING joins, only a leading unqualified `*` is expanded (by
    // StarColumns, after this).
    if (scope.has_using && (fields.size() != 1 || !q->targets.empty())) Fail();
    for (const RangeEntry& e : scope.entries) {
      if (fields.size() == 2 && e.refname != fields[0]) continue;
      if (fields.size() > 2) Fail();
      for (const OutputColumn& c : e.columns) {
        auto v = Make(NodeKind::kVar, c.type);
        v->refname = e.refname;
        v->name = c.name;
        q->targets.push_back({v, c.name});
        q->columns.push_back(c);
      }
    }
  }

  // The columns `*` reads from a FROM item, as PostgreSQL expands a join:
  // its USING columns first (the left input's, or the right's for RIGHT
  // JOIN), then the left input's other columns, then the right's.
  std::vector<std::pair<std::string, NodePtr>> StarColumns(const FromNode& f, const Scope& scope,
                                                           size_t* entry) {
    std::vector<std::pair<std::string, NodePtr>> out;
    if (f.kind != FromNode::Kind::kJoin) {
      const RangeEntry& e = scope.entries[(*entry)++];
      for (const OutputColumn& c : e.columns) {
        auto v = Make(NodeKind::kVar, c.type);
        v->refname = e.refname;
        v->name = c.name;
        out.emplace_back(c.name, v);
      }
      return out;
    }
    auto left = StarColumns(*f.left, scope, entry);
    auto right = StarColumns(*f.right, scope, entry);
    const auto& using_cols = f.using_columns;
    auto is_using = [&](const std::string& name) {
      return std::find(using_cols.begin(), using_cols.end(), name) != using_cols.end();
    };
    for (const std::string& u : using_cols) {
      const auto& side = f.join_keyword == "RIGHT JOIN" ? right : left;
      const NodePtr* var = nullptr;
      for (const auto& [name, v] : side) {
        if (name != u) continue;
        if (var != nullptr) Fail();
        var = &v;
      }
      if (var == nullptr) Fail();
      out.emplace_back(u, *var);
    }
    for (auto& c : left) {
      if (!is_using(c.first)) out.push_back(c);
    }
    for (auto& c : right) {
      if (!is_using(c.first)) out.push_back(c);
    }
    return out;
  }

  // GROUP BY: a bare name is an input column first, else an output alias; an
  // integer constant is a select-list position.
  NodePtr AnalyzeGroupItem(const ast::Expr& e, const Query& q) {
    if (const NodePtr* pos = Positional(e, q)) return *pos;
    if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& fields = static_cast<const ast::ColumnRefExpr&>(e).fields;
      if (fields.size() == 1 && !ResolvesInScope(fields[0])) {
        if (const NodePtr* t = ByAlias(fields[0], q)) return *t;
      }
    }
    return AnalyzeExpr(e);
  }

  // ORDER BY: a bare name is an output alias first.
  NodePtr AnalyzeSortItem(const ast::Expr& e, const Query& q) {
    if (const NodePtr* pos = Positional(e, q)) return *pos;
    if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& fields = static_cast<const ast::ColumnRefExpr&>(e).fields;
      if (fields.size() == 1) {
        if (const NodePtr* t = ByAlias(fields[0], q)) return *t;
      }
    }
    return AnalyzeExpr(e);
  }

  static const NodePtr* Positional(const ast::Expr& e, const Query& q) {
    if (e.kind != ast::ExprKind::kConstant) return nullptr;
    const auto& c = static_cast<const ast::ConstantExpr&>(e);
    if (c.const_kind != ast::ConstantExpr::Kind::kInteger) Fail();
    if (c.ival < 1 || static_cast<size_t>(c.ival) > q.targets.size()) Fail();
    return &q.targets[static_cast<size_t>(c.ival) - 1].expr;
  }

  static const NodePtr* ByAlias(const std::string& name, const Query& q) {
    const NodePtr* found = nullptr;
    for (const Target& t : q.targets) {
      if (t.name != name) continue;
      if (found != nullptr) Fail();  // ambiguous
      found = &t.expr;
    }
    return found;
  }

  bool ResolvesInScope(const std::string& name) const {
    for (const RangeEntry& e : scopes_.back()->entries) {
      for (const OutputColumn& c : e.columns) {
        if (c.name == name) return true;
      }
    }
    return false;
  }

  void TakeRefname(const std::string& name) {
    if (!level_->names.insert(name).second) Fail();  // PostgreSQL would rename one
  }

  FromNode AnalyzeFromItem(const ast::FromItem& item, Scope* scope) {
    FromNode f;
    switch (item.kind) {
      case ast::FromItem::Kind::kTable: {
        if (!item.table.column_aliases.empty() || !item.table.inh) Fail();
        f.kind = FromNode::Kind::kRelation;
        f.name = item.table.name;
        f.alias = item.table.alias;
        RangeEntry e;
        e.refname = f.alias.empty() ? f.name : f.alias;
        e.columns = RelationColumns(item.table, &f);
        TakeRefname(e.refname);
        scope->entries.push_back(std::move(e));
        return f;
      }
      case ast::FromItem::Kind::kSubquery: {
        if (item.lateral || !item.column_aliases.empty() || item.table.alias.empty()) Fail();
        f.kind = FromNode::Kind::kSubquery;
        f.alias = item.table.alias;
        // A subquery in FROM sees no columns of its siblings (not LATERAL).
        Scope empty;
        scopes_.push_back(&empty);
        f.subquery = AnalyzeSelect(*item.subquery, true);
        scopes_.pop_back();
        TakeRefname(f.alias);
        scope->entries.push_back({f.alias, f.subquery->columns});
        return f;
      }
      case ast::FromItem::Kind::kJoin: {
        if (item.natural || !item.table.alias.empty() || !item.column_aliases.empty()) Fail();
        f.kind = FromNode::Kind::kJoin;
        const size_t left_begin = scope->entries.size();
        f.left = std::make_unique<FromNode>(AnalyzeFromItem(*item.left, scope));
        const size_t right_begin = scope->entries.size();
        if (item.right->kind == ast::FromItem::Kind::kJoin) Fail();  // a(b JOIN c): parens
        f.right = std::make_unique<FromNode>(AnalyzeFromItem(*item.right, scope));
        const bool cross = item.on == nullptr && item.using_columns.empty();
        switch (item.join_type) {
          case ast::FromItem::JoinType::kInner: f.join_keyword = cross ? "CROSS JOIN" : "JOIN"; break;
          case ast::FromItem::JoinType::kLeft: f.join_keyword = "LEFT JOIN"; break;
          case ast::FromItem::JoinType::kRight: f.join_keyword = "RIGHT JOIN"; break;
          case ast::FromItem::JoinType::kFull: f.join_keyword = "FULL JOIN"; break;
        }
        if (!item.using_columns.empty()) {
          if (item.join_type == ast::FromItem::JoinType::kFull) Fail();
          f.using_columns = item.using_columns;
          scope->has_using = true;
          for (const std::string& col : item.using_columns) {
            const size_t side = item.join_type == ast::FromItem::JoinType::kRight ? right_begin
                                                                                  : left_begin;
            const size_t end = item.join_type == ast::FromItem::JoinType::kRight
                                   ? scope->entries.size()
                                   : right_begin;
            // Each side must hold the column once, with the same type.
            std::optional<size_t> where = FindColumnIn(*scope, side, end, col);
            const size_t other_begin = side == left_begin ? right_begin : left_begin;
            const size_t other_end = side == left_begin ? scope->entries.size() : right_begin;
            std::optional<size_t> other = FindColumnIn(*scope, other_begin, other_end, col);
            if (!where || !other) Fail();
            if (ColumnType(*scope, *where, col) != ColumnType(*scope, *other, col)) Fail();
            scope->using_columns.push_back({col, *where});
          }
        }
        if (item.on != nullptr) {
          scopes_.push_back(scope);
          f.on = CoerceBool(AnalyzeExpr(*item.on));
          scopes_.pop_back();
        }
        return f;
      }
      case ast::FromItem::Kind::kFunction:
        Fail();
    }
    Fail();
  }

  static std::optional<size_t> FindColumnIn(const Scope& scope, size_t begin, size_t end,
                                            const std::string& col) {
    std::optional<size_t> found;
    for (size_t i = begin; i < end; ++i) {
      for (const OutputColumn& c : scope.entries[i].columns) {
        if (c.name != col) continue;
        if (found) Fail();
        found = i;
      }
    }
    return found;
  }

  static Oid ColumnType(const Scope& scope, size_t entry, const std::string& col) {
    for (const OutputColumn& c : scope.entries[entry].columns) {
      if (c.name == col) return c.type.oid;
    }
    Fail();
  }

  std::vector<OutputColumn> RelationColumns(const ast::RangeVar& rv, FromNode* f) {
    std::vector<OutputColumn> cols;
    if (rv.schema.empty()) {
      for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
        if (it->name == rv.name) return it->columns;
      }
    }
    RelationRef rel;
    if (!rv.schema.empty()) {
      const catalog::NamespaceDesc* ns = catalog_.FindNamespace(rv.schema);
      if (ns == nullptr || !FindRelationInNamespace(catalog_, ns->oid, rv.name, &rel)) Fail();
    } else if (!FindRelationInPath(catalog_, rv.name, &rel)) {
      Fail();
    }
    const catalog::NamespaceDesc* ns = catalog_.FindNamespace(rel.namespace_oid);
    if (ns == nullptr) Fail();
    f->schema = ns->name;
    if (const catalog::TableDesc* t = catalog_.FindTable(rel.namespace_oid, rv.name)) {
      f->relation_oid = t->oid;
      for (const catalog::ColumnDesc& c : t->columns) {
        if (c.dropped) continue;
        cols.push_back({c.name, DataType{c.type, c.typmod}});
      }
      return cols;
    }
    if (const catalog::ViewDesc* v = catalog_.FindView(rel.namespace_oid, rv.name)) {
      f->relation_oid = v->oid;
      for (const catalog::ViewColumn& c : v->columns) {
        cols.push_back({c.name, DataType{c.type, c.typmod}});
      }
      return cols;
    }
    Fail();  // a system relation, sequence, ...
  }

  // A column reference: the innermost scope holding it.
  NodePtr ResolveColumn(const ast::ColumnRefExpr& ref) {
    const auto& f = ref.fields;
    if (f.size() > 2 || f.back() == "*") Fail();
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      const Scope& scope = **it;
      const RangeEntry* entry = nullptr;
      const OutputColumn* column = nullptr;
      int matches = 0;
      for (const RangeEntry& e : scope.entries) {
        if (f.size() == 2 && e.refname != f[0]) continue;
        for (const OutputColumn& c : e.columns) {
          if (c.name != f.back()) continue;
          ++matches;
          entry = &e;
          column = &c;
        }
      }
      if (matches > 1 && f.size() == 1) {
        // An unqualified USING column reads the join's preferred side.
        const UsingColumn* u = nullptr;
        for (const UsingColumn& uc : scope.using_columns) {
          if (uc.name == f[0]) u = &uc;
        }
        if (u == nullptr || matches != 2) Fail();
        entry = &scope.entries[u->preferred];
        for (const OutputColumn& c : entry->columns) {
          if (c.name == f[0]) column = &c;
        }
        matches = 1;
      }
      if (matches > 1) Fail();
      if (matches == 1) {
        auto v = Make(NodeKind::kVar, column->type);
        v->refname = entry->refname;
        v->name = column->name;
        return v;
      }
      if (f.size() == 2) {
        for (const RangeEntry& e : scope.entries) {
          if (e.refname == f[0]) Fail();  // no such column
        }
      }
    }
    Fail();
  }

  NodePtr AnalyzeExpr(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::kColumnRef:
        return ResolveColumn(static_cast<const ast::ColumnRefExpr&>(e));
      case ast::ExprKind::kConstant:
        return AnalyzeConstant(static_cast<const ast::ConstantExpr&>(e));
      case ast::ExprKind::kOperator:
        return AnalyzeOperator(static_cast<const ast::OperatorExpr&>(e));
      case ast::ExprKind::kBool: {
        const auto& b = static_cast<const ast::BoolExpr&>(e);
        auto n = Make(b.op == ast::BoolExpr::Op::kAnd  ? NodeKind::kAnd
                      : b.op == ast::BoolExpr::Op::kOr ? NodeKind::kOr
                                                       : NodeKind::kNot,
                      T(kBool));
        for (const ast::ExprPtr& a : b.args) n->args.push_back(CoerceToBool(AnalyzeExpr(*a)));
        return n;
      }
      case ast::ExprKind::kNullTest: {
        const auto& t = static_cast<const ast::NullTestExpr&>(e);
        auto n = Make(NodeKind::kNullTest, T(kBool));
        NodePtr arg = AnalyzeExpr(*t.arg);
        if (IsUnknownConst(arg)) arg = Coerce(arg, kText);
        n->args = {arg};
        n->text = t.is_not_null ? " IS NOT NULL" : " IS NULL";
        return n;
      }
      case ast::ExprKind::kBooleanTest: {
        const auto& t = static_cast<const ast::BooleanTestExpr&>(e);
        auto n = Make(NodeKind::kBoolTest, T(kBool));
        n->args = {CoerceToBool(AnalyzeExpr(*t.arg))};
        switch (t.test) {
          case ast::BooleanTestExpr::Test::kIsTrue: n->text = " IS TRUE"; break;
          case ast::BooleanTestExpr::Test::kIsNotTrue: n->text = " IS NOT TRUE"; break;
          case ast::BooleanTestExpr::Test::kIsFalse: n->text = " IS FALSE"; break;
          case ast::BooleanTestExpr::Test::kIsNotFalse: n->text = " IS NOT FALSE"; break;
          case ast::BooleanTestExpr::Test::kIsUnknown: n->text = " IS UNKNOWN"; break;
          case ast::BooleanTestExpr::Test::kIsNotUnknown: n->text = " IS NOT UNKNOWN"; break;
        }
        return n;
      }
      case ast::ExprKind::kCase:
        return AnalyzeCase(static_cast<const ast::CaseExpr&>(e));
      case ast::ExprKind::kTypeCast:
        return AnalyzeCast(static_cast<const ast::TypeCastExpr&>(e));
      case ast::ExprKind::kFuncCall:
        return AnalyzeFunc(static_cast<const ast::FuncCallExpr&>(e));
      case ast::ExprKind::kCoalesce: {
        const auto& c = static_cast<const ast::CoalesceExpr&>(e);
        std::vector<NodePtr> args;
        for (const ast::ExprPtr& a : c.args) args.push_back(AnalyzeExpr(*a));
        return FunctionLike("COALESCE", std::move(args));
      }
      case ast::ExprKind::kMinMax: {
        const auto& m = static_cast<const ast::MinMaxExpr&>(e);
        std::vector<NodePtr> args;
        for (const ast::ExprPtr& a : m.args) args.push_back(AnalyzeExpr(*a));
        return FunctionLike(m.is_greatest ? "GREATEST" : "LEAST", std::move(args));
      }
      case ast::ExprKind::kNullIf: {
        const auto& ni = static_cast<const ast::NullIfExpr&>(e);
        NodePtr eq = Binary("=", AnalyzeExpr(*ni.left), AnalyzeExpr(*ni.right));
        auto n = Make(NodeKind::kCoalesce, eq->args[0]->type);
        n->name = "NULLIF";
        n->args = eq->args;
        return n;
      }
      case ast::ExprKind::kDistinct: {
        const auto& d = static_cast<const ast::DistinctExpr&>(e);
        NodePtr eq = Binary("=", AnalyzeExpr(*d.left), AnalyzeExpr(*d.right));
        auto n = Make(NodeKind::kDistinct, T(kBool));
        n->args = eq->args;
        if (!d.is_not_distinct) return n;
        auto negated = Make(NodeKind::kNot, T(kBool));
        negated->args = {n};
        return negated;
      }
      case ast::ExprKind::kInList:
        return AnalyzeInList(static_cast<const ast::InListExpr&>(e));
      case ast::ExprKind::kBetween: {
        const auto& b = static_cast<const ast::BetweenExpr&>(e);
        // x BETWEEN a AND b is x >= a AND x <= b; NOT BETWEEN x < a OR x > b.
        NodePtr arg = AnalyzeExpr(*b.arg);
        auto n = Make(b.negated ? NodeKind::kOr : NodeKind::kAnd, T(kBool));
        n->args = {Binary(b.negated ? "<" : ">=", arg, AnalyzeExpr(*b.lower)),
                   Binary(b.negated ? ">" : "<=", arg, AnalyzeExpr(*b.upper))};
        return n;
      }
      case ast::ExprKind::kSubLink:
        return AnalyzeSubLink(static_cast<const ast::SubLinkExpr&>(e));
      default:
        Fail();
    }
  }

  static NodePtr CoerceToBool(const NodePtr& n) {
    if (IsUnknownConst(n)) return Coerce(n, kBool);
    return CoerceBool(n);
  }

  NodePtr AnalyzeConstant(const ast::ConstantExpr& c) {
    switch (c.const_kind) {
      case ast::ConstantExpr::Kind::kInteger: {
        auto n = Make(NodeKind::kConst, T(kInt4));
        n->text = std::to_string(c.ival);
        return n;
      }
      case ast::ConstantExpr::Kind::kNumber: {
        // Integers beyond int4 are int8, or numeric beyond int8.
        const std::string& t = c.text;
        const bool integral = t.find_first_not_of("0123456789-") == std::string::npos;
        if (integral) {
          try {
            auto n = Make(NodeKind::kConst, T(kInt8));
            n->text = OutputValue(InputValue(kInt8, t));
            return n;
          } catch (const SqlError&) {
          }
        }
        auto n = Make(NodeKind::kConst, T(kNumeric));
        n->text = ConstText(kNumeric, t);
        return n;
      }
      case ast::ConstantExpr::Kind::kString: {
        auto n = Make(NodeKind::kConst, T(kUnknown));
        n->text = c.text;
        return n;
      }
      case ast::ConstantExpr::Kind::kBool: {
        auto n = Make(NodeKind::kConst, T(kBool));
        n->text = c.bval ? "t" : "f";
        return n;
      }
      case ast::ConstantExpr::Kind::kNull: {
        auto n = Make(NodeKind::kConst, T(kUnknown));
        n->is_null = true;
        return n;
      }
      case ast::ConstantExpr::Kind::kBitString: {
        auto n = Make(NodeKind::kConst, T(1560));
        n->text = ConstText(1560, c.text);
        return n;
      }
    }
    Fail();
  }

  static std::string OperatorName(const std::vector<std::string>& name) {
    if (name.size() == 2 && name[0] == "pg_catalog") Fail();  // OPERATOR(pg_catalog.+)
    if (name.size() != 1) Fail();
    return name[0];
  }

  NodePtr AnalyzeOperator(const ast::OperatorExpr& o) {
    const std::string op = OperatorName(o.name);
    if (o.left == nullptr) {
      NodePtr arg = AnalyzeExpr(*o.right);
      if (op != "-" || NumericRank(arg->type.oid) == 0) Fail();
      auto n = Make(NodeKind::kOp, arg->type);
      n->name = op;
      n->args = {arg};
      return n;
    }
    return Binary(op, AnalyzeExpr(*o.left), AnalyzeExpr(*o.right));
  }

  // A binary operator over the known types, with PostgreSQL's resolution:
  // an unknown literal takes the other side's type; cross-type integer
  // operators exist for comparisons and + - * /; otherwise the narrower
  // numeric side is cast up; varchar has no operators of its own (text's).
  static NodePtr Binary(const std::string& op, NodePtr l, NodePtr r) {
    static const std::set<std::string> kCompare = {"=", "<>", "<", ">", "<=", ">="};
    static const std::set<std::string> kArith = {"+", "-", "*", "/", "%"};
    static const std::set<std::string> kLike = {"~~", "!~~", "~~*", "!~~*",
                                                "~",  "!~",  "~*",  "!~*"};
    const bool l_unknown = IsUnknownConst(l);
    const bool r_unknown = IsUnknownConst(r);
    if (l_unknown && r_unknown) Fail();
    DataType result = T(kBool);
    if (kLike.count(op) != 0) {
      if (l->type.oid == kBpchar) Fail();
      l = Coerce(l, kText);
      r = Coerce(r, kText);
    } else if (op == "||") {
      const bool l_string = IsString(l->type.oid) || l_unknown;
      const bool r_string = IsString(r->type.oid) || r_unknown;
      if (l_string && r_string) {
        l = Coerce(l, kText);
        r = Coerce(r, kText);
      } else if (l_string ? !(l->type.oid == kText && IsKnownType(r->type.oid))
                          : !(r->type.oid == kText && IsKnownType(l->type.oid))) {
        Fail();  // text || anynonarray needs text on the string side
      }
      result = T(kText);
    } else if (kCompare.count(op) != 0 || kArith.count(op) != 0) {
      const bool arith = kArith.count(op) != 0;
      if (l_unknown) l = Coerce(l, r->type.oid == kVarchar ? kText : r->type.oid);
      if (r_unknown) r = Coerce(r, l->type.oid == kVarchar ? kText : l->type.oid);
      const Oid lt = l->type.oid;
      const Oid rt = r->type.oid;
      if (IsInt(lt) && IsInt(rt)) {
        const Oid wider = NumericRank(lt) >= NumericRank(rt) ? lt : rt;
        if (op == "%" && lt != rt) {
          l = Coerce(l, wider);
          r = Coerce(r, wider);
        }
        if (arith) result = T(wider);
      } else if (NumericRank(lt) > 0 && NumericRank(rt) > 0) {
        const Oid wider = NumericRank(lt) >= NumericRank(rt) ? lt : rt;
        if (wider == kFloat8 && (lt == kNumeric || rt == kNumeric) && op == "%") Fail();
        l = Coerce(l, wider);
        r = Coerce(r, wider);
        if (arith) result = T(wider);
      } else if (!arith && IsString(lt) && IsString(rt)) {
        // bpchar's operators take varchar (binary); any other mix is text's.
        const bool bpchar = (lt == kBpchar || lt == kVarchar) && (rt == kBpchar || rt == kVarchar) &&
                            (lt == kBpchar || rt == kBpchar);
        l = Coerce(l, bpchar ? kBpchar : kText);
        r = Coerce(r, bpchar ? kBpchar : kText);
      } else if (!arith && lt == rt && IsKnownType(lt)) {
        // same-type comparison
      } else {
        Fail();
      }
    } else {
      Fail();
    }
    auto n = Make(NodeKind::kOp, result);
    n->name = op;
    n->args = {l, r};
    return n;
  }

  NodePtr FunctionLike(const std::string& name, std::vector<NodePtr> args) {
    const Oid common = CommonType(args);
    auto n = Make(NodeKind::kCoalesce, T(common));
    n->name = name;
    for (NodePtr& a : args) n->args.push_back(Coerce(a, common));
    return n;
  }

  NodePtr AnalyzeCase(const ast::CaseExpr& c) {
    auto n = Make(NodeKind::kCase, T(kUnknown));
    std::vector<NodePtr> results;
    NodePtr arg;
    if (c.arg != nullptr) {
      arg = AnalyzeExpr(*c.arg);
      if (IsUnknownConst(arg)) Fail();
      n->case_arg = arg;
    }
    std::vector<NodePtr> conditions;
    for (const ast::CaseWhen& w : c.whens) {
      NodePtr cond = AnalyzeExpr(*w.condition);
      if (arg != nullptr) {
        // CASE x WHEN v: printed as v after resolving x = v; v must need no cast.
        NodePtr eq = Binary("=", arg, cond);
        if (eq->args[0] != arg) Fail();
        cond = eq->args[1];
      } else {
        cond = CoerceToBool(cond);
      }
      conditions.push_back(cond);
      results.push_back(AnalyzeExpr(*w.result));
    }
    NodePtr else_result;
    if (c.default_result != nullptr) {
      else_result = AnalyzeExpr(*c.default_result);
    } else {
      auto null = Make(NodeKind::kConst, T(kUnknown));
      null->is_null = true;
      else_result = null;
    }
    std::vector<NodePtr> all = results;
    all.push_back(else_result);
    const Oid common = CommonType(all);
    n->type = T(common);
    for (size_t i = 0; i < conditions.size(); ++i) {
      n->whens.emplace_back(conditions[i], Coerce(results[i], common));
    }
    n->else_result = Coerce(else_result, common);
    return n;
  }

  NodePtr AnalyzeCast(const ast::TypeCastExpr& c) {
    const ast::TypeName& tn = c.type_name;
    if (tn.array_bounds != 0 || tn.pct_type || tn.setof) Fail();
    DataType target;
    try {
      Binder binder("");
      target = binder.BindTypeName(tn);
    } catch (const SqlError&) {
      Fail();
    }
    if (!IsKnownType(target.oid)) Fail();
    NodePtr arg = AnalyzeExpr(*c.arg);
    if (IsUnknownConst(arg)) {
      // A literal cast is folded into a constant of the type.
      auto n = std::const_pointer_cast<Node>(Coerce(arg, target.oid));
      if (target.typmod >= 0) {
        if (target.oid != kNumeric && target.oid != kVarchar && target.oid != kBpchar) Fail();
        if (target.oid == kNumeric && !n->is_null) Fail();  // the value is rounded: not modelled
        n->type = target;
      }
      return n;
    }
    if (arg->type == target || (arg->type.oid == target.oid && target.typmod < 0)) return arg;
    if (!IsKnownType(arg->type.oid)) Fail();
    auto n = Make(NodeKind::kCast, target);
    n->args = {arg};
    return n;
  }

  // An unknown literal naming a relation as a regclass constant. Only a
  // plain lower-case name is modelled (regclass output would requote or
  // qualify others); anything else is not.
  static NodePtr RegclassLiteral(const NodePtr& n) {
    if (!IsUnknownConst(n) || n->is_null || n->text.empty()) Fail();
    if (QuoteIdentifier(n->text) != n->text) Fail();
    auto c = Make(NodeKind::kConst, T(kRegclass));
    c->text = n->text;
    return c;
  }

  NodePtr AnalyzeFunc(const ast::FuncCallExpr& f) {
    if (f.over != nullptr || f.filter != nullptr || f.is_grouping_func || f.has_decorations ||
        !f.agg_order.empty() || f.agg_within_group || f.func_variadic) {
      Fail();
    }
    if (f.is_sql_value_function) {
      const std::string& name = f.name.back();
      auto n = Make(NodeKind::kSqlValue, T(kUnknown));
      if (name == "current_date") {
        n->type = T(kDate);
        n->name = "CURRENT_DATE";
      } else if (name == "current_timestamp") {
        n->type = T(kTimestampTz);
        n->name = "CURRENT_TIMESTAMP";
      } else if (name == "localtimestamp") {
        n->type = T(kTimestamp);
        n->name = "LOCALTIMESTAMP";
      } else if (name == "current_user" || name == "session_user" || name == "current_role" ||
                 name == "user") {
        n->type = T(kName);
        n->name = name == "current_role" ? "CURRENT_ROLE" : name == "user" ? "USER"
                  : name == "session_user" ? "SESSION_USER" : "CURRENT_USER";
      } else {
        Fail();
      }
      return n;
    }
    if (f.name.size() != 1) Fail();
    const std::string& name = f.name[0];
    std::vector<NodePtr> args;
    for (const ast::ExprPtr& a : f.args) args.push_back(AnalyzeExpr(*a));
    auto n = Make(NodeKind::kFunc, T(kUnknown));
    n->name = name;
    n->agg_star = f.agg_star;
    n->agg_distinct = f.agg_distinct;
    const bool aggregate = name == "count" || name == "sum" || name == "avg" || name == "min" ||
                           name == "max";
    if (f.agg_distinct && !aggregate) Fail();
    auto one_arg = [&]() -> const NodePtr& {
      if (args.size() != 1 || f.agg_star) Fail();
      return args[0];
    };
    if (name == "count") {
      if (!f.agg_star) {
        const NodePtr& a = one_arg();
        if (IsUnknownConst(a)) Fail();
      }
      n->type = T(kInt8);
    } else if (name == "sum" || name == "avg") {
      const Oid t = one_arg()->type.oid;
      if (t == kFloat8) {
        n->type = T(kFloat8);
      } else if (name == "sum" && (t == kInt2 || t == kInt4)) {
        n->type = T(kInt8);
      } else if (IsInt(t) || t == kNumeric) {
        n->type = T(kNumeric);
      } else {
        Fail();
      }
    } else if (name == "min" || name == "max") {
      NodePtr a = one_arg();
      if (a->type.oid == kVarchar) a = Coerce(a, kText);
      if (!IsKnownType(a->type.oid) || a->type.oid == kBool) Fail();
      args[0] = a;
      n->type = T(a->type.oid);
    } else if (name == "lower" || name == "upper") {
      args[0] = Coerce(one_arg(), kText);
      n->type = T(kText);
    } else if (name == "length") {
      const NodePtr& a = one_arg();
      if (a->type.oid != kBpchar) args[0] = Coerce(a, kText);
      n->type = T(kInt4);
    } else if (name == "abs") {
      const Oid t = one_arg()->type.oid;
      if (NumericRank(t) == 0) Fail();
      n->type = T(t);
    } else if (name == "now") {
      if (!args.empty() || f.agg_star) Fail();
      n->type = T(kTimestampTz);
    } else if ((name == "nextval" || name == "currval") && args.size() == 1 && !f.agg_star) {
      // PostgreSQL declares the argument regclass: the literal is parsed
      // as one and prints as 's'::regclass.
      args[0] = RegclassLiteral(args[0]);
      n->type = T(kInt8);
    } else {
      Fail();
    }
    n->args = std::move(args);
    return n;
  }

  NodePtr AnalyzeInList(const ast::InListExpr& in) {
    NodePtr arg = AnalyzeExpr(*in.arg);
    if (IsUnknownConst(arg)) Fail();
    const std::string op = in.negated ? "<>" : "=";
    if (in.list.size() == 1) return Binary(op, arg, AnalyzeExpr(*in.list[0]));
    // transformAExprIn(): an array of the common type of all the operands,
    // compared with the operator for (arg's type, that type).
    std::vector<NodePtr> items;
    for (const ast::ExprPtr& item : in.list) {
      NodePtr e = AnalyzeExpr(*item);
      if (e->kind != NodeKind::kConst) Fail();  // a Var makes an OR of comparisons
      items.push_back(e);
    }
    std::vector<NodePtr> all = {arg};
    all.insert(all.end(), items.begin(), items.end());
    const Oid t = CommonType(all);
    if (!(NumericRank(t) > 0 || IsString(t) || t == kDate || t == kBool) || t == kFloat8) Fail();
    if (IsInt(t) != IsInt(arg->type.oid)) arg = Coerce(arg, t);  // int = ANY (numeric[])
    if (IsString(arg->type.oid) && arg->type.oid != t) Fail();
    auto array = Make(NodeKind::kArray, T(kUnknown));
    for (const NodePtr& e : items) array->args.push_back(Coerce(e, t));
    NodePtr right = array;
    if (t == kVarchar) {
      // varchar has no = of its own: text's, over the varchar[] array cast
      // to text[] and the argument cast to text.
      constexpr Oid kTextArray = 1009;
      auto cast = Make(NodeKind::kCast, T(kTextArray));
      cast->implicit = true;
      cast->args = {array};
      right = cast;
      arg = Coerce(arg, kText);
    }
    auto n = Make(NodeKind::kArrayOp, T(kBool));
    n->name = op;
    n->use_or = !in.negated;
    n->args = {arg, right};
    return n;
  }

  NodePtr AnalyzeSubLink(const ast::SubLinkExpr& s) {
    auto n = Make(NodeKind::kSubLink, T(kBool));
    n->subquery = AnalyzeSelect(*s.subquery, true);
    const auto& cols = n->subquery->columns;
    switch (s.link_type) {
      case ast::SubLinkExpr::Type::kExists:
        n->link = "EXISTS";
        return n;
      case ast::SubLinkExpr::Type::kExpr:
        if (cols.size() != 1) Fail();
        n->link = "EXPR";
        n->type = cols[0].type;
        return n;
      case ast::SubLinkExpr::Type::kAny:
      case ast::SubLinkExpr::Type::kAll: {
        if (s.test_is_row || s.test.size() != 1 || cols.size() != 1 || s.op.size() != 1) Fail();
        NodePtr test = AnalyzeExpr(*s.test[0]);
        // The comparison must need no cast on either side.
        auto column = Make(NodeKind::kConst, cols[0].type);
        NodePtr cmp = Binary(s.op[0], test, column);
        if (cmp->args[0] != test || cmp->args[1] != column) Fail();
        n->link = s.link_type == ast::SubLinkExpr::Type::kAny ? "ANY" : "ALL";
        n->name = s.op[0];
        n->args = {test};
        return n;
      }
      case ast::SubLinkExpr::Type::kArray:
        Fail();
    }
    Fail();
  }

  // FigureColname(): the name PostgreSQL gives an unnamed select-list item.
  static std::string FigureColname(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::kColumnRef:
        return static_cast<const ast::ColumnRefExpr&>(e).fields.back();
      case ast::ExprKind::kFuncCall: {
        const auto& f = static_cast<const ast::FuncCallExpr&>(e);
        return f.name.back();
      }
      case ast::ExprKind::kTypeCast: {
        const auto& c = static_cast<const ast::TypeCastExpr&>(e);
        const std::string inner = FigureColname(*c.arg);
        if (inner != "?column?") return inner;
        if (c.type_name.names.empty()) Fail();
        return c.type_name.names.back();
      }
      case ast::ExprKind::kCase: return "case";
      case ast::ExprKind::kCoalesce: return "coalesce";
      case ast::ExprKind::kMinMax:
        return static_cast<const ast::MinMaxExpr&>(e).is_greatest ? "greatest" : "least";
      case ast::ExprKind::kNullIf: return "nullif";
      case ast::ExprKind::kSubLink: {
        const auto& s = static_cast<const ast::SubLinkExpr&>(e);
        if (s.link_type == ast::SubLinkExpr::Type::kExists) return "exists";
        if (s.link_type == ast::SubLinkExpr::Type::kArray) return "array";
        if (s.link_type == ast::SubLinkExpr::Type::kExpr) {
          const ast::SelectStatement& q = *s.subquery;
          if (q.set_op != ast::SelectStatement::SetOp::kNone || q.target_list.empty()) Fail();
          const ast::ResTarget& t = q.target_list[0];
          return t.name.empty() ? FigureColname(*t.value) : t.name;
        }
        return "?column?";
      }
      case ast::ExprKind::kConstant: {
        const auto& c = static_cast<const ast::ConstantExpr&>(e);
        if (c.const_kind == ast::ConstantExpr::Kind::kBool) return "bool";
        return "?column?";
      }
      default:
        return "?column?";
    }
  }

  const catalog::CatalogSnapshot& catalog_;
  std::vector<Scope*> scopes_;
  std::vector<CteInfo> ctes_;
  struct NameLevel {
    std::set<std::string> names;
    NameLevel* parent = nullptr;
  };
  std::vector<std::unique_ptr<NameLevel>> levels_;
  NameLevel* level_ = nullptr;
};

}  // namespace

std::shared_ptr<const Query> AnalyzeViewQuery(const catalog::CatalogSnapshot& catalog,
                                              const catalog::ViewDesc& view) {
  std::vector<std::unique_ptr<ast::Statement>> parsed;
  try {
    parsed = ParseQuery(view.query);
  } catch (const SqlError&) {
    Fail();
  }
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kSelect) Fail();
  // Unqualified names resolve as they did at CREATE VIEW.
  std::optional<ScopedSearchPathOverride> path;
  if (!view.search_path.empty()) path.emplace(view.search_path);
  Analyzer analyzer(catalog);
  auto q = analyzer.AnalyzeSelect(static_cast<const ast::SelectStatement&>(*parsed[0]), true);
  analyzer.CheckRangeNames();
  if (q->columns.size() < view.columns.size()) Fail();
  return q;
}

NodePtr AnalyzeCheckExpression(const catalog::CatalogSnapshot& catalog,
                               const catalog::TableDesc& table, const std::string& expr,
                               bool boolean) {
  std::vector<std::unique_ptr<ast::Statement>> parsed;
  try {
    parsed = ParseQuery("SELECT " + expr);
  } catch (const SqlError&) {
    Fail();
  }
  if (parsed.size() != 1 || parsed[0]->kind != ast::StatementKind::kSelect) Fail();
  const auto& select = static_cast<const ast::SelectStatement&>(*parsed[0]);
  if (select.target_list.size() != 1 || select.target_list[0].value == nullptr) Fail();
  Analyzer analyzer(catalog);
  // The node tree keeps no pointer into the parsed statement.
  return analyzer.AnalyzeTableExpr(table, *select.target_list[0].value, boolean);
}

}  // namespace strata::sql::viewdef
