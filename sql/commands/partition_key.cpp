// Partition keys and bounds as values (see partition_key.h).
#include "sql/commands/partition_key.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "sql/binder/column_use.h"
#include "sql/commands/partition_hash.h"
#include "sql/commands/stored_expr.h"
#include "sql/commands/table_rows.h"
#include "sql/types/type_io.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

PartitionKeyEvaluator::PartitionKeyEvaluator(const CommandContext& ctx,
                                             const catalog::TableDesc& partitioned,
                                             const catalog::TableDesc& row_table)
    : scope_(TableScope(ctx, row_table, "")) {
  ScopedNoColumnUse no_column_use;
  for (const catalog::PartitionKeyPart& part : partitioned.partition_key->parts) {
    if (part.attnum > 0) {
      const catalog::ColumnDesc& column =
          partitioned.columns[static_cast<size_t>(part.attnum - 1)];
      slots_.push_back(row_table.FindColumn(column.name));
      exprs_.emplace_back(nullptr);
      types_.push_back(DataType{column.type, column.typmod});
      names_.push_back(column.name);
      continue;
    }
    std::string query;
    const ast::Expr& expr = ParseStoredExpr(part.expr, &parsed_, &query);
    Binder binder(query);
    binder.SetScope(&scope_);
    BoundExprPtr bound = binder.BindExpr(expr);
    types_.push_back(bound->type());
    slots_.push_back(-1);
    exprs_.push_back(std::move(bound));
    names_.push_back(PartitionExprDisplay(part.expr));
  }
}

std::string PartitionExprDisplay(const std::string& expr) {
  const size_t paren = expr.find('(');
  bool call = paren != std::string::npos && paren > 0 && expr.back() == ')';
  for (size_t k = 0; call && k < paren; ++k) {
    call = std::isalnum(static_cast<unsigned char>(expr[k])) != 0 || expr[k] == '_' ||
           expr[k] == '.';
  }
  return call ? expr : "(" + expr + ")";
}

std::vector<Value> PartitionKeyEvaluator::Evaluate(const Row& row) {
  std::vector<Value> key;
  key.reserve(slots_.size());
  for (size_t i = 0; i < slots_.size(); ++i) {
    if (exprs_[i] == nullptr) {
      key.push_back(slots_[i] >= 0 ? row[static_cast<size_t>(slots_[i])]
                                   : Value::Null(types_[i].oid));
      continue;
    }
    eval_.SetRow(&row);
    key.push_back(exprs_[i]->Evaluate(eval_));
  }
  return key;
}

std::vector<DataType> PartitionKeyTypes(const CommandContext& ctx,
                                        const catalog::TableDesc& partitioned) {
  return PartitionKeyEvaluator(ctx, partitioned, partitioned).types();
}

BoundValues DecodeBound(const catalog::PartitionBound& bound, const std::vector<DataType>& key_types,
                        char strategy) {
  BoundValues out;
  out.is_default = bound.is_default;
  if (bound.is_default) return out;
  out.strategy = strategy;
  out.modulus = bound.modulus;
  out.remainder = bound.remainder;
  for (const std::optional<std::string>& v : bound.list_values) {
    if (!v) {
      out.list_has_null = true;
      continue;
    }
    out.list.push_back(DecodeMissingValue(key_types[0].oid, *v));
  }
  auto range = [&](const std::vector<catalog::PartitionRangeDatum>& datums,
                   std::vector<int8_t>* kinds, std::vector<Value>* values) {
    for (size_t i = 0; i < datums.size(); ++i) {
      kinds->push_back(datums[i].kind);
      values->push_back(datums[i].kind == 0 ? DecodeMissingValue(key_types[i].oid, datums[i].value)
                                            : Value::Null(key_types[i].oid));
    }
  };
  range(bound.lower, &out.lower_kind, &out.lower);
  range(bound.upper, &out.upper_kind, &out.upper);
  return out;
}

