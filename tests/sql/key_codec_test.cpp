// Key codec: memcmp order of encoded keys must equal PostgreSQL's ORDER BY
// order. Randomized (fixed seeds) property tests check it against a reference
// comparison written from PostgreSQL's comparison functions (btboolcmp,
// btint*cmp, float8_cmp_internal, numeric_cmp, varstr_cmp in the C collation,
// byteacmp), and fixtures whose ranks were printed by PostgreSQL 15
// (dense_rank() over (order by ...)) check that reference on the tricky cases.
#include "sql/storage_format/key_codec.h"

#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/slice.h"
#include "common/sql_error.h"
#include "sql/types/range_value.h"
#include "sql/types/type_io.h"
#include "sql/types/value_compare.h"

namespace strata::sql {
namespace {

// ---------------------------------------------------------------------------
// Reference comparison (PostgreSQL semantics), helpers.

int Sign(int64_t v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

// float8_cmp_internal: NaN equals NaN and sorts above everything.
int CompareFloat(double a, double b) {
  if (std::isnan(a)) return std::isnan(b) ? 0 : 1;
  if (std::isnan(b)) return -1;
  return a < b ? -1 : (a > b ? 1 : 0);
}

// varstr_cmp in the C collation and byteacmp: memcmp, then length.
int CompareBytes(const std::string& a, const std::string& b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return Sign(c);
  return Sign(static_cast<int64_t>(a.size()) - static_cast<int64_t>(b.size()));
}

// Compares two non-NULL values of a storage type.
int CompareDatum(StorageType type, const Value& a, const Value& b) {
  switch (type) {
    case StorageType::kBool:
      return Sign(static_cast<int>(a.bool_value()) - static_cast<int>(b.bool_value()));
    case StorageType::kInt2:
    case StorageType::kInt4:
    case StorageType::kInt8:
      return a.int_value() < b.int_value() ? -1 : (a.int_value() > b.int_value() ? 1 : 0);
    case StorageType::kFloat4:
    case StorageType::kFloat8:
      return CompareFloat(a.float_value(), b.float_value());
    case StorageType::kNumeric:
      return Sign(a.numeric_value().Compare(b.numeric_value()));
    case StorageType::kBytes:
      return CompareBytes(a.string_value(), b.string_value());
    case StorageType::kArray:  // never a key column
      break;
    case StorageType::kRange:  // range_cmp / multirange_cmp
      return Sign(CompareValues(a, b));
    case StorageType::kInterval:  // interval_cmp: 30-day months, 24-hour days
      return datetime::CompareIntervals(a.interval_value(), b.interval_value());
  }
  return 0;
}

// ORDER BY comparison of one column with its direction and NULLS placement.
int CompareColumn(const KeyColumn& column, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    return a.is_null() == column.nulls_first ? -1 : 1;
  }
  const int c = CompareDatum(column.storage, a, b);
  return column.descending ? -c : c;
}

// Tuples of possibly different lengths: a proper prefix sorts first (as its
// encoding, a prefix of the longer one's, does).
int CompareTuple(const std::vector<KeyColumn>& columns, const std::vector<Value>& a,
                 const std::vector<Value>& b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const int c = CompareColumn(columns[i], a[i], b[i]);
    if (c != 0) return c;
  }
  return Sign(static_cast<int64_t>(a.size()) - static_cast<int64_t>(b.size()));
}

int CompareKeys(const std::string& a, const std::string& b) { return Sign(Compare(a, b)); }

std::string Hex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (char c : bytes) {
    out += kDigits[static_cast<uint8_t>(c) >> 4];
    out += kDigits[static_cast<uint8_t>(c) & 15];
    out += ' ';
  }
  if (!out.empty()) out.pop_back();
  return out;
}

std::string FromHex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

std::string Describe(const Value& v) {
  if (v.is_null()) return "NULL";
  switch (RequireStorageType(v.type())) {
    case StorageType::kBytes:
      return "bytes[" + Hex(v.string_value()) + "]";
    case StorageType::kFloat4:
    case StorageType::kFloat8: {
      std::ostringstream s;
      s.precision(17);
      s << v.float_value() << " (bits " << std::hex << std::bit_cast<uint64_t>(v.float_value())
        << ")";
      return s.str();
    }
    case StorageType::kInt4:
    case StorageType::kInt8:
      return std::to_string(v.int_value());
    case StorageType::kInterval: {
      const Interval& iv = v.interval_value();
      return "interval(" + std::to_string(iv.month) + "," + std::to_string(iv.day) + "," +
             std::to_string(iv.time) + ")";
    }
    default:
      return OutputValue(v);
  }
}

std::string Describe(const std::vector<Value>& tuple) {
  std::string out = "(";
  for (size_t i = 0; i < tuple.size(); ++i) out += (i ? ", " : "") + Describe(tuple[i]);
  return out + ")";
}

std::string Key(const KeyColumn& column, const Value& v) {
  std::string key;
  AppendKeyDatum(column, v, &key);
  return key;
}

// ---------------------------------------------------------------------------
// Random values, biased toward edge cases and ties.

class ValueGen {
 public:
  explicit ValueGen(uint64_t seed) : rng_(seed) {}

