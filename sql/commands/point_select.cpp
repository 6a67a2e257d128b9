// The point-select fast path (see point_select.h).
#include "sql/commands/point_select.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/interrupts.h"
#include "sql/commands/index_paths.h"
#include "sql/commands/primary_key_lookup.h"
#include "sql/commands/relation_locks.h"
#include "sql/executor/node_index_scan.h"
#include "sql/executor/scan_counts.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/system_relation.h"
#include "sql/table/table_codec.h"
#include "txn/transaction.h"

namespace strata::sql {

// What the fast path knows about one statement. `shape_ok` is decided from
// the parse tree alone, once; the resolution part holds for one table
// descriptor of one catalog snapshot (the snapshot is kept alive so that the
// descriptor pointer cannot be reused by another table meanwhile).
struct PointSelectCache {
  // --- From the parse tree (copies: the tree may be copied or freed).
  bool shape_ok = false;
  std::string table_alias;  // how the statement names the table (alias or name)
  struct Target {
    bool star = false;
    std::string column;   // unless star
    std::string output;   // the output column name
  };
  std::vector<Target> targets;
  struct Equality {
    std::string column;
    int param = 0;                 // $n, or 0 for a constant
    std::optional<Value> constant;  // integer or string literal (typed later)
  };
  std::vector<Equality> equalities;
  // The secondary-index half (the index lookup, see point_select.h):
  // every conjunct is `column op <constant or parameter expression>`, op one
  // of = < <= > >=. `equalities` alone may be a primary-key lookup.
  bool index_shape_ok = false;
  struct Condition {
    std::string column;
    bool equality = false;
  };
  std::vector<Condition> conditions;

