// A partitioned table's key and its partitions' bounds as values: the key
// evaluated over a row, bounds decoded into values of the key's types, and
// whether a bound accepts a key (PostgreSQL's partbounds.c semantics for
// LIST and RANGE). Shared by routing (partition_routing.h), the partition
// DDL (partition_ddl.h) and the catalog functions that print bounds.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"
#include "sql/binder/binder.h"
#include "sql/commands/command_context.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

// Evaluates `partitioned`'s key over rows of `row_table` (the partitioned
// table itself or one of its partitions, whose columns are matched by
// name: a partition's attnums may differ from its parent's).
class PartitionKeyEvaluator {
 public:
  // LIFETIME: ctx and both tables outlive the evaluator.
  PartitionKeyEvaluator(const CommandContext& ctx, const catalog::TableDesc& partitioned,
                        const catalog::TableDesc& row_table);
  std::vector<Value> Evaluate(const Row& row);
  const std::vector<DataType>& types() const { return types_; }
  // The key's parts as PostgreSQL names them in messages: the column, or
  // the expression's text.
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<int> slots_;  // per part: the column's slot in row_table; -1 an expression
  std::vector<BoundExprPtr> exprs_;  // per part: the expression (null for a column)
  std::vector<DataType> types_;
  std::vector<std::string> names_;
  std::vector<std::unique_ptr<ast::Statement>> parsed_;
  BindScope scope_;
  EvalContext eval_;
};

// A key expression as PostgreSQL prints it in partition constraints and
// messages: a bare function call as it is, anything else parenthesized
// ("(a + 1)", "lower(b)").
std::string PartitionExprDisplay(const std::string& expr);

// The types of `partitioned`'s key parts (columns' types, expressions'
// result types), and their names as in PartitionKeyEvaluator::names().
std::vector<DataType> PartitionKeyTypes(const CommandContext& ctx,
                                        const catalog::TableDesc& partitioned);

// A partition's bound with its values decoded into the key's types.
struct BoundValues {
  bool is_default = false;
  char strategy = 0;  // 'l', 'r' or 'h' (unset for DEFAULT)
  std::vector<Value> list;     // LIST: the non-NULL values
  bool list_has_null = false;  // LIST: NULL is among them
  std::vector<int8_t> lower_kind, upper_kind;  // RANGE: -1 MINVALUE, 1 MAXVALUE, 0 a value
  std::vector<Value> lower, upper;
  int32_t modulus = 0, remainder = 0;
};
BoundValues DecodeBound(const catalog::PartitionBound& bound, const std::vector<DataType>& key_types,
                        char strategy);

// Two non-NULL values of one key type in its btree order (the order of
// their key encodings, which every partitionable type has).
int ComparePartitionDatums(const Value& a, const Value& b);

// Whether a non-DEFAULT bound accepts the key (a NULL key column fits
// only a LIST bound listing NULL).
bool BoundAccepts(const BoundValues& bound, const std::vector<Value>& key);

// A key against a range bound's datums, lexicographically (MINVALUE below
// and MAXVALUE above every value): <0, 0 or >0.
int CompareToRangeDatums(const std::vector<Value>& key, const std::vector<int8_t>& kinds,
                         const std::vector<Value>& datums);

// FOR VALUES ... / DEFAULT as pg_get_expr(relpartbound) prints it.
std::string BoundText(const BoundValues& bound);
// One bound value as PostgreSQL's get_const_expr prints it without a type
// label: int4 and numeric bare unless negative, booleans bare, everything
// else quoted.
std::string BoundValueText(const Value& value);

// `partitioned`'s direct partitions in PostgreSQL's bound order (LIST and
// RANGE by their lowest value, HASH by modulus then remainder; DEFAULT
// last), each with its bound decoded.
struct PartitionEntry {
  const catalog::TableDesc* table;
  BoundValues bound;
};
std::vector<PartitionEntry> OrderedPartitions(const CommandContext& ctx,
                                              const catalog::TableDesc& partitioned,
                                              const std::vector<DataType>& key_types);

}  // namespace strata::sql