  uint64_t Uniform(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
  bool OneIn(uint64_t n) { return Uniform(n) == 0; }

  Value Make(Oid type) {
    switch (RequireStorageType(type)) {
      case StorageType::kBool:
        return Value::Bool(OneIn(2));
      case StorageType::kInt2:
        return Value::Int2(
            Int(std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()));
      case StorageType::kInt4:  // int4, date
        return Value::Integer(
            type, Int(std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
      case StorageType::kInt8:  // int8, time, timestamp, timestamptz
        return Value::Integer(
            type, Int(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()));
      case StorageType::kInterval: {
        // Small fields make ties across representations ('1 mon' = '30 days').
        if (OneIn(2)) {
          return Value::FromInterval(Interval{static_cast<int64_t>(Int(-3, 3)) *
                                                  datetime::kUsecsPerDay,
                                              static_cast<int32_t>(Int(-40, 40)),
                                              static_cast<int32_t>(Int(-2, 2))});
        }
        return Value::FromInterval(
            Interval{Int(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()),
                     static_cast<int32_t>(Int(std::numeric_limits<int32_t>::min(),
                                              std::numeric_limits<int32_t>::max())),
                     static_cast<int32_t>(Int(std::numeric_limits<int32_t>::min(),
                                              std::numeric_limits<int32_t>::max()))});
      }
      case StorageType::kFloat4:
        return Value::Float4(Float4());
      case StorageType::kFloat8:
        return Value::Float8(Float8());
      case StorageType::kNumeric:
        return Value::FromNumeric(MakeNumeric());
      case StorageType::kBytes:
        return Value::String(type, Bytes());
      case StorageType::kArray:  // never a key column
        break;
      case StorageType::kRange: {  // small bounds: many ties, every flag combination
        if (IsMultirangeType(type)) {
          std::vector<RangeValue> ranges;
          for (uint64_t n = Uniform(4); n > 0; --n) {
            ranges.push_back(Make(FindRangeType(type)->range).range_value());
          }
          return MakeMultirange(type, std::move(ranges));
        }
        const Oid sub = FindRangeType(type)->subtype;
        auto bound = [&]() -> Value {
          if (OneIn(5)) return Value::Null(sub);
          const int64_t x = static_cast<int64_t>(Uniform(7)) - 3;
          if (sub == type_oid::kNumeric) {
            return Value::FromNumeric(Numeric::Parse(std::to_string(x) + (OneIn(2) ? ".50" : ".5")));
          }
          return Value::Integer(sub, x);
        };
        Value lo = bound();
        Value hi = bound();
        if (!lo.is_null() && !hi.is_null() && CompareValues(lo, hi) > 0) std::swap(lo, hi);
        return MakeRange(type, lo, hi, OneIn(2), OneIn(2));
      }
    }
    return Value();
  }

 private:
  int64_t Int(int64_t min, int64_t max) {
    switch (Uniform(6)) {
      case 0: {
        const int64_t edges[] = {min, max, min + 1, max - 1, -1, 0, 1};
        return edges[Uniform(7)];
      }
      case 1:
        return static_cast<int64_t>(Uniform(7)) - 3;
      case 2: {  // random magnitude
        const int bits = static_cast<int>(Uniform(63));
        int64_t v = static_cast<int64_t>(Uniform(uint64_t{1} << bits));
        v = std::clamp<int64_t>(OneIn(2) ? -v : v, min, max);
        return v;
      }
      default:
        return std::uniform_int_distribution<int64_t>(min, max)(rng_);
    }
  }

  double Float8() {
    switch (Uniform(5)) {
      case 0: {
        const double specials[] = {
            std::numeric_limits<double>::quiet_NaN(),
            -std::numeric_limits<double>::quiet_NaN(),
            std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(),
            0.0,
            -0.0,
            std::numeric_limits<double>::denorm_min(),
            -std::numeric_limits<double>::denorm_min(),
            std::numeric_limits<double>::min(),
            -std::numeric_limits<double>::min(),
            std::numeric_limits<double>::max(),
            -std::numeric_limits<double>::max(),
            1.0,
            -1.0,
            std::bit_cast<double>(uint64_t{0x7FF0000000000001}),  // signaling NaN
            std::bit_cast<double>(uint64_t{0xFFF8000000000123}),  // negative NaN, payload
        };
        return specials[Uniform(std::size(specials))];
      }
      case 1:  // any bit pattern: NaN payloads, denormals, ...
        return std::bit_cast<double>(static_cast<uint64_t>(rng_()));
      case 2:
        return static_cast<double>(static_cast<int64_t>(Uniform(21)) - 10) / 4;
      default:
        return std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng_),
                          static_cast<int>(Uniform(200)) - 100);
    }
  }

  float Float4() {
    switch (Uniform(4)) {
      case 0: {  // specials; beyond float's range becomes infinity, tiny ones 0
        const double d = Float8();
        if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) {
          return std::copysign(std::numeric_limits<float>::infinity(),
                               static_cast<float>(d > 0 ? 1 : -1));
        }
        return static_cast<float>(d);
      }
      case 1:
        return std::bit_cast<float>(static_cast<uint32_t>(rng_()));
      case 2:
        return static_cast<float>(static_cast<int64_t>(Uniform(21)) - 10) / 4;
      default:
        return std::ldexp(std::uniform_real_distribution<float>(-1, 1)(rng_),
                          static_cast<int>(Uniform(60)) - 30);
    }
  }

  // Digits drawn mostly from a small alphabet so values share long prefixes,
  // differ only in their last digit, or only in scale.
  std::string Digits(size_t n) {
    static const char kSmall[] = "0019";
    std::string s;
    for (size_t i = 0; i < n; ++i) {
      s += OneIn(3) ? static_cast<char>('0' + Uniform(10)) : kSmall[Uniform(4)];
    }
    return s;
  }

  Numeric MakeNumeric() {
    switch (Uniform(12)) {
      case 0:
        return Numeric::NaN();
      case 1:
        return Numeric::Infinity(OneIn(2));
      case 2:
        return Numeric::Parse(OneIn(2) ? "0" : "-0.000");
      default:
        break;
    }
    std::string text = OneIn(2) ? "-" : "";
    text += Digits(Uniform(12));
    text += ".";
    text += Digits(Uniform(12));
    if (text.back() == '.' && (text.size() == 1 || text[text.size() - 2] == '-')) text += "0";
    if (OneIn(4)) {
      text += "e" + std::to_string(static_cast<int64_t>(Uniform(401)) - 200);
    }
    return Numeric::Parse(text);
  }

  std::string Bytes() {
    static const char kSmall[] = {'\0', '\x01', '\xFE', '\xFF', 'a', 'b'};
    std::string s;
    const size_t n = Uniform(4) == 0 ? Uniform(40) : Uniform(6);
    for (size_t i = 0; i < n; ++i) {
      s += OneIn(4) ? static_cast<char>(Uniform(256)) : kSmall[Uniform(6)];
    }
    return s;
  }

  std::mt19937_64 rng_;
};

