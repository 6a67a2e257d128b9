// Operators and functions of bpchar, bytea and uuid, by pg_proc name:
// comparisons (bpchar ignores trailing spaces, bytea and uuid compare bytes),
// bytea || bytea, and length()/octet_length() of text, bpchar and bytea
// (character counts for text; bpchar without its trailing spaces).
#include <span>
#include <string>

#include "sql/expr/builtin_function.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value Compare(std::span<const Value> a) {
  const int c = CompareValues(a[0], a[1]);
  switch (kCmp) {
    case Cmp::kEq:
      return Value::Bool(c == 0);
    case Cmp::kNe:
      return Value::Bool(c != 0);
    case Cmp::kLt:
      return Value::Bool(c < 0);
    case Cmp::kLe:
      return Value::Bool(c <= 0);
    case Cmp::kGt:
      return Value::Bool(c > 0);
    case Cmp::kGe:
      return Value::Bool(c >= 0);
  }
  return Value::Null(type_oid::kBool);
}

Value ByteaConcat(std::span<const Value> a) {
  return Value::String(type_oid::kBytea, a[0].string_value() + a[1].string_value());
}

int64_t CharCount(const std::string& s) {
  int64_t n = 0;
  for (const unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

Value TextLength(std::span<const Value> a) { return Value::Int4(CharCount(a[0].string_value())); }
Value BpcharLength(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const size_t end = s.find_last_not_of(' ');
  return Value::Int4(end == std::string::npos ? 0 : CharCount(s.substr(0, end + 1)));
}
Value OctetLength(std::span<const Value> a) {
  return Value::Int4(static_cast<int64_t>(a[0].string_value().size()));
}

constexpr BuiltinFunction kFunctions[] = {
    {"bpchareq", Compare<Cmp::kEq>},
    {"bpcharne", Compare<Cmp::kNe>},
    {"bpcharlt", Compare<Cmp::kLt>},
    {"bpcharle", Compare<Cmp::kLe>},
    {"bpchargt", Compare<Cmp::kGt>},
    {"bpcharge", Compare<Cmp::kGe>},
    {"byteaeq", Compare<Cmp::kEq>},
    {"byteane", Compare<Cmp::kNe>},
    {"bytealt", Compare<Cmp::kLt>},
    {"byteale", Compare<Cmp::kLe>},
    {"byteagt", Compare<Cmp::kGt>},
    {"byteage", Compare<Cmp::kGe>},
    {"uuid_eq", Compare<Cmp::kEq>},
    {"uuid_ne", Compare<Cmp::kNe>},
    {"uuid_lt", Compare<Cmp::kLt>},
    {"uuid_le", Compare<Cmp::kLe>},
    {"uuid_gt", Compare<Cmp::kGt>},
    {"uuid_ge", Compare<Cmp::kGe>},
    {"byteacat", ByteaConcat},
    {"textlen", TextLength},
    {"bpcharlen", BpcharLength},
    {"byteaoctetlen", OctetLength},
    {"textoctetlen", OctetLength},
    {"bpcharoctetlen", OctetLength},
};

}  // namespace

std::span<const BuiltinFunction> StringTypeFunctions() { return kFunctions; }

}  // namespace strata::sql
