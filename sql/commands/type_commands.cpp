// CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE / RENAME VALUE and
// DROP TYPE (see type_commands.h). PostgreSQL's rules (typecmds.c,
// pg_enum.c): labels are at most 63 bytes and unique within their enum; a
// new label goes after the last (sort order + 1) or halfway between its
// neighbours, and when float4 runs out of room between them every label is
// renumbered 1..n first.
#include "sql/commands/type_commands.h"
#include "sql/commands/qualified_name.h"

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/binder/bind_scope.h"
#include "sql/binder/binder.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/base_type_commands.h"
#include "sql/commands/drop_cascade_notice.h"
#include "sql/executor/plan_node.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/table/table_codec.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

constexpr size_t kMaxLabelBytes = 63;  // NAMEDATALEN - 1

void CheckLabel(const std::string& label) {
  if (label.size() > kMaxLabelBytes || label.empty()) {
    throw SqlError(SqlState::kInvalidName, "invalid enum label \"" + label + "\"")
        .WithDetail("Labels must be 63 bytes or less.");
  }
}

// The user type a (possibly qualified) name reaches, or nullptr.
const catalog::TypeDesc* LookupType(const CommandContext& ctx,
                                    const std::vector<std::string>& name) {
  if (name.size() == 2) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name[0]);
    if (ns == nullptr) {
      throw SqlError(SqlState::kInvalidSchemaName, "schema \"" + name[0] + "\" does not exist");
    }
    return ctx.catalog->FindType(ns->oid, name[1]);
  }
  if (name.size() != 1) {
    throw SqlError(SqlState::kSyntaxError,
                   "improper qualified name (too many dotted names): " + JoinQualifiedName(name));
  }
  for (catalog::Oid ns : SearchPathNamespaces(*ctx.catalog)) {
    if (const catalog::TypeDesc* t = ctx.catalog->FindType(ns, name[0])) return t;
  }
  return nullptr;
}

// The table whose row type a (possibly qualified) type name reaches, or
// nullptr.
const catalog::TableDesc* LookupRowTypeRelation(const CommandContext& ctx,
                                                const std::vector<std::string>& name) {
  if (name.size() == 2) {
    const catalog::NamespaceDesc* ns = ctx.catalog->FindNamespace(name[0]);
    return ns != nullptr ? ctx.catalog->FindTable(ns->oid, name[1]) : nullptr;
  }
  if (name.size() != 1) return nullptr;
  for (catalog::Oid ns : SearchPathNamespaces(*ctx.catalog)) {
    if (ctx.catalog->FindType(ns, name[0]) != nullptr) return nullptr;
    if (const catalog::TableDesc* t = ctx.catalog->FindTable(ns, name[0])) return t;
  }
  return nullptr;
}

// The enum an ALTER TYPE names, checked for existence, kind and ownership.
const catalog::TypeDesc& LookupEnumForAlter(const CommandContext& ctx,
                                            const std::vector<std::string>& name) {
  const catalog::TypeDesc* type = LookupType(ctx, name);
  if (type == nullptr) {
    if (name.size() == 1 && FindPgTypeByName(name[0]) != nullptr) {
      throw SqlError(SqlState::kWrongObjectType,
                     FormatTypeName(FindPgTypeByName(name[0])->oid) + " is not an enum");
    }
    throw SqlError(SqlState::kUndefinedObject,
                   "type \"" + JoinQualifiedName(name) + "\" does not exist");
  }
  if (type->kind != 'e') {
    throw SqlError(SqlState::kWrongObjectType, "\"" + type->name + "\" is not an enum");
  }
  CheckOwnership(*ctx.catalog, type->owner, "type", type->name);
  return *type;
}

bool UsesType(catalog::Oid column_type, const catalog::TypeDesc& type) {
  return column_type == type.oid || column_type == type.array_oid;
}

