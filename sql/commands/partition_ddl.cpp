// The partition key and partition bounds of CREATE TABLE (see
// partition_ddl.h).
#include "sql/commands/partition_ddl.h"

#include <algorithm>
#include <map>

#include "sql/binder/coercion_rules.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/bound_volatility.h"
#include "sql/commands/index_commands.h"
#include "sql/commands/partition_hash.h"
#include "sql/commands/partition_key.h"
#include "sql/commands/partition_routing.h"
#include "sql/commands/table_rows.h"
#include "sql/storage_format/key_codec.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

namespace {

SqlError At(const CommandContext& ctx, SqlState state, std::string message, int location) {
  SqlError e(state, std::move(message));
  if (location >= 0) e.WithPosition(ctx.Position(location));
  return e;
}

// Whether the type has a btree ordering (a default operator class).
bool HasBtreeOrdering(Oid type) {
  try {
    KeyColumn probe(type);
    (void)probe;
    return true;
  } catch (const SqlError&) {
    return false;
  }
}

// Two range bound datum lists, lexicographically (MINVALUE below every
// value, MAXVALUE above; the datums after an infinite one do not count).
int CompareRangeBounds(const std::vector<int8_t>& ak, const std::vector<Value>& av,
                       const std::vector<int8_t>& bk, const std::vector<Value>& bv) {
  for (size_t i = 0; i < ak.size(); ++i) {
    if (ak[i] != bk[i]) return ak[i] < bk[i] ? -1 : 1;
    if (ak[i] != 0) return 0;
    const int c = ComparePartitionDatums(av[i], bv[i]);
    if (c != 0) return c;
  }
  return 0;
}

// An operator class named in a partition key: one whose order is the
// type's default btree order (in the C collation the pattern classes order
// text as the default does); 42704 for a name there is no such class of,
// 42804 for a class of another type.
void CheckOperatorClass(const std::string& name, Oid type) {
  struct Class {
    const char* name;
    Oid type;
  };
  static const Class kClasses[] = {
      {"int2_ops", type_oid::kInt2},        {"int4_ops", type_oid::kInt4},
      {"int8_ops", type_oid::kInt8},        {"text_ops", type_oid::kText},
      {"text_pattern_ops", type_oid::kText}, {"varchar_ops", type_oid::kVarchar},
      {"varchar_pattern_ops", type_oid::kVarchar}, {"bpchar_ops", type_oid::kBpchar},
      {"bpchar_pattern_ops", type_oid::kBpchar}, {"numeric_ops", type_oid::kNumeric},
      {"float4_ops", type_oid::kFloat4},    {"float8_ops", type_oid::kFloat8},
      {"date_ops", type_oid::kDate},        {"timestamp_ops", type_oid::kTimestamp},
      {"timestamptz_ops", type_oid::kTimestampTz}, {"bool_ops", type_oid::kBool},
      {"oid_ops", type_oid::kOid},          {"name_ops", type_oid::kName},
      {"bytea_ops", type_oid::kBytea},
  };
  for (const Class& c : kClasses) {
    if (name != c.name) continue;
    // varchar values use text's classes, as in PostgreSQL.
    const Oid wanted = c.type == type_oid::kVarchar ? type_oid::kText : c.type;
    const Oid given = type == type_oid::kVarchar ? type_oid::kText : type;
    if (wanted == given) return;
    throw SqlError(SqlState::kDatatypeMismatch,
                   "operator class \"" + name + "\" does not accept data type " +
                       FormatTypeName(type));
  }
  throw SqlError(SqlState::kUndefinedObject,
                 "operator class \"" + name + "\" does not exist for access method \"btree\"");
}

std::string RangeText(const std::vector<int8_t>& kinds, const std::vector<Value>& values) {
  BoundValues b;
  b.strategy = 'r';
  b.lower_kind = kinds;
  b.lower = values;
  b.upper_kind = kinds;
  b.upper = values;
  // "FOR VALUES FROM (x) TO (x)": the part between FROM and TO.
  const std::string text = BoundText(b);
  const size_t from = text.find("FROM ") + 5;
  return text.substr(from, text.find(" TO ") - from);
}

}  // namespace

