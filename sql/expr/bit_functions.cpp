// Implementations of the bit string operators and functions (see
// bit_functions.h). Arguments arrive coerced to the declared types: a varbit
// argument of a bit function is the same payload relabeled (the cast is
// binary), so both are handled alike. Payloads are '0'/'1' per bit.
#include "sql/expr/bit_functions.h"
#include "sql/expr/ordered_comparison.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "common/sql_error.h"
#include "sql/expr/sql_function_rows.h"
#include "sql/types/bit_string.h"
#include "sql/types/value_compare.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;
using bits::kBit;
using bits::kVarbit;

Value B(std::string s) { return Value::String(kBit, std::move(s)); }

// bitand / bitor / bitxor: both operands must have the same length.
enum class Op { kAnd, kOr, kXor };
template <Op kOp>
Value Bitwise(Args a) {
  const std::string& x = a[0].string_value();
  const std::string& y = a[1].string_value();
  if (x.size() != y.size()) {
    const char* name = kOp == Op::kAnd ? "AND" : (kOp == Op::kOr ? "OR" : "XOR");
    throw SqlError(SqlState::kStringDataLengthMismatch,
                   std::string("cannot ") + name + " bit strings of different sizes");
  }
  std::string out(x.size(), '0');
  for (size_t i = 0; i < x.size(); ++i) {
    const bool p = x[i] == '1';
    const bool q = y[i] == '1';
    const bool r = kOp == Op::kAnd ? (p && q) : (kOp == Op::kOr ? (p || q) : (p != q));
    if (r) out[i] = '1';
  }
  return B(std::move(out));
}

Value BitNot(Args a) {
  std::string s = a[0].string_value();
  for (char& c : s) c = c == '1' ? '0' : '1';
  return B(std::move(s));
}

// Shifts keep the length, filling with zeros; a negative count shifts the
// other way.
Value Shift(const std::string& s, int64_t left) {
  const auto n = static_cast<int64_t>(s.size());
  std::string out(s.size(), '0');
  if (left >= 0) {
    if (left < n) std::copy(s.begin() + left, s.end(), out.begin());
  } else if (-left < n) {
    std::copy(s.begin(), s.end() + left, out.begin() - left);
  }
  return B(std::move(out));
}
Value ShiftLeft(Args a) { return Shift(a[0].string_value(), a[1].int_value()); }
Value ShiftRight(Args a) { return Shift(a[0].string_value(), -a[1].int_value()); }

Value BitCat(Args a) {
  return Value::String(kVarbit, a[0].string_value() + a[1].string_value());
}

Value BitLength(Args a) { return Value::Int4(static_cast<int64_t>(a[0].string_value().size())); }
Value BitOctetLength(Args a) {
  return Value::Int4(static_cast<int64_t>((a[0].string_value().size() + 7) / 8));
}

// bitsubstring(): 1-based start, optional length.
std::string Substring(const std::string& s, int64_t start, bool has_length, int64_t length) {
  const auto len = static_cast<int64_t>(s.size());
  const int64_t first = std::max<int64_t>(start, 1);
  int64_t end = len + 1;
  if (has_length) {
    if (length < 0) {
      throw SqlError(SqlState::kSubstringError, "negative substring length not allowed");
    }
    end = std::min(start + length, len + 1);
  }
  if (first > len || end <= first) return "";
  return s.substr(static_cast<size_t>(first - 1), static_cast<size_t>(end - first));
}
Value BitSubstr(Args a) {
  return B(Substring(a[0].string_value(), a[1].int_value(), true, a[2].int_value()));
}
Value BitSubstrNoLen(Args a) {
  return B(Substring(a[0].string_value(), a[1].int_value(), false, 0));
}

// bitoverlay(t1, t2, from, for): t1's bits before `from`, t2, then t1's bits
// from `from + for` on.
Value Overlay(const std::string& t1, const std::string& t2, int64_t from, int64_t count) {
  if (from <= 0) {
    throw SqlError(SqlState::kSubstringError, "negative substring length not allowed");
  }
  const int64_t rest = from + count;
  if (rest > INT32_MAX || rest < INT32_MIN) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "integer out of range");
  }
  return B(Substring(t1, 1, true, from - 1) + t2 + Substring(t1, rest, false, 0));
}
Value BitOverlay(Args a) {
  return Overlay(a[0].string_value(), a[1].string_value(), a[2].int_value(), a[3].int_value());
}
Value BitOverlayNoLen(Args a) {
  const std::string& t2 = a[1].string_value();
  return Overlay(a[0].string_value(), t2, a[2].int_value(), static_cast<int64_t>(t2.size()));
}