// What depends on `type` (PostgreSQL's DETAIL lines of 2BP01), in catalog
// order: table columns and functions taking or returning it.
std::vector<std::string> Dependents(const catalog::CatalogSnapshot& catalog,
                                    const catalog::TypeDesc& type) {
  std::vector<std::string> out;
  for (const auto& [oid, table] : catalog.tables()) {
    for (const catalog::ColumnDesc& c : table->columns) {
      if (!c.dropped && UsesType(c.type, type)) {
        out.push_back("column " + c.name + " of table " + table->name + " depends on type " +
                      type.name);
      }
    }
  }
  for (const auto& [oid, other] : catalog.types()) {
    if (other->kind == 'd' && UsesType(other->base_type, type)) {
      out.push_back("type " + other->name + " depends on type " + type.name);
    }
    // PostgreSQL's pg_depend scan meets a type's attributes last first.
    for (auto a = other->attributes.rbegin(); a != other->attributes.rend(); ++a) {
      if (!a->dropped && UsesType(a->type, type)) {
        out.push_back("column " + a->name + " of composite type " + other->name +
                      " depends on type " + type.name);
      }
    }
  }
  for (const auto& [oid, fn] : catalog.functions()) {
    bool uses = UsesType(fn->result_type, type);
    for (const catalog::FunctionArg& a : fn->args) uses = uses || UsesType(a.type, type);
    if (!uses) continue;
    std::string signature = fn->name + "(";
    bool first = true;
    for (catalog::Oid t : fn->InputTypes()) {
      if (!first) signature += ",";
      first = false;
      signature += FormatTypeName(t);
    }
    out.push_back((fn->is_procedure ? "procedure " : "function ") + signature + ") depends on type " +
                  type.name);
  }
  for (const auto& [oid, cast] : catalog.casts()) {
    if (UsesType(cast.source, type) || UsesType(cast.target, type)) {
      out.push_back("cast from " + FormatTypeName(cast.source) + " to " +
                    FormatTypeName(cast.target) + " depends on type " + type.name);
    }
  }
  return out;
}

// Whether some index or primary key has a key column of enum `type`: its
// entries hold the labels' sort orders, which renumbering would change.
bool HasIndexedColumn(const catalog::CatalogSnapshot& catalog, const catalog::TypeDesc& type) {
  for (const auto& [oid, table] : catalog.tables()) {
    for (const catalog::ColumnDesc& c : table->columns) {
      if (c.dropped || c.type != type.oid) continue;
      for (int16_t attnum : table->primary_key) {
        if (attnum == c.attnum) return true;
      }
      for (const catalog::IndexDesc& index : table->indexes) {
        if (index.UsesColumn(c.attnum)) return true;
      }
    }
  }
  return false;
}


// The schema and name a CREATE names, with the CREATE privilege checked and
// the name free among types and relations.
const catalog::NamespaceDesc& CreationSchema(const CommandContext& ctx,
                                             const std::vector<std::string>& name) {
  const catalog::NamespaceDesc& ns = SchemaOfQualifiedName(ctx, name);
  CheckSchemaPrivileges(*ctx.catalog, ns, catalog::kAclCreate);
  const bool builtin_clash =
      ns.oid == catalog::kPgCatalogNamespace && FindPgTypeByName(name.back()) != nullptr;
  if (builtin_clash || ctx.catalog->FindType(ns.oid, name.back()) != nullptr ||
      ctx.catalog->RelationNameTaken(ns.oid, name.back())) {
    throw SqlError(SqlState::kDuplicateObject, "type \"" + name.back() + "\" already exists");
  }
  return ns;
}

// A domain CHECK bound over VALUE of the base type, to reject bad
// expressions when the constraint is made (42703 for other columns, 42804
// for a non-boolean).
BoundExprPtr BindDomainCheck(CommandContext& ctx, const catalog::TypeDesc& domain,
                             const ast::CheckDef& check) {
  // VALUE has the innermost base type (the domain may not be stored yet).
  DataType value_type{domain.base_type, domain.base_typmod};
  if (IsDomainType(value_type.oid)) {
    const DataType inner = DomainBaseType(value_type.oid);
    value_type = DataType{inner.oid, value_type.typmod >= 0 ? value_type.typmod : inner.typmod};
  }
  BindScope scope;
  ScopeRelation rel;
  rel.columns.push_back(ScopeColumn{"value", value_type, 0});
  scope.relations.push_back(std::move(rel));
  Binder binder = ctx.MakeBinder();
  binder.SetScope(&scope);
  binder.SetSubqueriesForbidden("cannot use subquery in check constraint");
  binder.SetAggregatesForbidden("check constraints");
  return binder.CoerceToBoolean(binder.BindExpr(*check.expr), "CHECK");
}

