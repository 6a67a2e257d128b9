// User-defined types as seen through the running statement's catalog (see
// user_types.h).
#include "sql/types/user_types.h"

#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/types/composite_type.h"

namespace strata::sql {

namespace {

// A pg_type row with the strings it points into.
struct InternedType {
  std::string typname;
  std::string display_name;
  PgTypeInfo info;
};

// Interned rows by (oid, name, array oid): a renamed type gets a new row; the
// old one stays valid for pointers already handed out.
std::mutex g_interned_mu;
std::map<std::tuple<Oid, std::string, Oid>, std::unique_ptr<InternedType>>& Interned() {
  static auto* map = new std::map<std::tuple<Oid, std::string, Oid>, std::unique_ptr<InternedType>>;
  return *map;
}

const PgTypeInfo* Intern(Oid oid, const std::string& typname, const std::string& display,
                         char category, int16_t typlen, Oid typelem, Oid typarray) {
  std::lock_guard<std::mutex> lock(g_interned_mu);
  auto& slot = Interned()[{oid, typname, typarray != 0 ? typarray : typelem}];
  if (slot == nullptr) {
    slot = std::make_unique<InternedType>();
    slot->typname = typname;
    slot->display_name = display;
    slot->info = PgTypeInfo{oid, slot->typname, slot->display_name, category, false, typlen,
                            typelem, typarray};
  }
  return &slot->info;
}

// The name of table or view `relation` in the statement's catalog.
std::string RelationName(Oid relation) {
  auto catalog = CurrentStatementCatalog();
  if (const catalog::TableDesc* t = catalog->FindTable(relation)) return t->name;
  if (const catalog::ViewDesc* v = catalog->FindView(relation)) return v->name;
  return std::string();
}

}  // namespace

std::shared_ptr<const catalog::TypeDesc> FindUserType(Oid oid) {
  if (oid < catalog::kFirstNormalObjectId) return nullptr;
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) return nullptr;
  auto it = catalog->types().find(oid);
  return it == catalog->types().end() ? nullptr : it->second;
}

std::shared_ptr<const catalog::TypeDesc> FindUserTypeOfArray(Oid array_oid) {
  if (array_oid < catalog::kFirstNormalObjectId) return nullptr;
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) return nullptr;
  for (const auto& [oid, t] : catalog->types()) {
    if (t->array_oid == array_oid) return t;
  }
  return nullptr;
}

bool IsEnumType(Oid oid) {
  auto t = FindUserType(oid);
  return t != nullptr && t->kind == 'e';
}

bool IsDomainType(Oid oid) {
  auto t = FindUserType(oid);
  return t != nullptr && t->kind == 'd';
}

bool IsShellType(Oid oid) {
  auto t = FindUserType(oid);
  return t != nullptr && t->kind == 'p';
}

bool IsUserBaseType(Oid oid) {
  auto t = FindUserType(oid);
  return t != nullptr && t->kind == 'b';
}

Oid UserRuntimeType(Oid oid) {
  for (int depth = 0; depth < 100; ++depth) {  // domains over domains, at most that deep
    auto t = FindUserType(oid);
    if (t == nullptr) return oid;
    if (t->kind == 'd') {
      oid = t->base_type;
    } else if (t->kind == 'b') {
      return t->storage_type;
    } else {
      return oid;
    }
  }
  return oid;
}

std::optional<catalog::CastDesc> FindUserCast(Oid source, Oid target) {
  // CREATE CAST needs a user-defined type on one side (cast_commands.cpp).
  if (source < catalog::kFirstNormalObjectId && target < catalog::kFirstNormalObjectId) {
    return std::nullopt;
  }
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr || catalog->casts().empty()) return std::nullopt;
  const catalog::CastDesc* cast = catalog->FindCast(source, target);
  if (cast == nullptr) return std::nullopt;
  return *cast;
}

DataType DomainBaseType(Oid oid) {
  auto t = FindUserType(oid);
  if (t == nullptr || t->kind != 'd') return DataType{oid, -1};
  DataType base{t->base_type, t->base_typmod};
  for (int depth = 0; depth < 100; ++depth) {  // CREATE DOMAIN cannot make a cycle
    auto parent = FindUserType(base.oid);
    if (parent == nullptr || parent->kind != 'd') break;
    base = DataType{parent->base_type, base.typmod >= 0 ? base.typmod : parent->base_typmod};
  }
  return base;
}

