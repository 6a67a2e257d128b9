// Sequence names: regclass-style parsing of nextval's argument and
// ChooseRelationName for serial columns (see sequence_names.h).
#include "sql/sequences/sequence_names.h"

#include "sql/commands/temp_namespace.h"
#include "sql/system_relations/statement_catalog.h"

#include "common/sql_error.h"

namespace strata::sql {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

[[noreturn]] void InvalidName() {
  throw SqlError(SqlState::kInvalidName, "invalid name syntax");
}

// PostgreSQL limits identifiers to NAMEDATALEN - 1 bytes; cut at a UTF-8
// character boundary.
std::string ClipName(std::string s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

constexpr size_t kMaxIdentifierBytes = 63;

}  // namespace

std::vector<std::string> SplitQualifiedName(std::string_view text) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  if (i == text.size()) InvalidName();
  for (;;) {
    std::string part;
    if (text[i] == '"') {
      ++i;
      for (;;) {
        if (i >= text.size()) InvalidName();  // unterminated quote
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            part.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        part.push_back(text[i++]);
      }
      if (part.empty()) InvalidName();
    } else {
      while (i < text.size() && text[i] != '.' && !IsSpace(text[i])) {
        char c = text[i++];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        part.push_back(c);
      }
      if (part.empty()) InvalidName();
    }
    parts.push_back(ClipName(std::move(part), kMaxIdentifierBytes));
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i == text.size()) break;
    if (text[i] != '.') InvalidName();
    ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i == text.size()) InvalidName();
  }
  return parts;
}

catalog::SequenceDesc ResolveSequenceName(const catalog::CatalogSnapshot& catalog,
                                          std::string_view text) {
  std::vector<std::string> parts = SplitQualifiedName(text);
  if (parts.size() > 3) {
    std::string joined;
    for (size_t i = 0; i < parts.size(); ++i) joined += (i ? "." : "") + parts[i];
    throw SqlError(SqlState::kSyntaxError,
                   "improper relation name (too many dotted names): " + joined);
  }
  const std::string& name = parts.back();
  std::string schema;
  const catalog::NamespaceDesc* ns = nullptr;
  if (parts.size() >= 2) {
    schema = parts[parts.size() - 2];
    if (schema == "pg_temp") {
      // The session's temporary schema, whatever its pg_temp_N name; none
      // yet means no such relation.
      const TempNamespace* temp = CurrentTempNamespace();
      ns = temp != nullptr && temp->oid != 0 ? catalog.FindNamespace(temp->oid) : nullptr;
      if (ns == nullptr) {
        throw SqlError(SqlState::kUndefinedTable,
                       "relation \"pg_temp." + name + "\" does not exist");
      }
    } else {
      ns = catalog.FindNamespace(schema);
    }
  } else {
    RelationRef rel;
    if (FindRelationInPath(catalog, name, &rel)) ns = catalog.FindNamespace(rel.namespace_oid);
  }
  if (ns == nullptr) {
    if (parts.size() >= 2) {
      throw SqlError(SqlState::kUndefinedSchema, "schema \"" + schema + "\" does not exist");
    }
    throw SqlError(SqlState::kUndefinedTable, "relation \"" + name + "\" does not exist");
  }
  if (const catalog::SequenceDesc* seq = catalog.FindSequence(ns->oid, name)) return *seq;
  if (catalog.FindTable(ns->oid, name) != nullptr) {
    throw SqlError(SqlState::kWrongObjectType, "\"" + name + "\" is not a sequence");
  }
  const std::string shown = parts.size() >= 2 ? schema + "." + name : name;
  throw SqlError(SqlState::kUndefinedTable, "relation \"" + shown + "\" does not exist");
}

std::string ChooseSequenceName(const catalog::CatalogSnapshot& catalog, catalog::Oid namespace_oid,
                               const std::string& table, const std::string& column) {
  for (int pass = 0;; ++pass) {
    const std::string label = pass == 0 ? "seq" : "seq" + std::to_string(pass);
    // makeObjectName(): shorten the longer of the two names until
    // "table_column_label" fits in 63 bytes.
    const size_t overhead = label.size() + 2;
    size_t table_len = table.size();
    size_t column_len = column.size();
    while (table_len + column_len + overhead > kMaxIdentifierBytes) {
      if (table_len > column_len) {
        --table_len;
      } else {
        --column_len;
      }
    }
    const std::string name = ClipName(table, table_len) + "_" + ClipName(column, column_len) + "_" +
                             label;
    if (!catalog.RelationNameTaken(namespace_oid, name)) return name;
  }
}

std::string QuoteNamePart(const std::string& name) {
  bool safe = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) safe = false;
  }
  if (safe) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace strata::sql