// ALTER DOMAIN ... ADD CHECK / SET NOT NULL over a domain in use: every
// stored value must meet the new constraint first (validateDomainConstraint,
// validateDomainNotNullConstraint). `check` is null for NOT NULL.
void ValidateStoredValues(CommandContext& ctx, const catalog::TypeDesc& domain,
                          const BoundExpr* check) {
  for (const auto& [oid, table] : ctx.catalog->tables()) {
    std::vector<size_t> slots;
    for (size_t i = 0; i < table->columns.size(); ++i) {
      const catalog::ColumnDesc& c = table->columns[i];
      if (c.dropped) continue;
      if (c.type == domain.array_oid) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "adding a constraint to domain \"" + domain.name +
                           "\", which an array column uses, is not supported yet");
      }
      if (c.type == domain.oid) slots.push_back(i);
    }
    if (slots.empty()) continue;
    TableCodec codec(*table);
    SeqScan scan(ctx.txn, &codec);
    scan.Init();
    Row row;
    EvalContext eval = ctx.MakeEval();
    while (scan.Next(&row)) {
      for (size_t slot : slots) {
        const Value& v = row[slot];
        const std::string& column = table->columns[slot].name;
        if (check == nullptr) {
          if (!v.is_null()) continue;
          throw SqlError(SqlState::kNotNullViolation, "column \"" + column + "\" of table \"" +
                                                          table->name + "\" contains null values");
        }
        const std::vector<Value> value_row = {v};
        eval.SetRow(&value_row);
        const Value ok = check->Evaluate(eval);
        if (ok.is_null() || ok.bool_value()) continue;
        throw SqlError(SqlState::kCheckViolation,
                       "column \"" + column + "\" of table \"" + table->name +
                           "\" contains values that violate the new constraint");
      }
    }
    scan.Close();
  }
}

// Adds `check` to the domain under its own name or the next free
// "<domain>_check[N]".
BoundExprPtr AddDomainCheck(CommandContext& ctx, catalog::TypeDesc* domain,
                            const ast::CheckDef& check) {
  BoundExprPtr bound = BindDomainCheck(ctx, *domain, check);
  auto taken = [&](const std::string& name) {
    for (const catalog::DomainCheck& c : domain->checks) {
      if (c.name == name) return true;
    }
    return false;
  };
  std::string name = check.name;
  if (name.empty()) {
    name = domain->name + "_check";
    for (int n = 1; taken(name); ++n) name = domain->name + "_check" + std::to_string(n);
  } else if (taken(name)) {
    throw SqlError(SqlState::kDuplicateObject, "constraint \"" + name + "\" for domain \"" +
                                                   domain->name + "\" already exists");
  }
  domain->checks.push_back(
      catalog::DomainCheck{ctx.db->catalog()->AllocateOid(ctx.txn), name, check.expr_text});
  return bound;
}

StatementOutput DefineDomain(CommandContext& ctx, const ast::TypeStatement& stmt);

// CREATE DOMAIN's errors carry no position: PostgreSQL analyzes the
// definition without the statement's text.
StatementOutput CreateDomain(CommandContext& ctx, const ast::TypeStatement& stmt) {
  try {
    return DefineDomain(ctx, stmt);
  } catch (SqlError& e) {
    e.mutable_fields().position = 0;
    throw;
  }
}

