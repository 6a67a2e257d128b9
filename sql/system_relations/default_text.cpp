// PostgreSQL's get_const_expr() spelling of stored defaults (default_text.h).
#include "sql/system_relations/default_text.h"

#include <cctype>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/reg_types.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

// 'it''s' -> it's; false if `s` is not exactly one quoted literal.
bool UnquoteLiteral(const std::string& s, std::string* out) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') return false;
  out->clear();
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\'') {
      if (i + 2 < s.size() && s[i + 1] == '\'') {
        out->push_back('\'');
        ++i;
        continue;
      }
      return false;
    }
    out->push_back(s[i]);
  }
  return true;
}

std::string Quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

bool IsUnsignedNumber(const std::string& s, bool* has_point) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  *has_point = false;
  for (char c : s) {
    if (c == '.' || c == 'e' || c == 'E') {
      *has_point = true;
    } else if (!std::isdigit(static_cast<unsigned char>(c)) && c != '+' && c != '-') {
      return false;
    }
  }
  return true;
}

// format_type_with_typemod(type, -1) as a cast label.
std::string Label(Oid type) {
  if (type == type_oid::kBpchar) return "bpchar";
  if (type == 1560) return "\"bit\"";  // plain bit would read back as bit(1)
  return FormatTypeName(type);
}

// get_const_expr for a Const of `type` whose output is `v`.
std::string ConstText(const std::string& v, Oid type) {
  bool point = false;
  switch (type) {
    case type_oid::kInt4:
      return v[0] != '-' ? v : Quote(v) + "::integer";
    case type_oid::kNumeric:
      if (IsUnsignedNumber(v, &point) && point) return v;
      return Quote(v) + "::numeric";
    case type_oid::kBool:
      return v == "t" ? "true" : "false";
    default:
      return Quote(v) + "::" + Label(type);
  }
}

}  // namespace

std::string PgDefaultText(const std::string& stored, DataType column_type) {
  std::string literal;
  if (UnquoteLiteral(stored, &literal)) {
    // An unknown literal becomes a Const of the column's type.
    try {
      return ConstText(OutputValue(InputValue(column_type.oid, literal)), column_type.oid);
    } catch (const SqlError&) {
      return stored;
    }
  }
  // 'literal'::type of the column's own type (as a restored dump writes
  // defaults) is a Const of that type too.
  const size_t cast = stored.rfind("'::");
  if (cast != std::string::npos && UnquoteLiteral(stored.substr(0, cast + 1), &literal)) {
    const PgTypeInfo* type = FindPgTypeByName(stored.substr(cast + 3));
    if (type != nullptr && type->oid == column_type.oid) {
      try {
        return ConstText(OutputValue(InputValue(column_type.oid, literal)), column_type.oid);
      } catch (const SqlError&) {
        return stored;
      }
    }
  }
  // A bit-string literal (B'0101', X'1F') is a Const of type bit.
  if (stored.size() >= 3 && std::string("bBxX").find(stored[0]) != std::string::npos &&
      UnquoteLiteral(stored.substr(1), &literal)) {
    try {
      return ConstText(OutputValue(InputValue(1560, stored.substr(0, 1) + literal)), 1560);
    } catch (const SqlError&) {
      return stored;
    }
  }
  bool point = false;
  if (IsUnsignedNumber(stored, &point)) return stored;  // int4 or numeric Const, cast hidden
  if (stored.size() > 1 && stored[0] == '-' && IsUnsignedNumber(stored.substr(1), &point)) {
    return Quote(stored) + (point ? "::numeric" : "::integer");
  }
  if (stored == "true" || stored == "false") return stored;
  const std::string prefix = "nextval('";
  if (stored.rfind(prefix, 0) == 0 && stored.size() > prefix.size() + 2 &&
      stored.compare(stored.size() - 2, 2, "')") == 0) {
    const std::string name = stored.substr(prefix.size(), stored.size() - prefix.size() - 2);
    if (name.find('\'') == std::string::npos) {
      try {
        const Value oid = InputOidValue(type_oid::kRegclass, name);
        return prefix + OutputOidValue(oid) + "'::regclass)";
      } catch (const SqlError&) {
        return prefix + name + "'::regclass)";
      }
    }
  }
  return stored;
}

}  // namespace strata::sql
