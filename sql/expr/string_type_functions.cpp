// Operators and functions of bpchar, bytea and uuid, by pg_proc name:
// comparisons (bpchar ignores trailing spaces, bytea and uuid compare bytes),
// bytea || bytea, and length()/octet_length() of text, bpchar and bytea
// (character counts for text; bpchar without its trailing spaces).
#include <span>
#include <string>

#include "sql/expr/builtin_function.h"
#include "sql/expr/ordered_comparison.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

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
    {"bpchareq", CompareOrdered<Comparison::kEq>},
    {"bpcharne", CompareOrdered<Comparison::kNe>},
    {"bpcharlt", CompareOrdered<Comparison::kLt>},
    {"bpcharle", CompareOrdered<Comparison::kLe>},
    {"bpchargt", CompareOrdered<Comparison::kGt>},
    {"bpcharge", CompareOrdered<Comparison::kGe>},
    {"byteaeq", CompareOrdered<Comparison::kEq>},
    {"byteane", CompareOrdered<Comparison::kNe>},
    {"bytealt", CompareOrdered<Comparison::kLt>},
    {"byteale", CompareOrdered<Comparison::kLe>},
    {"byteagt", CompareOrdered<Comparison::kGt>},
    {"byteage", CompareOrdered<Comparison::kGe>},
    {"uuid_eq", CompareOrdered<Comparison::kEq>},
    {"uuid_ne", CompareOrdered<Comparison::kNe>},
    {"uuid_lt", CompareOrdered<Comparison::kLt>},
    {"uuid_le", CompareOrdered<Comparison::kLe>},
    {"uuid_gt", CompareOrdered<Comparison::kGt>},
    {"uuid_ge", CompareOrdered<Comparison::kGe>},
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
