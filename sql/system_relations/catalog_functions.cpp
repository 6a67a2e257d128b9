// The catalog functions clients (psql, drivers) call: format_type,
// pg_table_is_visible, pg_type_is_visible, pg_get_userbyid, pg_get_expr,
// pg_get_constraintdef, pg_get_viewdef, pg_get_ruledef, obj/col/shobj_description,
// pg_encoding_to_char, current_schemas, current_schema, current_database,
// has_*_privilege, pg_has_role, the relation size functions and pg_size_pretty, version,
// acldefault, pg_get_triggerdef, pg_is_in_recovery.
// They read the statement's catalog (statement_catalog.h).
#include <climits>
#include <cctype>
#include <cmath>
#include <strings.h>
#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/database.h"
#include "sql/expr/sql_function.h"
#include "sql/expr/text_quote.h"
#include "sql/system_relations/comments.h"
#include "sql/system_relations/index_catalog.h"
#include "sql/system_relations/object_acl.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/system_relation.h"
#include "sql/system_relations/reg_types.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/commands/foreign_keys.h"
#include "sql/commands/updatable_view.h"
#include "sql/system_relations/synthetic_oids.h"
#include "sql/system_relations/trigger_definition.h"
#include "sql/system_relations/view_definition.h"
#include "sql/types/array_value.h"
#include "sql/types/numeric.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kOid = type_oid::kOid;
constexpr Oid kText = type_oid::kText;
constexpr Oid kName = type_oid::kName;
constexpr Oid kBool = type_oid::kBool;
constexpr Oid kInt2 = type_oid::kInt2;
constexpr Oid kInt4 = type_oid::kInt4;
constexpr Oid kInt8 = type_oid::kInt8;
constexpr Oid kNumeric = type_oid::kNumeric;
constexpr Oid kChar = type_oid::kChar;
constexpr Oid kAclArray = 1034;  // aclitem[]
constexpr Oid kRegclass = type_oid::kRegclass;
constexpr Oid kNodeTree = type_oid::kPgNodeTree;
constexpr Oid kNameArray = 1003;

Oid OidArg(const Value& v) { return static_cast<Oid>(v.int_value()); }

std::shared_ptr<const catalog::CatalogSnapshot> Catalog() {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "catalog functions need a database");
  }
  return catalog;
}

// format_type(type, typmod): NULL type -> NULL; NULL typmod -> none.
Value FormatTypeFn(Args a) {
  if (a[0].is_null()) return Value::Null(kText);
  const Oid type = OidArg(a[0]);
  if (FindPgType(type) == nullptr) return Value::Text("???");
  const int32_t typmod = a[1].is_null() ? -1 : static_cast<int32_t>(a[1].int_value());
  // A given typmod of -1 on bit is the quoted name: plain bit reads as bit(1).
  if (type == 1560 && !a[1].is_null() && typmod < 0) return Value::Text("\"bit\"");
  return Value::Text(FormatType(DataType{type, typmod}));
}

Value TableIsVisible(Args a) {
  auto catalog = Catalog();
  RelationRef rel;
  if (!FindRelationByOid(*catalog, OidArg(a[0]), &rel)) return Value::Null(kBool);
  return Value::Bool(RelationIsVisible(*catalog, rel.oid));
}

// pg_relation_is_publishable: a permanent user table (is_publishable_class).
Value RelationIsPublishable(Args a) {
  auto catalog = Catalog();
  const catalog::TableDesc* t = catalog->FindTable(OidArg(a[0]));
  if (t == nullptr) return Value::Bool(false);
  return Value::Bool(t->namespace_oid != CurrentTempNamespaceOid(*catalog));
}

Value TypeIsVisible(Args a) {
  if (FindPgType(OidArg(a[0])) == nullptr) return Value::Null(kBool);
  return Value::Bool(true);  // every type we know lives in pg_catalog
}

Value GetUserById(Args a) {
  const std::string name = RoleName(OidArg(a[0]));
  if (name.empty()) {
    return Value::String(kName, "unknown (OID=" + std::to_string(OidArg(a[0])) + ")");
  }
  return Value::String(kName, name);
}

// acldefault(type "char", owner oid): the privileges an object of that
// kind has while its ACL is NULL (PostgreSQL's acldefault()): PUBLIC's
// item first when PUBLIC has any, then the owner's, each granted by the
// owner, in aclitemout()'s text form.
Value AclDefault(Args a) {
  const std::string type = a[0].string_value();
  const char kind = type.empty() ? '\0' : type[0];
  const std::optional<std::vector<catalog::AclItem>> items = sql::AclDefault(kind, OidArg(a[1]));
  if (!items) {
    throw SqlError(SqlState::kInternalError,
                   std::string("unrecognized objtype abbreviation: ") + kind);
  }
  return AclArrayValue(*Catalog(), items);
}

// adbin / conbin already hold the text (pg_catalog_core.cpp).
Value GetExpr(Args a) { return Value::Text(a[0].string_value()); }

Value GetConstraintDef(Args a) {
  auto catalog = Catalog();
  const Oid oid = OidArg(a[0]);
  if (SyntheticOidIsAttrdef(oid)) return Value::Null(kText);
  const catalog::TableDesc* unique_table = nullptr;
  if (const catalog::IndexDesc* ix = UniqueConstraintIndex(*catalog, oid, &unique_table)) {
    return Value::Text(UniqueConstraintDef(*catalog, *unique_table, *ix));
  }
  const catalog::TableDesc* t = catalog->FindTable(SyntheticOidTable(oid));
  if (t == nullptr) return Value::Null(kText);
  const int k = SyntheticOidIndex(oid);
  if (k >= kForeignKeyConstraintBase &&
      k < kForeignKeyConstraintBase + static_cast<int>(t->foreign_keys.size())) {
    return Value::Text(ForeignKeyDefinition(
        *catalog, *t, t->foreign_keys[static_cast<size_t>(k - kForeignKeyConstraintBase)]));
  }
  if (k == 0) {
    if (t->primary_key.empty()) return Value::Null(kText);
    std::string cols;
    for (int16_t attnum : t->primary_key) {
      if (!cols.empty()) cols += ", ";
      cols += QuoteIdentText(t->columns[attnum - 1].name);
    }
    return Value::Text("PRIMARY KEY (" + cols + ")");
  }
  if (k > static_cast<int>(t->checks.size())) return Value::Null(kText);
  // The pretty form drops the outer parentheses of the expression.
  const bool pretty = a.size() > 1 && a[1].bool_value();
  const catalog::CheckConstraint& check = t->checks[k - 1];
  const std::string no_inherit = std::string(check.no_inherit ? " NO INHERIT" : "") +
                                 (check.validated ? "" : " NOT VALID");
  return Value::Text("CHECK (" + CheckExpressionText(*catalog, *t, check.expr, pretty) + ")" +
                     no_inherit);
}