void CheckPartitionParents(const CommandContext& ctx, const ast::CreateTableStatement& stmt,
                           const std::vector<Oid>& parents) {
  for (Oid oid : parents) {
    const catalog::TableDesc* parent = ctx.catalog->FindTable(oid);
    if (parent == nullptr) continue;
    if (stmt.partition_of) {
      if (!parent->partition_key) {
        throw SqlError(SqlState::kWrongObjectType, "\"" + parent->name + "\" is not partitioned");
      }
      continue;
    }
    if (parent->partition_key) {
      throw SqlError(SqlState::kWrongObjectType,
                     "cannot inherit from partitioned table \"" + parent->name + "\"");
    }
    if (parent->partition_bound) {
      throw SqlError(SqlState::kWrongObjectType,
                     "cannot inherit from partition \"" + parent->name + "\"");
    }
  }
  if (!stmt.partition_strategy.empty() && !stmt.partition_of && !parents.empty()) {
    throw SqlError(SqlState::kWrongObjectType,
                   "cannot create partitioned table as inheritance child");
  }
}

catalog::PartitionKey DefinePartitionKey(CommandContext& ctx, const catalog::TableDesc& table,
                                         const ast::CreateTableStatement& stmt) {
  catalog::PartitionKey key;
  const std::string& strategy = stmt.partition_strategy;
  if (strategy == "range") {
    key.strategy = 'r';
  } else if (strategy == "list") {
    key.strategy = 'l';
  } else if (strategy == "hash") {
    key.strategy = 'h';
  } else {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "unrecognized partitioning strategy \"" + strategy + "\"");
  }
  if (key.strategy == 'l' && stmt.partition_key.size() > 1) {
    throw SqlError(SqlState::kInvalidObjectDefinition,
                   "cannot use \"list\" partition strategy with more than one column");
  }
  const BindScope scope = TableScope(ctx, table, "");
  for (const ast::PartitionKeyDef& def : stmt.partition_key) {
    catalog::PartitionKeyPart part;
    Oid type = 0;
    if (!def.column.empty()) {
      const int slot = table.FindColumn(def.column);
      if (slot < 0) {
        if (def.column == "ctid" || def.column == "xmin" || def.column == "xmax" ||
            def.column == "cmin" || def.column == "cmax" || def.column == "tableoid") {
          throw At(ctx, SqlState::kInvalidObjectDefinition,
                   "cannot use system column \"" + def.column + "\" in partition key", def.location);
        }
        throw At(ctx, SqlState::kUndefinedColumn,
                 "column \"" + def.column + "\" named in partition key does not exist",
                 def.location);
      }
      part.attnum = table.columns[static_cast<size_t>(slot)].attnum;
      type = table.columns[static_cast<size_t>(slot)].type;
    } else {
      Binder binder(ctx.query);
      binder.SetScope(&scope);
      binder.SetSubqueriesForbidden("cannot use subquery in partition key expression");
      BoundExprPtr bound = binder.BindExpr(*def.expr);
      if (ContainsMutableCall(*bound)) {
        throw SqlError(SqlState::kInvalidObjectDefinition,
                       "functions in partition key expression must be marked IMMUTABLE");
      }
      part.expr = def.expr_text;
      type = bound->type().oid;
    }
    if (key.strategy == 'h') {
      if (!def.opclass.empty()) {
        throw At(ctx, SqlState::kFeatureNotSupported,
                 "an operator class in a hash partition key is not supported yet", def.location);
      }
      if (type == type_oid::kNumeric || type == type_oid::kUuid || type == type_oid::kInterval) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "hash partitioning on type " + FormatTypeName(type) + " is not supported yet");
      }
      if (!IsHashPartitionable(type)) {
        throw SqlError(SqlState::kUndefinedObject,
                       "data type " + FormatTypeName(type) +
                           " has no default operator class for access method \"hash\"")
            .WithHint("You must specify a hash operator class or define a default hash operator "
                      "class for the data type.");
      }
      key.parts.push_back(std::move(part));
      continue;
    }
    if (!def.opclass.empty()) CheckOperatorClass(def.opclass, type);
    if (!HasBtreeOrdering(type)) {
      throw SqlError(SqlState::kUndefinedObject,
                     "data type " + FormatTypeName(type) +
                         " has no default operator class for access method \"btree\"")
          .WithHint("You must specify a btree operator class or define a default btree operator "
                    "class for the data type.");
    }
    key.parts.push_back(std::move(part));
  }
  return key;
}