StatementOutput DefineDomain(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE DOMAIN";
  const catalog::NamespaceDesc& ns = CreationSchema(ctx, stmt.name);
  Binder binder = ctx.MakeBinder();
  const DataType base = binder.BindTypeName(stmt.base_type);
  const PgTypeInfo* base_info = FindPgType(base.oid);
  if (base_info == nullptr || base_info->category == type_category::kPseudo) {
    throw SqlError(SqlState::kDatatypeMismatch,
                   "\"" + FormatTypeName(base.oid) + "\" is not a valid base type for a domain");
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::TypeDesc domain;
  domain.oid = catalog->AllocateOid(ctx.txn);
  domain.array_oid = catalog->AllocateOid(ctx.txn);
  domain.namespace_oid = ns.oid;
  domain.name = stmt.name.back();
  domain.owner = CurrentUserOid(*ctx.catalog);
  domain.kind = 'd';
  domain.base_type = base.oid;
  domain.base_typmod = base.typmod;
  // A domain over a domain starts with its default (DefineDomain); the
  // base domain's constraints are checked as such (CheckDomainValue).
  if (auto parent = FindUserType(base.oid); parent != nullptr && parent->kind == 'd') {
    domain.default_expr = parent->default_expr;
  }
  if (stmt.not_null) domain.not_null = true;
  if (stmt.default_text) domain.default_expr = stmt.default_text;
  for (const ast::CheckDef& check : stmt.checks) AddDomainCheck(ctx, &domain, check);
  catalog->PutType(ctx.txn, domain);
  return result;
}

StatementOutput AlterDomain(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER DOMAIN";
  const catalog::TypeDesc* found = LookupType(ctx, stmt.name);
  if (found == nullptr) {
    throw SqlError(SqlState::kUndefinedObject,
                   "type \"" + JoinQualifiedName(stmt.name) + "\" does not exist");
  }
  if (found->kind != 'd') {  // checkDomainOwner: format_type_be's name, unquoted
    throw SqlError(SqlState::kWrongObjectType, found->name + " is not a domain");
  }
  CheckOwnership(*ctx.catalog, found->owner, "type", found->name);
  catalog::TypeDesc domain = *found;
  using Change = ast::TypeStatement::DomainChange;
  switch (stmt.change) {
    case Change::kDefault:
      domain.default_expr = stmt.default_text;
      break;
    case Change::kDropNotNull:
      domain.not_null = false;
      break;
    case Change::kSetNotNull:
      if (!domain.not_null) ValidateStoredValues(ctx, domain, nullptr);
      domain.not_null = true;
      break;
    case Change::kAddConstraint: {
      // Existing values must meet the new constraint first.
      BoundExprPtr check = AddDomainCheck(ctx, &domain, stmt.checks.at(0));
      ValidateStoredValues(ctx, domain, check.get());
      break;
    }
    case Change::kDropConstraint: {
      auto it = std::find_if(domain.checks.begin(), domain.checks.end(),
                             [&](const catalog::DomainCheck& c) {
                               return c.name == stmt.constraint_name;
                             });
      if (it == domain.checks.end()) {
        if (stmt.if_exists) {
          ctx.Notice(SqlState::kSuccessfulCompletion,
                     "constraint \"" + stmt.constraint_name + "\" of domain \"" + domain.name +
                         "\" does not exist, skipping");
          return result;
        }
        throw SqlError(SqlState::kUndefinedObject, "constraint \"" + stmt.constraint_name +
                                                       "\" of domain \"" + domain.name +
                                                       "\" does not exist");
      }
      domain.checks.erase(it);
      break;
    }
  }
  ctx.db->catalog()->PutType(ctx.txn, domain);
  return result;
}

StatementOutput CreateEnum(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TYPE";
  const std::string& name = stmt.name.back();
  const catalog::NamespaceDesc& ns = CreationSchema(ctx, stmt.name);
  catalog::Catalog* catalog = ctx.db->catalog();
  catalog::TypeDesc type;
  type.oid = catalog->AllocateOid(ctx.txn);
  type.array_oid = catalog->AllocateOid(ctx.txn);
  type.namespace_oid = ns.oid;
  type.name = name;
  type.owner = CurrentUserOid(*ctx.catalog);
  type.kind = 'e';
  for (size_t i = 0; i < stmt.labels.size(); ++i) {
    const std::string& label = stmt.labels[i];
    CheckLabel(label);
    for (size_t j = 0; j < i; ++j) {
      if (stmt.labels[j] == label) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "enum label \"" + label + "\" used more than once");
      }
    }
    type.labels.push_back(catalog::EnumLabel{catalog->AllocateOid(ctx.txn),
                                             static_cast<float>(i + 1), label});
  }
  type.last_created_label = type.labels.empty() ? type.array_oid : type.labels.back().oid;
  catalog->PutType(ctx.txn, type);
  return result;
}

