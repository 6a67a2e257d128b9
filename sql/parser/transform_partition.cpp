// PARTITION BY strategy (key, ...) and FOR VALUES ... / DEFAULT: the raw
// PartitionSpec and PartitionBoundSpec into the AST. The checks that need
// the table (key columns, bound types, overlaps) are in
// sql/commands/partition_commands.cpp.
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

void Transformer::TransformPartitionSpec(const PgQuery__PartitionSpec& spec,
                                         ast::CreateTableStatement* stmt) {
  stmt->partition_strategy = HasText(spec.strategy) ? spec.strategy : "";
  for (size_t i = 0; i < spec.n_part_params; ++i) {
    const PgQuery__Node* node = spec.part_params[i];
    if (node->node_case != PG_QUERY__NODE__NODE_PARTITION_ELEM) {
      throw NotSupported("this partition key");
    }
    const PgQuery__PartitionElem& elem = *node->partition_elem;
    if (elem.n_collation > 0) throw NotSupported("COLLATE in a partition key", elem.location);
    if (elem.n_opclass > 1) throw NotSupported("a qualified operator class name", elem.location);
    ast::PartitionKeyDef part;
    if (elem.n_opclass == 1) part.opclass = StringValue(elem.opclass[0]);
    part.location = elem.location;
    if (HasText(elem.name)) {
      part.column = elem.name;
    } else {
      // A parenthesized plain column is the column (transformPartitionSpec).
      const PgQuery__Node* e = elem.expr;
      if (e != nullptr && e->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
          e->column_ref->n_fields == 1 &&
          e->column_ref->fields[0]->node_case == PG_QUERY__NODE__NODE_STRING) {
        part.column = StringValue(e->column_ref->fields[0]);
      } else {
        part.expr = TransformExpr(e);
        part.expr_text = DeparseExpr(e);
      }
    }
    stmt->partition_key.push_back(std::move(part));
  }
}

ast::PartitionBoundDef Transformer::TransformPartitionBound(const PgQuery__PartitionBoundSpec& spec) {
  ast::PartitionBoundDef bound;
  bound.is_default = spec.is_default;
  bound.strategy = HasText(spec.strategy) ? spec.strategy[0] : 0;
  bound.location = spec.location;
  bound.modulus = spec.modulus;
  bound.remainder = spec.remainder;
  for (size_t i = 0; i < spec.n_listdatums; ++i) {
    bound.list_values.push_back(TransformExpr(spec.listdatums[i]));
  }
  // MINVALUE and MAXVALUE are bare column references in the raw grammar
  // (transformPartitionRangeBounds turns them into range datums).
  auto range = [this](PgQuery__Node* const* nodes, size_t n) {
    std::vector<ast::PartitionBoundDef::RangeItem> items;
    for (size_t i = 0; i < n; ++i) {
      const PgQuery__Node* node = nodes[i];
      ast::PartitionBoundDef::RangeItem item;
      if (node->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && node->column_ref->n_fields == 1 &&
          node->column_ref->fields[0]->node_case == PG_QUERY__NODE__NODE_STRING) {
        const std::string name = StringValue(node->column_ref->fields[0]);
        item.location = node->column_ref->location;
        if (name == "minvalue") {
          item.kind = -1;
        } else if (name == "maxvalue") {
          item.kind = 1;
        }
      }
      if (item.kind == 0) {
        item.value = TransformExpr(node);
        item.location = item.value->location;
      }
      items.push_back(std::move(item));
    }
    return items;
  };
  bound.lower = range(spec.lowerdatums, spec.n_lowerdatums);
  bound.upper = range(spec.upperdatums, spec.n_upperdatums);
  return bound;
}

}  // namespace strata::sql::parser
