// Declarative partitioning in the catalogs: pg_partitioned_table's rows,
// pg_get_partkeydef, pg_get_partition_constraintdef and pg_partition_root,
// printed as PostgreSQL 15 prints them (ruleutils.c, partbounds.c's
// get_qual_for_list / get_qual_for_range).
#include <cctype>
#include <cstring>

#include "sql/builtin/type_table.h"
#include "sql/commands/partition_key.h"
#include "sql/expr/sql_function.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/partition_catalog.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/system_values.h"
#include "sql/types/type_io.h"

namespace strata::sql {

using namespace sysrel;

namespace {

// A constant as get_const_expr prints it with showtype 0: int4 and numeric
// bare when non-negative (numeric without a point gets ::numeric), booleans
// bare, everything else quoted with a ::type label.
std::string LabeledConst(const Value& v) {
  if (v.is_null()) return "NULL::" + FormatTypeName(v.type());
  const std::string text = OutputValue(v);
  if (v.type() == type_oid::kBool) return text;
  if (v.type() == type_oid::kInt4 && text[0] != '-') return text;
  if (v.type() == type_oid::kNumeric && std::isdigit(static_cast<unsigned char>(text[0])) != 0 &&
      std::strspn(text.c_str(), "0123456789+-eE.") == text.size()) {
    return text.find_first_of("eE.") == std::string::npos ? text + "::numeric" : text;
  }
  return BoundValueText(Value::Text(text)) + "::" + FormatTypeName(v.type());
}

// "(a1 AND a2 ...)" of several, the one itself of one.
std::string JoinBool(const std::vector<std::string>& args, const char* op) {
  if (args.size() == 1) return args[0];
  std::string out = "(";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += std::string(" ") + op + " ";
    out += args[i];
  }
  return out + ")";
}

// The conjuncts of one partition's bound in its parent.
std::vector<std::string> BoundQuals(const BoundValues& b, const std::vector<std::string>& cols) {
  std::vector<std::string> quals;
  if (b.strategy == 'l') {
    const std::string& c = cols[0];
    std::string values;
    if (!b.list.empty()) {
      if (b.list.size() == 1) {
        values = "(" + c + " = " + LabeledConst(b.list[0]) + ")";
      } else {
        values = "(" + c + " = ANY (ARRAY[";
        for (size_t i = 0; i < b.list.size(); ++i) {
          values += (i > 0 ? ", " : "") + LabeledConst(b.list[i]);
        }
        values += "]))";
      }
    }
    if (b.list_has_null) {
      const std::string is_null = "(" + c + " IS NULL)";
      quals.push_back(values.empty() ? is_null : "(" + is_null + " OR " + values + ")");
    } else {
      quals.push_back("(" + c + " IS NOT NULL)");
      if (!values.empty()) quals.push_back(values);
    }
    return quals;
  }
  // RANGE: every key column NOT NULL, the columns whose lower and upper
  // values agree as equalities, then the lower and the upper bound.
  const size_t n = cols.size();
  for (size_t i = 0; i < n; ++i) quals.push_back("(" + cols[i] + " IS NOT NULL)");
  size_t i = 0;
  while (i + 1 < n && b.lower_kind[i] == 0 && b.upper_kind[i] == 0 &&
         ComparePartitionDatums(b.lower[i], b.upper[i]) == 0) {
    quals.push_back("(" + cols[i] + " = " + LabeledConst(b.lower[i]) + ")");
    ++i;
  }
  auto side = [&](const std::vector<int8_t>& kinds, const std::vector<Value>& values,
                  bool lower) {
    std::vector<std::string> arms;
    std::vector<std::string> equal_prefix;
    for (size_t j = i; j < n && kinds[j] == 0; ++j) {
      const bool last = j + 1 == n || kinds[j + 1] != 0;
      // The last finite column is inclusive below (>=) and exclusive above
      // (<), unless an infinite datum follows (then > / <=).
      const bool followed_by_infinite = j + 1 < n && kinds[j + 1] != 0;
      const char* op = lower ? (last && !followed_by_infinite ? ">=" : ">")
                             : (last && !followed_by_infinite ? "<" : "<=");
      if (!last) op = lower ? ">" : "<";
      std::vector<std::string> arm = equal_prefix;
      arm.push_back("(" + cols[j] + " " + op + " " + LabeledConst(values[j]) + ")");
      arms.push_back(JoinBool(arm, "AND"));
      equal_prefix.push_back("(" + cols[j] + " = " + LabeledConst(values[j]) + ")");
    }
    if (!arms.empty()) quals.push_back(JoinBool(arms, "OR"));
  };
  side(b.lower_kind, b.lower, true);
  side(b.upper_kind, b.upper, false);
  return quals;
}

}  // namespace