// CREATE TYPE name AS (attr type, ...): a composite type with its pg_class
// row (relkind 'c') and array type (DefineCompositeType).
StatementOutput DefineComposite(CommandContext& ctx, const ast::TypeStatement& stmt);

// Like CREATE DOMAIN's, CREATE TYPE ... AS's errors carry no position.
StatementOutput CreateComposite(CommandContext& ctx, const ast::TypeStatement& stmt) {
  try {
    return DefineComposite(ctx, stmt);
  } catch (SqlError& e) {
    e.mutable_fields().position = 0;
    throw;
  }
}

StatementOutput DefineComposite(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "CREATE TYPE";
  const catalog::NamespaceDesc& ns = CreationSchema(ctx, stmt.name);
  Binder binder = ctx.MakeBinder();
  catalog::TypeDesc type;
  for (const ast::ColumnDef& attr : stmt.attributes) {
    for (const catalog::ColumnDesc& prior : type.attributes) {
      if (prior.name == attr.name) {
        throw SqlError(SqlState::kDuplicateColumn,
                       "column \"" + attr.name + "\" specified more than once");
      }
    }
    const DataType t = binder.BindTypeName(attr.type);
    const PgTypeInfo* info = FindPgType(t.oid);
    if (info != nullptr && info->category == type_category::kPseudo) {
      throw SqlError(SqlState::kInvalidTableDefinition,
                     "column \"" + attr.name + "\" has pseudo-type " + FormatTypeName(t.oid));
    }
    catalog::ColumnDesc a;
    a.name = attr.name;
    a.type = t.oid;
    a.typmod = t.typmod;
    a.attnum = static_cast<int16_t>(type.attributes.size() + 1);
    type.attributes.push_back(std::move(a));
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  type.relid = catalog->AllocateOid(ctx.txn);
  type.oid = catalog->AllocateOid(ctx.txn);
  type.array_oid = catalog->AllocateOid(ctx.txn);
  type.namespace_oid = ns.oid;
  type.name = stmt.name.back();
  type.owner = CurrentUserOid(*ctx.catalog);
  type.kind = 'c';
  catalog->PutType(ctx.txn, type);
  return result;
}

StatementOutput AddEnumValue(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER TYPE";
  catalog::TypeDesc type = LookupEnumForAlter(ctx, stmt.name);
  CheckLabel(stmt.label);
  if (FindEnumLabel(type, stmt.label) != nullptr) {
    if (stmt.if_not_exists) {
      ctx.Notice(SqlState::kDuplicateObject,
                 "enum label \"" + stmt.label + "\" already exists, skipping");
      return result;
    }
    throw SqlError(SqlState::kDuplicateObject,
                   "enum label \"" + stmt.label + "\" already exists");
  }
  catalog::Catalog* catalog = ctx.db->catalog();
  float order = 1;
  size_t insert_at = type.labels.size();
  while (true) {
    if (stmt.neighbor.empty()) {
      order = type.labels.empty() ? 1 : type.labels.back().sort_order + 1;
      break;
    }
    size_t neighbor = type.labels.size();
    for (size_t i = 0; i < type.labels.size(); ++i) {
      if (type.labels[i].label == stmt.neighbor) neighbor = i;
    }
    if (neighbor == type.labels.size()) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "\"" + stmt.neighbor + "\" is not an existing enum label");
    }
    const float here = type.labels[neighbor].sort_order;
    if (stmt.after && neighbor + 1 == type.labels.size()) {
      order = here + 1;
      insert_at = neighbor + 1;
      break;
    }
    if (!stmt.after && neighbor == 0) {
      order = here - 1;
      insert_at = 0;
      break;
    }
    const size_t other = stmt.after ? neighbor + 1 : neighbor - 1;
    const volatile float midpoint = (here + type.labels[other].sort_order) / 2;
    if (midpoint != here && midpoint != type.labels[other].sort_order) {
      order = midpoint;
      insert_at = stmt.after ? neighbor + 1 : neighbor;
      break;
    }
    // float4 has no value between the neighbours: renumber 1..n and retry.
    if (HasIndexedColumn(*ctx.catalog, type)) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "renumbering the labels of enum \"" + type.name +
                         "\", which an index uses, is not supported yet");
    }
    for (size_t i = 0; i < type.labels.size(); ++i) {
      type.labels[i].sort_order = static_cast<float>(i + 1);
    }
  }
  type.labels.insert(type.labels.begin() + static_cast<std::ptrdiff_t>(insert_at),
                     catalog::EnumLabel{catalog->AllocateOid(ctx.txn), order, stmt.label});
  catalog->PutType(ctx.txn, type);
  return result;
}

