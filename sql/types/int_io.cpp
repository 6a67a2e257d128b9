// Integer input (int2in, int4in, int8in) with PostgreSQL 15's syntax: optional
// surrounding whitespace and sign, decimal digits only.
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>

#include "common/sql_error.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)); }

struct IntRange {
  int64_t min;
  int64_t max;
};

IntRange RangeOf(Oid type) {
  switch (type) {
    case type_oid::kInt2:
      return {std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()};
    case type_oid::kInt4:
      return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
    default:
      return {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  }
}

}  // namespace

std::string_view IntegerTypeName(Oid type) {
  switch (type) {
    case type_oid::kInt2:
      return "smallint";
    case type_oid::kInt4:
      return "integer";
    default:
      return "bigint";
  }
}

int64_t ParseInteger(Oid type, std::string_view text) {
  auto invalid = [&]() {
    return SqlError(SqlState::kInvalidTextRepresentation, "invalid input syntax for type " +
                                                              std::string(IntegerTypeName(type)) +
                                                              ": \"" + std::string(text) + "\"");
  };
  auto out_of_range = [&]() {
    return SqlError(SqlState::kNumericValueOutOfRange, "value \"" + std::string(text) +
                                                           "\" is out of range for type " +
                                                           std::string(IntegerTypeName(type)));
  };
  const IntRange range = RangeOf(type);
  size_t pos = 0;
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  if (pos >= text.size() || !std::isdigit(static_cast<unsigned char>(text[pos]))) {
    throw invalid();
  }
  // Accumulate as a negative number so the minimum value fits.
  int64_t value = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    const int digit = text[pos] - '0';
    if (value < (range.min + digit) / 10) throw out_of_range();
    value = value * 10 - digit;
    ++pos;
  }
  while (pos < text.size() && IsSpace(text[pos])) ++pos;
  if (pos != text.size()) throw invalid();
  if (!negative) {
    if (value < -range.max) throw out_of_range();
    value = -value;
  }
  return value;
}

}  // namespace strata::sql