const Oid kAllTypes[] = {type_oid::kBool,    type_oid::kInt2,   type_oid::kInt4,    type_oid::kInt8,
                         type_oid::kFloat4,  type_oid::kFloat8, type_oid::kNumeric, type_oid::kText,
                         type_oid::kVarchar, type_oid::kBytea,  type_oid::kDate,
                         type_oid::kTimestamp, type_oid::kInterval,
                         range_oid::kInt4Range, range_oid::kNumRange, range_oid::kInt4Multirange};

std::vector<KeyColumn> AllOrders(Oid type) {
  return {KeyColumn(type), KeyColumn(type, SortDirection::kDescending),
          KeyColumn(type, SortDirection::kAscending, NullsOrder::kFirst),
          KeyColumn(type, SortDirection::kDescending, NullsOrder::kLast)};
}

std::string OrderName(const KeyColumn& c) {
  return std::string(c.descending ? "DESC" : "ASC") +
         (c.nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

// Whether a decoded value is the encoded one (exactly, or as far as the key
// keeps it: numerics lose display scale, floats -0 and NaN payloads).
bool SameDecoded(const Value& original, const Value& decoded) {
  if (original.is_null() || decoded.is_null()) return original.is_null() && decoded.is_null();
  if (original.type() != decoded.type()) return false;
  switch (RequireStorageType(original.type())) {
    case StorageType::kBool:
      return original.bool_value() == decoded.bool_value();
    case StorageType::kInt2:
    case StorageType::kInt4:
    case StorageType::kInt8:
      return original.int_value() == decoded.int_value();
    case StorageType::kFloat4:
    case StorageType::kFloat8: {
      const double o = original.float_value();
      const double d = decoded.float_value();
      if (std::isnan(o)) return std::isnan(d);
      if (o == 0) return d == 0 && !std::signbit(d);
      return std::bit_cast<uint64_t>(o) == std::bit_cast<uint64_t>(d);
    }
    case StorageType::kNumeric: {
      const Numeric& o = original.numeric_value();
      const Numeric& d = decoded.numeric_value();
      // Equal, and printed as the original with trailing fraction zeros cut.
      if (o.Compare(d) != 0) return false;
      if (!o.is_finite()) return o.ToString() == d.ToString();
      std::string text = o.ToString();
      if (text.find('.') != std::string::npos) {
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
      }
      return d.ToString() == text;
    }
    case StorageType::kBytes:
      return original.string_value() == decoded.string_value();
    case StorageType::kArray:  // never a key column
      break;
    case StorageType::kRange:  // numrange bounds lose their display scale
      return CompareValues(original, decoded) == 0 &&
             (FindRangeType(original.type())->subtype != type_oid::kInt4 ||
              OutputValue(original) == OutputValue(decoded));
    case StorageType::kInterval:  // lossy: equal as interval_cmp sees it
      return datetime::CompareIntervals(original.interval_value(), decoded.interval_value()) == 0;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Byte format: pinned, since it is on disk.

TEST_CASE("key codec writes the documented bytes", "[key_codec]") {
  const KeyColumn asc(type_oid::kInt4);
  const KeyColumn desc(type_oid::kInt4, SortDirection::kDescending);
  CHECK(Hex(Key(asc, Value::Int4(1))) == "01 80 00 00 01");
  CHECK(Hex(Key(asc, Value::Int4(-1))) == "01 7f ff ff ff");
  CHECK(Hex(Key(desc, Value::Int4(1))) == "fe 7f ff ff fe");
  CHECK(Hex(Key(asc, Value::Null(type_oid::kInt4))) == "02");   // ASC NULLS LAST
  CHECK(Hex(Key(desc, Value::Null(type_oid::kInt4))) == "fd");  // DESC NULLS FIRST
  CHECK(Hex(Key(KeyColumn(type_oid::kInt4, SortDirection::kAscending, NullsOrder::kFirst),
                Value::Null(type_oid::kInt4))) == "00");
  CHECK(Hex(Key(KeyColumn(type_oid::kInt4, SortDirection::kDescending, NullsOrder::kLast),
                Value::Null(type_oid::kInt4))) == "ff");
  CHECK(Hex(Key(KeyColumn(type_oid::kInt2), Value::Int2(-32768))) == "01 00 00");
  CHECK(Hex(Key(KeyColumn(type_oid::kInt8), Value::Int8(0))) == "01 80 00 00 00 00 00 00 00");
  CHECK(Hex(Key(KeyColumn(type_oid::kBool), Value::Bool(true))) == "01 01");
  CHECK(Hex(Key(KeyColumn(type_oid::kFloat8), Value::Float8(1.0))) == "01 bf f0 00 00 00 00 00 00");
  CHECK(Hex(Key(KeyColumn(type_oid::kFloat8), Value::Float8(-0.0))) ==
        "01 80 00 00 00 00 00 00 00");
  CHECK(Hex(Key(KeyColumn(type_oid::kFloat4), Value::Float4(-2.0f))) == "01 3f ff ff ff");
  CHECK(Hex(Key(KeyColumn(type_oid::kFloat4), Value::Float4(std::nanf("")))) == "01 ff c0 00 00");
  const KeyColumn text(type_oid::kText);
  CHECK(Hex(Key(text, Value::Text(""))) == "01 00 01");
  CHECK(Hex(Key(text, Value::Text(std::string("a\0b", 3)))) == "01 61 00 ff 62 00 01");
  CHECK(Hex(Key(KeyColumn(type_oid::kText, SortDirection::kDescending), Value::Text("a"))) ==
        "fe 9e ff fe");
  const KeyColumn num(type_oid::kNumeric);
  auto nkey = [&](const char* s) { return Hex(Key(num, Value::FromNumeric(Numeric::Parse(s)))); };
  CHECK(nkey("1") == "01 20 80 00 01 01 00");
  CHECK(nkey("1.00") == "01 20 80 00 01 01 00");
  CHECK(nkey("-1") == "01 10 7f ff fe fe ff");
  CHECK(nkey("12345.6789") == "01 20 80 01 01 01 0a 29 1b 85 00");  // digits 1, 2345, 6789
  CHECK(nkey("0.0001") == "01 20 7f ff 01 01 00");
  CHECK(nkey("0") == "01 18");
  CHECK(nkey("NaN") == "01 30");
  CHECK(nkey("Infinity") == "01 28");
  CHECK(nkey("-Infinity") == "01 08");
  // Ranges: flag byte, then each bound as the subtype's column (an infinite
  // one as its NULL marker) plus an inclusivity byte.
  auto rkey = [&](Oid type, const char* text, SortDirection dir = SortDirection::kAscending) {
    return Hex(Key(KeyColumn(type, dir), InputValue(type, text)));
  };
  CHECK(rkey(range_oid::kInt4Range, "empty") == "01 00");
  CHECK(rkey(range_oid::kInt4Range, "[1,3)") == "01 01 01 80 00 00 01 00 01 80 00 00 03 00");
  CHECK(rkey(range_oid::kInt4Range, "(,3]") == "01 01 00 01 80 00 00 04 00");
  CHECK(rkey(range_oid::kNumRange, "(1.0,)") == "01 01 01 20 80 00 01 01 00 01 02");
  CHECK(rkey(range_oid::kInt4Range, "empty", SortDirection::kDescending) == "fe ff");
  CHECK(rkey(range_oid::kInt4Multirange, "{}") == "01 00");
  CHECK(rkey(range_oid::kInt4Multirange, "{(,)}") == "01 01 01 00 02 00");
  std::string row_id;
  AppendRowIdKey(0x0102030405060708, &row_id);
  CHECK(Hex(row_id) == "01 02 03 04 05 06 07 08");
}

// ---------------------------------------------------------------------------
// Order fixtures from PostgreSQL 15 (locale C, server_encoding SQL_ASCII).

struct Ranked {
  int rank;
  const char* text;
};

// select dense_rank() over (order by v), s from n order by 1, 2
// where v = s::numeric.
const Ranked kNumericOrder[] = {
    {1, "-Infinity"},
    {2, "-1e131071"},
    {3, "-1e100"},
    {4, "-123456789012345678901234567890"},
    {5, "-12345.67891"},
    {6, "-12345.6789"},
    {7, "-12345.678"},
    {8, "-100"},
    {9, "-99.99"},
    {10, "-5"},
    {11, "-2"},
    {12, "-1.0001"},
    {13, "-1.00000000000000000002"},
    {14, "-1.00000000000000000001"},
    {15, "-1"},
    {15, "-1.000"},
    {16, "-0.9999"},
    {17, "-0.50001"},
    {18, "-0.5"},
    {19, "-0.49999"},
    {20, "-1e-100"},
    {21, "-1e-16383"},
    {22, "-0.000"},
    {22, "0"},
    {22, "0.0"},
    {23, "1e-16383"},
    {24, "1e-100"},
    {25, "0.00001"},
    {26, "5e-5"},
    {27, "0.00009999"},
    {28, "0.0001"},
    {28, "0.000100"},
    {29, "0.001234"},
    {30, "0.01"},
    {31, "0.01234"},
    {32, "0.1"},
    {33, "0.1234"},
    {34, "0.49999"},
    {35, "0.5"},
    {36, "0.50001"},
    {37, "0.9999"},
    {38, "1"},
    {38, "1.0"},
    {38, "1.00"},
    {39, "1.00000000000000000001"},
    {40, "1.00000000000000000002"},
    {41, "1.0001"},
    {42, "1.99999999999999999999999999999999"},
    {43, "2"},
    {44, "2.000000000000000000000000000000000001"},
    {45, "5"},
    {46, "99.99"},
    {47, "100"},
    {48, "100.01"},
    {49, "1000"},
    {50, "1234"},
    {51, "9999"},
    {52, "9999.9999"},
    {53, "9999.99999999"},
    {54, "10000"},
    {55, "10000.0001"},
    {56, "10001"},
    {57, "12340"},
    {58, "12345.678"},
    {59, "12345.6789"},
    {60, "12345.67891"},
    {61, "50000"},
    {62, "123400"},
    {63, "99999999"},
    {64, "100000000"},
    {65, "123456789012345678901234567890"},
    {66, "123456789012345678901234567891"},
    {67, "1e100"},
    {68, "1e131071"},
    {69, "Infinity"},
    {70, "NaN"},
};

// select dense_rank() over (order by x::float8), x from unnest(array[...]) x
const Ranked kFloat8Order[] = {
    {1, "-Infinity"},
    {2, "-1.7976931348623157e308"},
    {3, "-1e10"},
    {4, "-123456789"},
    {5, "-1.0000000000000002"},
    {6, "-1"},
    {7, "-0.1"},
    {8, "-1e-40"},
    {9, "-2.2250738585072014e-308"},
    {10, "-4.9e-324"},
    {11, "-0"},
    {11, "0"},
    {12, "4.9e-324"},
    {13, "1e-308"},
    {14, "2.2250738585072014e-308"},
    {15, "1e-40"},
    {16, "0.1"},
    {17, "0.5"},
    {18, "0.9999999999999999"},
    {19, "1"},
    {20, "1.0000000000000002"},
    {21, "100"},
    {22, "123456789"},
    {23, "1e10"},
    {24, "3.4028235e38"},
    {25, "1.7976931348623157e308"},
    {26, "Infinity"},
    {27, "-nan"},
    {27, "NaN"},
};

// The same over x::float4.
const Ranked kFloat4Order[] = {
    {1, "-Infinity"},
    {2, "-3.4028235e38"},
    {3, "-1e10"},
    {4, "-123456789"},
    {5, "-1.0000001"},
    {6, "-1"},
    {7, "-0.1"},
    {8, "-1e-40"},
    {9, "-1.4e-45"},
    {10, "-0"},
    {10, "0"},
    {11, "1.4e-45"},
    {12, "1e-40"},
    {13, "1e-38"},
    {14, "1.17549435e-38"},
    {15, "0.1"},
    {16, "0.5"},
    {17, "0.99999994"},
    {18, "1"},
    {19, "1.0000001"},
    {20, "100"},
    {21, "123456789"},
    {22, "1e10"},
    {23, "3.4028235e38"},
    {24, "Infinity"},
    {25, "NaN"},
};

// select dense_rank() over (order by x), encode(convert_to(x, 'SQL_ASCII'), 'hex')
// from unnest(array[...]::text[]) x   (C collation; high bytes allowed)
const Ranked kTextOrder[] = {
    {1, ""},        {2, "01"},      {3, "0101"},    {4, "20"},    {5, "41"},    {6, "5a"},
    {7, "61"},      {8, "6101"},    {9, "6102"},    {10, "6120"}, {11, "6161"}, {12, "6162"},
    {13, "616201"}, {14, "616220"}, {15, "616263"}, {16, "61ff"}, {17, "62"},   {18, "7f"},
    {19, "80"},     {20, "feff"},   {21, "ff"},     {22, "ffff"},
};

// select dense_rank() over (order by x), encode(x, 'hex')
// from unnest(array[...]::bytea[]) x   (embedded and trailing NULs)
const Ranked kByteaOrder[] = {
    {1, ""},      {2, "00"},    {3, "0000"},  {4, "000000"},  {5, "00000001"}, {6, "0000ff"},
    {7, "0001"},  {8, "00fe"},  {9, "00ff"},  {10, "00ff00"}, {11, "01"},      {12, "0100"},
    {13, "01ff"}, {14, "61"},   {15, "6100"}, {16, "610000"}, {17, "6100ff"},  {18, "6101"},
    {19, "6162"}, {20, "61ff"}, {21, "feff"}, {22, "ff"},     {23, "ff00"},    {24, "ffff"},
};

template <size_t N>
void CheckFixtureOrder(const KeyColumn& column, const Ranked (&fixture)[N],
                       Value (*parse)(const char*)) {
  std::vector<std::string> keys;
  for (const Ranked& r : fixture) keys.push_back(Key(column, parse(r.text)));
  for (size_t i = 0; i < N; ++i) {
    for (size_t j = 0; j < N; ++j) {
      int expected = Sign(fixture[i].rank - fixture[j].rank);
      if (column.descending) expected = -expected;
      const int got = CompareKeys(keys[i], keys[j]);
      if (got != expected) {
        FAIL_CHECK(OrderName(column) << ": " << fixture[i].text << " vs " << fixture[j].text
                                     << ": keys compare " << got << ", PostgreSQL " << expected
                                     << " (" << Hex(keys[i]) << " | " << Hex(keys[j]) << ")");
        return;
      }
    }
  }
  SUCCEED();
}

Value ParseNumericValue(const char* s) { return Value::FromNumeric(Numeric::Parse(s)); }
Value ParseFloat8Value(const char* s) {
  if (std::string_view(s) == "-nan")
    return Value::Float8(-std::numeric_limits<double>::quiet_NaN());
  return Value::Float8(ParseFloat8(s));
}
Value ParseFloat4Value(const char* s) { return Value::Float4(ParseFloat4(s)); }
Value ParseTextHex(const char* s) { return Value::Text(FromHex(s)); }
Value ParseByteaHex(const char* s) { return Value::String(type_oid::kBytea, FromHex(s)); }

TEST_CASE("key order matches PostgreSQL 15 on tricky values", "[key_codec]") {
  for (SortDirection dir : {SortDirection::kAscending, SortDirection::kDescending}) {
    CheckFixtureOrder(KeyColumn(type_oid::kNumeric, dir), kNumericOrder, ParseNumericValue);
    CheckFixtureOrder(KeyColumn(type_oid::kFloat8, dir), kFloat8Order, ParseFloat8Value);
    CheckFixtureOrder(KeyColumn(type_oid::kFloat4, dir), kFloat4Order, ParseFloat4Value);
    CheckFixtureOrder(KeyColumn(type_oid::kText, dir), kTextOrder, ParseTextHex);
    CheckFixtureOrder(KeyColumn(type_oid::kBytea, dir), kByteaOrder, ParseByteaHex);
  }
}

TEST_CASE("the reference comparison agrees with PostgreSQL 15's fixtures", "[key_codec]") {
  // Guards the property tests below: their oracle must rank as PostgreSQL.
  auto check = [](StorageType type, const auto& fixture, Value (*parse)(const char*)) {
    for (const Ranked& a : fixture) {
      for (const Ranked& b : fixture) {
        if (CompareDatum(type, parse(a.text), parse(b.text)) != Sign(a.rank - b.rank)) {
          FAIL_CHECK(a.text << " vs " << b.text);
          return;
        }
      }
    }
  };
  check(StorageType::kNumeric, kNumericOrder, ParseNumericValue);
  check(StorageType::kFloat8, kFloat8Order, ParseFloat8Value);
  check(StorageType::kFloat4, kFloat4Order, ParseFloat4Value);
  check(StorageType::kBytes, kTextOrder, ParseTextHex);
  check(StorageType::kBytes, kByteaOrder, ParseByteaHex);
}

// Rows (a int4, b text, c numeric, d float8), row i taking
//   a = [NULL,1,2,-3][i/64%4], b = [NULL,'','a','ab'][i/16%4],
//   c = [NULL,-1,0,1.5][i/4%4], d = [NULL,'NaN',-0,1][i%4],
// and their dense_rank() under two ORDER BYs, from PostgreSQL 15.
constexpr const char* kRanksDescAscDescAsc =  // a DESC NULLS LAST, b ASC NULLS FIRST, c DESC, d ASC
    "196,195,193,194,208,207,205,206,204,203,201,202,200,199,197,198,212,211,209,210,224,223,"
    "221,222,220,219,217,218,216,215,213,214,228,227,225,226,240,239,237,238,236,235,233,234,"
    "232,231,229,230,244,243,241,242,256,255,253,254,252,251,249,250,248,247,245,246,68,67,65,"
    "66,80,79,77,78,76,75,73,74,72,71,69,70,84,83,81,82,96,95,93,94,92,91,89,90,88,87,85,86,100,"
    "99,97,98,112,111,109,110,108,107,105,106,104,103,101,102,116,115,113,114,128,127,125,126,"
    "124,123,121,122,120,119,117,118,4,3,1,2,16,15,13,14,12,11,9,10,8,7,5,6,20,19,17,18,32,31,"
    "29,30,28,27,25,26,24,23,21,22,36,35,33,34,48,47,45,46,44,43,41,42,40,39,37,38,52,51,49,50,"
    "64,63,61,62,60,59,57,58,56,55,53,54,132,131,129,130,144,143,141,142,140,139,137,138,136,"
    "135,133,134,148,147,145,146,160,159,157,158,156,155,153,154,152,151,149,150,164,163,161,"
    "162,176,175,173,174,172,171,169,170,168,167,165,166,180,179,177,178,192,191,189,190,188,"
    "187,185,186,184,183,181,182,";
constexpr const char* kRanksAscDescAscDesc =  // a NULLS FIRST, b DESC NULLS LAST, c, d DESC
    "61,62,64,63,49,50,52,51,53,54,56,55,57,58,60,59,45,46,48,47,33,34,36,35,37,38,40,39,41,42,"
    "44,43,29,30,32,31,17,18,20,19,21,22,24,23,25,26,28,27,13,14,16,15,1,2,4,3,5,6,8,7,9,10,12,"
    "11,189,190,192,191,177,178,180,179,181,182,184,183,185,186,188,187,173,174,176,175,161,162,"
    "164,163,165,166,168,167,169,170,172,171,157,158,160,159,145,146,148,147,149,150,152,151,"
    "153,154,156,155,141,142,144,143,129,130,132,131,133,134,136,135,137,138,140,139,253,254,"
    "256,255,241,242,244,243,245,246,248,247,249,250,252,251,237,238,240,239,225,226,228,227,"
    "229,230,232,231,233,234,236,235,221,222,224,223,209,210,212,211,213,214,216,215,217,218,"
    "220,219,205,206,208,207,193,194,196,195,197,198,200,199,201,202,204,203,125,126,128,127,"
    "113,114,116,115,117,118,120,119,121,122,124,123,109,110,112,111,97,98,100,99,101,102,104,"
    "103,105,106,108,107,93,94,96,95,81,82,84,83,85,86,88,87,89,90,92,91,77,78,80,79,65,66,68,"
    "67,69,70,72,71,73,74,76,75,";

std::vector<Value> FixtureRow(int i) {
  const Value a[] = {Value::Null(type_oid::kInt4), Value::Int4(1), Value::Int4(2), Value::Int4(-3)};
  const Value b[] = {Value::Null(type_oid::kText), Value::Text(""), Value::Text("a"),
                     Value::Text("ab")};
  const Value c[] = {Value::Null(type_oid::kNumeric), ParseNumericValue("-1"),
                     ParseNumericValue("0"), ParseNumericValue("1.5")};
  const Value d[] = {Value::Null(type_oid::kFloat8), Value::Float8(std::nan("")),
                     Value::Float8(-0.0), Value::Float8(1)};
  return {a[i / 64 % 4], b[i / 16 % 4], c[i / 4 % 4], d[i % 4]};
}

TEST_CASE("multi-column order with mixed directions matches PostgreSQL 15", "[key_codec]") {
  struct Case {
    std::vector<KeyColumn> columns;
    const char* ranks;
  };
  const Case cases[] = {
      {{KeyColumn(type_oid::kInt4, SortDirection::kDescending, NullsOrder::kLast),
        KeyColumn(type_oid::kText, SortDirection::kAscending, NullsOrder::kFirst),
        KeyColumn(type_oid::kNumeric, SortDirection::kDescending), KeyColumn(type_oid::kFloat8)},
       kRanksDescAscDescAsc},
      {{KeyColumn(type_oid::kInt4, SortDirection::kAscending, NullsOrder::kFirst),
        KeyColumn(type_oid::kText, SortDirection::kDescending, NullsOrder::kLast),
        KeyColumn(type_oid::kNumeric), KeyColumn(type_oid::kFloat8, SortDirection::kDescending)},
       kRanksAscDescAscDesc},
  };
  for (const Case& c : cases) {
    std::vector<int> ranks;
    std::stringstream in(c.ranks);
    for (std::string r; std::getline(in, r, ',');) ranks.push_back(std::stoi(r));
    REQUIRE(ranks.size() == 256);
    std::vector<std::vector<Value>> rows;
    std::vector<std::string> keys;
    for (int i = 0; i < 256; ++i) {
      rows.push_back(FixtureRow(i));
      keys.push_back(EncodeKey(c.columns, rows.back()));
    }
    int mismatches = 0;
    for (size_t i = 0; i < 256; ++i) {
      for (size_t j = 0; j < 256; ++j) {
        const int expected = Sign(ranks[i] - ranks[j]);
        if (CompareKeys(keys[i], keys[j]) != expected ||
            CompareTuple(c.columns, rows[i], rows[j]) != expected) {
          if (mismatches++ == 0) FAIL_CHECK(Describe(rows[i]) << " vs " << Describe(rows[j]));
        }
      }
    }
    CHECK(mismatches == 0);
  }
}

// ---------------------------------------------------------------------------
// Randomized properties.

TEST_CASE("key order equals PostgreSQL order for every type and direction", "[key_codec]") {
  ValueGen gen(20240601);
  for (Oid type : kAllTypes) {
    for (const KeyColumn& column : AllOrders(type)) {
      std::vector<Value> values;
      for (int i = 0; i < 300; ++i) {
        values.push_back(gen.OneIn(20) ? Value::Null(type) : gen.Make(type));
      }
      std::vector<std::string> keys;
      for (const Value& v : values) keys.push_back(Key(column, v));
      int mismatches = 0;
      for (size_t i = 0; i < values.size(); ++i) {
        for (size_t j = 0; j < values.size(); ++j) {
          const int expected = CompareColumn(column, values[i], values[j]);
          const int got = CompareKeys(keys[i], keys[j]);
          if (got != expected && mismatches++ == 0) {
            FAIL_CHECK("type " << type << " " << OrderName(column) << ": " << Describe(values[i])
                               << " vs " << Describe(values[j]) << ": keys " << got << ", expected "
                               << expected << " (" << Hex(keys[i]) << " | " << Hex(keys[j]) << ")");
          }
          // Prefix-free: no value's encoding starts another's.
          if (i != j && keys[i].size() < keys[j].size() &&
              keys[j].compare(0, keys[i].size(), keys[i]) == 0 && mismatches++ == 0) {
            FAIL_CHECK("type " << type << ": key of " << Describe(values[i])
                               << " is a prefix of the key of " << Describe(values[j]));
          }
        }
      }
      CHECK(mismatches == 0);
    }
  }
}

TEST_CASE("keys decode back to their values", "[key_codec]") {
  ValueGen gen(7);
  for (Oid type : kAllTypes) {
    for (const KeyColumn& column : AllOrders(type)) {
      int failures = 0;
      for (int i = 0; i < 2000; ++i) {
        const Value v = gen.OneIn(10) ? Value::Null(type) : gen.Make(type);
        // Some bytes before and after: decoding must consume exactly its own.
        std::string key = "\x01\x02";
        const size_t start = key.size();
        AppendKeyDatum(column, v, &key);
        const size_t end = key.size();
        key += "\xFF\x00tail";
        KeyReader reader(std::string_view(key).substr(start));
        const Value decoded = reader.Read(column);
        KeyReader skipper(std::string_view(key).substr(start));
        skipper.Skip(column);
        const bool ok = SameDecoded(v, decoded) &&
                        reader.remaining() == std::string_view(key).substr(end) &&
                        skipper.remaining() == reader.remaining() &&
                        Key(column, decoded) == key.substr(start, end - start);
        if (!ok && failures++ == 0) {
          FAIL_CHECK("type " << type << " " << OrderName(column) << ": " << Describe(v)
                             << " decoded as " << Describe(decoded));
        }
      }
      CHECK(failures == 0);
    }
  }
}

TEST_CASE("decoding numerics and floats keeps the value, not the spelling", "[key_codec]") {
  const KeyColumn num(type_oid::kNumeric, SortDirection::kDescending);
  auto round_trip = [&](const char* s) {
    return DecodeKey(std::span(&num, 1), Key(num, ParseNumericValue(s)))[0]
        .numeric_value()
        .ToString();
  };
  CHECK(round_trip("1.50") == "1.5");
  CHECK(round_trip("-0.000") == "0");
  CHECK(round_trip("100") == "100");
  CHECK(round_trip("1e-5") == "0.00001");
  CHECK(round_trip("-12345.678900") == "-12345.6789");
  CHECK(round_trip("1e100").size() == 101);
  CHECK(round_trip("-Infinity") == "-Infinity");
  CHECK(!KeyDecodeIsExact(type_oid::kNumeric));
  CHECK(!KeyDecodeIsExact(type_oid::kFloat8));
  CHECK(KeyDecodeIsExact(type_oid::kInt8));
  CHECK(KeyDecodeIsExact(type_oid::kBytea));
  CHECK(KeyDecodeIsExact(type_oid::kTimestampTz));
  CHECK(!KeyDecodeIsExact(type_oid::kInterval));

  const KeyColumn f8(type_oid::kFloat8);
  const Value neg_zero = DecodeKey(std::span(&f8, 1), Key(f8, Value::Float8(-0.0)))[0];
  CHECK(neg_zero.float_value() == 0);
  CHECK(!std::signbit(neg_zero.float_value()));
  CHECK(Key(f8, Value::Float8(-0.0)) == Key(f8, Value::Float8(0.0)));
  CHECK(Key(f8, Value::Float8(std::bit_cast<double>(uint64_t{0xFFF8000000000123}))) ==
        Key(f8, Value::Float8(std::nan(""))));
  const KeyColumn f4(type_oid::kFloat4);
  const Value f4v = DecodeKey(std::span(&f4, 1), Key(f4, Value::Float4(0.1f)))[0];
  CHECK(f4v.type() == type_oid::kFloat4);
  CHECK(f4v.float_value() == static_cast<double>(0.1f));
  const KeyColumn vc(type_oid::kVarchar);
  CHECK(DecodeKey(std::span(&vc, 1), Key(vc, Value::Text("x")))[0].type() == type_oid::kVarchar);
}

// Random tuples over random column lists: order, prefix bounds, decoding.
TEST_CASE("multi-column keys order, bound and decode like tuples", "[key_codec]") {
  ValueGen gen(99);
  for (int round = 0; round < 40; ++round) {
    const size_t ncols = 1 + gen.Uniform(4);
    std::vector<KeyColumn> columns;
    for (size_t c = 0; c < ncols; ++c) {
      const Oid type = kAllTypes[gen.Uniform(std::size(kAllTypes))];
      columns.push_back(AllOrders(type)[gen.Uniform(4)]);
    }
    // Small pools per column so that earlier columns tie often.
    std::vector<std::vector<Value>> pools(ncols);
    for (size_t c = 0; c < ncols; ++c) {
      pools[c].push_back(Value::Null(columns[c].type));
      for (int k = 0; k < 3; ++k) pools[c].push_back(gen.Make(columns[c].type));
    }
    // Tuples, some of them proper prefixes (range-scan bounds).
    std::vector<std::vector<Value>> tuples;
    for (int t = 0; t < 120; ++t) {
      const size_t len = gen.OneIn(4) ? gen.Uniform(ncols + 1) : ncols;
      std::vector<Value> tuple;
      for (size_t c = 0; c < len; ++c) tuple.push_back(pools[c][gen.Uniform(pools[c].size())]);
      tuples.push_back(std::move(tuple));
    }
    std::vector<std::string> keys;
    for (const auto& t : tuples) keys.push_back(EncodeKey(columns, t));

    int failures = 0;
    for (size_t i = 0; i < tuples.size(); ++i) {
      const auto& a = tuples[i];
      // Decoding a full tuple gives it back and consumes the whole key.
      if (a.size() == ncols) {
        const std::vector<Value> decoded = DecodeKey(columns, keys[i]);
        for (size_t c = 0; c < ncols; ++c) {
          if (!SameDecoded(a[c], decoded[c]) && failures++ == 0) {
            FAIL_CHECK("decode " << Describe(a) << " -> " << Describe(decoded));
          }
        }
      }
      const std::optional<std::string> upper = PrefixSuccessor(keys[i]);
      for (size_t j = 0; j < tuples.size(); ++j) {
        const auto& b = tuples[j];
        const int expected = CompareTuple(columns, a, b);
        if (CompareKeys(keys[i], keys[j]) != expected && failures++ == 0) {
          FAIL_CHECK(Describe(a) << " vs " << Describe(b) << " expected " << expected);
        }
        // b lies in [key(a), PrefixSuccessor(key(a))) exactly when a is a
        // prefix of b value by value (equal under PostgreSQL's comparison).
        bool a_prefixes_b = a.size() <= b.size();
        for (size_t c = 0; a_prefixes_b && c < a.size(); ++c) {
          a_prefixes_b = CompareColumn(columns[c], a[c], b[c]) == 0;
        }
        const bool in_range =
            Compare(keys[j], keys[i]) >= 0 && (!upper || Compare(keys[j], *upper) < 0);
        if (in_range != a_prefixes_b && failures++ == 0) {
          FAIL_CHECK("range of " << Describe(a) << " vs " << Describe(b) << ": in range "
                                 << in_range << ", prefix " << a_prefixes_b);
        }
      }
    }
    CHECK(failures == 0);
  }
}

// ---------------------------------------------------------------------------
// Helpers and errors.

TEST_CASE("PrefixSuccessor bounds every extension of a prefix", "[key_codec]") {
  CHECK(PrefixSuccessor("a") == std::optional<std::string>("b"));
  CHECK(PrefixSuccessor(std::string("a\xFF\xFF", 3)) == std::optional<std::string>("b"));
  CHECK(PrefixSuccessor(std::string("a\x00", 2)) ==
        std::optional<std::string>(std::string("a\x01", 2)));
  CHECK(PrefixSuccessor(std::string("\xFF\xFF", 2)) == std::nullopt);
  CHECK(PrefixSuccessor("") == std::nullopt);
}

TEST_CASE("marker bytes bound the NULL and non-NULL ranges of a column", "[key_codec]") {
  for (const KeyColumn& column : AllOrders(type_oid::kInt4)) {
    std::string nulls, values;
    AppendKeyMarker(column, true, &nulls);
    AppendKeyMarker(column, false, &values);
    const std::string null_key = Key(column, Value::Null(type_oid::kInt4));
    CHECK(null_key == nulls);
    for (int64_t v :
         {std::numeric_limits<int32_t>::min(), 0, std::numeric_limits<int32_t>::max()}) {
      const std::string key = Key(column, Value::Int4(v));
      CHECK(key.compare(0, 1, values) == 0);
      CHECK((Compare(null_key, key) < 0) == column.nulls_first);
    }
  }
}

TEST_CASE("row ids order numerically and follow index columns", "[key_codec]") {
  const uint64_t ids[] = {0, 1, 255, 256, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, ~uint64_t{0}};
  std::string previous;
  for (uint64_t id : ids) {
    std::string key;
    AppendRowIdKey(id, &key);
    CHECK(key.size() == kRowIdKeySize);
    CHECK(DecodeRowIdKey(key) == id);
    CHECK(Compare(previous, key) < 0);
    previous = key;
  }
  // An index key: (text DESC, numeric) then the hidden row id.
  const std::vector<KeyColumn> index = {KeyColumn(type_oid::kText, SortDirection::kDescending),
                                        KeyColumn(type_oid::kNumeric)};
  const std::vector<Value> values = {Value::Text(std::string("x\0y", 3)),
                                     ParseNumericValue("-2.5")};
  std::string key = EncodeKey(index, values);
  AppendRowIdKey(42, &key);
  KeyReader reader(key);
  reader.Skip(index[0]);
  CHECK(reader.Read(index[1]).numeric_value().ToString() == "-2.5");
  CHECK(reader.ReadRowId() == 42);
  CHECK(reader.empty());
  CHECK_THROWS_AS(DecodeRowIdKey("1234567"), SqlError);
}

TEST_CASE("malformed keys are reported as corruption", "[key_codec]") {
  auto code = [](const std::vector<KeyColumn>& columns, std::string_view key) -> std::string {
    try {
      DecodeKey(columns, key);
      return "ok";
    } catch (const SqlError& e) {
      return std::string(SqlStateCode(e.sqlstate()));
    }
  };
  const std::vector<KeyColumn> int4 = {KeyColumn(type_oid::kInt4)};
  const std::vector<KeyColumn> text = {KeyColumn(type_oid::kText)};
  const std::vector<KeyColumn> num = {KeyColumn(type_oid::kNumeric)};
  const std::vector<KeyColumn> boolean = {KeyColumn(type_oid::kBool)};
  CHECK(code(int4, FromHex("0180000001")) == "ok");
  CHECK(code(int4, FromHex("01800000")) == "XX001");      // truncated
  CHECK(code(int4, FromHex("018000000100")) == "XX001");  // trailing bytes
  CHECK(code(int4, FromHex("00")) == "XX001");            // NULL marker of the other placement
  CHECK(code(int4, FromHex("07")) == "XX001");            // unknown marker
  CHECK(code(int4, "") == "XX001");
  CHECK(code(text, FromHex("016100")) == "XX001");  // unterminated
  CHECK(code(text, FromHex("0161")) == "XX001");
  CHECK(code(text, FromHex("01610002")) == "XX001");       // bad escape
  CHECK(code(num, FromHex("0120800001")) == "XX001");      // digits unterminated
  CHECK(code(num, FromHex("01208000ffff00")) == "XX001");  // digit out of range
  CHECK(code(num, FromHex("01208000010000")) == "XX001");  // leading zero digit
  CHECK(code(num, FromHex("0120800000")) == "XX001");      // no digits
  CHECK(code(num, FromHex("0111")) == "XX001");            // unknown class
  CHECK(code(boolean, FromHex("0102")) == "XX001");
}

TEST_CASE("types without a key encoding are refused", "[key_codec]") {
  CHECK_THROWS_AS(KeyColumn(142 /* xml */), SqlError);
  CHECK_THROWS_AS(KeyColumn(type_oid::kJsonb), SqlError);
  CHECK_THROWS_AS(KeyColumn(type_oid::kUnknown), SqlError);
}

}  // namespace
}  // namespace strata::sql
