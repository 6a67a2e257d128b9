// Select-list binding with * expansion, and result rows (see result_rows.h).
#include "sql/commands/result_rows.h"

#include "catalog/builtin_types.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/record_exprs.h"
#include "sql/types/composite_type.h"
#include "sql/types/type_io.h"

namespace strata::sql {

std::vector<OutputTarget> BindTargetList(Binder& binder, const BindScope& scope,
                                         const std::vector<ast::ResTarget>& targets) {
  std::vector<OutputTarget> out;
  for (const ast::ResTarget& target : targets) {
    if (target.value->kind == ast::ExprKind::kColumnRef) {
      const auto& ref = static_cast<const ast::ColumnRefExpr&>(*target.value);
      if (!ref.fields.empty() && ref.fields.back() == "*") {
        const ScopeRelation* rel = nullptr;
        if (ref.fields.size() == 1) {
          // Every relation's columns, merged USING columns once.
          for (const ScopeRelation& r : scope.relations) {
            for (const ScopeColumn& c : r.columns) {
              if (c.hidden) continue;
              out.push_back({c.name, binder.MakeColumnRef(r, c, ref.location), c.table_oid,
                             c.attnum});
            }
          }
          continue;
        } else {
          const std::string& name = ref.fields[ref.fields.size() - 2];
          for (const ScopeRelation& r : scope.relations) {
            if (!r.alias.empty() && r.alias == name) rel = &r;
          }
          for (const ScopeRelation& r : scope.relations) {
            if (rel == nullptr && r.table_name == name && r.alias != name) {
              throw binder
                  .ErrorAt(SqlState::kUndefinedTable,
                           "invalid reference to FROM-clause entry for table \"" + name + "\"",
                           ref.location)
                  .WithHint("Perhaps you meant to reference the table alias \"" + r.alias +
                            "\".");
            }
          }
          if (rel == nullptr) {
            throw binder.ErrorAt(SqlState::kUndefinedTable,
                                 "missing FROM-clause entry for table \"" + name + "\"",
                                 ref.location);
          }
        }
        for (const ScopeColumn& c : rel->columns) {
          out.push_back({c.name, binder.MakeColumnRef(*rel, c, ref.location), c.table_oid,
                         c.attnum});
        }
        continue;
      }
    }
    if (target.value->kind == ast::ExprKind::kFieldSelect &&
        static_cast<const ast::FieldSelectExpr&>(*target.value).field == "*") {
      // (x).*: one column per field of the composite value (the argument
      // is evaluated once per field, as in PostgreSQL).
      const auto& star = static_cast<const ast::FieldSelectExpr&>(*target.value);
      const DataType type = binder.BindExpr(*star.arg)->type();
      const std::vector<RecordField>* fields = CompositeFields(type);
      if (fields == nullptr) {
        if (IsCompositeType(type.oid)) {
          throw binder.ErrorAt(SqlState::kFeatureNotSupported,
                               "record type has not been registered", star.location);
        }
        throw binder.ErrorAt(SqlState::kWrongObjectType,
                             "type " + FormatTypeName(type.oid) + " is not composite",
                             star.location);
      }
      for (size_t i = 0; i < fields->size(); ++i) {
        out.push_back({(*fields)[i].name,
                       std::make_unique<BoundFieldSelect>(binder.BindExpr(*star.arg), i,
                                                          (*fields)[i].type, star.location),
                       0, 0});
      }
      continue;
    }
    BoundExprPtr expr = binder.ResolveUnknownToText(binder.BindExpr(*target.value));
    std::string name = target.name.empty() ? FigureColumnName(*target.value) : target.name;
    Oid table_oid = 0;
    int16_t attnum = 0;
    // Only a plain column reference as written (an aggregate's first-pass
    // placeholder is a column reference too).
    if (target.value->kind == ast::ExprKind::kColumnRef &&
        expr->kind() == BoundExprKind::kColumnRef) {
      const int slot = static_cast<const BoundColumnRef&>(*expr).slot();
      for (const ScopeRelation& r : scope.relations) {
        for (const ScopeColumn& c : r.columns) {
          if (c.slot == slot && c.table_oid != 0) {
            table_oid = c.table_oid;
            attnum = c.attnum;
          }
        }
      }
    }
    out.push_back({std::move(name), std::move(expr), table_oid, attnum});
  }
  return out;
}

void SetResultColumns(const std::vector<OutputTarget>& targets, StatementOutput* result) {
  result->returns_rows = true;
  for (const OutputTarget& t : targets) {
    ResultColumn column = MakeResultColumn(t.name, t.expr->type());
    column.table_oid = t.table_oid;
    column.column_attnum = t.attnum;
    result->columns.push_back(std::move(column));
  }
}

void AppendResultRow(const Row& row, StatementOutput* result) {
  result->rows.emplace_back(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(result->columns.size()));
}

}  // namespace strata::sql
