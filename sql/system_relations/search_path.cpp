// The session's search_path as the schemas unqualified names resolve in
// (PostgreSQL's namespace.c recomputeNamespacePath): the temporary schema
// first, then pg_catalog unless the path lists it elsewhere, then every
// listed schema that exists ("$user" is the schema named as the current
// user). The creation schema is the first listed schema that exists.
#include <cctype>
#include <string>
#include <vector>

#include "sql/settings/session_settings.h"
#include "sql/system_relations/statement_catalog.h"
#include "sql/system_relations/privilege_checks.h"
#include "sql/system_relations/role_lookup.h"

namespace strata::sql {

namespace {

constexpr const char* kDefaultSearchPath = "\"$user\", public";

// Elements of a GUC list: comma-separated identifiers, double-quoted ones
// kept as written ("" is a quote), unquoted ones folded to lower case.
std::vector<std::string> SplitIdentifierList(const std::string& value) {
  std::vector<std::string> names;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
  };
  skip_space();
  if (i == value.size()) return names;
  while (i <= value.size()) {
    skip_space();
    std::string name;
    if (i < value.size() && value[i] == '"') {
      ++i;
      while (i < value.size()) {
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            name += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        name += value[i++];
      }
    } else {
      while (i < value.size() && value[i] != ',' &&
             !std::isspace(static_cast<unsigned char>(value[i]))) {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(value[i++])));
      }
    }
    names.push_back(std::move(name));
    skip_space();
    if (i >= value.size() || value[i] != ',') break;
    ++i;
  }
  return names;
}

std::string CurrentSearchPathSetting() {
  const SessionSettings* settings = CurrentSessionSettingsOrNull();
  return settings != nullptr ? settings->Show("search_path") : kDefaultSearchPath;
}

thread_local catalog::Oid search_path_prefix = 0;
thread_local const std::vector<catalog::Oid>* search_path_override = nullptr;

// The listed schemas that exist, in order ("$user" resolved).
std::vector<catalog::Oid> ListedNamespaces(const catalog::CatalogSnapshot& catalog) {
  // Parsing per lookup is cheap next to the statement, but name lookups are
  // frequent: remember the last setting's parse on this thread.
  thread_local std::string cached_value = kDefaultSearchPath;
  thread_local std::vector<std::string> cached_names = SplitIdentifierList(kDefaultSearchPath);
  const std::string value = CurrentSearchPathSetting();
  if (value != cached_value) {
    cached_names = SplitIdentifierList(value);
    cached_value = value;
  }
  std::vector<catalog::Oid> path;
  if (search_path_prefix != 0 && catalog.FindNamespace(search_path_prefix) != nullptr) {
    path.push_back(search_path_prefix);
  }
  if (search_path_override != nullptr) {
    for (catalog::Oid oid : *search_path_override) {
      if (catalog.FindNamespace(oid) != nullptr) path.push_back(oid);
    }
    return path;
  }
  // As PostgreSQL's recomputeNamespacePath: "$user" is current_user, and a
  // schema the role may not use (no USAGE) is left out of the path.
  const catalog::Oid role = CheckingRole(catalog);
  for (const std::string& name : cached_names) {
    const catalog::NamespaceDesc* ns =
        catalog.FindNamespace(name == "$user" ? CurrentUserName() : name);
    if (ns == nullptr) continue;
    if (!RoleHasSchemaPrivileges(catalog, role, *ns, catalog::kAclUsage)) continue;
    bool seen = false;
    for (catalog::Oid oid : path) seen = seen || oid == ns->oid;
    if (!seen) path.push_back(ns->oid);
  }
  return path;
}

}  // namespace

ScopedSearchPathPrefix::ScopedSearchPathPrefix(catalog::Oid namespace_oid)
    : previous_(search_path_prefix) {
  search_path_prefix = namespace_oid;
}

ScopedSearchPathPrefix::~ScopedSearchPathPrefix() { search_path_prefix = previous_; }

ScopedSearchPathOverride::ScopedSearchPathOverride(std::vector<catalog::Oid> path)
    : path_(std::move(path)), previous_(search_path_override), previous_prefix_(search_path_prefix) {
  search_path_override = &path_;
  search_path_prefix = 0;
}

ScopedSearchPathOverride::~ScopedSearchPathOverride() {
  search_path_override = previous_;
  search_path_prefix = previous_prefix_;
}

std::vector<catalog::Oid> SearchPathNamespaces(const catalog::CatalogSnapshot& catalog) {
  std::vector<catalog::Oid> listed = ListedNamespaces(catalog);
  std::vector<catalog::Oid> path;
  const catalog::Oid temp = CurrentTempNamespaceOid(catalog);
  if (temp != 0) path.push_back(temp);
  bool lists_catalog = false;
  for (catalog::Oid oid : listed) lists_catalog = lists_catalog || oid == catalog::kPgCatalogNamespace;
  if (!lists_catalog) path.push_back(catalog::kPgCatalogNamespace);
  for (catalog::Oid oid : listed) {
    if (oid != temp) path.push_back(oid);
  }
  return path;
}

catalog::Oid CreationNamespace(const catalog::CatalogSnapshot& catalog) {
  for (catalog::Oid oid : ListedNamespaces(catalog)) {
    if (oid != catalog::kPgCatalogNamespace) return oid;
  }
  return 0;
}

std::vector<catalog::Oid> ExplicitSearchPathNamespaces(const catalog::CatalogSnapshot& catalog) {
  return ListedNamespaces(catalog);
}

}  // namespace strata::sql