StatementOutput RenameEnumValue(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = "ALTER TYPE";
  catalog::TypeDesc type = LookupEnumForAlter(ctx, stmt.name);
  CheckLabel(stmt.label);
  catalog::EnumLabel* old_label = nullptr;
  bool new_exists = false;
  for (catalog::EnumLabel& l : type.labels) {
    if (l.label == stmt.old_label) old_label = &l;
    if (l.label == stmt.label) new_exists = true;
  }
  if (old_label == nullptr) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "\"" + stmt.old_label + "\" is not an existing enum label");
  }
  if (new_exists) {
    throw SqlError(SqlState::kDuplicateObject,
                   "enum label \"" + stmt.label + "\" already exists");
  }
  // Rows hold labels, not pg_enum OIDs: a rename would have to rewrite them.
  for (const auto& [oid, table] : ctx.catalog->tables()) {
    for (const catalog::ColumnDesc& c : table->columns) {
      if (!c.dropped && UsesType(c.type, type)) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "renaming a value of enum \"" + type.name +
                           "\" that a table column uses is not supported yet");
      }
    }
  }
  old_label->label = stmt.label;
  ctx.db->catalog()->PutType(ctx.txn, type);
  return result;
}

// DROP ... CASCADE: adds the domains over the dropped types (transitively)
// to *targets, drops the functions taking or returning any of them, and
// reports what went as PostgreSQL does ("drop cascades to ..."). Table
// columns of the types would have to be dropped too: 0A000.
void DropDependents(CommandContext& ctx, std::vector<const catalog::TypeDesc*>* targets) {
  auto in_targets = [&](catalog::Oid oid) {
    return std::any_of(targets->begin(), targets->end(), [&](auto* t) { return t->oid == oid; });
  };
  auto uses_any = [&](catalog::Oid type) {
    for (const catalog::TypeDesc* t : *targets) {
      if (UsesType(type, *t)) return true;
    }
    return false;
  };
  std::vector<std::string> dropped;
  for (size_t i = 0; i < targets->size(); ++i) {  // grows as domains are found
    for (const auto& [oid, other] : ctx.catalog->types()) {
      if (other->kind == 'd' && !in_targets(oid) && UsesType(other->base_type, *(*targets)[i])) {
        CheckOwnership(*ctx.catalog, other->owner, "type", other->name);
        targets->push_back(other.get());
        dropped.push_back("type " + other->name);
      }
    }
  }
  // Attributes of other composite types of a dropped type are dropped
  // (last first, as PostgreSQL's dependency scan meets them).
  for (const auto& [oid, other] : ctx.catalog->types()) {
    if (in_targets(oid) || other->kind != 'c') continue;
    catalog::TypeDesc changed = *other;
    bool any = false;
    for (auto a = changed.attributes.rbegin(); a != changed.attributes.rend(); ++a) {
      if (a->dropped || !uses_any(a->type)) continue;
      CheckOwnership(*ctx.catalog, other->owner, "type", other->name);
      a->dropped = true;
      any = true;
      dropped.push_back("column " + a->name + " of composite type " + other->name);
    }
    if (any) ctx.db->catalog()->PutType(ctx.txn, changed);
  }
  for (const auto& [oid, table] : ctx.catalog->tables()) {
    for (const catalog::ColumnDesc& c : table->columns) {
      if (!c.dropped && uses_any(c.type)) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "DROP ... CASCADE of a type that column " + c.name + " of table " +
                           table->name + " uses is not supported yet");
      }
    }
  }
  // Functions, casts and operators go in OID (creation) order, as
  // PostgreSQL's dependency scan meets them.
  struct Dependent {
    catalog::Oid oid;
    std::string description;
    char kind;  // 'f' function, 'c' cast, 'o' operator
  };
  std::vector<Dependent> more;
  for (const auto& [oid, fn] : ctx.catalog->functions()) {
    bool uses = uses_any(fn->result_type);
    for (const catalog::FunctionArg& a : fn->args) uses = uses || uses_any(a.type);
    if (!uses) continue;
    std::string signature = fn->name + "(";
    bool first = true;
    for (catalog::Oid t : fn->InputTypes()) {
      if (!first) signature += ",";
      first = false;
      signature += FormatTypeName(t);
    }
    more.push_back({oid, (fn->is_procedure ? "procedure " : "function ") + signature + ")", 'f'});
  }
  for (const auto& [oid, cast] : ctx.catalog->casts()) {
    if (!uses_any(cast.source) && !uses_any(cast.target)) continue;
    more.push_back({oid, "cast from " + FormatTypeName(cast.source) + " to " +
                             FormatTypeName(cast.target), 'c'});
  }
  for (const auto& [oid, op] : ctx.catalog->operators()) {
    if (!uses_any(op->left) && !uses_any(op->right) && !uses_any(op->result)) continue;
    more.push_back({oid, "operator " + op->name + "(" +
                             (op->left != 0 ? FormatTypeName(op->left) : "NONE") + "," +
                             FormatTypeName(op->right) + ")", 'o'});
  }
  std::sort(more.begin(), more.end(),
            [](const Dependent& a, const Dependent& b) { return a.oid < b.oid; });
  for (const Dependent& d : more) {
    dropped.push_back(d.description);
    if (d.kind == 'f') ctx.db->catalog()->DeleteFunction(ctx.txn, d.oid);
    if (d.kind == 'c') ctx.db->catalog()->DeleteCast(ctx.txn, d.oid);
    if (d.kind == 'o') ctx.db->catalog()->DeleteOperator(ctx.txn, d.oid);
  }
  NoticeDropCascades(ctx, dropped);
}