  // --- Resolution, valid while `catalog` and `table` are the current ones.
  std::shared_ptr<const catalog::CatalogSnapshot> catalog;
  const catalog::TableDesc* table = nullptr;
  bool resolved_ok = false;
  std::unique_ptr<TableCodec> codec;
  std::vector<int> target_slots;
  std::vector<ResultColumn> columns;
  std::vector<const Equality*> key_sources;  // per primary-key column, in key order
  // The secondary-index half: the conditions' columns are live, of types
  // whose key encoding is exact for their operators, and some plain index
  // leads with one of them; what the planner's request needs.
  bool index_resolved_ok = false;
  std::vector<bool> columns_read;    // by slot: the select list's and WHERE's
  std::vector<bool> columns_needed;  // by slot: the select list's
  bool index_applied = false;        // the last execution was an index lookup
};

namespace {

// The column a reference names, if it is `col` or `<alias>.col`.
const std::string* ReferencedColumn(const ast::Expr& e, const std::string& alias) {
  if (e.kind != ast::ExprKind::kColumnRef) return nullptr;
  const auto& fields = static_cast<const ast::ColumnRefExpr&>(e).fields;
  if (fields.size() == 1 && fields[0] != "*") return &fields[0];
  if (fields.size() == 2 && fields[0] == alias && fields[1] != "*") return &fields[1];
  return nullptr;
}

bool IsStar(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::kColumnRef) return false;
  const auto& fields = static_cast<const ast::ColumnRefExpr&>(e).fields;
  return fields.size() == 1 && fields[0] == "*";
}

// `column = $n` or `column = literal` (either side), or nullopt.
std::optional<PointSelectCache::Equality> AsEquality(const ast::Expr& e, const std::string& alias) {
  if (e.kind != ast::ExprKind::kOperator) return std::nullopt;
  const auto& op = static_cast<const ast::OperatorExpr&>(e);
  if (op.name.size() != 1 || op.name[0] != "=" || op.left == nullptr) return std::nullopt;
  const ast::Expr* col = op.left.get();
  const ast::Expr* other = op.right.get();
  if (ReferencedColumn(*col, alias) == nullptr) std::swap(col, other);
  const std::string* name = ReferencedColumn(*col, alias);
  if (name == nullptr) return std::nullopt;
  PointSelectCache::Equality eq;
  eq.column = *name;
  if (other->kind == ast::ExprKind::kParamRef) {
    eq.param = static_cast<const ast::ParamRefExpr&>(*other).number;
    if (eq.param <= 0) return std::nullopt;
    return eq;
  }
  if (other->kind != ast::ExprKind::kConstant) return std::nullopt;
  const auto& c = static_cast<const ast::ConstantExpr&>(*other);
  if (c.const_kind == ast::ConstantExpr::Kind::kInteger) {
    eq.constant = Value::Int4(c.ival);
  } else if (c.const_kind == ast::ConstantExpr::Kind::kString) {
    eq.constant = Value::String(type_oid::kUnknown, c.text);
  } else {
    return std::nullopt;
  }
  return eq;
}

// `column op expression` (either side; op = < <= > >=) where the
// expression holds only constants and parameters, or nullopt.
std::optional<PointSelectCache::Condition> AsCondition(const ast::Expr& e, const std::string& alias) {
  if (e.kind != ast::ExprKind::kOperator) return std::nullopt;
  const auto& op = static_cast<const ast::OperatorExpr&>(e);
  if (op.name.size() != 1 || op.left == nullptr || op.right == nullptr) return std::nullopt;
  const std::string& name = op.name[0];
  if (name != "=" && name != "<" && name != "<=" && name != ">" && name != ">=") {
    return std::nullopt;
  }
  const ast::Expr* col = op.left.get();
  const ast::Expr* other = op.right.get();
  if (ReferencedColumn(*col, alias) == nullptr) std::swap(col, other);
  const std::string* column = ReferencedColumn(*col, alias);
  if (column == nullptr || !IsConstant(*other)) return std::nullopt;
  return PointSelectCache::Condition{*column, name == "="};
}

// The parse-tree half: one table, plain columns, WHERE a conjunction of
// equalities (the primary-key lookup) or comparisons (an index lookup),
// nothing else.
void DecideShape(const ast::SelectStatement& s, PointSelectCache* cache) {
  cache->shape_ok = false;
  cache->index_shape_ok = false;
  if (s.set_op != ast::SelectStatement::SetOp::kNone || s.with != nullptr ||
      !s.values_lists.empty() || s.distinct || !s.distinct_on.empty() || !s.group_by.empty() ||
      s.having != nullptr || !s.windows.empty() || s.has_grouping_sets || !s.sort.empty() ||
      s.limit_count != nullptr || s.limit_offset != nullptr || !s.locking.empty() ||
      s.where == nullptr || s.target_list.empty() || s.from.size() != 1) {
    return;
  }
  const ast::FromItem& from = s.from[0];
  if (from.kind != ast::FromItem::Kind::kTable || !from.table.column_aliases.empty() ||
      !from.column_aliases.empty()) {
    return;
  }
  cache->table_alias = from.table.alias.empty() ? from.table.name : from.table.alias;
  for (const ast::ResTarget& t : s.target_list) {
    if (t.value == nullptr) return;
    PointSelectCache::Target target;
    if (IsStar(*t.value) && t.name.empty()) {
      target.star = true;
    } else if (const std::string* column = ReferencedColumn(*t.value, cache->table_alias)) {
      target.column = *column;
      target.output = t.name.empty() ? *column : t.name;
    } else {
      return;
    }
    cache->targets.push_back(std::move(target));
  }
  std::vector<const ast::Expr*> pending{s.where.get()};
  bool equalities_only = true;
  while (!pending.empty()) {
    const ast::Expr* e = pending.back();
    pending.pop_back();
    if (e->kind == ast::ExprKind::kBool &&
        static_cast<const ast::BoolExpr&>(*e).op == ast::BoolExpr::Op::kAnd) {
      for (const auto& arg : static_cast<const ast::BoolExpr&>(*e).args) pending.push_back(arg.get());
      continue;
    }
    std::optional<PointSelectCache::Condition> condition = AsCondition(*e, cache->table_alias);
    if (!condition) return;
    cache->conditions.push_back(std::move(*condition));
    std::optional<PointSelectCache::Equality> eq = AsEquality(*e, cache->table_alias);
    if (eq) {
      cache->equalities.push_back(std::move(*eq));
    } else {
      equalities_only = false;
    }
  }
  cache->index_shape_ok = true;
  cache->shape_ok = equalities_only;
}

// Key types whose encoding is exact for equality (see point_select.h).
bool ExactKeyType(Oid type) {
  return type == type_oid::kInt2 || type == type_oid::kInt4 || type == type_oid::kInt8 ||
         type == type_oid::kText || type == type_oid::kVarchar || type == type_oid::kUuid;
}

bool IsIntegerType(Oid type) {
  return type == type_oid::kInt2 || type == type_oid::kInt4 || type == type_oid::kInt8;
}

// The catalog half, for `table`. Primary-key lookup: every equality is on a
// distinct key column and covers the whole primary key. Index lookup: see
// PointSelectCache::index_resolved_ok. Both: targets name live columns.
void Resolve(const catalog::TableDesc& table, PointSelectCache* cache) {
  cache->resolved_ok = false;
  cache->index_resolved_ok = false;
  cache->codec = std::make_unique<TableCodec>(table);
  cache->target_slots.clear();
  cache->columns.clear();
  cache->key_sources.clear();
  cache->columns_read.assign(table.columns.size(), false);
  cache->columns_needed.assign(table.columns.size(), false);
  const TableCodec& codec = *cache->codec;
  auto live_slot = [&](const std::string& name) {
    int found = -1;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      if (!table.columns[i].dropped && table.columns[i].name == name) {
        if (found >= 0) return -1;  // never expected; let the general path decide
        found = static_cast<int>(i);
      }
    }
    return found;
  };
  auto add_column = [&](int slot, const std::string& output) {
    const catalog::ColumnDesc& c = table.columns[static_cast<size_t>(slot)];
    ResultColumn column = MakeResultColumn(output, DataType{c.type, c.typmod});
    column.table_oid = table.oid;
    column.column_attnum = c.attnum;
    cache->target_slots.push_back(slot);
    cache->columns.push_back(std::move(column));
  };
  for (const PointSelectCache::Target& t : cache->targets) {
    if (t.star) {
      for (size_t i = 0; i < table.columns.size(); ++i) {
        if (!table.columns[i].dropped) add_column(static_cast<int>(i), table.columns[i].name);
      }
      continue;
    }
    const int slot = live_slot(t.column);
    if (slot < 0) return;
    add_column(slot, t.output);
  }
  for (int slot : cache->target_slots) {
    cache->columns_read[static_cast<size_t>(slot)] = true;
    cache->columns_needed[static_cast<size_t>(slot)] = true;
  }
  if (cache->index_shape_ok && table.partition_key == std::nullopt) {
    // Each condition's range over the index is exactly the rows it admits:
    // equality on a type whose key encoding is exact, or an integer bound on
    // a NOT NULL column (an open side of a range also takes in the NULLs
    // sorted there). A plain index must lead with one of the columns, else
    // the planner could only choose a sequential or primary-key scan.
    bool exact = true;
    std::vector<int> slots;
    for (const PointSelectCache::Condition& c : cache->conditions) {
      const int slot = live_slot(c.column);
      if (slot < 0) {
        exact = false;
        break;
      }
      const catalog::ColumnDesc& column = table.columns[static_cast<size_t>(slot)];
      exact = exact && (c.equality ? ExactKeyType(column.type)
                                   : IsIntegerType(column.type) && column.not_null);
      cache->columns_read[static_cast<size_t>(slot)] = true;
      slots.push_back(slot);
    }
    bool indexed = false;
    for (const catalog::IndexDesc& index : table.indexes) {
      if (index.keys.empty() || index.keys[0].is_expression() || !index.predicate.empty()) continue;
      for (int slot : slots) {
        indexed = indexed || table.columns[static_cast<size_t>(slot)].attnum == index.keys[0].attnum;
      }
    }
    cache->index_resolved_ok = exact && indexed;
  }
  if (!cache->shape_ok || !codec.has_primary_key() ||
      codec.key_slots().size() != cache->equalities.size()) {
    return;
  }
  for (size_t k = 0; k < codec.key_slots().size(); ++k) {
    const int slot = codec.key_slots()[k];
    const catalog::ColumnDesc& key_column = table.columns[static_cast<size_t>(slot)];
    if (!ExactKeyType(key_column.type)) return;
    const PointSelectCache::Equality* source = nullptr;
    for (const PointSelectCache::Equality& eq : cache->equalities) {
      if (live_slot(eq.column) != slot) continue;
      if (source != nullptr) return;  // two equalities on one column: general path
      source = &eq;
    }
    if (source == nullptr) return;
    cache->key_sources.push_back(source);
  }
  cache->resolved_ok = true;
}

