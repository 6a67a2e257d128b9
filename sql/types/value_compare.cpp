// Generic value ordering (see value_compare.h).
#include "sql/types/value_compare.h"

#include <cmath>
#include <string>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/json/jsonb.h"
#include "sql/types/array_value.h"
#include "sql/types/range_value.h"
#include "sql/types/record_value.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

int Sign(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

std::string_view RTrimSpaces(const std::string& s) {
  const size_t end = s.find_last_not_of(' ');
  return end == std::string::npos ? std::string_view() : std::string_view(s).substr(0, end + 1);
}

int CompareArrays(const ArrayValue& a, const ArrayValue& b) {
  const size_t n = std::min(a.elements.size(), b.elements.size());
  for (size_t i = 0; i < n; ++i) {
    const Value& x = a.elements[i];
    const Value& y = b.elements[i];
    if (x.is_null() || y.is_null()) {
      if (x.is_null() && y.is_null()) continue;
      return x.is_null() ? 1 : -1;  // NULLs sort after non-NULLs
    }
    const int c = CompareValues(x, y);
    if (c != 0) return c;
  }
  // Same data up to the shorter one: fewer dimensions, then fewer elements,
  // then the lower bound decide.
  const int ndims_a = a.elements.empty() ? 0 : 1;
  const int ndims_b = b.elements.empty() ? 0 : 1;
  if (ndims_a != ndims_b) return ndims_a < ndims_b ? -1 : 1;
  if (a.elements.size() != b.elements.size()) return a.elements.size() < b.elements.size() ? -1 : 1;
  if (a.lower_bound != b.lower_bound) return a.lower_bound < b.lower_bound ? -1 : 1;
  return 0;
}

// Types whose values compare by the same payload order: the integer types
// (one int64 payload), text and varchar. Records built by ROW(...) may
// pair them (ROW(1, 2) IN (ROW(1, 2::int8))).
bool SamePayloadOrder(Oid a, Oid b) {
  const auto integer = [](Oid t) {
    return t == type_oid::kInt2 || t == type_oid::kInt4 || t == type_oid::kInt8;
  };
  const auto text = [](Oid t) { return t == type_oid::kText || t == type_oid::kVarchar; };
  return (integer(a) && integer(b)) || (text(a) && text(b));
}

// record_cmp: field by field, a NULL field after any value (two NULLs
// equal); records of different lengths cannot be compared.
int CompareRecords(const Value& a, const Value& b) {
  const std::vector<Value>& x = a.record_value().fields;
  const std::vector<Value>& y = b.record_value().fields;
  const size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    if (x[i].is_null() || y[i].is_null()) {
      if (x[i].is_null() && y[i].is_null()) continue;
      return x[i].is_null() ? 1 : -1;
    }
    if (x[i].type() != y[i].type() && !SamePayloadOrder(x[i].type(), y[i].type())) {
      throw SqlError(SqlState::kDatatypeMismatch,
                     "cannot compare dissimilar column types " + FormatTypeName(x[i].type()) +
                         " and " + FormatTypeName(y[i].type()) + " at record column " +
                         std::to_string(i + 1));
    }
    const int c = CompareValues(x[i], y[i]);
    if (c != 0) return c;
  }
  if (x.size() != y.size()) {
    throw SqlError(SqlState::kDatatypeMismatch,
                   "cannot compare record types with different numbers of columns");
  }
  return 0;
}

}  // namespace

int CompareValues(const Value& a, const Value& b) {
  const Oid type = a.type();
  switch (type) {
    case type_oid::kBool:
      return static_cast<int>(a.bool_value()) - static_cast<int>(b.bool_value());
    case type_oid::kInt2:
    case type_oid::kInt4:
    case type_oid::kInt8:
    case type_oid::kOid:  // and the reg* types (below): unsigned, held in int64
    case 24:
    case 2205:
    case 2206:
    case 4089:
    case 4096:
    case type_oid::kDate:  // and the datetime types: ordered int64 payloads
    case type_oid::kTime:
    case type_oid::kTimestamp:
    case type_oid::kTimestampTz:
      return a.int_value() < b.int_value() ? -1 : (a.int_value() > b.int_value() ? 1 : 0);
    case type_oid::kFloat4:
    case type_oid::kFloat8: {
      const double x = a.float_value();
      const double y = b.float_value();
      if (std::isnan(x)) return std::isnan(y) ? 0 : 1;
      if (std::isnan(y)) return -1;
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case type_oid::kNumeric:
      return Sign(a.numeric_value().Compare(b.numeric_value()));
    case type_oid::kBpchar:
      return Sign(RTrimSpaces(a.string_value()).compare(RTrimSpaces(b.string_value())));
    case type_oid::kJsonb:
      return Sign(json::CompareJsonb(json::ParseJsonb(a.string_value()),
                                     json::ParseJsonb(b.string_value())));
    case type_oid::kJson:
      throw SqlError(SqlState::kUndefinedFunction,
                     "could not identify a comparison function for type json");
    case type_oid::kText:
    case type_oid::kVarchar:
    case type_oid::kName:  // name_lt etc. compare with the C collation
    case type_oid::kChar:  // charlt: unsigned bytes
    case type_oid::kBytea:
    case type_oid::kUuid:
    case 869:  // inet, cidr, macaddr, macaddr8: payloads order by bytes (network_types.h)
    case 650:
    case 829:
    case 774:
    case 1560:  // bit, varbit: payload order is bitcmp's (bit_string.h)
    case 1562:
    case type_oid::kUnknown:
      return Sign(a.string_value().compare(b.string_value()));
    case 600:  // point, lseg, path, box, polygon, line, circle: no btree opclass
    case 601:
    case 602:
    case 603:
    case 604:
    case 628:
    case 718:
      throw SqlError(SqlState::kUndefinedFunction,
                     "could not identify an ordering operator for type " + FormatTypeName(type));
    default:
      if (a.is_record() && b.is_record()) return CompareRecords(a, b);
      if (IsArrayType(type)) return CompareArrays(a.array_value(), b.array_value());
      if (IsRangeType(type)) return CompareRanges(a.range_value(), b.range_value());
      if (IsMultirangeType(type)) {
        return CompareMultiranges(a.multirange_value(), b.multirange_value());
      }
      if (IsEnumType(type)) return CompareEnumLabels(type, a.string_value(), b.string_value());
      throw SqlError(SqlState::kFeatureNotSupported,
                     "comparison of type " + FormatTypeName(type) + " is not supported yet");
  }
}

bool ArraysEqual(const Value& a, const Value& b) {
  const ArrayValue& x = a.array_value();
  const ArrayValue& y = b.array_value();
  if (x.elements.size() != y.elements.size()) return false;
  if (!x.elements.empty() && x.lower_bound != y.lower_bound) return false;
  for (size_t i = 0; i < x.elements.size(); ++i) {
    const Value& e = x.elements[i];
    const Value& f = y.elements[i];
    if (e.is_null() || f.is_null()) {
      if (e.is_null() != f.is_null()) return false;
      continue;
    }
    if (e.type() == type_oid::kJson) {
      throw SqlError(SqlState::kUndefinedFunction,
                     "could not identify an equality operator for type json");
    }
    if (CompareValues(e, f) != 0) return false;
  }
  return true;
}

}  // namespace strata::sql