StatementOutput DropTypes(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = stmt.is_domain ? "DROP DOMAIN" : "DROP TYPE";
  std::vector<const catalog::TypeDesc*> targets;
  for (const std::vector<std::string>& name : stmt.names) {
    const catalog::TypeDesc* type = nullptr;
    if (name.size() == 2 && ctx.catalog->FindNamespace(name[0]) == nullptr) {
      if (!stmt.if_exists) {
        throw SqlError(SqlState::kInvalidSchemaName, "schema \"" + name[0] + "\" does not exist");
      }
    } else {
      type = LookupType(ctx, name);
    }
    if (type == nullptr) {
      if (const catalog::TableDesc* table = LookupRowTypeRelation(ctx, name)) {
        throw SqlError(SqlState::kDependentObjectsStillExist,
                       "cannot drop type " + table->name + " because table " + table->name +
                           " requires it")
            .WithHint("You can drop table " + table->name + " instead.");
      }
      const bool builtin = (name.size() == 1 || name[0] == "pg_catalog") &&
                           FindPgTypeByName(name.back()) != nullptr;
      if (builtin) {
        throw SqlError(SqlState::kDependentObjectsStillExist,
                       "cannot drop type " + FormatTypeName(FindPgTypeByName(name.back())->oid) +
                           " because it is required by the database system");
      }
      if (stmt.if_exists) {
        ctx.Notice(SqlState::kSuccessfulCompletion,
                   "type \"" + JoinQualifiedName(name) + "\" does not exist, skipping");
        continue;
      }
      throw SqlError(SqlState::kUndefinedObject, "type \"" + JoinQualifiedName(name) + "\" does not exist");
    }
    if (stmt.is_domain && type->kind != 'd') {
      throw SqlError(SqlState::kWrongObjectType, "\"" + type->name + "\" is not a domain");
    }
    CheckOwnership(*ctx.catalog, type->owner, "type", type->name);
    targets.push_back(type);
  }
  for (const catalog::TypeDesc* type : targets) {
    std::vector<std::string> dependents;
    for (std::string& d : Dependents(*ctx.catalog, *type)) {
      // Objects this statement drops too do not count.
      const bool dropped_too = std::any_of(targets.begin(), targets.end(), [&](auto* t) {
        return d.rfind("type " + t->name + " ", 0) == 0 ||
               d.find(" of composite type " + t->name + " depends ") != std::string::npos;
      });
      if (!dropped_too) dependents.push_back(std::move(d));
    }
    if (dependents.empty() || stmt.cascade) continue;
    std::string detail;
    for (const std::string& d : dependents) detail += (detail.empty() ? "" : "\n") + d;
    throw SqlError(SqlState::kDependentObjectsStillExist,
                   "cannot drop type " + type->name + " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (stmt.cascade) DropDependents(ctx, &targets);
  for (const catalog::TypeDesc* type : targets) ctx.db->catalog()->DeleteType(ctx.txn, type->oid);
  return result;
}

StatementOutput RenameType(CommandContext& ctx, const ast::TypeStatement& stmt) {
  StatementOutput result;
  result.command_tag = stmt.is_domain ? "ALTER DOMAIN" : "ALTER TYPE";
  const catalog::TypeDesc* found = LookupType(ctx, stmt.name);
  if (found == nullptr) {
    throw SqlError(SqlState::kUndefinedObject,
                   "type \"" + JoinQualifiedName(stmt.name) + "\" does not exist");
  }
  if (stmt.is_domain && found->kind != 'd') {
    throw SqlError(SqlState::kWrongObjectType, "\"" + found->name + "\" is not a domain");
  }
  CheckOwnership(*ctx.catalog, found->owner, "type", found->name);
  if (ctx.catalog->FindType(found->namespace_oid, stmt.new_name) != nullptr ||
      ctx.catalog->RelationNameTaken(found->namespace_oid, stmt.new_name)) {
    throw SqlError(SqlState::kDuplicateObject,
                   "type \"" + stmt.new_name + "\" already exists");
  }
  // Stored SQL text (defaults, views, function bodies) names types where
  // PostgreSQL keeps OIDs; columns, which hold the OID, follow the rename.
  for (const auto& [oid, view] : ctx.catalog->views()) {
    if (view->query.find(found->name) != std::string::npos) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "renaming type \"" + found->name + "\", which view \"" + view->name +
                         "\" may name, is not supported yet");
    }
  }
  catalog::TypeDesc type = *found;
  type.name = stmt.new_name;
  ctx.db->catalog()->PutType(ctx.txn, type);
  return result;
}

}  // namespace

