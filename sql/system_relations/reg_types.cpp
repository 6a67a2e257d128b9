// Text I/O of oid and the reg* types (see reg_types.h): PostgreSQL's oidin,
// regclassin/out, regtypein/out, regnamespacein/out, regrolein/out and
// regprocout (regproc input by name needs pg_proc, which does not exist yet).
#include "sql/system_relations/reg_types.h"

#include <cctype>
#include <climits>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/commands/temp_namespace.h"
#include "sql/expr/text_quote.h"
#include "sql/sequences/sequence_names.h"
#include "sql/system_relations/pg_type_procs.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::shared_ptr<const catalog::CatalogSnapshot> RequireCatalog() {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "catalog lookups need a database");
  }
  return catalog;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "." : "") + parts[i];
  return out;
}

const catalog::NamespaceDesc& RequireNamespace(const catalog::CatalogSnapshot& catalog,
                                               const std::string& name) {
  const catalog::NamespaceDesc* ns = catalog.FindNamespace(name);
  if (ns == nullptr) {
    throw SqlError(SqlState::kUndefinedSchema, "schema \"" + name + "\" does not exist");
  }
  return *ns;
}

// regclassin: [[database.]schema.]relation.
Oid RegclassIn(std::string_view text) {
  std::vector<std::string> parts = SplitQualifiedName(text);
  if (parts.size() > 3) {
    throw SqlError(SqlState::kSyntaxError,
                   "improper relation name (too many dotted names): " + Joined(parts));
  }
  auto catalog = RequireCatalog();
  if (parts.size() == 3 && parts[0] != CurrentDatabaseName()) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "cross-database references are not implemented: \"" + Joined(parts) + "\"");
  }
  RelationRef rel;
  bool found = false;
  if (parts.size() == 1) {
    found = FindRelationInPath(*catalog, parts[0], &rel);
  } else if (parts[parts.size() - 2] == "pg_temp") {
    // The session's temporary schema, whatever its pg_temp_N name; none yet
    // means no such relation.
    const TempNamespace* temp = CurrentTempNamespace();
    if (temp != nullptr && temp->oid != 0) {
      found = FindRelationInNamespace(*catalog, temp->oid, parts.back(), &rel);
    }
  } else {
    const catalog::NamespaceDesc& ns = RequireNamespace(*catalog, parts[parts.size() - 2]);
    found = FindRelationInNamespace(*catalog, ns.oid, parts.back(), &rel);
  }
  if (!found) {
    const std::string shown =
        parts.size() == 1 ? parts[0] : parts[parts.size() - 2] + "." + parts.back();
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + shown + "\" does not exist");
  }
  return rel.oid;
}

Oid RegnamespaceIn(std::string_view text) {
  std::vector<std::string> parts = SplitQualifiedName(text);
  if (parts.size() != 1) throw SqlError(SqlState::kInvalidName, "invalid name syntax");
  auto catalog = RequireCatalog();
  return RequireNamespace(*catalog, parts[0]).oid;
}

Oid RegroleIn(std::string_view text) {
  std::vector<std::string> parts = SplitQualifiedName(text);
  if (parts.size() != 1) throw SqlError(SqlState::kInvalidName, "invalid name syntax");
  const Oid oid = RoleOid(parts[0]);
  if (oid == 0) {
    throw SqlError(SqlState::kUndefinedObject, "role \"" + parts[0] + "\" does not exist");
  }
  return oid;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// SQL-standard spellings the grammar maps to pg_catalog types.
Oid StandardTypeName(const std::string& name) {
  static const std::pair<const char*, Oid> kNames[] = {
      {"int", 23},         {"integer", 23},          {"smallint", 21},
      {"bigint", 20},      {"real", 700},            {"float", 701},
      {"double precision", 701}, {"decimal", 1700},  {"dec", 1700},
      {"boolean", 16},     {"char", 1042},           {"character", 1042},
      {"varchar", 1043},   {"character varying", 1043}, {"char varying", 1043},
      {"timestamp", 1114}, {"timestamp without time zone", 1114},
      {"timestamp with time zone", 1184}, {"time", 1083},
      {"time without time zone", 1083}, {"time with time zone", 1266},
      {"interval", 1186},  {"bit varying", 1562},    {"national character", 1042},
      {"nchar", 1042},     {"national character varying", 1043},
  };
  for (const auto& [n, oid] : kNames) {
    if (name == n) return oid;
  }
  return 0;
}

}  // namespace