// pg_get_indexdef(index [, column, pretty]) of a primary key's index (the
// only indexes there are): the CREATE INDEX statement, or with column k > 0
// the k-th key column's name.
Value GetIndexDef(Args a) {
  auto catalog = Catalog();
  const Oid oid = OidArg(a[0]);
  const catalog::CatalogSnapshot::IndexRef secondary = catalog->FindIndex(oid);
  if (secondary.index != nullptr) {
    return Value::Text(SecondaryIndexDef(*catalog, *secondary.table, *secondary.index,
                                         a.size() > 1 ? a[1].int_value() : 0,
                                         a.size() > 2 && a[2].bool_value()));
  }
  const catalog::TableDesc* t = catalog->FindTable(SyntheticOidTable(oid));
  if (t == nullptr || oid != IndexOid(t->oid) || t->primary_key.empty()) {
    return Value::Null(kText);
  }
  const int64_t column = a.size() > 1 ? a[1].int_value() : 0;
  if (column > 0) {
    if (column > static_cast<int64_t>(t->primary_key.size())) return Value::Text("");
    return Value::Text(QuoteIdentText(t->columns[t->primary_key[column - 1] - 1].name));
  }
  std::string cols;
  for (int16_t attnum : t->primary_key) {
    if (!cols.empty()) cols += ", ";
    cols += QuoteIdentText(t->columns[attnum - 1].name);
  }
  // The pretty form names the table without its schema when it is visible.
  const bool pretty = a.size() > 2 && a[2].bool_value();
  const catalog::NamespaceDesc* ns = catalog->FindNamespace(t->namespace_oid);
  const std::string schema = ns != nullptr && !(pretty && RelationIsVisible(*catalog, t->oid))
                                 ? QuoteIdentText(ns->name) + "."
                                 : "";
  return Value::Text("CREATE UNIQUE INDEX " + QuoteIdentText(t->primary_key_name) + " ON " +
                     schema + QuoteIdentText(t->name) + " USING btree (" + cols + ")");
}

// pg_get_serial_sequence(table, column): the sequence owned by that column
// (serial columns, ALTER SEQUENCE ... OWNED BY), schema-qualified
// and quoted, or NULL. The table name is parsed as a possibly qualified,
// quoted name (a string of digits is a name here, not an OID as for
// regclass); the column name is taken as it is, without downcasing, as
// PostgreSQL does.
Value GetSerialSequence(Args a) {
  auto catalog = Catalog();
  const std::string table_text = a[0].string_value();
  const std::string column = a[1].string_value();
  size_t first = 0;
  while (first < table_text.size() && isspace(static_cast<unsigned char>(table_text[first]))) {
    ++first;
  }
  if (first < table_text.size() && isdigit(static_cast<unsigned char>(table_text[first]))) {
    throw SqlError(SqlState::kUndefinedTable,
                   "relation \"" + table_text.substr(first) + "\" does not exist");
  }
  const Oid rel = OidArg(InputOidValue(kRegclass, table_text));
  const catalog::TableDesc* t = catalog->FindTable(rel);
  if (t == nullptr) return Value::Null(kText);  // a view or sequence owns none
  const int16_t attnum = static_cast<int16_t>(t->FindColumn(column) + 1);
  if (attnum == 0) {
    throw SqlError(SqlState::kUndefinedColumn,
                   "column \"" + column + "\" of relation \"" + t->name + "\" does not exist");
  }
  for (const catalog::SequenceDesc* seq : catalog->SequencesOwnedBy(t->oid)) {
    if (seq->owner_attnum != attnum) continue;
    const catalog::NamespaceDesc* ns = catalog->FindNamespace(seq->namespace_oid);
    return Value::Text((ns != nullptr ? QuoteIdentText(ns->name) + "." : std::string()) +
                       QuoteIdentText(seq->name));
  }
  return Value::Null(kText);
}

// pg_get_ruledef: StrataDB has no rules (pg_rewrite is empty: CREATE RULE is
// 0A000, and views are not stored as _RETURN rules), so no OID names one and
// the answer is NULL, as PostgreSQL's for an OID that is not a rule's.
Value NoRuleDef(Args) { return Value::Null(kText); }

Value NotInRecovery(Args) { return Value::Bool(false); }

// pg_get_triggerdef(trigger [, pretty]): NULL for an OID that is not a
// trigger's.
Value GetTriggerDef(Args a) {
  auto catalog = Catalog();
  const std::optional<FoundTrigger> found = FindTriggerByOid(*catalog, OidArg(a[0]));
  if (!found.has_value()) return Value::Null(kText);
  const bool pretty = a.size() > 1 && !a[1].is_null() && a[1].bool_value();
  return Value::Text(TriggerDefinition(*catalog, found->relation, found->trigger, pretty));
}

// pg_relation_is_updatable(rel, include_triggers) and
// pg_column_is_updatable(rel, attnum, include_triggers): PostgreSQL's
// relation_is_updatable events (4 UPDATE, 8 INSERT, 16 DELETE); a table has
// all three, a view what updatable_view.h finds, anything else none.
int RelationEvents(Oid relation, bool include_triggers, int column) {
  auto catalog = Catalog();
  if (catalog->FindTable(relation) != nullptr) return 4 | 8 | 16;
  const catalog::ViewDesc* v = catalog->FindView(relation);
  if (v == nullptr) return 0;
  CommandContext ctx;
  ctx.catalog = catalog;
  return ViewUpdatableEvents(ctx, *v, include_triggers, column);
}

Value RelationIsUpdatable(Args a) {
  return Value::Int4(RelationEvents(OidArg(a[0]), a[1].bool_value(), -1));
}

Value ColumnIsUpdatable(Args a) {
  const int attnum = static_cast<int>(a[1].int_value());
  if (attnum <= 0) return Value::Bool(false);  // system columns
  return Value::Bool((RelationEvents(OidArg(a[0]), a[2].bool_value(), attnum - 1) & 20) == 20);
}

// pg_get_viewdef(view [, pretty bool | wrap int]): a wrap column implies pretty.
Value GetViewDefOid(Args a) {
  auto catalog = Catalog();
  const catalog::ViewDesc* v = catalog->FindView(OidArg(a[0]));
  if (v == nullptr) return Value::Null(kText);
  bool pretty = false;
  int wrap = 0;
  if (a.size() > 1 && !a[1].is_null()) {
    if (a[1].type() == kBool) {
      pretty = a[1].bool_value();
    } else {
      pretty = true;
      wrap = static_cast<int>(a[1].int_value());
    }
  }
  return Value::Text(ViewDefinitionText(*catalog, *v, pretty, wrap));
}

Value GetViewDefName(Args a) {
  std::vector<Value> args(a.begin(), a.end());
  args[0] = InputOidValue(kRegclass, a[0].string_value());
  return GetViewDefOid(args);
}

Value NoDescription(Args) { return Value::Null(kText); }

Value DescriptionValue(const std::string* text) {
  return text == nullptr ? Value::Null(kText) : Value::Text(*text);
}

// obj_description(oid, catalog): the comment on object `oid` of the catalog
// named (pg_class, pg_proc, ...), which is a system relation of pg_catalog;
// shobj_description(oid, catalog) the same for shared catalogs (pg_database).
Value ObjDescription(Args a) {
  const SystemRelation* rel = FindSystemRelation("pg_catalog", a[1].string_value());
  if (rel == nullptr) return Value::Null(kText);
  auto catalog = Catalog();
  return DescriptionValue(FindLiveComment(*catalog, {rel->oid, OidArg(a[0]), 0}));
}