// bitposition(string, substring): 1-based, 0 if absent; an empty substring
// is found at 1 unless the string is empty too.
Value BitPosition(Args a) {
  const std::string& str = a[0].string_value();
  const std::string& sub = a[1].string_value();
  if (str.empty() || sub.size() > str.size()) return Value::Int4(0);
  if (sub.empty()) return Value::Int4(1);
  const size_t at = str.find(sub);
  return Value::Int4(at == std::string::npos ? 0 : static_cast<int64_t>(at) + 1);
}

void CheckBitIndex(const std::string& s, int64_t n) {
  if (n < 0 || n >= static_cast<int64_t>(s.size())) {
    throw SqlError(SqlState::kArraySubscriptError,
                   "bit index " + std::to_string(n) + " out of valid range (0.." +
                       std::to_string(static_cast<int64_t>(s.size()) - 1) + ")");
  }
}
Value BitGetBit(Args a) {
  const std::string& s = a[0].string_value();
  const int64_t n = a[1].int_value();
  CheckBitIndex(s, n);
  return Value::Int4(s[static_cast<size_t>(n)] == '1' ? 1 : 0);
}
Value BitSetBit(Args a) {
  std::string s = a[0].string_value();
  const int64_t n = a[1].int_value();
  CheckBitIndex(s, n);
  const int64_t bit = a[2].int_value();
  if (bit != 0 && bit != 1) {
    throw SqlError(SqlState::kInvalidParameterValue, "new bit must be 0 or 1");
  }
  s[static_cast<size_t>(n)] = bit == 1 ? '1' : '0';
  return B(std::move(s));
}
Value BitCount(Args a) {
  const std::string& s = a[0].string_value();
  return Value::Int8(static_cast<int64_t>(std::count(s.begin(), s.end(), '1')));
}

constexpr BuiltinFunction kFunctions[] = {
    {"biteq", CompareOrdered<Comparison::kEq>},
    {"bitne", CompareOrdered<Comparison::kNe>},
    {"bitlt", CompareOrdered<Comparison::kLt>},
    {"bitle", CompareOrdered<Comparison::kLe>},
    {"bitgt", CompareOrdered<Comparison::kGt>},
    {"bitge", CompareOrdered<Comparison::kGe>},
    {"varbiteq", CompareOrdered<Comparison::kEq>},
    {"varbitne", CompareOrdered<Comparison::kNe>},
    {"varbitlt", CompareOrdered<Comparison::kLt>},
    {"varbitle", CompareOrdered<Comparison::kLe>},
    {"varbitgt", CompareOrdered<Comparison::kGt>},
    {"varbitge", CompareOrdered<Comparison::kGe>},
    {"bitand", Bitwise<Op::kAnd>}, {"bitor", Bitwise<Op::kOr>}, {"bitxor", Bitwise<Op::kXor>},
    {"bitnot", BitNot},          {"bitshiftleft", ShiftLeft}, {"bitshiftright", ShiftRight},
    {"bitcat", BitCat},          {"bitlength", BitLength},    {"bitoctetlength", BitOctetLength},
    {"bitsubstr", BitSubstr},    {"bitsubstr_no_len", BitSubstrNoLen},
    {"bitoverlay", BitOverlay},  {"bitoverlay_no_len", BitOverlayNoLen},
    {"bitposition", BitPosition}, {"bitgetbit", BitGetBit},   {"bitsetbit", BitSetBit},
    {"bit_bit_count", BitCount},
};

constexpr Oid kInt4 = type_oid::kInt4;

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}
const SqlFunctionRow kRows[] = {
    {"overlay", ARGS(kBit, kBit, kInt4, kInt4), 4, kBit, "bitoverlay", nullptr},
    {"overlay", ARGS(kBit, kBit, kInt4), 3, kBit, "bitoverlay_no_len", nullptr},
    {"get_bit", ARGS(kBit, kInt4), 2, kInt4, "bitgetbit", nullptr},
    {"set_bit", ARGS(kBit, kInt4, kInt4), 3, kBit, "bitsetbit", nullptr},
    {"bit_count", ARGS(kBit), 1, type_oid::kInt8, "bit_bit_count", nullptr},
};
#undef ARGS

}  // namespace

std::span<const BuiltinFunction> BitFunctions() { return kFunctions; }

std::span<const SqlFunction> BitSqlFunctions() {
  static const std::vector<SqlFunction> functions = SqlFunctionsFromRows(kRows);
  return functions;
}

}  // namespace strata::sql