std::string PartitionKeyDefinition(const catalog::TableDesc& table) {
  const catalog::PartitionKey& key = *table.partition_key;
  std::string out = key.strategy == 'l' ? "LIST (" : key.strategy == 'h' ? "HASH (" : "RANGE (";
  for (size_t i = 0; i < key.parts.size(); ++i) {
    if (i > 0) out += ", ";
    const catalog::PartitionKeyPart& part = key.parts[i];
    if (part.attnum > 0) {
      out += table.columns[static_cast<size_t>(part.attnum - 1)].name;
      continue;
    }
    // A bare function call as it is; any other expression in parentheses
    // around its own (deparsed operators carry their own parentheses).
    const std::string shown = PartitionExprDisplay(part.expr);
    out += shown == part.expr ? shown : "(" + shown + ")";
  }
  return out + ")";
}

std::optional<std::string> PartitionConstraintDefinition(const CommandContext& ctx,
                                                         const catalog::TableDesc& table) {
  std::vector<std::vector<std::string>> levels;  // innermost first
  const catalog::TableDesc* member = &table;
  while (member->partition_bound && !member->parents.empty()) {
    const catalog::TableDesc* parent = ctx.catalog->FindTable(member->parents[0]);
    if (parent == nullptr || !parent->partition_key) break;
    PartitionKeyEvaluator key(ctx, *parent, *parent);
    std::vector<std::string> cols;
    for (size_t i = 0; i < key.names().size(); ++i) {
      cols.push_back(key.names()[i]);
    }
    const std::vector<PartitionEntry> all = OrderedPartitions(ctx, *parent, key.types());
    std::vector<std::string> quals;
    for (const PartitionEntry& p : all) {
      if (p.table->oid != member->oid) continue;
      if (p.bound.strategy == 'h') {
        std::string call = "satisfies_hash_partition('" + std::to_string(parent->oid) +
                           "'::oid, " + std::to_string(p.bound.modulus) + ", " +
                           std::to_string(p.bound.remainder);
        for (const std::string& c : cols) call += ", " + c;
        quals = {call + ")"};
        break;
      }
      if (!p.bound.is_default) {
        quals = BoundQuals(p.bound, cols);
        break;
      }
      // DEFAULT: none of the other partitions' constraints (for LIST, one
      // list of all their values).
      std::vector<std::string> others;
      if (parent->partition_key->strategy == 'l') {
        BoundValues merged;
        merged.strategy = 'l';
        for (const PartitionEntry& o : all) {
          if (o.bound.is_default) continue;
          merged.list.insert(merged.list.end(), o.bound.list.begin(), o.bound.list.end());
          merged.list_has_null = merged.list_has_null || o.bound.list_has_null;
        }
        if (!merged.list.empty() || merged.list_has_null) {
          others.push_back(JoinBool(BoundQuals(merged, cols), "AND"));
        }
      } else {
        for (const PartitionEntry& o : all) {
          if (!o.bound.is_default) others.push_back(JoinBool(BoundQuals(o.bound, cols), "AND"));
        }
      }
      if (!others.empty()) quals.push_back("(NOT " + JoinBool(others, "OR") + ")");
      break;
    }
    levels.push_back(std::move(quals));
    member = parent;
  }
  std::vector<std::string> all;
  for (auto it = levels.rbegin(); it != levels.rend(); ++it) {
    all.insert(all.end(), it->begin(), it->end());
  }
  if (all.empty()) return std::nullopt;
  return JoinBool(all, "AND");
}