// obj_description(oid) (deprecated): a comment on `oid` in any catalog.
Value AnyObjDescription(Args a) {
  auto catalog = Catalog();
  for (const auto& [target, text] : catalog->comments()) {
    if (target.objoid != OidArg(a[0]) || target.objsubid != 0) continue;
    if (const std::string* live = FindLiveComment(*catalog, target)) return Value::Text(*live);
  }
  return Value::Null(kText);
}

// col_description(table, column): the comment on that column.
Value ColDescription(Args a) {
  auto catalog = Catalog();
  const int64_t column = a[1].int_value();
  if (column <= 0 || column > INT32_MAX) return Value::Null(kText);
  return DescriptionValue(FindLiveComment(
      *catalog, {catalog::kPgClassOid, OidArg(a[0]), static_cast<int32_t>(column)}));
}

Value EncodingToChar(Args a) {
  switch (a[0].int_value()) {
    case 0: return Value::String(kName, "SQL_ASCII");
    case 6: return Value::String(kName, "UTF8");
    default: return Value::String(kName, "");
  }
}

Value CurrentSchemas(Args a) {
  std::vector<Value> names;
  auto catalog = CurrentStatementCatalog();
  if (catalog != nullptr) {
    const std::vector<catalog::Oid> path =
        a[0].bool_value() ? SearchPathNamespaces(*catalog) : ExplicitSearchPathNamespaces(*catalog);
    for (catalog::Oid oid : path) {
      if (const catalog::NamespaceDesc* ns = catalog->FindNamespace(oid)) {
        names.push_back(Value::String(kName, ns->name));
      }
    }
  }
  return MakeArray(kNameArray, kName, std::move(names));
}

// The schema an unqualified CREATE would use; NULL if search_path names none.
Value CurrentSchema(Args) {
  auto catalog = CurrentStatementCatalog();
  const catalog::NamespaceDesc* ns =
      catalog != nullptr ? catalog->FindNamespace(CreationNamespace(*catalog)) : nullptr;
  return ns != nullptr ? Value::String(kName, ns->name) : Value::Null(kName);
}
Value CurrentUser(Args) { return Value::String(kName, CurrentUserName()); }
Value SessionUser(Args) { return Value::String(kName, SessionUserName()); }
Value CurrentDatabaseFn(Args) { return Value::String(kName, CurrentDatabaseName()); }

// The database's encoding: always UTF8 (clients may only ask for UTF8 too).
Value DatabaseEncoding(Args) { return Value::String(kName, "UTF8"); }

Value Version(Args) {
  return Value::Text("PostgreSQL 15.0 (StrataDB) on x86_64-pc-linux-gnu, 64-bit");
}