// The index lookup: the access path the planner chooses for the statement,
// taken only when it is an index or bitmap scan of a plain index that
// implements every conjunct (so no row it returns needs a recheck); then the
// same IndexScan node the general path would build runs under no Filter and
// no Project, with the statistics views counting as there.
std::optional<StatementOutput> RunIndexLookup(CommandContext& ctx, const ast::SelectStatement& stmt,
                                              const PointSelectCache& cache,
                                              const catalog::TableDesc& table) {
  LockRelation(ctx, table.oid, table.name, txn::RelationLockMode::kAccessShare);
  if (!HasRelationPrivileges(*ctx.catalog, table.oid, table.owner, catalog::kAclSelect)) {
    return std::nullopt;
  }
  CheckForInterrupts();
  Binder binder = ctx.MakeBinder();
  AccessPathRequest request;
  request.codec = cache.codec.get();
  request.scope_alias = cache.table_alias;
  request.where = stmt.where.get();
  request.params = ctx.param_values;
  request.columns_read = cache.columns_read;
  request.columns_needed = cache.columns_needed;
  AccessPath path = ChooseAccessPath(binder, ctx, request);
  if ((path.kind != AccessPath::Kind::kIndex && path.kind != AccessPath::Kind::kBitmap) ||
      path.index == nullptr || path.index_only || path.index->HasExpressions() ||
      !path.index->predicate.empty() || !path.implied_conjuncts.empty()) {
    return std::nullopt;
  }
  std::vector<bool> implemented(cache.conditions.size(), false);
  for (size_t i : path.index_conjuncts) {
    if (i < implemented.size()) implemented[i] = true;
  }
  for (bool done : implemented) {
    if (!done) return std::nullopt;
  }
  ScanPlanInfo info = PathPlanInfo(path);
  info.bitmap = path.kind == AccessPath::Kind::kBitmap;
  info.index_total_cost = path.index_total_cost;
  info.index_rows = path.index_rows;
  std::unique_ptr<IndexScan> scan =
      MakeIndexScan(ctx, *cache.codec, IndexPath{path.index, std::move(path.ranges)},
                    stmt.from[0].table.alias);
  scan->set_plan_info(std::move(info));
  StatementOutput out;
  out.returns_rows = true;
  out.columns = cache.columns;
  scan->Init();
  Row stored;
  while (scan->Next(&stored)) {
    Row row;
    row.reserve(cache.target_slots.size());
    for (int slot : cache.target_slots) row.push_back(stored[static_cast<size_t>(slot)]);
    out.rows.push_back(std::move(row));
  }
  scan->Close();
  out.command_tag = "SELECT " + std::to_string(out.rows.size());
  return out;
}

}  // namespace