void CheckUniqueCoversPartitionKey(const catalog::TableDesc& table,
                                   const std::vector<int16_t>& attnums, const std::string& kind) {
  if (!table.partition_key) return;
  for (const catalog::PartitionKeyPart& part : table.partition_key->parts) {
    if (part.attnum == 0) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "unsupported " + kind + " constraint with partition key definition")
          .WithDetail(kind + " constraints cannot be used when partition keys include "
                             "expressions.");
    }
    if (std::find(attnums.begin(), attnums.end(), part.attnum) != attnums.end()) continue;
    throw SqlError(SqlState::kFeatureNotSupported,
                   "unique constraint on partitioned table must include all partitioning columns")
        .WithDetail(kind + " constraint on table \"" + table.name + "\" lacks column \"" +
                    table.columns[static_cast<size_t>(part.attnum - 1)].name +
                    "\" which is part of the partition key.");
  }
}

catalog::PartitionBound DefinePartitionBound(CommandContext& ctx, const catalog::TableDesc& parent,
                                             const std::string& partition_name,
                                             const ast::PartitionBoundDef& def) {
  const catalog::PartitionKey& key = *parent.partition_key;
  PartitionKeyEvaluator key_eval(ctx, parent, parent);
  const std::vector<DataType>& types = key_eval.types();
  const std::vector<std::string>& names = key_eval.names();
  catalog::PartitionBound bound;
  const std::vector<PartitionEntry> existing = OrderedPartitions(ctx, parent, types);
  const PartitionEntry* default_partition = nullptr;
  for (const PartitionEntry& p : existing) {
    if (p.bound.is_default) default_partition = &p;
  }
  if (def.is_default) {
    if (key.strategy == 'h') {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "a hash-partitioned table may not have a default partition");
    }
    if (default_partition != nullptr) {
      throw At(ctx, SqlState::kInvalidObjectDefinition,
               "partition \"" + partition_name + "\" conflicts with existing default partition \"" +
                   default_partition->table->name + "\"",
               def.location);
    }
    bound.is_default = true;
    return bound;
  }
  const char* strategy_name = key.strategy == 'l' ? "list" : key.strategy == 'r' ? "range" : "hash";
  if (def.strategy != key.strategy) {
    throw At(ctx, SqlState::kInvalidTableDefinition,
             std::string("invalid bound specification for a ") + strategy_name + " partition",
             def.location);
  }
  // A bound value: no column references, coerced to the key part's type
  // and evaluated now (transformPartitionBoundValue).
  auto value_of = [&](const ast::Expr& expr, size_t part) {
    Binder binder(ctx.query);
    binder.SetSubqueriesForbidden("cannot use subquery in partition bound");
    BoundExprPtr bound_expr;
    try {
      bound_expr = binder.BindExpr(expr);
    } catch (SqlError& e) {
      if (e.sqlstate() == SqlState::kUndefinedColumn || e.sqlstate() == SqlState::kUndefinedTable) {
        throw At(ctx, SqlState::kInvalidObjectDefinition,
                 "cannot use column reference in partition bound expression", expr.location);
      }
      throw;
    }
    const DataType target = types[part];
    if (!CanCoerceType(bound_expr->type().oid, target.oid, CoercionContext::kAssignment)) {
      throw At(ctx, SqlState::kDatatypeMismatch,
               "specified value cannot be cast to type " + FormatType(target) + " for column \"" +
                   names[part] + "\"",
               expr.location);
    }
    bound_expr = binder.CoerceToTargetType(std::move(bound_expr), target,
                                           CoercionContext::kAssignment, false, expr.location);
    EvalContext eval = ctx.MakeEval();
    return bound_expr->Evaluate(eval);
  };
  BoundValues mine;
  mine.strategy = key.strategy;
  if (key.strategy == 'h') {
    // transformPartitionBound, then check_new_partition_bound: each
    // modulus a factor of the next larger one, no remainder taken twice.
    if (def.modulus <= 0) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "modulus for hash partition must be an integer value greater than zero");
    }
    if (def.remainder >= def.modulus) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "remainder for hash partition must be less than modulus");
    }
    std::vector<const PartitionEntry*> sorted;  // by (modulus, remainder)
    for (const PartitionEntry& p : existing) sorted.push_back(&p);
    const PartitionEntry* previous = nullptr;
    const PartitionEntry* next = nullptr;
    for (const PartitionEntry* p : sorted) {
      if (std::make_pair(p->bound.modulus, p->bound.remainder) <=
          std::make_pair(def.modulus, def.remainder)) {
        previous = p;
      } else if (next == nullptr) {
        next = p;
      }
    }
    auto modulus_error = [&](const std::string& detail) {
      return SqlError(SqlState::kInvalidObjectDefinition,
                      "every hash partition modulus must be a factor of the next larger modulus")
          .WithDetail(detail);
    };
    if (previous != nullptr && def.modulus % previous->bound.modulus != 0) {
      throw modulus_error("The new modulus " + std::to_string(def.modulus) +
                          " is not divisible by " + std::to_string(previous->bound.modulus) +
                          ", the modulus of existing partition \"" + previous->table->name + "\".");
    }
    if (next != nullptr && next->bound.modulus % def.modulus != 0) {
      throw modulus_error("The new modulus " + std::to_string(def.modulus) +
                          " is not a factor of " + std::to_string(next->bound.modulus) +
                          ", the modulus of existing partition \"" + next->table->name + "\".");
    }
    for (const PartitionEntry* p : sorted) {
      const int32_t small = std::min(p->bound.modulus, def.modulus);
      if (p->bound.remainder % small == def.remainder % small) {
        throw At(ctx, SqlState::kInvalidObjectDefinition,
                 "partition \"" + partition_name + "\" would overlap partition \"" +
                     p->table->name + "\"",
                 def.location);
      }
    }
    bound.modulus = def.modulus;
    bound.remainder = def.remainder;
    return bound;
  }
  if (key.strategy == 'l') {
    std::vector<int> locations;
    for (const ast::ExprPtr& e : def.list_values) {
      Value v = value_of(*e, 0);
      if (v.is_null()) {
        if (!mine.list_has_null) bound.list_values.emplace_back(std::nullopt);
        mine.list_has_null = true;
        continue;
      }
      bool duplicate = false;
      for (const Value& seen : mine.list) duplicate = duplicate || ComparePartitionDatums(seen, v) == 0;
      if (duplicate) continue;
      bound.list_values.emplace_back(EncodeMissingValue(v));
      mine.list.push_back(std::move(v));
      locations.push_back(e->location);
    }
    for (const PartitionEntry& p : existing) {
      if (p.bound.is_default) continue;
      for (size_t i = 0; i < mine.list.size(); ++i) {
        bool overlap = false;
        for (const Value& other : p.bound.list) overlap = overlap || ComparePartitionDatums(other, mine.list[i]) == 0;
        if (!overlap) continue;
        throw At(ctx, SqlState::kInvalidObjectDefinition,
                 "partition \"" + partition_name + "\" would overlap partition \"" +
                     p.table->name + "\"",
                 locations[i]);
      }
      if (mine.list_has_null && p.bound.list_has_null) {
        int location = def.location;
        for (const ast::ExprPtr& e : def.list_values) {
          if (e->kind == ast::ExprKind::kConstant) location = e->location;
        }
        throw At(ctx, SqlState::kInvalidObjectDefinition,
                 "partition \"" + partition_name + "\" would overlap partition \"" +
                     p.table->name + "\"",
                 location);
      }
    }
  } else {
    const size_t n = key.parts.size();
    if (def.lower.size() != n) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "FROM must specify exactly one value per partitioning column");
    }
    if (def.upper.size() != n) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "TO must specify exactly one value per partitioning column");
    }
    auto range = [&](const std::vector<ast::PartitionBoundDef::RangeItem>& items,
                     std::vector<catalog::PartitionRangeDatum>* out, std::vector<int8_t>* kinds,
                     std::vector<Value>* values) {
      for (size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        catalog::PartitionRangeDatum d;
        d.kind = item.kind;
        Value v = Value::Null(types[i].oid);
        if (item.kind == 0) {
          v = value_of(*item.value, i);
          if (v.is_null()) {
            throw SqlError(SqlState::kInvalidTableDefinition, "cannot specify NULL in range bound");
          }
          d.value = EncodeMissingValue(v);
        }
        // validateInfiniteBounds: after MINVALUE only MINVALUE, after
        // MAXVALUE only MAXVALUE.
        if (i > 0 && kinds->back() != 0 && kinds->back() != item.kind) {
          const char* word = kinds->back() < 0 ? "MINVALUE" : "MAXVALUE";
          throw At(ctx, SqlState::kDatatypeMismatch,
                   std::string("every bound following ") + word + " must also be " + word,
                   item.location);
        }
        kinds->push_back(item.kind);
        values->push_back(std::move(v));
        out->push_back(std::move(d));
      }
    };
    range(def.lower, &bound.lower, &mine.lower_kind, &mine.lower);
    range(def.upper, &bound.upper, &mine.upper_kind, &mine.upper);
    if (CompareRangeBounds(mine.lower_kind, mine.lower, mine.upper_kind, mine.upper) >= 0) {
      throw At(ctx, SqlState::kInvalidObjectDefinition,
               "empty range bound specified for partition \"" + partition_name + "\"",
               def.lower[0].location)
          .WithDetail("Specified lower bound " + RangeText(mine.lower_kind, mine.lower) +
                      " is greater than or equal to upper bound " +
                      RangeText(mine.upper_kind, mine.upper) + ".");
    }
    for (const PartitionEntry& p : existing) {
      if (p.bound.is_default) continue;
      const bool overlap =
          CompareRangeBounds(mine.lower_kind, mine.lower, p.bound.upper_kind, p.bound.upper) < 0 &&
          CompareRangeBounds(p.bound.lower_kind, p.bound.lower, mine.upper_kind, mine.upper) < 0;
      if (!overlap) continue;
      // PostgreSQL points at the new upper bound when the overlapping
      // partition lies above the new lower bound, else at the lower.
      const bool above =
          CompareRangeBounds(mine.lower_kind, mine.lower, p.bound.lower_kind, p.bound.lower) < 0;
      throw At(ctx, SqlState::kInvalidObjectDefinition,
               "partition \"" + partition_name + "\" would overlap partition \"" + p.table->name +
                   "\"",
               above ? def.upper[0].location : def.lower[0].location);
    }
  }
  // The DEFAULT partition must not hold rows the new partition would take
  // (check_default_partition_contents).
  if (default_partition != nullptr) {
    std::map<Oid, PartitionKeyEvaluator> keys;
    const bool violated =
        AnyLeafRow(ctx, *default_partition->table, [&](const catalog::TableDesc& leaf, const Row& row) {
          auto key = keys.try_emplace(leaf.oid, ctx, parent, leaf).first;
          return BoundAccepts(mine, key->second.Evaluate(row));
        });
    if (violated) {
      throw SqlError(SqlState::kCheckViolation,
                     "updated partition constraint for default partition \"" +
                         default_partition->table->name + "\" would be violated by some row");
    }
  }
  return bound;
}

}  // namespace strata::sql