// has_*_privilege. Tables, views and schemas answer from their ACLs
// (sql/system_relations/object_acl.h); the other objects have no GRANT yet,
// so they have the privileges initdb and CREATE give them: its owner (the bootstrap
// superuser, or pg_database_owner for schema public) holds all of them, and
// PUBLIC has SELECT on the system catalogs, USAGE on pg_catalog,
// information_schema and public, and CONNECT and TEMPORARY on the database.
// A role has a privilege if it is a superuser, has the privileges of the
// owner (has_privs_of_role) or the privilege is PUBLIC's. The object and
// privilege names are checked as PostgreSQL does. Returns the privilege
// words, lower case; one asked WITH GRANT OPTION ends in '*' ("select*").
std::vector<std::string> CheckPrivilegeNames(const std::string& text,
                                             std::initializer_list<const char*> allowed) {
  std::vector<std::string> words;
  std::string word;
  auto check = [&](std::string chunk) {
    auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!chunk.empty() && space(chunk.back())) chunk.pop_back();
    size_t start = 0;
    while (start < chunk.size() && space(chunk[start])) ++start;
    chunk = chunk.substr(start);
    std::string w = chunk;
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string grant = " with grant option";
    bool grant_option = false;
    if (w.size() > grant.size() && w.compare(w.size() - grant.size(), grant.size(), grant) == 0) {
      w.resize(w.size() - grant.size());
      grant_option = true;
    }
    for (const char* p : allowed) {
      if (w == p) {
        words.push_back(grant_option ? w + "*" : w);
        return;
      }
    }
    // The chunk as given (convert_any_priv_string).
    throw SqlError(SqlState::kInvalidParameterValue,
                   "unrecognized privilege type: \"" + chunk + "\"");
  };
  for (char c : text) {
    if (c == ',') {
      check(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  check(word);
  return words;
}

// "rule" is still recognized and never held (it has no privilege bit).
constexpr std::initializer_list<const char*> kTablePrivileges = {
    "select", "insert", "update", "delete", "truncate", "references", "trigger", "rule"};

// The ACL bits of privilege words CheckPrivilegeNames returned: those
// asked without WITH GRANT OPTION, or (grant_options) those asked with it.
uint32_t PrivilegeMask(const std::vector<std::string>& words, bool grant_options = false) {
  uint32_t mask = 0;
  for (std::string p : words) {
    const bool starred = !p.empty() && p.back() == '*';
    if (starred != grant_options) continue;
    if (starred) p.pop_back();
    if (p == "select") mask |= catalog::kAclSelect;
    if (p == "insert") mask |= catalog::kAclInsert;
    if (p == "update") mask |= catalog::kAclUpdate;
    if (p == "delete") mask |= catalog::kAclDelete;
    if (p == "truncate") mask |= catalog::kAclTruncate;
    if (p == "references") mask |= catalog::kAclReferences;
    if (p == "trigger") mask |= catalog::kAclTrigger;
    if (p == "usage") mask |= catalog::kAclUsage;
    if (p == "create") mask |= catalog::kAclCreate;
    if (p == "temporary" || p == "temp") mask |= kAclCreateTemp;
    if (p == "connect") mask |= kAclConnect;
  }
  return mask;
}

// Whether `role` holds any of `privs` through `acl` of an object owned by
// `owner` (has_*_privilege's ACLMASK_ANY): a privilege, or a grant option
// where one was asked for. The owner holds every grant option implicitly
// (aclmask), though its item does not show them.
bool AclHoldsAny(const catalog::CatalogSnapshot& catalog, const catalog::AclTarget& target,
                 const std::vector<catalog::AclItem>& acl, Oid role, Oid owner,
                 const std::vector<std::string>& privs) {
  const uint32_t options = PrivilegeMask(privs, true);
  if (options != 0 && HasPrivsOfRole(catalog, role, owner)) return true;
  return ObjectAclMask(catalog, target, acl, role, PrivilegeMask(privs)) != 0 ||
         AclGrantOptionMask(catalog, acl, role, options) != 0;
}

// The role a has_*_privilege call asks about: its first argument (a name,
// 42704 if none has it, or an OID) or, without one, the current user.
Oid RoleArg(const catalog::CatalogSnapshot& catalog, const Value* v) {
  if (v == nullptr) return CurrentUserOid(catalog);
  if (v->type() == kOid) return OidArg(*v);
  const catalog::RoleDesc* r = FindRoleByName(catalog, v->string_value());
  if (r == nullptr) {
    throw SqlError(SqlState::kUndefinedObject, "role \"" + v->string_value() + "\" does not exist");
  }
  return r->oid;
}

// Whether `role` holds one of `privs` on an object owned by `owner` whose
// PUBLIC privileges are `public_privs`.
bool Granted(const catalog::CatalogSnapshot& catalog, Oid role, Oid owner,
             const std::vector<std::string>& privs,
             std::initializer_list<const char*> public_privs) {
  if (HasPrivsOfRole(catalog, role, owner)) return true;
  for (const std::string& p : privs) {
    for (const char* q : public_privs) {
      if (p == q) return true;
    }
  }
  return false;
}

// The relation a has_table/column_privilege call names (a name: 42P01 if
// there is none), or false if an OID names none.
bool PrivilegeTableArg(const catalog::CatalogSnapshot& catalog, const Value& table,
                       RelationRef* rel) {
  Oid oid = 0;
  if (table.type() == kOid) {
    oid = OidArg(table);
  } else {
    oid = OidArg(InputOidValue(kRegclass, table.string_value()));  // 42P01 for a missing table
  }
  return FindRelationByOid(catalog, oid, rel);
}

// Whether `role_oid` holds one of `privs` on the relation itself.
bool RelationPrivilegeHeld(const catalog::CatalogSnapshot& catalog, Oid role_oid,
                           const RelationRef& rel, const std::vector<std::string>& privs) {
  // Only privileges without a bit ("rule"): not even a superuser holds them.
  if (PrivilegeMask(privs) == 0 && PrivilegeMask(privs, true) == 0) return false;
  if (rel.system != nullptr) return Granted(catalog, role_oid, kBootstrapRoleOid, privs, {"select"});
  if (rel.relkind == 'r' || rel.relkind == 'v' || rel.relkind == 'S') {
    // Tables, views and sequences: their ACL (GRANT/REVOKE), superusers
    // bypassing it.
    if (RoleIsSuperuser(catalog, role_oid)) return true;
    const uint32_t all = rel.relkind == 'S'
                             ? catalog::kAclSelect | catalog::kAclUpdate | catalog::kAclUsage
                             : catalog::kAclAllTable;
    const Oid owner = RelationOwner(catalog, rel.oid);
    const catalog::AclTarget target = RelationAclTarget(rel.oid);
    const std::vector<catalog::AclItem> acl = EffectiveAcl(catalog, target, owner, all);
    return AclHoldsAny(catalog, target, acl, role_oid, owner, privs);
  }
  return Granted(catalog, role_oid, kBootstrapRoleOid, privs, {});
}

Value TablePriv(const Value* role, const Value& table, const Value& priv) {
  auto catalog = Catalog();
  const Oid role_oid = RoleArg(*catalog, role);
  RelationRef rel;
  if (!PrivilegeTableArg(*catalog, table, &rel)) return Value::Null(kBool);
  const std::vector<std::string> privs = CheckPrivilegeNames(priv.string_value(), kTablePrivileges);
  return Value::Bool(RelationPrivilegeHeld(*catalog, role_oid, rel, privs));
}

// has_sequence_privilege([role,] sequence, privilege): the privilege words
// are checked before the sequence's kind when it is named (42809 "is not a
// sequence"); an OID that names no relation is NULL.
Value SequencePriv(const Value* role, const Value& seq, const Value& priv) {
  auto catalog = Catalog();
  const Oid role_oid = RoleArg(*catalog, role);
  const std::vector<std::string> privs =
      CheckPrivilegeNames(priv.string_value(), {"usage", "select", "update"});
  RelationRef rel;
  if (!PrivilegeTableArg(*catalog, seq, &rel)) return Value::Null(kBool);
  if (rel.relkind != 'S') {
    throw SqlError(SqlState::kWrongObjectType,
                   "\"" + (seq.type() == kOid ? rel.name : seq.string_value()) +
                       "\" is not a sequence");
  }
  return Value::Bool(RelationPrivilegeHeld(*catalog, role_oid, rel, privs));
}
Value HasSequencePrivilege2(Args a) { return SequencePriv(nullptr, a[0], a[1]); }
Value HasSequencePrivilege3(Args a) { return SequencePriv(&a[0], a[1], a[2]); }

// The live columns of a relation (name, attnum) as pg_attribute lists them.
std::vector<std::pair<std::string, int64_t>> RelationColumns(const RelationRef& rel) {
  std::vector<std::pair<std::string, int64_t>> out;
  if (rel.table != nullptr && rel.relkind == 'r') {
    for (const catalog::ColumnDesc& c : rel.table->columns) {
      if (!c.dropped) out.emplace_back(c.name, c.attnum);
    }
  } else if (rel.view != nullptr) {
    for (size_t i = 0; i < rel.view->columns.size(); ++i) {
      out.emplace_back(rel.view->columns[i].name, static_cast<int64_t>(i) + 1);
    }
  } else if (rel.sequence != nullptr) {
    out = {{"last_value", 1}, {"log_cnt", 2}, {"is_called", 3}};
  } else if (rel.system != nullptr) {
    for (size_t i = 0; i < rel.system->columns.size(); ++i) {
      out.emplace_back(std::string(rel.system->columns[i].name), static_cast<int64_t>(i) + 1);
    }
  }
  return out;
}

constexpr std::initializer_list<const char*> kColumnPrivileges = {"select", "insert", "update",
                                                                  "references"};

// Whether `role` holds one of `privs` (or, where asked, its grant option)
// through the own list of column `attnum` of a table or view
// (pg_attribute_aclcheck with ACLMASK_ANY).
bool ColumnPrivilegeHeld(const catalog::CatalogSnapshot& catalog, Oid role_oid,
                         const RelationRef& rel, int64_t attnum,
                         const std::vector<std::string>& privs) {
  if (rel.relkind != 'r' && rel.relkind != 'v') return false;
  const auto column = static_cast<int16_t>(attnum);
  return ColumnAclMask(catalog, rel.oid, column, role_oid, PrivilegeMask(privs)) != 0 ||
         ColumnGrantOptionMask(catalog, rel.oid, column, role_oid, PrivilegeMask(privs, true)) !=
             0;
}

// has_column_privilege([role,] table, column, privilege) (acl.c's
// column_privilege_check): the table's privilege, or else the column's
// own. NULL for a table OID or attnum that names nothing; a column name
// the table lacks is 42703.
Value ColumnPriv(const Value* role, const Value& table, const Value& column, const Value& priv) {
  auto catalog = Catalog();
  const Oid role_oid = RoleArg(*catalog, role);
  RelationRef rel;
  const bool found = PrivilegeTableArg(*catalog, table, &rel);
  bool column_found = false;
  int64_t column_attnum = 0;
  if (found) {
    for (const auto& [name, attnum] : RelationColumns(rel)) {
      if (column.type() == kInt2 ? attnum == column.int_value() : name == column.string_value()) {
        column_found = true;
        column_attnum = attnum;
      }
    }
    // A dropped column keeps pg_attribute's "........pg.dropped.N........"
    // name: found, but NULL, as convert_column_name treats it.
    bool dropped = false;
    if (rel.table != nullptr && rel.relkind == 'r' && column.type() != kInt2) {
      for (const catalog::ColumnDesc& c : rel.table->columns) {
        if (c.dropped && c.name == column.string_value()) dropped = true;
      }
    }
    if (!column_found && !dropped && column.type() != kInt2) {
      throw SqlError(SqlState::kUndefinedColumn, "column \"" + column.string_value() +
                                                     "\" of relation \"" + rel.name +
                                                     "\" does not exist");
    }
  }
  const std::vector<std::string> privs =
      CheckPrivilegeNames(priv.string_value(), kColumnPrivileges);
  if (!found || !column_found) return Value::Null(kBool);
  return Value::Bool(RelationPrivilegeHeld(*catalog, role_oid, rel, privs) ||
                     ColumnPrivilegeHeld(*catalog, role_oid, rel, column_attnum, privs));
}
Value HasColumnPrivilege3(Args a) { return ColumnPriv(nullptr, a[0], a[1], a[2]); }
Value HasColumnPrivilege4(Args a) { return ColumnPriv(&a[0], a[1], a[2], a[3]); }

// has_any_column_privilege([role,] table, privilege): the table's
// privilege, or else any column's own (pg_attribute_aclcheck_all).
Value AnyColumnPriv(const Value* role, const Value& table, const Value& priv) {
  auto catalog = Catalog();
  const Oid role_oid = RoleArg(*catalog, role);
  RelationRef rel;
  if (!PrivilegeTableArg(*catalog, table, &rel)) return Value::Null(kBool);
  const std::vector<std::string> privs =
      CheckPrivilegeNames(priv.string_value(), kColumnPrivileges);
  if (RelationPrivilegeHeld(*catalog, role_oid, rel, privs)) return Value::Bool(true);
  for (const auto& [name, attnum] : RelationColumns(rel)) {
    if (ColumnPrivilegeHeld(*catalog, role_oid, rel, attnum, privs)) return Value::Bool(true);
  }
  return Value::Bool(false);
}
Value HasAnyColumnPrivilege2(Args a) { return AnyColumnPriv(nullptr, a[0], a[1]); }
Value HasAnyColumnPrivilege3(Args a) { return AnyColumnPriv(&a[0], a[1], a[2]); }

Value HasTablePrivilege2(Args a) { return TablePriv(nullptr, a[0], a[1]); }
Value HasTablePrivilege2Oid(Args a) { return TablePriv(nullptr, a[0], a[1]); }
Value HasTablePrivilege3(Args a) { return TablePriv(&a[0], a[1], a[2]); }
Value HasTablePrivilege3Oid(Args a) { return TablePriv(&a[0], a[1], a[2]); }

Value SchemaPriv(const Value* role, const Value& schema, const Value& priv) {
  auto catalog = Catalog();
  const Oid role_oid = RoleArg(*catalog, role);
  const catalog::NamespaceDesc* ns = nullptr;
  if (schema.type() == kOid) {
    ns = catalog->FindNamespace(OidArg(schema));
    if (ns == nullptr) return Value::Null(kBool);
  } else {
    ns = catalog->FindNamespace(schema.string_value());
    if (ns == nullptr) {
      throw SqlError(SqlState::kUndefinedSchema,
                     "schema \"" + schema.string_value() + "\" does not exist");
    }
  }
  const std::vector<std::string> privs =
      CheckPrivilegeNames(priv.string_value(), {"create", "usage"});
  if (RoleIsSuperuser(*catalog, role_oid)) return Value::Bool(true);
  const Oid owner = SchemaOwner(*catalog, ns->oid);
  const catalog::AclTarget target = SchemaAclTarget(ns->oid);
  const std::vector<catalog::AclItem> acl =
      EffectiveAcl(*catalog, target, owner, catalog::kAclAllSchema);
  return Value::Bool(AclHoldsAny(*catalog, target, acl, role_oid, owner, privs));
}
Value HasSchemaPrivilege2(Args a) { return SchemaPriv(nullptr, a[0], a[1]); }
Value HasSchemaPrivilege3(Args a) { return SchemaPriv(&a[0], a[1], a[2]); }

Value DatabasePriv(const Value* role, const Value& db, const Value& priv) {
  auto catalog = Catalog();
  const Oid role_oid = RoleArg(*catalog, role);
  Oid db_oid = 0;
  if (db.type() == kOid) {
    db_oid = OidArg(db);
    if (catalog->FindDatabase(db_oid) == nullptr) return Value::Null(kBool);
  } else {
    const std::optional<Oid> found = FindDatabaseOid(*catalog, db.string_value());
    if (!found) {
      throw SqlError(SqlState::kUndefinedDatabase,
                     "database \"" + db.string_value() + "\" does not exist");
    }
    db_oid = *found;
  }
  const std::vector<std::string> privs =
      CheckPrivilegeNames(priv.string_value(), {"create", "connect", "temporary", "temp"});
  if (RoleIsSuperuser(*catalog, role_oid)) return Value::Bool(true);
  const catalog::AclTarget target = DatabaseAclTarget(db_oid);
  const std::vector<catalog::AclItem> acl =
      EffectiveAcl(*catalog, target, DatabaseOwner(*catalog, db_oid), kAclAllDatabase);
  return Value::Bool(
      AclHoldsAny(*catalog, target, acl, role_oid, DatabaseOwner(*catalog, db_oid), privs));
}
Value HasDatabasePrivilege2(Args a) { return DatabasePriv(nullptr, a[0], a[1]); }
Value HasDatabasePrivilege3(Args a) { return DatabasePriv(&a[0], a[1], a[2]); }

// pg_has_role([user,] role, privilege): MEMBER is membership ignoring
// INHERIT, USAGE the privileges of the role, and WITH ADMIN OPTION (or
// WITH GRANT OPTION) the right to grant it (acl.c's pg_has_role_*).
Value HasRole(const Value* user, const Value& role, const Value& priv) {
  auto catalog = Catalog();
  const Oid user_oid = RoleArg(*catalog, user);
  const Oid role_oid = RoleArg(*catalog, &role);
  bool any = false;
  std::string word;
  std::string text = priv.string_value() + ",";
  for (char c : text) {
    if (c != ',') {
      word.push_back(c);
      continue;
    }
    size_t start = word.find_first_not_of(' ');
    std::string w = start == std::string::npos ? "" : word.substr(start);
    while (!w.empty() && w.back() == ' ') w.pop_back();
    word.clear();
    for (char& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (w == "usage") {
      any = any || HasPrivsOfRole(*catalog, user_oid, role_oid);
    } else if (w == "member") {
      any = any || IsMemberOfRole(*catalog, user_oid, role_oid);
    } else if (w == "usage with grant option" || w == "usage with admin option" ||
               w == "member with grant option" || w == "member with admin option") {
      any = any || IsAdminOfRole(*catalog, user_oid, role_oid);
    } else {
      throw SqlError(SqlState::kInvalidParameterValue, "unrecognized privilege type: \"" + w + "\"");
    }
  }
  return Value::Bool(any);
}
Value HasRole2(Args a) { return HasRole(nullptr, a[0], a[1]); }
Value HasRole3(Args a) { return HasRole(&a[0], a[1], a[2]); }

// Bytes of a tree's SSTables on disk (the memtable is not a file yet).
int64_t TreeBytes(storage::TreeId tree) {
  Database* db = CurrentDatabase();
  if (db == nullptr) return 0;
  const storage::EngineStats stats = db->engine()->GetStats();
  for (const storage::TreeStats& t : stats.trees) {
    if (t.id != tree) continue;
    uint64_t bytes = 0;
    for (const storage::LevelStats& l : t.levels) bytes += l.bytes;
    return static_cast<int64_t>(bytes);
  }
  return 0;
}

// NULL for an OID that names no relation, as PostgreSQL.
Value RelationSize(Args a) {
  auto catalog = Catalog();
  RelationRef rel;
  if (!FindRelationByOid(*catalog, OidArg(a[0]), &rel)) return Value::Null(kInt8);
  if (rel.relkind == 'i' && rel.index != nullptr) return Value::Int8(TreeBytes(rel.index->tree));
  return Value::Int8(rel.table != nullptr ? TreeBytes(rel.table->tree) : 0);
}
Value RelationForkSize(Args a) {
  const std::string fork = a[1].string_value();
  if (fork != "main" && fork != "fsm" && fork != "vm" && fork != "init") {
    throw SqlError(SqlState::kInvalidParameterValue, "invalid fork name")
        .WithHint("Valid fork names are \"main\", \"fsm\", \"vm\", and \"init\".");
  }
  if (fork != "main") {
    auto catalog = Catalog();
    RelationRef rel;
    if (!FindRelationByOid(*catalog, OidArg(a[0]), &rel)) return Value::Null(kInt8);
    return Value::Int8(0);
  }
  return RelationSize(a.subspan(0, 1));
}
Value IndexesSize(Args a) {
  auto catalog = Catalog();
  RelationRef rel;
  if (!FindRelationByOid(*catalog, OidArg(a[0]), &rel)) return Value::Null(kInt8);
  // Primary keys live in the table's tree; secondary indexes in their own.
  int64_t bytes = 0;
  if (rel.relkind == 'r' && rel.table != nullptr) {
    for (const catalog::IndexDesc& ix : rel.table->indexes) bytes += TreeBytes(ix.tree);
  }
  return Value::Int8(bytes);
}

// pg_database_size(name | oid): the bytes of every table and index tree of
// that database (its catalog is records in the shared tree: not counted).
// 3D000 for an unknown name, NULL for an unknown OID; CONNECT required, as
// PostgreSQL's calculate_database_size.
Value DatabaseSize(Args a) {
  auto catalog = Catalog();
  const catalog::DatabaseDesc* desc = a[0].type() == kOid
                                          ? catalog->FindDatabase(OidArg(a[0]))
                                          : catalog->FindDatabase(a[0].string_value());
  if (desc == nullptr) {
    if (a[0].type() == kOid) return Value::Null(kInt8);
    throw SqlError(SqlState::kUndefinedDatabase,
                   "database \"" + a[0].string_value() + "\" does not exist");
  }
  if (!RoleHasDatabasePrivileges(*catalog, CurrentUserOid(*catalog), desc->oid, kAclConnect)) {
    throw SqlError(SqlState::kInsufficientPrivilege,
                   "permission denied for database " + desc->name);
  }
  Database* db = CurrentDatabase();
  Database* target = db != nullptr ? db->Find(desc->oid) : nullptr;
  if (target == nullptr) return Value::Int8(0);  // template0: nothing stored
  int64_t bytes = 0;
  const std::shared_ptr<const catalog::CatalogSnapshot> tables = target->catalog()->Current();
  for (const auto& [oid, t] : tables->tables()) {
    bytes += TreeBytes(t->tree);
    for (const catalog::IndexDesc& ix : t->indexes) bytes += TreeBytes(ix.tree);
  }
  return Value::Int8(bytes);
}

// pg_size_pretty: bytes, kB, MB, GB, TB, rounding half away from zero at
// each step once the value reaches 10 * 1024 of the unit.
std::string SizePretty(int64_t size) {
  static const char* kUnits[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
  const int64_t limit = 10 * 1024;
  const int64_t limit2 = limit * 2 - 1;
  int64_t v = size;
  if (v > -limit && v < limit) return std::to_string(v) + " bytes";  // (no llabs: INT64_MIN)
  // The first step shifts by 9 (keeping one bit for rounding), later by 10.
  v >>= 9;
  for (int unit = 1;; ++unit) {
    if (std::llabs(v) < limit2 || unit == 5) {
      const int64_t rounded = v < 0 ? -((-v + 1) / 2) : (v + 1) / 2;
      return std::to_string(rounded) + " " + kUnits[unit];
    }
    v >>= 10;
  }
}
Value SizePrettyInt8(Args a) { return Value::Text(SizePretty(a[0].int_value())); }

// pg_size_bytes: a number (numeric's syntax, as dbsize.c delimits it) and an
// optional unit of pg_size_pretty's, case-insensitive, as bytes (rounded).
Value SizeBytes(Args a) {
  const std::string str = a[0].string_value();
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  size_t p = 0;
  while (p < str.size() && space(str[p])) ++p;
  const size_t number_begin = p;
  size_t e = p;
  if (e < str.size() && (str[e] == '-' || str[e] == '+')) ++e;
  bool have_digits = false;
  while (e < str.size() && digit(str[e])) {
    ++e;
    have_digits = true;
  }
  if (e < str.size() && str[e] == '.') {
    ++e;
    while (e < str.size() && digit(str[e])) {
      ++e;
      have_digits = true;
    }
  }
  if (!have_digits) {
    throw SqlError(SqlState::kInvalidParameterValue, "invalid size: \"" + str + "\"");
  }
  if (e < str.size() && (str[e] == 'e' || str[e] == 'E')) {
    // An exponent only if digits follow (strtol's syntax); else part of a unit.
    size_t x = e + 1;
    while (x < str.size() && space(str[x])) ++x;
    if (x < str.size() && (str[x] == '-' || str[x] == '+')) ++x;
    if (x < str.size() && digit(str[x])) {
      while (x < str.size() && digit(str[x])) ++x;
      e = x;
    }
  }
  Numeric num = Numeric::Parse(str.substr(number_begin, e - number_begin));
  p = e;
  while (p < str.size() && space(str[p])) ++p;
  size_t end = str.size();
  while (end > p && space(str[end - 1])) --end;
  if (p < end) {
    const std::string unit = str.substr(p, end - p);
    static const char* kUnits[] = {"bytes", "kB", "MB", "GB", "TB", "PB"};
    int bits = -1;
    for (int i = 0; i < 6; ++i) {
      if (strcasecmp(unit.c_str(), kUnits[i]) == 0) bits = i * 10;
    }
    if (bits < 0) {
      throw SqlError(SqlState::kInvalidParameterValue, "invalid size: \"" + str + "\"")
          .WithDetail("Invalid size unit: \"" + unit + "\".")
          .WithHint("Valid units are \"bytes\", \"kB\", \"MB\", \"GB\", \"TB\", and \"PB\".");
    }
    if (bits > 0) num = num.Mul(Numeric::FromInt64(int64_t{1} << bits));
  }
  const std::optional<int64_t> bytes = num.is_finite() ? num.ToInt64() : std::nullopt;
  if (!bytes) throw SqlError(SqlState::kNumericValueOutOfRange, "bigint out of range");
  return Value::Int8(*bytes);
}

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

const SqlFunction kFunctions[] = {
    {"format_type", ARGS(kOid, kInt4), 2, kText, {"format_type", FormatTypeFn, false}},
    {"pg_table_is_visible", ARGS(kOid), 1, kBool, {"pg_table_is_visible", TableIsVisible}},
    {"pg_relation_is_updatable", ARGS(kRegclass, kBool), 2, kInt4,
     {"pg_relation_is_updatable", RelationIsUpdatable}},
    {"pg_column_is_updatable", ARGS(kRegclass, kInt2, kBool), 3, kBool,
     {"pg_column_is_updatable", ColumnIsUpdatable}},
    {"pg_type_is_visible", ARGS(kOid), 1, kBool, {"pg_type_is_visible", TypeIsVisible}},
    {"pg_get_userbyid", ARGS(kOid), 1, kName, {"pg_get_userbyid", GetUserById}},
    {"acldefault", ARGS(kChar, kOid), 2, kAclArray, {"acldefault_sql", AclDefault}},
    {"pg_get_expr", ARGS(kNodeTree, kOid), 2, kText, {"pg_get_expr", GetExpr}},
    {"pg_get_expr", ARGS(kNodeTree, kOid, kBool), 3, kText, {"pg_get_expr_ext", GetExpr}},
    {"pg_get_constraintdef", ARGS(kOid), 1, kText,
     {"pg_get_constraintdef", GetConstraintDef}},
    {"pg_get_constraintdef", ARGS(kOid, kBool), 2, kText,
     {"pg_get_constraintdef_ext", GetConstraintDef}},
    {"pg_get_indexdef", ARGS(kOid), 1, kText, {"pg_get_indexdef", GetIndexDef}},
    // No extended statistics objects exist: every OID names none.
    {"pg_get_statisticsobjdef_columns", ARGS(kOid), 1, kText,
     {"pg_get_statisticsobjdef_columns", NoDescription}},
    {"pg_relation_is_publishable", ARGS(kOid), 1, kBool,
     {"pg_relation_is_publishable", RelationIsPublishable}},
    {"pg_get_indexdef", ARGS(kOid, kInt4, kBool), 3, kText,
     {"pg_get_indexdef_ext", GetIndexDef}},
    {"pg_get_serial_sequence", ARGS(kText, kText), 2, kText,
     {"pg_get_serial_sequence", GetSerialSequence}},
    // No triggers exist (pg_trigger is empty): every OID names none.
    {"pg_get_triggerdef", ARGS(kOid), 1, kText, {"pg_get_triggerdef", GetTriggerDef}},
    {"pg_get_triggerdef", ARGS(kOid, kBool), 2, kText, {"pg_get_triggerdef_ext", GetTriggerDef}},
    // A StrataDB server is never a standby.
    {"pg_is_in_recovery", ARGS(), 0, kBool, {"pg_is_in_recovery", NotInRecovery}},
    {"pg_get_ruledef", ARGS(kOid), 1, kText, {"pg_get_ruledef", NoRuleDef}},
    {"pg_get_ruledef", ARGS(kOid, kBool), 2, kText, {"pg_get_ruledef_ext", NoRuleDef}},
    {"pg_get_viewdef", ARGS(kOid), 1, kText, {"pg_get_viewdef", GetViewDefOid}},
    {"pg_get_viewdef", ARGS(kOid, kBool), 2, kText, {"pg_get_viewdef_ext", GetViewDefOid}},
    {"pg_get_viewdef", ARGS(kOid, kInt4), 2, kText, {"pg_get_viewdef_wrap", GetViewDefOid}},
    {"pg_get_viewdef", ARGS(kText), 1, kText, {"pg_get_viewdef_name", GetViewDefName}},
    {"pg_get_viewdef", ARGS(kText, kBool), 2, kText,
     {"pg_get_viewdef_name_ext", GetViewDefName}},
    {"obj_description", ARGS(kOid, kName), 2, kText, {"obj_description", ObjDescription}},
    {"obj_description", ARGS(kOid), 1, kText, {"obj_description", AnyObjDescription}},
    {"col_description", ARGS(kOid, kInt4), 2, kText, {"col_description", ColDescription}},
    {"shobj_description", ARGS(kOid, kName), 2, kText, {"shobj_description", ObjDescription}},
    {"pg_encoding_to_char", ARGS(kInt4), 1, kName, {"PG_encoding_to_char", EncodingToChar}},
    {"getdatabaseencoding", ARGS(), 0, kName, {"getdatabaseencoding", DatabaseEncoding}},
    // client_encoding only accepts UTF8, so the client's is the database's.
    {"pg_client_encoding", ARGS(), 0, kName, {"pg_client_encoding", DatabaseEncoding}},
    {"current_schemas", ARGS(kBool), 1, kNameArray, {"current_schemas", CurrentSchemas}},
    {"current_schema", ARGS(), 0, kName, {"current_schema", CurrentSchema}},
    // The SQL-syntax forms (CURRENT_SCHEMA, CURRENT_USER, ...; see
    // parser/transform_sql_value_function.cpp): the one role.
    {"current_schema", ARGS(), 0, kName, {"current_schema", CurrentSchema}, true},
    {"current_catalog", ARGS(), 0, kName, {"current_database", CurrentDatabaseFn}, true},
    {"current_user", ARGS(), 0, kName, {"current_user", CurrentUser}, true},
    {"current_role", ARGS(), 0, kName, {"current_user", CurrentUser}, true},
    {"user", ARGS(), 0, kName, {"current_user", CurrentUser}, true},
    {"session_user", ARGS(), 0, kName, {"session_user", SessionUser}, true},
    {"current_database", ARGS(), 0, kName, {"current_database", CurrentDatabaseFn}},
    {"version", ARGS(), 0, kText, {"pgsql_version", Version}},
    {"has_table_privilege", ARGS(kText, kText), 2, kBool,
     {"has_table_privilege_name", HasTablePrivilege2}},
    {"has_table_privilege", ARGS(kOid, kText), 2, kBool,
     {"has_table_privilege_id", HasTablePrivilege2Oid}},
    {"has_table_privilege", ARGS(kName, kText, kText), 3, kBool,
     {"has_table_privilege_name_name", HasTablePrivilege3}},
    {"has_table_privilege", ARGS(kName, kOid, kText), 3, kBool,
     {"has_table_privilege_name_id", HasTablePrivilege3Oid}},
    {"has_table_privilege", ARGS(kOid, kText, kText), 3, kBool,
     {"has_table_privilege_id_name", HasTablePrivilege3}},
    {"has_table_privilege", ARGS(kOid, kOid, kText), 3, kBool,
     {"has_table_privilege_id_id", HasTablePrivilege3Oid}},
    {"has_column_privilege", ARGS(kText, kText, kText), 3, kBool,
     {"has_column_privilege_name_name", HasColumnPrivilege3}},
    {"has_column_privilege", ARGS(kText, kInt2, kText), 3, kBool,
     {"has_column_privilege_name_attnum", HasColumnPrivilege3}},
    {"has_column_privilege", ARGS(kOid, kText, kText), 3, kBool,
     {"has_column_privilege_id_name", HasColumnPrivilege3}},
    {"has_column_privilege", ARGS(kOid, kInt2, kText), 3, kBool,
     {"has_column_privilege_id_attnum", HasColumnPrivilege3}},
    {"has_column_privilege", ARGS(kName, kText, kText, kText), 4, kBool,
     {"has_column_privilege_name_name_name", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kName, kText, kInt2, kText), 4, kBool,
     {"has_column_privilege_name_name_attnum", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kName, kOid, kText, kText), 4, kBool,
     {"has_column_privilege_name_id_name", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kName, kOid, kInt2, kText), 4, kBool,
     {"has_column_privilege_name_id_attnum", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kOid, kText, kText, kText), 4, kBool,
     {"has_column_privilege_id_name_name", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kOid, kText, kInt2, kText), 4, kBool,
     {"has_column_privilege_id_name_attnum", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kOid, kOid, kText, kText), 4, kBool,
     {"has_column_privilege_id_id_name", HasColumnPrivilege4}},
    {"has_column_privilege", ARGS(kOid, kOid, kInt2, kText), 4, kBool,
     {"has_column_privilege_id_id_attnum", HasColumnPrivilege4}},
    {"has_any_column_privilege", ARGS(kText, kText), 2, kBool,
     {"has_any_column_privilege_name", HasAnyColumnPrivilege2}},
    {"has_any_column_privilege", ARGS(kOid, kText), 2, kBool,
     {"has_any_column_privilege_id", HasAnyColumnPrivilege2}},
    {"has_any_column_privilege", ARGS(kName, kText, kText), 3, kBool,
     {"has_any_column_privilege_name_name", HasAnyColumnPrivilege3}},
    {"has_any_column_privilege", ARGS(kName, kOid, kText), 3, kBool,
     {"has_any_column_privilege_name_id", HasAnyColumnPrivilege3}},
    {"has_any_column_privilege", ARGS(kOid, kText, kText), 3, kBool,
     {"has_any_column_privilege_id_name", HasAnyColumnPrivilege3}},
    {"has_any_column_privilege", ARGS(kOid, kOid, kText), 3, kBool,
     {"has_any_column_privilege_id_id", HasAnyColumnPrivilege3}},
    {"has_sequence_privilege", ARGS(kText, kText), 2, kBool,
     {"has_sequence_privilege_name", HasSequencePrivilege2}},
    {"has_sequence_privilege", ARGS(kOid, kText), 2, kBool,
     {"has_sequence_privilege_id", HasSequencePrivilege2}},
    {"has_sequence_privilege", ARGS(kName, kText, kText), 3, kBool,
     {"has_sequence_privilege_name_name", HasSequencePrivilege3}},
    {"has_sequence_privilege", ARGS(kName, kOid, kText), 3, kBool,
     {"has_sequence_privilege_name_id", HasSequencePrivilege3}},
    {"has_sequence_privilege", ARGS(kOid, kText, kText), 3, kBool,
     {"has_sequence_privilege_id_name", HasSequencePrivilege3}},
    {"has_sequence_privilege", ARGS(kOid, kOid, kText), 3, kBool,
     {"has_sequence_privilege_id_id", HasSequencePrivilege3}},
    {"has_schema_privilege", ARGS(kText, kText), 2, kBool,
     {"has_schema_privilege_name", HasSchemaPrivilege2}},
    {"has_schema_privilege", ARGS(kOid, kText), 2, kBool,
     {"has_schema_privilege_id", HasSchemaPrivilege2}},
    {"has_schema_privilege", ARGS(kName, kText, kText), 3, kBool,
     {"has_schema_privilege_name_name", HasSchemaPrivilege3}},
    {"has_schema_privilege", ARGS(kName, kOid, kText), 3, kBool,
     {"has_schema_privilege_name_id", HasSchemaPrivilege3}},
    {"has_schema_privilege", ARGS(kOid, kText, kText), 3, kBool,
     {"has_schema_privilege_id_name", HasSchemaPrivilege3}},
    {"has_schema_privilege", ARGS(kOid, kOid, kText), 3, kBool,
     {"has_schema_privilege_id_id", HasSchemaPrivilege3}},
    {"has_database_privilege", ARGS(kText, kText), 2, kBool,
     {"has_database_privilege_name", HasDatabasePrivilege2}},
    {"has_database_privilege", ARGS(kOid, kText), 2, kBool,
     {"has_database_privilege_id", HasDatabasePrivilege2}},
    {"has_database_privilege", ARGS(kName, kText, kText), 3, kBool,
     {"has_database_privilege_name_name", HasDatabasePrivilege3}},
    {"has_database_privilege", ARGS(kName, kOid, kText), 3, kBool,
     {"has_database_privilege_name_id", HasDatabasePrivilege3}},
    {"has_database_privilege", ARGS(kOid, kText, kText), 3, kBool,
     {"has_database_privilege_id_name", HasDatabasePrivilege3}},
    {"has_database_privilege", ARGS(kOid, kOid, kText), 3, kBool,
     {"has_database_privilege_id_id", HasDatabasePrivilege3}},
    {"pg_has_role", ARGS(kName, kText), 2, kBool, {"pg_has_role_name", HasRole2}},
    {"pg_has_role", ARGS(kOid, kText), 2, kBool, {"pg_has_role_id", HasRole2}},
    {"pg_has_role", ARGS(kName, kName, kText), 3, kBool, {"pg_has_role_name_name", HasRole3}},
    {"pg_has_role", ARGS(kName, kOid, kText), 3, kBool, {"pg_has_role_name_id", HasRole3}},
    {"pg_has_role", ARGS(kOid, kName, kText), 3, kBool, {"pg_has_role_id_name", HasRole3}},
    {"pg_has_role", ARGS(kOid, kOid, kText), 3, kBool, {"pg_has_role_id_id", HasRole3}},
    {"pg_relation_size", ARGS(kRegclass), 1, kInt8, {"pg_relation_size", RelationSize}},
    {"pg_relation_size", ARGS(kRegclass, kText), 2, kInt8,
     {"pg_relation_size_fork", RelationForkSize}},
    {"pg_table_size", ARGS(kRegclass), 1, kInt8, {"pg_table_size", RelationSize}},
    {"pg_total_relation_size", ARGS(kRegclass), 1, kInt8,
     {"pg_total_relation_size", RelationSize}},
    {"pg_indexes_size", ARGS(kRegclass), 1, kInt8, {"pg_indexes_size", IndexesSize}},
    {"pg_database_size", ARGS(kName), 1, kInt8, {"pg_database_size_name", DatabaseSize}},
    {"pg_database_size", ARGS(kOid), 1, kInt8, {"pg_database_size_oid", DatabaseSize}},
    {"strata_index_check", ARGS(kRegclass), 1, kBool,
     {"strata_index_check", StrataIndexCheck}},
    {"pg_size_pretty", ARGS(kInt8), 1, kText, {"pg_size_pretty", SizePrettyInt8}},
    {"pg_size_bytes", ARGS(kText), 1, kInt8, {"pg_size_bytes", SizeBytes}},
};

#undef ARGS

}  // namespace

std::span<const SqlFunction> CatalogSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