std::optional<StatementOutput> TryPointSelect(CommandContext& ctx, const ast::SelectStatement& stmt) {
  if (ctx.analyze_only || ctx.explain != nullptr || ctx.txn == nullptr || ctx.ctes != nullptr ||
      ctx.outer != nullptr) {
    return std::nullopt;
  }
  if (stmt.point_select_cache == nullptr) {
    stmt.point_select_cache = std::make_shared<PointSelectCache>();
    DecideShape(stmt, stmt.point_select_cache.get());
  }
  PointSelectCache& cache = *stmt.point_select_cache;
  cache.index_applied = false;
  if (!cache.shape_ok && !cache.index_shape_ok) return std::nullopt;

  // Name resolution exactly as the general path's LookupTable does it.
  const ast::RangeVar& rv = stmt.from[0].table;
  if (ResolveSystemRelation(ctx, rv) != nullptr) return std::nullopt;
  const catalog::TableDesc* table = FindTable(ctx, rv);
  if (table == nullptr) return std::nullopt;
  // A parent's rows include its children's (plan_from.cpp's Append).
  if (rv.inh && !ctx.catalog->ChildrenOf(table->oid).empty()) return std::nullopt;
  if (cache.catalog != ctx.catalog || cache.table != table) {
    cache.catalog = ctx.catalog;
    cache.table = table;
    Resolve(*table, &cache);
  }
  if (!cache.resolved_ok) {
    if (!cache.index_resolved_ok) return std::nullopt;
    std::optional<StatementOutput> out = RunIndexLookup(ctx, stmt, cache, *table);
    cache.index_applied = out.has_value();
    return out;
  }

  // The key, from values already of the key columns' types.
  const TableCodec& codec = *cache.codec;
  std::string key;
  for (size_t k = 0; k < cache.key_sources.size(); ++k) {
    const PointSelectCache::Equality& source = *cache.key_sources[k];
    const KeyColumn& column = codec.key_columns()[k];
    const Value* given = nullptr;
    if (source.param > 0) {
      if (ctx.param_values == nullptr ||
          static_cast<size_t>(source.param) > ctx.param_values->size()) {
        return std::nullopt;
      }
      given = &(*ctx.param_values)[static_cast<size_t>(source.param) - 1];
    } else {
      given = &*source.constant;
    }
    std::optional<Value> value = ExactKeyValue(*given, column.type);
    if (!value) return std::nullopt;
    AppendKeyDatum(column, *value, &key);
  }

  LockRelation(ctx, table->oid, table->name, txn::RelationLockMode::kAccessShare);
  // SELECT on the table, as the general path's FROM planner checks it;
  // that path checks the columns of a role without it (column privileges).
  if (!HasRelationPrivileges(*ctx.catalog, table->oid, table->owner, catalog::kAclSelect)) {
    return std::nullopt;
  }
  CheckForInterrupts();
  // Counted as the general path's one-key SeqScan counts itself: an index
  // scan of the primary key (sql/executor/scan_counts.h).
  ScanCounts counts;
  counts.scans = 1;
  const auto before = ScanCounts::Now();
  auto found = ctx.txn->Get(table->tree, key);
  counts.AddBlocksSince(before);
  if (!found.ok()) ThrowStatus(found.status());
  if (found->has_value()) counts.tuples = 1;
  PublishSeqScanCounts(table->oid, /*by_primary_key=*/true, counts);
  StatementOutput out;
  out.returns_rows = true;
  out.columns = cache.columns;
  if (found->has_value()) {
    Row stored = codec.DecodeValue(**found);
    Row row;
    row.reserve(cache.target_slots.size());
    for (int slot : cache.target_slots) row.push_back(stored[static_cast<size_t>(slot)]);
    out.rows.push_back(std::move(row));
  }
  out.command_tag = "SELECT " + std::to_string(out.rows.size());
  return out;
}

bool PointSelectApplied(const ast::SelectStatement& stmt) {
  const PointSelectCache* cache = stmt.point_select_cache.get();
  return cache != nullptr && cache->shape_ok && cache->resolved_ok;
}

bool IndexLookupApplied(const ast::SelectStatement& stmt) {
  const PointSelectCache* cache = stmt.point_select_cache.get();
  return cache != nullptr && cache->index_applied;
}

}  // namespace strata::sql