StatementOutput ExecuteTypeStatement(CommandContext& ctx, const ast::TypeStatement& stmt) {
  switch (stmt.action) {
    case ast::TypeStatement::Action::kCreateEnum:
      return CreateEnum(ctx, stmt);
    case ast::TypeStatement::Action::kAddEnumValue:
      return AddEnumValue(ctx, stmt);
    case ast::TypeStatement::Action::kRenameEnumValue:
      return RenameEnumValue(ctx, stmt);
    case ast::TypeStatement::Action::kDrop:
      return DropTypes(ctx, stmt);
    case ast::TypeStatement::Action::kRename:
      return RenameType(ctx, stmt);
    case ast::TypeStatement::Action::kCreateDomain:
      return CreateDomain(ctx, stmt);
    case ast::TypeStatement::Action::kAlterDomain:
      return AlterDomain(ctx, stmt);
    case ast::TypeStatement::Action::kCreateComposite:
      return CreateComposite(ctx, stmt);
    case ast::TypeStatement::Action::kCreateShell:
      return CreateShellType(ctx, stmt);
    case ast::TypeStatement::Action::kCreateBase:
      return CreateBaseType(ctx, stmt);
  }
  throw SqlError(SqlState::kInternalError, "unknown type statement");
}

}  // namespace strata::sql