namespace {

// regtypein for a user-defined type (CREATE TYPE): [schema.]name through the
// search path; 0 if none.
Oid UserTypeOidByName(const std::vector<std::string>& parts) {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr || parts.empty() || parts.size() > 2) return 0;
  if (parts.size() == 2) {
    const catalog::NamespaceDesc* ns = catalog->FindNamespace(parts[0]);
    const catalog::TypeDesc* t = ns != nullptr ? catalog->FindType(ns->oid, parts[1]) : nullptr;
    return t != nullptr ? t->oid : 0;
  }
  for (catalog::Oid ns : SearchPathNamespaces(*catalog)) {
    if (const catalog::TypeDesc* t = catalog->FindType(ns, parts[0])) return t->oid;
  }
  // "_name": the array type of a user type.
  if (parts[0].size() > 1 && parts[0][0] == '_') {
    for (catalog::Oid ns : SearchPathNamespaces(*catalog)) {
      if (const catalog::TypeDesc* t = catalog->FindType(ns, parts[0].substr(1))) {
        return t->array_oid;
      }
    }
  }
  return 0;
}

}  // namespace

Oid ParseTypeName(std::string_view text) {
  std::string s = CollapseSpaces(text);
  int array_dims = 0;
  for (;;) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    if (s.size() >= 2 && s.compare(s.size() - 2, 2, "[]") == 0) {
      s.resize(s.size() - 2);
      ++array_dims;
      continue;
    }
    break;
  }
  // A typmod "(...)" is accepted and ignored (regtype has none).
  if (const size_t paren = s.find('('); paren != std::string::npos && s.back() == ')') {
    s.resize(paren);
    while (!s.empty() && s.back() == ' ') s.pop_back();
  }
  Oid oid = 0;
  std::string shown;
  if (!s.empty() && s.find('"') == std::string::npos) {
    std::string lower = Lower(s);
    if (lower.rfind("pg_catalog.", 0) == 0) {
      lower = lower.substr(11);
      if (const PgTypeInfo* t = FindPgTypeByName(lower)) oid = t->oid;
    } else {
      oid = StandardTypeName(lower);
      if (oid == 0) {
        if (const PgTypeInfo* t = FindPgTypeByName(lower)) oid = t->oid;
      }
    }
    shown = lower;
  } else {
    std::vector<std::string> parts = SplitQualifiedName(s);
    if (parts.size() == 2 && parts[0] == "pg_catalog") parts.erase(parts.begin());
    if (parts.size() == 1) {
      if (const PgTypeInfo* t = FindPgTypeByName(parts[0])) oid = t->oid;
    }
    shown = Joined(parts);
  }
  if (oid == 0) oid = UserTypeOidByName(SplitQualifiedName(s));
  if (oid == 0) {
    throw SqlError(SqlState::kUndefinedObject, "type \"" + shown + "\" does not exist");
  }
  if (array_dims > 0) {  // int4[][] is int4[] too
    const PgTypeInfo* t = FindPgType(oid);
    if (t == nullptr || t->typarray == 0) {
      throw SqlError(SqlState::kUndefinedObject,
                     "could not find array type for data type " + FormatTypeName(oid));
    }
    oid = t->typarray;
  }
  return oid;
}

namespace {

// regprocin for a user-defined function: [schema.]name naming exactly one
// (PostgreSQL's 42725 "more than one function named" is left to the caller
// as not found); 0 if none.
Oid UserFunctionOidByName(const std::vector<std::string>& parts) {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr || parts.empty() || parts.size() > 2) return 0;
  std::vector<catalog::Oid> schemas;
  if (parts.size() == 2) {
    const catalog::NamespaceDesc* ns = catalog->FindNamespace(parts[0]);
    if (ns == nullptr) return 0;
    schemas.push_back(ns->oid);
  } else {
    schemas = SearchPathNamespaces(*catalog);
  }
  for (catalog::Oid ns : schemas) {
    std::vector<const catalog::FunctionDesc*> found = catalog->FindFunctions(ns, parts.back());
    if (found.size() == 1) return found[0]->oid;
    if (!found.empty()) return 0;
  }
  return 0;
}

}  // namespace

bool IsOidType(Oid type) {
  return type == type_oid::kOid || IsRegType(type);
}

bool IsRegType(Oid type) {
  switch (type) {
    case type_oid::kRegproc:
    case type_oid::kRegclass:
    case type_oid::kRegtype:
    case type_oid::kRegnamespace:
    case type_oid::kRegrole:
      return true;
    default:
      return false;
  }
}

