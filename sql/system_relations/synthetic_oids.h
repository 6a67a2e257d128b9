// OIDs for catalog rows our catalog does not number: a table's column
// defaults (pg_attrdef) and constraints (pg_constraint). They are derived
// from the table's OID, so they are stable while the table exists and
// decodable by pg_get_expr / pg_get_constraintdef:
//   constraint: (table << 8) | k, k = 0 primary key, 1.. the CHECKs in order,
//               0x30.. the FOREIGN KEYs (kForeignKeyConstraintBase, at most
//               kMaxForeignKeys), 0x40.. UNIQUE constraints (index_catalog.cpp)
//   default:    (table << 8) | 0x80 | (attnum & 0x7F) -- see AttrdefOid
//   pk index:   (table << 8) | 0x7F (a pg_class OID: unique among pg_class
//               rows while table OIDs stay below 2^22)
//   view rule:  (view << 8) | 0x7E (pg_rewrite's "_RETURN" rule)
// Row types of tables and views (pg_type) are derived the same way:
// (relation << 8) | 0x7D and their arrays | 0x7C (sql/types/composite_type.h).
// OIDs only need to be unique within one catalog relation in PostgreSQL.
// Tables with OIDs >= 2^24 would overflow: not reached by the counter in
// practice (16 million objects).
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include "catalog/catalog_objects.h"

namespace strata::sql {

inline constexpr int kForeignKeyConstraintBase = 0x30;
inline constexpr size_t kMaxForeignKeys = 16;

inline catalog::Oid ConstraintOid(catalog::Oid table, int k) {
  return static_cast<catalog::Oid>((table << 8) | static_cast<catalog::Oid>(k & 0x7F));
}
inline catalog::Oid AttrdefOid(catalog::Oid table, int16_t attnum) {
  return static_cast<catalog::Oid>((table << 8) | 0x80u | static_cast<catalog::Oid>(attnum & 0x7F));
}
// The primary key's index (pg_class relkind 'i', pg_index): its rows live
// in the table's own tree, but clients expect the index relation.
inline catalog::Oid IndexOid(catalog::Oid table) {
  return static_cast<catalog::Oid>((table << 8) | 0x7Fu);
}
inline catalog::Oid RewriteRuleOid(catalog::Oid view) {
  return static_cast<catalog::Oid>((view << 8) | 0x7Eu);
}
inline catalog::Oid SyntheticOidTable(catalog::Oid oid) { return oid >> 8; }
inline int SyntheticOidIndex(catalog::Oid oid) { return static_cast<int>(oid & 0x7F); }
inline bool SyntheticOidIsAttrdef(catalog::Oid oid) { return (oid & 0x80u) != 0; }

// The attnums of the table's live columns a CHECK expression names (its
// identifiers, outside quotes), in attnum order: pg_constraint.conkey.
inline std::vector<int16_t> CheckColumns(const catalog::TableDesc& table,
                                         const catalog::CheckConstraint& check) {
  std::vector<std::string> words;
  const std::string& e = check.expr;
  for (size_t i = 0; i < e.size();) {
    const char c = e[i];
    if (c == '\'') {
      for (++i; i < e.size() && e[i] != '\''; ++i) {
      }
      ++i;
    } else if (c == '"') {
      size_t j = i + 1;
      std::string w;
      for (; j < e.size() && e[j] != '"'; ++j) w.push_back(e[j]);
      words.push_back(w);
      i = j + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      std::string w;
      for (; j < e.size() && (std::isalnum(static_cast<unsigned char>(e[j])) || e[j] == '_' ||
                              e[j] == '$');
           ++j) {
        w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(e[j]))));
      }
      words.push_back(w);
      i = j;
    } else {
      ++i;
    }
  }
  std::vector<int16_t> out;
  for (const catalog::ColumnDesc& c : table.columns) {
    if (c.dropped) continue;
    for (const std::string& w : words) {
      if (w == c.name) {
        out.push_back(c.attnum);
        break;
      }
    }
  }
  return out;
}

}  // namespace strata::sql