int ComparePartitionDatums(const Value& a, const Value& b) {
  const KeyColumn column(a.type());
  std::string x, y;
  AppendKeyDatum(column, a, &x);
  AppendKeyDatum(column, b, &y);
  const int c = x.compare(y);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

int CompareToRangeDatums(const std::vector<Value>& key, const std::vector<int8_t>& kinds,
                         const std::vector<Value>& datums) {
  for (size_t i = 0; i < kinds.size() && i < key.size(); ++i) {
    if (kinds[i] != 0) return -kinds[i];
    const int c = ComparePartitionDatums(key[i], datums[i]);
    if (c != 0) return c;
  }
  return 0;
}

bool BoundAccepts(const BoundValues& bound, const std::vector<Value>& key) {
  if (bound.is_default) return false;
  if (bound.strategy == 'l') {
    if (key[0].is_null()) return bound.list_has_null;
    for (const Value& v : bound.list) {
      if (ComparePartitionDatums(key[0], v) == 0) return true;
    }
    return false;
  }
  if (bound.strategy == 'r') {
    for (const Value& v : key) {
      if (v.is_null()) return false;
    }
    return CompareToRangeDatums(key, bound.lower_kind, bound.lower) >= 0 &&
           CompareToRangeDatums(key, bound.upper_kind, bound.upper) < 0;
  }
  if (bound.strategy == 'h') {
    return PartitionKeyHash(key) % static_cast<uint64_t>(bound.modulus) ==
           static_cast<uint64_t>(bound.remainder);
  }
  return false;
}

std::string BoundValueText(const Value& value) {
  if (value.is_null()) return "NULL";
  const std::string text = OutputValue(value);
  const Oid type = value.type();
  if (type == type_oid::kBool) return text;
  const bool numeric_looking =
      !text.empty() && std::isdigit(static_cast<unsigned char>(text[0])) != 0 &&
      std::strspn(text.c_str(), "0123456789+-eE.") == text.size();
  if ((type == type_oid::kInt4 && text[0] != '-') || (type == type_oid::kNumeric && numeric_looking)) {
    return text;
  }
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

std::string BoundText(const BoundValues& bound) {
  if (bound.is_default) return "DEFAULT";
  if (bound.strategy == 'h') {
    return "FOR VALUES WITH (modulus " + std::to_string(bound.modulus) + ", remainder " +
           std::to_string(bound.remainder) + ")";
  }
  if (bound.strategy == 'l') {
    std::string out = "FOR VALUES IN (";
    bool first = true;
    for (const Value& v : bound.list) {
      if (!first) out += ", ";
      first = false;
      out += BoundValueText(v);
    }
    if (bound.list_has_null) out += first ? "NULL" : ", NULL";
    return out + ")";
  }
  auto range = [](const std::vector<int8_t>& kinds, const std::vector<Value>& values) {
    std::string out = "(";
    for (size_t i = 0; i < kinds.size(); ++i) {
      if (i > 0) out += ", ";
      out += kinds[i] < 0 ? "MINVALUE" : kinds[i] > 0 ? "MAXVALUE" : BoundValueText(values[i]);
    }
    return out + ")";
  };
  return "FOR VALUES FROM " + range(bound.lower_kind, bound.lower) + " TO " +
         range(bound.upper_kind, bound.upper);
}

std::vector<PartitionEntry> OrderedPartitions(const CommandContext& ctx,
                                              const catalog::TableDesc& partitioned,
                                              const std::vector<DataType>& key_types) {
  std::vector<PartitionEntry> out;
  const char strategy = partitioned.partition_key->strategy;
  for (const catalog::TableDesc* child : ctx.catalog->ChildrenOf(partitioned.oid)) {
    if (!child->partition_bound) continue;
    out.push_back({child, DecodeBound(*child->partition_bound, key_types, strategy)});
  }
  // The lowest LIST value (NULL-only lists after the others), or the lower
  // RANGE bound; DEFAULT last.
  auto before = [strategy](const PartitionEntry& a, const PartitionEntry& b) {
    if (a.bound.is_default != b.bound.is_default) return b.bound.is_default;
    if (a.bound.is_default) return false;
    if (strategy == 'h') {
      return std::make_pair(a.bound.modulus, a.bound.remainder) <
             std::make_pair(b.bound.modulus, b.bound.remainder);
    }
    if (strategy == 'l') {
      if (a.bound.list.empty() || b.bound.list.empty()) {
        return !a.bound.list.empty() && b.bound.list.empty();
      }
      auto lowest = [](const BoundValues& v) {
        const Value* low = &v.list[0];
        for (const Value& x : v.list) {
          if (ComparePartitionDatums(x, *low) < 0) low = &x;
        }
        return low;
      };
      return ComparePartitionDatums(*lowest(a.bound), *lowest(b.bound)) < 0;
    }
    // RANGE: lower bounds never coincide (partitions do not overlap).
    for (size_t i = 0; i < a.bound.lower.size(); ++i) {
      const int8_t ka = a.bound.lower_kind[i], kb = b.bound.lower_kind[i];
      if (ka != kb) return ka < kb;
      if (ka != 0) continue;
      const int c = ComparePartitionDatums(a.bound.lower[i], b.bound.lower[i]);
      if (c != 0) return c < 0;
    }
    return false;
  };
  std::stable_sort(out.begin(), out.end(), before);
  return out;
}

}  // namespace strata::sql