const PgTypeInfo* FindUserPgType(Oid oid) {
  if (oid < catalog::kFirstNormalObjectId) return nullptr;
  if (auto t = FindUserType(oid)) {
    if (t->kind == 'd') {
      const PgTypeInfo* base = FindPgType(DomainBaseType(t->oid).oid);
      if (base == nullptr) return nullptr;
      return Intern(t->oid, t->name, t->name, base->category, base->typlen, 0, t->array_oid);
    }
    if (t->kind == 'c') return Intern(t->oid, t->name, t->name, 'C', -1, 0, t->array_oid);
    if (t->kind == 'p') return Intern(t->oid, t->name, t->name, 'P', 4, 0, 0);
    if (t->kind == 'b') {
      return Intern(t->oid, t->name, t->name, t->category, t->internal_length, 0, t->array_oid);
    }
    return Intern(t->oid, t->name, t->name, 'E', 4, 0, t->array_oid);
  }
  if (auto t = FindUserTypeOfArray(oid)) {
    return Intern(t->array_oid, "_" + t->name, t->name + "[]", 'A', -1, t->oid, 0);
  }
  // The row type of a table or view (composite_type.h), and its array type.
  if (const Oid relation = RowTypeRelation(oid); relation != 0) {
    const std::string name = RelationName(relation);
    return Intern(oid, name, name, 'C', -1, 0, RelationRowArrayOid(relation));
  }
  if (const Oid relation = RowArrayRelation(oid); relation != 0) {
    const std::string name = RelationName(relation);
    return Intern(oid, "_" + name, name + "[]", 'A', -1, RelationRowTypeOid(relation), 0);
  }
  return nullptr;
}

const catalog::EnumLabel* FindEnumLabel(const catalog::TypeDesc& type, std::string_view label) {
  for (const catalog::EnumLabel& l : type.labels) {
    if (l.label == label) return &l;
  }
  return nullptr;
}

namespace {

std::shared_ptr<const catalog::TypeDesc> RequireEnum(Oid type) {
  auto t = FindUserType(type);
  if (t == nullptr || t->kind != 'e') {
    throw SqlError(SqlState::kInternalError,
                   "enum type " + std::to_string(type) + " is not in the catalog");
  }
  return t;
}

}  // namespace

void CheckEnumLabel(Oid type, std::string_view label) {
  auto t = RequireEnum(type);
  if (FindEnumLabel(*t, label) == nullptr) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "invalid input value for enum " + t->name + ": \"" + std::string(label) + "\"");
  }
  CheckSafeEnumUse(*t, label);
}

void CheckSafeEnumUse(const catalog::TypeDesc& type, std::string_view label) {
  auto committed = CommittedCatalogUnderBlock();
  if (committed == nullptr) return;
  const catalog::TypeDesc* before = committed->FindType(type.oid);
  if (before != nullptr && FindEnumLabel(*before, label) != nullptr) return;  // committed
  if (before == nullptr) {
    // A type this block created: its CREATE TYPE labels are usable.
    const catalog::EnumLabel* l = FindEnumLabel(type, label);
    if (l != nullptr && l->oid <= type.last_created_label) return;
  }
  throw SqlError(SqlState::kUnsafeNewEnumValueUsage,
                 "unsafe use of new value \"" + std::string(label) + "\" of enum type " +
                     type.name)
      .WithHint("New enum values must be committed before they can be used.");
}

float EnumSortOrder(Oid type, std::string_view label) {
  auto t = RequireEnum(type);
  const catalog::EnumLabel* l = FindEnumLabel(*t, label);
  if (l == nullptr) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "invalid internal value for enum: \"" + std::string(label) + "\"");
  }
  return l->sort_order;
}

std::string EnumLabelAt(Oid type, float sort_order) {
  auto t = RequireEnum(type);
  for (const catalog::EnumLabel& l : t->labels) {
    if (l.sort_order == sort_order) return l.label;
  }
  throw SqlError(SqlState::kInvalidTextRepresentation, "invalid internal value for enum");
}

int CompareEnumLabels(Oid type, std::string_view a, std::string_view b) {
  if (a == b) return 0;
  auto t = RequireEnum(type);
  const catalog::EnumLabel* x = FindEnumLabel(*t, a);
  const catalog::EnumLabel* y = FindEnumLabel(*t, b);
  if (x == nullptr || y == nullptr) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "invalid internal value for enum: \"" + std::string(x == nullptr ? a : b) +
                       "\"");
  }
  return x->sort_order < y->sort_order ? -1 : (x->sort_order > y->sort_order ? 1 : 0);
}

}  // namespace strata::sql
