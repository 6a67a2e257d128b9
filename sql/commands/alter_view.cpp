// ALTER VIEW (see alter_view.h).
#include "sql/commands/alter_view.h"

#include <algorithm>

#include "sql/binder/binder.h"
#include "sql/commands/relation_locks.h"
#include "sql/commands/table_options.h"
#include "sql/commands/table_rows.h"
#include "sql/commands/updatable_view.h"
#include "sql/database.h"
#include "sql/parser/parser.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

namespace {

using Action = ast::AlterTableAction;

void RefuseIfViewsDepend(const CommandContext& ctx, const catalog::ViewDesc& view,
                         const char* what) {
  if (!ctx.catalog->ViewsDependingOn(view.oid).empty()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   std::string(what) + " of a view another view uses is not supported yet");
  }
}

int ViewColumnIndex(const catalog::ViewDesc& view, const std::string& name) {
  for (size_t i = 0; i < view.columns.size(); ++i) {
    if (view.columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

void ApplyViewOptions(const std::vector<std::pair<std::string, std::string>>& changes, bool reset,
                      std::vector<std::string>* options) {
  for (const auto& [name, value] : changes) {
    if (name != "check_option" && name != "security_barrier" && name != "security_invoker") {
      throw SqlError(SqlState::kInvalidParameterValue, "unrecognized parameter \"" + name + "\"");
    }
    if (!reset) {
      if (name == "check_option" && value != "local" && value != "cascaded") {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid value for enum option \"check_option\": " + value)
            .WithDetail("Valid values are \"local\" and \"cascaded\".");
      }
      if (name != "check_option" && !IsBoolText(value)) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid value for boolean option \"" + name + "\": " + value);
      }
    }
    const std::string prefix = name + "=";
    auto it = std::find_if(options->begin(), options->end(), [&](const std::string& o) {
      return o.compare(0, prefix.size(), prefix) == 0;
    });
    if (reset) {
      if (it != options->end()) options->erase(it);
    } else if (it != options->end()) {
      *it = prefix + value;
    } else {
      options->push_back(prefix + value);
    }
  }
}

void CheckViewCheckOption(const CommandContext& ctx, const catalog::ViewDesc& view) {
  if (ViewCheckOption(view).empty()) return;
  const ViewShape shape = AnalyzeView(ctx, view, true);
  if (shape.reason.empty()) return;
  throw SqlError(SqlState::kFeatureNotSupported,
                 "WITH CHECK OPTION is supported only on automatically updatable views")
      .WithHint(shape.reason);
}

StatementOutput ExecuteAlterView(CommandContext& ctx, const ast::AlterTableStatement& stmt,
                                 const catalog::ViewDesc& original) {
  StatementOutput result;
  result.command_tag = stmt.is_view ? "ALTER VIEW" : "ALTER TABLE";
  CheckOwnership(*ctx.catalog, original.owner, "view", original.name);
  LockRelation(ctx, original.oid, original.name, txn::RelationLockMode::kAccessExclusive);
  catalog::ViewDesc view = original;
  for (const Action& a : stmt.actions) {
    switch (a.kind) {
      case Action::Kind::kRenameTable:
        RefuseIfViewsDepend(ctx, view, "ALTER VIEW ... RENAME");
        if (ctx.catalog->RelationNameTaken(view.namespace_oid, a.new_name)) {
          throw SqlError(SqlState::kDuplicateTable,
                         "relation \"" + a.new_name + "\" already exists");
        }
        view.name = a.new_name;
        break;
      case Action::Kind::kRenameColumn: {
        const int index = ViewColumnIndex(view, a.name);
        if (index < 0) {
          throw SqlError(SqlState::kUndefinedColumn,
                         "column \"" + a.name + "\" does not exist");
        }
        if (ViewColumnIndex(view, a.new_name) >= 0) {
          throw SqlError(SqlState::kDuplicateColumn, "column \"" + a.new_name +
                                                         "\" of relation \"" + view.name +
                                                         "\" already exists");
        }
        RefuseIfViewsDepend(ctx, view, "ALTER VIEW ... RENAME COLUMN");
        view.columns[static_cast<size_t>(index)].name = a.new_name;
        break;
      }
      case Action::Kind::kSetSchema: {
        const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(a.new_name);
        if (ns == nullptr) {
          throw SqlError(SqlState::kUndefinedSchema,
                         "schema \"" + a.new_name + "\" does not exist");
        }
        if (ns->oid == view.namespace_oid) break;
        RefuseIfViewsDepend(ctx, view, "ALTER VIEW ... SET SCHEMA");
        if (ctx.catalog->RelationNameTaken(ns->oid, view.name)) {
          throw SqlError(SqlState::kDuplicateTable, "relation \"" + view.name +
                                                        "\" already exists in schema \"" +
                                                        ns->name + "\"");
        }
        view.namespace_oid = ns->oid;
        break;
      }
      case Action::Kind::kSetDefault:
      case Action::Kind::kDropDefault: {
        const int index = ViewColumnIndex(view, a.name);
        if (index < 0) {
          throw SqlError(SqlState::kUndefinedColumn, "column \"" + a.name +
                                                         "\" of relation \"" + view.name +
                                                         "\" does not exist");
        }
        catalog::ViewColumn& column = view.columns[static_cast<size_t>(index)];
        if (a.kind == Action::Kind::kDropDefault || a.expr == nullptr) {
          column.default_expr.reset();
          break;
        }
        // The default must convert to the column's type (bound now for
        // its errors, as PostgreSQL's cookDefault).
        catalog::ColumnDesc as_column;
        as_column.name = column.name;
        as_column.type = column.type;
        as_column.typmod = column.typmod;
        Binder binder = ctx.MakeBinder();
        (void)CoerceToColumn(binder, binder.BindExpr(*a.expr), as_column);
        column.default_expr = a.expr_text;
        break;
      }
      case Action::Kind::kSetOptions:
      case Action::Kind::kResetOptions:
        ApplyViewOptions(a.options, a.kind == Action::Kind::kResetOptions, &view.options);
        break;
      default:
        throw SqlError(SqlState::kFeatureNotSupported,
                       "\"" + view.name + "\" is a view; this statement on a view is not "
                       "supported yet");
    }
  }
  CheckViewCheckOption(ctx, view);
  ctx.db->catalog()->PutView(ctx.txn, view);
  return result;
}

}  // namespace strata::sql