std::string PartitionBoundDefinition(const CommandContext& ctx, const catalog::TableDesc& table) {
  const catalog::TableDesc* parent = ctx.catalog->FindTable(table.parents.at(0));
  if (parent == nullptr || !parent->partition_key) return "";
  return BoundText(DecodeBound(*table.partition_bound, PartitionKeyTypes(ctx, *parent),
                               parent->partition_key->strategy));
}

namespace {

bool InPartitionTree(const catalog::TableDesc* t) {
  return t != nullptr && (t->partition_key || t->partition_bound);
}

}  // namespace

std::vector<PartitionTreeRow> PartitionTree(const catalog::CatalogSnapshot& catalog, Oid rel) {
  std::vector<PartitionTreeRow> out;
  const catalog::TableDesc* root = catalog.FindTable(rel);
  if (!InPartitionTree(root)) return out;
  out.push_back({root->oid, root->partition_bound ? root->parents.at(0) : 0,
                 !root->partition_key.has_value(), 0});
  for (size_t i = 0; i < out.size(); ++i) {
    for (const catalog::TableDesc* child : catalog.ChildrenOf(out[i].relid)) {
      out.push_back({child->oid, out[i].relid, !child->partition_key.has_value(), out[i].level + 1});
    }
  }
  return out;
}

std::vector<Oid> PartitionAncestors(const catalog::CatalogSnapshot& catalog, Oid rel) {
  std::vector<Oid> out;
  const catalog::TableDesc* t = catalog.FindTable(rel);
  if (!InPartitionTree(t)) return out;
  out.push_back(t->oid);
  while (t != nullptr && t->partition_bound && !t->parents.empty()) {
    t = catalog.FindTable(t->parents[0]);
    if (t != nullptr) out.push_back(t->oid);
  }
  return out;
}

namespace {

using Args = std::span<const Value>;

CommandContext CatalogContext() {
  CommandContext ctx;
  ctx.catalog = CurrentStatementCatalog();
  if (ctx.catalog == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "catalog functions need a database");
  }
  return ctx;
}

const catalog::TableDesc* TableArg(const CommandContext& ctx, const Value& v) {
  return ctx.catalog->FindTable(static_cast<Oid>(v.int_value()));
}

Value GetPartKeyDef(Args a) {
  const CommandContext ctx = CatalogContext();
  const catalog::TableDesc* t = TableArg(ctx, a[0]);
  if (t == nullptr || !t->partition_key) return Value::Null(type_oid::kText);
  return Value::Text(PartitionKeyDefinition(*t));
}

Value GetPartitionConstraintDef(Args a) {
  const CommandContext ctx = CatalogContext();
  const catalog::TableDesc* t = TableArg(ctx, a[0]);
  if (t == nullptr) return Value::Null(type_oid::kText);
  std::optional<std::string> def = PartitionConstraintDefinition(ctx, *t);
  if (!def) return Value::Null(type_oid::kText);
  return Value::Text(*def);
}

// The topmost partitioned table above a partition (the table itself for a
// partitioned table; NULL for any other relation).
Value PartitionRoot(Args a) {
  const CommandContext ctx = CatalogContext();
  const catalog::TableDesc* t = TableArg(ctx, a[0]);
  if (t == nullptr || (!t->partition_key && !t->partition_bound)) {
    return Value::Null(type_oid::kRegclass);
  }
  while (t->partition_bound && !t->parents.empty()) {
    const catalog::TableDesc* parent = ctx.catalog->FindTable(t->parents[0]);
    if (parent == nullptr) break;
    t = parent;
  }
  return Value::Integer(type_oid::kRegclass, t->oid);
}