int64_t ParseOid(std::string_view text) {
  auto invalid = [&]() {
    return SqlError(SqlState::kInvalidTextRepresentation,
                    "invalid input syntax for type oid: \"" + std::string(text) + "\"");
  };
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  const size_t digits_start = i;
  unsigned long long v = 0;
  bool overflow = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    v = v * 10 + static_cast<unsigned>(text[i] - '0');
    if (v > 0xFFFFFFFFull * 4) overflow = true, v = 0xFFFFFFFFull * 4;
    ++i;
  }
  if (i == digits_start) throw invalid();
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  if (i != text.size()) throw invalid();
  const auto out_of_range = [&]() {
    return SqlError(SqlState::kNumericValueOutOfRange,
                    "value \"" + std::string(text) + "\" is out of range for type oid");
  };
  if (overflow) throw out_of_range();
  if (negative) {
    // strtoul negates; PostgreSQL accepts what fits an int (-1 -> 4294967295).
    if (v > static_cast<unsigned long long>(INT_MAX) + 1) throw out_of_range();
    return static_cast<int64_t>((0x100000000ull - v) & 0xFFFFFFFFull);
  }
  if (v > 0xFFFFFFFFull) throw out_of_range();
  return static_cast<int64_t>(v);
}

Value InputOidValue(Oid type, std::string_view text) {
  if (type == type_oid::kOid) return Value::Integer(type, ParseOid(text));
  // "-" is InvalidOid; a number is taken as the OID itself.
  std::string_view trimmed = text;
  if (trimmed == "-") return Value::Integer(type, 0);
  if (!trimmed.empty() && trimmed[0] >= '0' && trimmed[0] <= '9' && AllDigits(trimmed)) {
    return Value::Integer(type, ParseOid(trimmed));
  }
  switch (type) {
    case type_oid::kRegclass:
      return Value::Integer(type, RegclassIn(text));
    case type_oid::kRegtype:
      return Value::Integer(type, ParseTypeName(text));
    case type_oid::kRegnamespace:
      return Value::Integer(type, RegnamespaceIn(text));
    case type_oid::kRegrole:
      return Value::Integer(type, RegroleIn(text));
    case type_oid::kRegproc: {
      // The functions the catalogs name (pg_type_procs.h); pg_proc itself
      // does not exist yet.
      std::vector<std::string> parts = SplitQualifiedName(text);
      if (parts.size() == 2 && parts[0] == "pg_catalog") parts.erase(parts.begin());
      Oid oid = parts.size() == 1 ? ProcOidByName(parts[0]) : 0;
      if (oid == 0) oid = UserFunctionOidByName(parts);
      if (oid == 0) {
        throw SqlError(SqlState::kUndefinedFunction,
                       "function \"" + std::string(text) + "\" does not exist");
      }
      return Value::Integer(type, oid);
    }
    default:
      throw SqlError(SqlState::kFeatureNotSupported,
                     "input of " + FormatTypeName(type) + " by name is not supported yet");
  }
}

std::string RegclassName(Oid oid) {
  auto catalog = CurrentStatementCatalog();
  RelationRef rel;
  if (catalog == nullptr || !FindRelationByOid(*catalog, oid, &rel)) return std::to_string(oid);
  const std::string name = QuoteIdentText(rel.name);
  if (RelationIsVisible(*catalog, oid)) return name;
  const catalog::NamespaceDesc* ns = catalog->FindNamespace(rel.namespace_oid);
  return (ns != nullptr ? QuoteIdentText(ns->name) + "." : std::string()) + name;
}

std::string OutputOidValue(const Value& value) {
  const Oid oid = static_cast<Oid>(value.int_value());
  if (value.type() == type_oid::kOid) return std::to_string(oid);
  if (oid == 0) return "-";
  switch (value.type()) {
    case type_oid::kRegclass:
      return RegclassName(oid);
    case type_oid::kRegtype:
      if (FindPgType(oid) != nullptr) return FormatTypeName(oid);
      return std::to_string(oid);
    case type_oid::kRegnamespace: {
      auto catalog = CurrentStatementCatalog();
      const catalog::NamespaceDesc* ns =
          catalog != nullptr ? catalog->FindNamespace(oid) : nullptr;
      return ns != nullptr ? QuoteIdentText(ns->name) : std::to_string(oid);
    }
    case type_oid::kRegrole: {
      const std::string name = RoleName(oid);
      return name.empty() ? std::to_string(oid) : QuoteIdentText(name);
    }
    case type_oid::kRegproc: {
      const std::string_view name = ProcName(oid);
      if (name.empty()) {
        auto snapshot = CurrentStatementCatalog();
        const catalog::FunctionDesc* fn =
            snapshot != nullptr ? snapshot->FindFunction(oid) : nullptr;
        if (fn != nullptr) return QuoteIdentText(fn->name);
      }
      return name.empty() ? std::to_string(oid) : QuoteIdentText(std::string(name));
    }
    default:
      return std::to_string(oid);
  }
}

}  // namespace strata::sql
