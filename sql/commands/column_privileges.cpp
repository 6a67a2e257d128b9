// Column privileges in statements (see column_privileges.h), after
// PostgreSQL 15's ExecCheckRTEPerms / ExecCheckRTPermsModified.
#include "sql/commands/column_privileges.h"

#include <algorithm>
#include <set>

#include "common/sql_error.h"
#include "sql/commands/expr_walk.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"

namespace strata::sql {

StatementColumnChecks::StatementColumnChecks() {
  if (dynamic_cast<StatementColumnChecks*>(CurrentColumnUseObserver()) != nullptr) return;
  previous_ = SetColumnUseObserver(this);
  installed_ = true;
}

StatementColumnChecks::~StatementColumnChecks() {
  if (installed_) SetColumnUseObserver(previous_);
}

void StatementColumnChecks::AddRestricted(Restricted restricted) {
  for (const Restricted& r : restricted_) {
    if (r.relation == restricted.relation && r.role == restricted.role &&
        r.catalog == restricted.catalog) {
      return;
    }
  }
  restricted_.push_back(std::move(restricted));
}

void StatementColumnChecks::UseColumn(Oid table, int16_t attnum) {
  for (const Restricted& r : restricted_) {
    if (r.relation != table || CheckingRole(*r.catalog) != r.role) continue;
    if (ColumnAclMask(*r.catalog, table, attnum, r.role, catalog::kAclSelect) != 0) continue;
    throw SqlError(SqlState::kInsufficientPrivilege, std::string("permission denied for ") +
                                                         RelkindObjectName(r.relkind) + " " +
                                                         r.name);
  }
}

void CheckSelectOnRelation(const CommandContext& ctx, Oid relation, Oid owner, char relkind,
                           const std::string& name) {
  const catalog::CatalogSnapshot& catalog = *ctx.catalog;
  if (HasRelationPrivileges(catalog, relation, owner, catalog::kAclSelect)) return;
  auto* checks = dynamic_cast<StatementColumnChecks*>(CurrentColumnUseObserver());
  const Oid role = CheckingRole(catalog);
  if (checks != nullptr && (relkind == 'r' || relkind == 'v') &&
      AnyColumnAclMask(catalog, relation, role, catalog::kAclSelect) != 0) {
    checks->AddRestricted({ctx.catalog, relation, role, relkind, name});
    return;
  }
  throw SqlError(SqlState::kInsufficientPrivilege,
                 std::string("permission denied for ") + RelkindObjectName(relkind) + " " + name);
}

void NoteTargetReads(const CommandContext& ctx, const catalog::TableDesc& table) {
  const catalog::CatalogSnapshot& catalog = *ctx.catalog;
  if (HasRelationPrivileges(catalog, table.oid, table.owner, catalog::kAclSelect)) return;
  auto* checks = dynamic_cast<StatementColumnChecks*>(CurrentColumnUseObserver());
  if (checks != nullptr) {
    checks->AddRestricted({ctx.catalog, table.oid, CheckingRole(catalog), 'r', table.name});
  }
}

std::vector<int16_t> ReferencedColumns(const catalog::TableDesc& table,
                                       const std::vector<const ast::Expr*>& exprs) {
  std::set<std::string> names;
  for (const ast::Expr* e : exprs) {
    if (e != nullptr) CollectColumns(*e, &names);
  }
  std::vector<int16_t> out;
  for (const catalog::ColumnDesc& c : table.columns) {
    if (!c.dropped && (names.count(c.name) != 0 || names.count("*") != 0)) {
      out.push_back(c.attnum);
    }
  }
  return out;
}

std::vector<int16_t> NamedColumns(const catalog::TableDesc& table,
                                  const std::vector<std::string>& names) {
  std::vector<int16_t> out;
  for (const std::string& name : names) {
    for (const catalog::ColumnDesc& c : table.columns) {
      if (!c.dropped && c.name == name) out.push_back(c.attnum);
    }
  }
  return out;
}

bool MaySeeColumns(const catalog::CatalogSnapshot& catalog, const catalog::TableDesc& table,
                   const std::vector<int16_t>& attnums) {
  if (HasRelationPrivileges(catalog, table.oid, table.owner, catalog::kAclSelect)) return true;
  const Oid role = CheckingRole(catalog);
  for (int16_t attnum : attnums) {
    // An expression (attnum 0) is never a column the role may see.
    if (attnum <= 0 ||
        ColumnAclMask(catalog, table.oid, attnum, role, catalog::kAclSelect) == 0) {
      return false;
    }
  }
  return true;
}

std::vector<int16_t> CopiedColumns(const catalog::TableDesc& table,
                                   const std::vector<ast::TargetColumn>& columns) {
  std::vector<std::string> names;
  for (const ast::TargetColumn& c : columns) names.push_back(c.name);
  if (!names.empty()) return NamedColumns(table, names);
  std::vector<int16_t> out;
  for (const catalog::ColumnDesc& c : table.columns) {
    if (!c.dropped) out.push_back(c.attnum);
  }
  return out;
}

}  // namespace strata::sql