// The default btree operator class of a key column's type (partclass).
Oid DefaultBtreeOpclass(Oid type) {
  switch (type) {
    case type_oid::kInt2: return 1979;
    case type_oid::kInt4: return 1978;
    case type_oid::kInt8: return 3124;
    case type_oid::kText: return 3126;
    case type_oid::kVarchar: return 3126;
    case type_oid::kBpchar: return 426;
    case type_oid::kNumeric: return 3125;
    case type_oid::kFloat4: return 1970;
    case type_oid::kFloat8: return 1971;
    case type_oid::kBool: return 424;
    case type_oid::kDate: return 3122;
    case type_oid::kTimestamp: return 3128;
    case type_oid::kTimestampTz: return 3127;
    case type_oid::kOid: return 1981;
    case type_oid::kName: return 1986;
    case type_oid::kBytea: return 428;
    default: return 0;
  }
}

std::vector<Row> PartitionedTableRows(const CommandContext& ctx) {
  std::vector<Row> rows;
  for (const auto& [oid, t] : ctx.catalog->tables()) {
    if (!t->partition_key) continue;
    const std::vector<DataType> types = PartitionKeyTypes(ctx, *t);
    Oid default_partition = 0;
    for (const catalog::TableDesc* child : ctx.catalog->ChildrenOf(oid)) {
      if (child->partition_bound && child->partition_bound->is_default) default_partition = child->oid;
    }
    std::vector<int16_t> attnums;
    std::vector<Value> classes, collations;
    std::string exprs;
    for (size_t i = 0; i < t->partition_key->parts.size(); ++i) {
      const catalog::PartitionKeyPart& part = t->partition_key->parts[i];
      attnums.push_back(part.attnum);
      classes.push_back(Value::Integer(type_oid::kOid, DefaultBtreeOpclass(types[i].oid)));
      const bool collatable = types[i].oid == type_oid::kText ||
                              types[i].oid == type_oid::kVarchar ||
                              types[i].oid == type_oid::kBpchar || types[i].oid == type_oid::kName;
      collations.push_back(Value::Integer(type_oid::kOid, collatable ? 100 : 0));
      if (part.attnum == 0) exprs += (exprs.empty() ? "" : " ") + part.expr;
    }
    rows.push_back({OidV(oid), CharV(t->partition_key->strategy),
                    Int2V(static_cast<int64_t>(attnums.size())), OidV(default_partition),
                    Int2VectorValue(attnums),
                    MakeArray(kOidVector, type_oid::kOid, std::move(classes), 0),
                    MakeArray(kOidVector, type_oid::kOid, std::move(collations), 0),
                    exprs.empty() ? NullV(kNodeTree) : Value::String(kNodeTree, exprs)});
  }
  return rows;
}

const SystemRelation kRelations[] = {
    {3350, "pg_catalog", "pg_partitioned_table", 'r',
     {{"partrelid", kOid}, {"partstrat", kChar}, {"partnatts", kInt2}, {"partdefid", kOid},
      {"partattrs", kInt2Vector}, {"partclass", kOidVector}, {"partcollation", kOidVector},
      {"partexprs", kNodeTree}},
     PartitionedTableRows},
};

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

const SqlFunction kFunctions[] = {
    {"pg_get_partkeydef", ARGS(type_oid::kOid), 1, type_oid::kText,
     {"pg_get_partkeydef", GetPartKeyDef}},
    {"pg_get_partition_constraintdef", ARGS(type_oid::kOid), 1, type_oid::kText,
     {"pg_get_partition_constraintdef", GetPartitionConstraintDef}},
    {"pg_partition_root", ARGS(type_oid::kRegclass), 1, type_oid::kRegclass,
     {"pg_partition_root", PartitionRoot}},
};

#undef ARGS

}  // namespace

std::span<const SystemRelation> PgCatalogPartitionRelations() { return kRelations; }
std::span<const SqlFunction> PartitionSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