namespace strata::sql {

void ClonePartitionedIndexes(CommandContext& ctx, const catalog::TableDesc& parent,
                             catalog::TableDesc* partition, std::vector<std::string>* index_names) {
  auto attnum_in_partition = [&](int16_t parent_attnum) {
    const int slot =
        partition->FindColumn(parent.columns[static_cast<size_t>(parent_attnum - 1)].name);
    return static_cast<int16_t>(slot + 1);
  };
  if (!parent.primary_key.empty() && partition->primary_key.empty()) {
    for (int16_t attnum : parent.primary_key) {
      partition->primary_key.push_back(attnum_in_partition(attnum));
    }
    partition->primary_key_name = partition->name + "_pkey";
    index_names->push_back(partition->primary_key_name);
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  for (const catalog::IndexDesc& source : parent.indexes) {
    catalog::IndexDesc index = source;
    std::vector<std::string> column_names;
    for (catalog::IndexKeyColumn& k : index.keys) {
      column_names.push_back(parent.columns[static_cast<size_t>(k.attnum - 1)].name);
      k.attnum = attnum_in_partition(k.attnum);
    }
    for (int16_t& a : index.include) a = attnum_in_partition(a);
    // An equivalent index the partition already has serves (ATTACH
    // PARTITION attaches it rather than building another).
    const bool have = std::any_of(
        partition->indexes.begin(), partition->indexes.end(), [&](const catalog::IndexDesc& ix) {
          if (ix.unique != index.unique || ix.hash != index.hash || ix.include != index.include ||
              ix.keys.size() != index.keys.size()) {
            return false;
          }
          for (size_t k = 0; k < ix.keys.size(); ++k) {
            if (ix.keys[k].attnum != index.keys[k].attnum ||
                ix.keys[k].descending != index.keys[k].descending ||
                ix.keys[k].nulls_first != index.keys[k].nulls_first) {
              return false;
            }
          }
          return true;
        });
    if (have) continue;
    index.name = ChooseIndexName(ctx, partition->namespace_oid, partition->name, column_names,
                                 index.is_constraint ? "key" : "idx", *index_names);
    index.oid = catalog->AllocateOid(ctx.txn);
    auto tree = catalog->CreateTableTree(ctx.txn, index.oid, &index.tree_name);
    if (!tree.ok()) ThrowStatus(tree.status());
    index.tree = tree.value();
    index_names->push_back(index.name);
    partition->indexes.push_back(std::move(index));
  }
}

}  // namespace strata::sql
