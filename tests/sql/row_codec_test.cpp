// Row codec: exact round trips (NULLs, every type, wide rows), O(1) views
// into the bytes, and schema evolution without rewriting rows (ADD COLUMN
// with a missing default, DROP COLUMN keeping its slot).
#include "sql/storage_format/row_codec.h"

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/range_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {
namespace {

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

Numeric N(const char* s) { return Numeric::Parse(s); }

// Identical datums: same type, and for floats the same bits, for numerics the
// same printed form (display scale included).
bool Identical(const Value& a, const Value& b) {
  if (a.type() != b.type() || a.is_null() != b.is_null()) return false;
  if (a.is_null()) return true;
  switch (RequireStorageType(a.type())) {
    case StorageType::kBool:
      return a.bool_value() == b.bool_value();
    case StorageType::kInt2:
    case StorageType::kInt4:
    case StorageType::kInt8:
      return a.int_value() == b.int_value();
    case StorageType::kFloat4:
      return std::bit_cast<uint32_t>(static_cast<float>(a.float_value())) ==
             std::bit_cast<uint32_t>(static_cast<float>(b.float_value()));
    case StorageType::kFloat8:
      return std::bit_cast<uint64_t>(a.float_value()) == std::bit_cast<uint64_t>(b.float_value());
    case StorageType::kNumeric:
      return a.numeric_value().ToString() == b.numeric_value().ToString() &&
             a.numeric_value().Compare(b.numeric_value()) == 0;
    case StorageType::kBytes:
      return a.string_value() == b.string_value();
    case StorageType::kArray:
    case StorageType::kRange:
      return OutputValue(a) == OutputValue(b);
    case StorageType::kInterval:
      return a.interval_value() == b.interval_value();
  }
  return false;
}

std::string Describe(const Value& v) {
  if (v.is_null()) return "NULL";
  if (v.type() == type_oid::kInterval) {
    const Interval& iv = v.interval_value();
    return "interval(" + std::to_string(iv.month) + "," + std::to_string(iv.day) + "," +
           std::to_string(iv.time) + ")";
  }
  if (RequireStorageType(v.type()) == StorageType::kInt4 ||
      RequireStorageType(v.type()) == StorageType::kInt8) {
    return std::to_string(v.int_value());
  }
  if (RequireStorageType(v.type()) == StorageType::kBytes) {
    return "bytes(" + std::to_string(v.string_value().size()) + ")[" +
           Hex(v.string_value().substr(0, 16)) + "]";
  }
  return OutputValue(v);
}

const Oid kAllTypes[] = {type_oid::kBool,    type_oid::kInt2,   type_oid::kInt4,    type_oid::kInt8,
                         type_oid::kFloat4,  type_oid::kFloat8, type_oid::kNumeric, type_oid::kText,
                         type_oid::kVarchar, type_oid::kBytea,  type_oid::kDate,
                         type_oid::kTime,    type_oid::kTimestampTz, type_oid::kInterval,
                         range_oid::kNumRange, range_oid::kTsMultirange};

class RowGen {
 public:
  explicit RowGen(uint64_t seed) : rng_(seed) {}

  uint64_t Uniform(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }

  Value Make(Oid type, size_t max_string = 20) {
    switch (RequireStorageType(type)) {
      case StorageType::kBool:
        return Value::Bool(Uniform(2) == 0);
      case StorageType::kInt2:
        return Value::Int2(static_cast<int16_t>(rng_()));
      case StorageType::kInt4:  // int4, date
        return Value::Integer(type, static_cast<int32_t>(rng_()));
      case StorageType::kInt8:  // int8, time, timestamp, timestamptz
        return Value::Integer(type, static_cast<int64_t>(rng_()));
      case StorageType::kInterval:
        return Value::FromInterval(Interval{static_cast<int64_t>(rng_()),
                                            static_cast<int32_t>(rng_()),
                                            static_cast<int32_t>(rng_())});
      case StorageType::kFloat4:
        return Value::Float4(Uniform(8) == 0 ? -0.0f
                                             : std::bit_cast<float>(static_cast<uint32_t>(rng_())));
      case StorageType::kFloat8:
        return Value::Float8(
            Uniform(8) == 0 ? -0.0 : std::bit_cast<double>(static_cast<uint64_t>(rng_())));
      case StorageType::kNumeric: {
        static const char* kSpecial[] = {
            "NaN",   "Infinity", "-Infinity", "0",
            "0.000", "-1.50",    "1e-300",    "123456789012345678901234567890.1"};
        if (Uniform(4) == 0) return Value::FromNumeric(N(kSpecial[Uniform(std::size(kSpecial))]));
        std::string text = Uniform(2) ? "-" : "";
        text += std::to_string(rng_() % 1000000000);
        text += "." + std::to_string(rng_() % 100000) + std::string(Uniform(6), '0');
        if (Uniform(3) == 0) text += "e" + std::to_string(static_cast<int>(Uniform(81)) - 40);
        return Value::FromNumeric(N(text.c_str()));
      }
      case StorageType::kBytes: {
        std::string s;
        const size_t n = Uniform(max_string + 1);
        for (size_t i = 0; i < n; ++i) s += static_cast<char>(Uniform(256));
        return Value::String(type, std::move(s));
      }
      case StorageType::kArray:
        return InputValue(type, "{1,NULL,3}");
      case StorageType::kRange:
        if (IsMultirangeType(type)) {
          return InputValue(type, Uniform(2) ? "{}" : "{[2000-01-01,2000-01-02), (2001-01-01,)}");
        }
        switch (Uniform(4)) {
          case 0: return InputValue(type, "empty");
          case 1: return InputValue(type, "(,)");
          case 2: return InputValue(type, "[-1.50,NaN]");
          default: return InputValue(type, "(" + std::to_string(rng_() % 1000) + ".0,)");
        }
    }
    return Value();
  }

 private:
  std::mt19937_64 rng_;
};

// Checks that a view reads `expected` (one Value per layout column) through
// Get() and through the typed accessors. Returns a failure message or "".
std::string CheckView(const RowLayout& layout, std::string_view bytes,
                      const std::vector<Value>& expected) {
  const RowView view(layout, bytes);
  for (size_t i = 0; i < layout.column_count(); ++i) {
    const Value got = view.Get(i);
    const std::string where = "column " + std::to_string(i) + ": ";
    if (!Identical(got, expected[i])) {
      return where + "read " + Describe(got) + ", wrote " + Describe(expected[i]);
    }
    if (view.IsNull(i) != expected[i].is_null()) return where + "IsNull";
    if (expected[i].is_null()) continue;
    switch (layout.storage(i)) {
      case StorageType::kBool:
        if (view.GetBool(i) != expected[i].bool_value()) return where + "GetBool";
        break;
      case StorageType::kInt2:
      case StorageType::kInt4:
      case StorageType::kInt8:
        if (view.GetInt(i) != expected[i].int_value()) return where + "GetInt";
        break;
      case StorageType::kFloat4:
      case StorageType::kFloat8:
        if (!Identical(Value::Float8(view.GetFloat(i)), Value::Float8(expected[i].float_value()))) {
          return where + "GetFloat";
        }
        break;
      case StorageType::kInterval:
        if (!(view.GetInterval(i) == expected[i].interval_value())) return where + "GetInterval";
        break;
      case StorageType::kNumeric:
        if (view.GetNumeric(i).ToString() != expected[i].numeric_value().ToString()) {
          return where + "GetNumeric";
        }
        break;
      case StorageType::kBytes: {
        const std::string_view s = view.GetBytes(i);
        if (s != expected[i].string_value()) return where + "GetBytes";
        // Stored columns are views into the row, not copies.
        if (i < view.stored_column_count() && !s.empty() &&
            (s.data() < bytes.data() || s.data() + s.size() > bytes.data() + bytes.size())) {
          return where + "GetBytes does not point into the row";
        }
        break;
      }
      case StorageType::kArray:
      case StorageType::kRange:
        break;  // checked through Get() above
    }
  }
  return "";
}

std::vector<RowColumn> Columns(std::initializer_list<Oid> types) {
  std::vector<RowColumn> columns;
  for (Oid type : types) columns.push_back(RowColumn{type, false, Value::Null(type)});
  return columns;
}

TEST_CASE("row codec writes the documented bytes", "[row_codec]") {
  const RowLayout layout(Columns(
      {type_oid::kInt4, type_oid::kText, type_oid::kBool, type_oid::kNumeric, type_oid::kInt2}));
  const std::vector<Value> values = {Value::Int4(7), Value::Text("hi"),
                                     Value::Null(type_oid::kBool), Value::FromNumeric(N("-1.50")),
                                     Value::Int2(-2)};
  // header: version 1, flags 0, 5 columns; bitmap: column 2 NULL;
  // fixed: int4 7, bool 0 (NULL), int2 -2; offsets: text ends at 2, numeric
  // at 11; var: "hi", numeric kind 1 (negative), dscale 2, weight 0, 1, 5000.
  CHECK(Hex(EncodeRow(layout, values)) ==
        "01 00 05 00 04 07 00 00 00 00 fe ff 02 00 0b 00 68 69 01 02 00 00 00 01 00 88 13");
  const RowLayout empty({});
  CHECK(Hex(EncodeRow(empty, {})) == "01 00 00 00");
  const std::string empty_row = EncodeRow(empty, {});
  CHECK(RowView(empty, empty_row).stored_column_count() == 0);
}

TEST_CASE("rows round-trip every type with NULLs", "[row_codec]") {
  RowGen gen(12345);
  std::string buffer;
  for (int round = 0; round < 300; ++round) {
    std::vector<RowColumn> columns;
    const size_t n = gen.Uniform(40);
    for (size_t i = 0; i < n; ++i) {
      const Oid type = kAllTypes[gen.Uniform(std::size(kAllTypes))];
      columns.push_back(RowColumn{type, false, Value::Null(type)});
    }
    const RowLayout layout(columns);
    const uint64_t null_percent = gen.Uniform(4) * 33;  // 0, 33, 66, 99
    std::vector<Value> values;
    for (const RowColumn& c : columns) {
      values.push_back(gen.Uniform(100) < null_percent ? Value::Null(c.type) : gen.Make(c.type));
    }
    // Appending after other bytes: the row is the suffix.
    buffer.assign("prefix");
    AppendRow(layout, values, &buffer);
    const std::string_view row = std::string_view(buffer).substr(6);
    const std::string message = CheckView(layout, row, values);
    if (!message.empty()) {
      FAIL_CHECK("round " << round << ": " << message);
      break;
    }
    CHECK(row == EncodeRow(layout, values));
    const std::vector<Value> decoded = DecodeRow(layout, row);
    REQUIRE(decoded.size() == n);
  }
}

TEST_CASE("DecodeRowInto decodes only the flagged columns", "[row_codec]") {
  const RowLayout layout(Columns({type_oid::kInt4, type_oid::kText, type_oid::kFloat8,
                                  type_oid::kNumeric}));
  const std::vector<Value> values = {Value::Int4(7), Value::Text("seven"), Value::Float8(0.5),
                                     Value::FromNumeric(N("7.70"))};
  const std::string row = EncodeRow(layout, values);
  std::vector<Value> out = {Value::Text("stale"), Value::Int8(1)};  // reused, resized
  DecodeRowInto(layout, row, {false, true, false, true}, &out);
  REQUIRE(out.size() == 4);
  CHECK(out[0].is_null());
  CHECK(out[0].type() == type_oid::kInt4);
  CHECK(out[1].string_value() == "seven");
  CHECK(out[2].is_null());
  CHECK(out[2].type() == type_oid::kFloat8);
  CHECK(out[3].numeric_value().ToString() == "7.70");
  // No flags: every column, as DecodeRow.
  DecodeRowInto(layout, row, {}, &out);
  REQUIRE(out.size() == 4);
  CHECK(out[0].int_value() == 7);
  CHECK(out[2].float_value() == 0.5);
}

TEST_CASE("wide rows switch to 4-byte offsets", "[row_codec]") {
  RowGen gen(5);
  SECTION("a var area above 64 KiB") {
    const RowLayout layout(Columns(
        {type_oid::kText, type_oid::kInt8, type_oid::kBytea, type_oid::kNumeric, type_oid::kText}));
    std::vector<Value> values = {Value::Text(std::string(70000, 'x')), Value::Int8(-5),
                                 Value::Null(type_oid::kBytea), Value::FromNumeric(N("3.14")),
                                 Value::Text("tail")};
    const std::string row = EncodeRow(layout, values);
    CHECK(row[1] == static_cast<char>(RowFlag::kWideOffsets));
    CHECK(CheckView(layout, row, values) == "");
    // At the limit (var area 65535 bytes: text + "tail" + 9-byte numeric) it
    // stays narrow.
    values[0] = Value::Text(std::string(65535 - 4 - 9, 'y'));
    const std::string narrow = EncodeRow(layout, values);
    CHECK(narrow[1] == 0);
    CHECK(CheckView(layout, narrow, values) == "");
    values[0] = Value::Text(std::string(65535 - 4 - 9 + 1, 'y'));
    CHECK(EncodeRow(layout, values)[1] == static_cast<char>(RowFlag::kWideOffsets));
    CHECK(CheckView(layout, EncodeRow(layout, values), values) == "");
  }
  SECTION("1600 columns") {
    std::vector<RowColumn> columns;
    std::vector<Value> values;
    for (size_t i = 0; i < 1600; ++i) {
      const Oid type = kAllTypes[i % std::size(kAllTypes)];
      columns.push_back(RowColumn{type, false, Value::Null(type)});
      values.push_back(i % 7 == 3 ? Value::Null(type) : gen.Make(type, 100));
    }
    const RowLayout layout(columns);
    const std::string row = EncodeRow(layout, values);
    CHECK(CheckView(layout, row, values) == "");
  }
}

TEST_CASE("encoding into a reused buffer does not reallocate it", "[row_codec]") {
  const RowLayout layout(Columns({type_oid::kInt8, type_oid::kText, type_oid::kNumeric,
                                  type_oid::kFloat8, type_oid::kVarchar}));
  const std::vector<Value> values = {Value::Int8(1), Value::Text(std::string(100, 'a')),
                                     Value::FromNumeric(N("12345.678")), Value::Float8(2.5),
                                     Value::String(type_oid::kVarchar, "v")};
  std::string buffer;
  AppendRow(layout, values, &buffer);
  const std::string first = buffer;
  const char* data = buffer.data();
  for (int i = 0; i < 100; ++i) {
    buffer.clear();
    AppendRow(layout, values, &buffer);
    REQUIRE(buffer.data() == data);
  }
  CHECK(buffer == first);
}

TEST_CASE("rows written before ADD COLUMN read its missing default", "[row_codec]") {
  // v1: (id int4, name text)
  const RowLayout v1(Columns({type_oid::kInt4, type_oid::kText}));
  const std::string old_row = EncodeRow(v1, {{Value::Int4(1), Value::Text("one")}});
  const std::string old_null_row = EncodeRow(v1, {{Value::Int4(2), Value::Null(type_oid::kText)}});

  // v2: ADD COLUMN score int8 DEFAULT 5, ADD COLUMN note varchar,
  //     ADD COLUMN price numeric DEFAULT 1.50, ADD COLUMN tag bytea DEFAULT '\x00ff',
  //     ADD COLUMN ok bool DEFAULT true, ADD COLUMN ratio float4 DEFAULT 0.5
  std::vector<RowColumn> columns = Columns({type_oid::kInt4, type_oid::kText});
  columns.push_back({type_oid::kInt8, false, Value::Int8(5)});
  columns.push_back({type_oid::kVarchar, false, Value::Null(type_oid::kVarchar)});
  columns.push_back({type_oid::kNumeric, false, Value::FromNumeric(N("1.50"))});
  columns.push_back(
      {type_oid::kBytea, false, Value::String(type_oid::kBytea, std::string("\0\xff", 2))});
  columns.push_back({type_oid::kBool, false, Value::Bool(true)});
  columns.push_back({type_oid::kFloat4, false, Value::Float4(0.5f)});
  const RowLayout v2(columns);

  const RowView view(v2, old_row);
  CHECK(view.stored_column_count() == 2);
  CHECK(CheckView(v2, old_row,
                  {Value::Int4(1), Value::Text("one"), Value::Int8(5),
                   Value::Null(type_oid::kVarchar), Value::FromNumeric(N("1.50")),
                   Value::String(type_oid::kBytea, std::string("\0\xff", 2)), Value::Bool(true),
                   Value::Float4(0.5f)}) == "");
  CHECK(view.GetInt(2) == 5);
  CHECK(view.GetNumeric(4).ToString() == "1.50");
  CHECK(RowView(v2, old_null_row).IsNull(1));
  CHECK(!RowView(v2, old_null_row).IsNull(2));

  // New rows store their own values; an explicit NULL stays NULL.
  const std::vector<Value> fresh = {Value::Int4(3),
                                    Value::Text("three"),
                                    Value::Null(type_oid::kInt8),
                                    Value::String(type_oid::kVarchar, "n"),
                                    Value::Null(type_oid::kNumeric),
                                    Value::String(type_oid::kBytea, ""),
                                    Value::Bool(false),
                                    Value::Null(type_oid::kFloat4)};
  const std::string new_row = EncodeRow(v2, fresh);
  CHECK(RowView(v2, new_row).stored_column_count() == 8);
  CHECK(CheckView(v2, new_row, fresh) == "");

  // An older layout cannot read a newer row.
  try {
    RowView(v1, new_row);
    FAIL("no error");
  } catch (const SqlError& e) {
    CHECK(SqlStateCode(e.sqlstate()) == "XX001");
  }
}

TEST_CASE("dropped columns keep their slot and read as NULL", "[row_codec]") {
  // (a int4, b text, c int8, d numeric)
  const RowLayout v1(
      Columns({type_oid::kInt4, type_oid::kText, type_oid::kInt8, type_oid::kNumeric}));
  const std::vector<Value> values = {Value::Int4(1), Value::Text("bee"), Value::Int8(3),
                                     Value::FromNumeric(N("4.0"))};
  const std::string old_row = EncodeRow(v1, values);

  // DROP COLUMN b, DROP COLUMN c, then ADD COLUMN e text DEFAULT 'e'.
  std::vector<RowColumn> columns =
      Columns({type_oid::kInt4, type_oid::kText, type_oid::kInt8, type_oid::kNumeric});
  columns[1].dropped = true;
  columns[2].dropped = true;
  columns.push_back({type_oid::kText, false, Value::Text("e")});
  const RowLayout v2(columns);

  CHECK(CheckView(v2, old_row,
                  {Value::Int4(1), Value::Null(type_oid::kText), Value::Null(type_oid::kInt8),
                   Value::FromNumeric(N("4.0")), Value::Text("e")}) == "");

  // New rows ignore whatever is passed for the dropped slots.
  const std::string new_row =
      EncodeRow(v2, {{Value::Int4(9), Value::Text("ignored"), Value::Int8(7),
                      Value::Null(type_oid::kNumeric), Value::Text("x")}});
  CHECK(new_row.find("ignored") == std::string::npos);
  CHECK(CheckView(v2, new_row,
                  {Value::Int4(9), Value::Null(type_oid::kText), Value::Null(type_oid::kInt8),
                   Value::Null(type_oid::kNumeric), Value::Text("x")}) == "");
  // The dropped slots are written as NULL, so a reader that does not know
  // about the drop sees NULLs too.
  const RowLayout unaware(Columns(
      {type_oid::kInt4, type_oid::kText, type_oid::kInt8, type_oid::kNumeric, type_oid::kText}));
  const RowView before_drop(unaware, new_row);
  CHECK(before_drop.IsNull(1));
  CHECK(before_drop.IsNull(2));
}

TEST_CASE("malformed rows are reported as corruption", "[row_codec]") {
  const RowLayout layout(Columns({type_oid::kInt4, type_oid::kText, type_oid::kNumeric}));
  const std::string good =
      EncodeRow(layout, {{Value::Int4(1), Value::Text("abc"), Value::FromNumeric(N("2.5"))}});
  auto code = [&](std::string bytes, bool read_all = true) -> std::string {
    try {
      const RowView view(layout, bytes);
      if (read_all) {
        for (size_t i = 0; i < layout.column_count(); ++i) view.Get(i);
      }
      return "ok";
    } catch (const SqlError& e) {
      return std::string(SqlStateCode(e.sqlstate()));
    }
  };
  CHECK(code(good) == "ok");
  CHECK(code("") == "XX001");
  CHECK(code(good.substr(0, 3)) == "XX001");
  CHECK(code(good.substr(0, good.size() - 1)) == "XX001");  // size vs offsets
  CHECK(code(good + "x") == "XX001");
  std::string bad = good;
  bad[0] = 2;  // unknown version
  CHECK(code(bad) == "XX001");
  bad = good;
  bad[1] = 0x02;  // unknown flag
  CHECK(code(bad) == "XX001");
  bad = good;
  bad[2] = 4;  // more columns than the table
  CHECK(code(bad) == "XX001");
  // Layout: header 4, bitmap 1, int4 4, offsets 2 x u16 at 9, var at 13:
  // "abc" then the numeric (kind, dscale, weight, digits 2, 5000).
  REQUIRE(good.size() == 13 + 3 + 9);
  bad = good;
  bad[9] = 13;  // text ends past the variable-width area
  CHECK(code(bad) == "XX001");
  bad = good;
  bad[16] = 7;  // numeric kind
  CHECK(code(bad) == "XX001");
  bad = good;
  bad[17] = 0;  // dscale 0 cannot show the digit 5000 after the point
  CHECK(code(bad) == "XX001");
  bad = good;
  bad[22] = 0x7f;  // digit 0x7f02 out of range
  CHECK(code(bad) == "XX001");
}

TEST_CASE("layouts refuse types they cannot store", "[row_codec]") {
  CHECK_THROWS_AS(RowLayout(Columns({type_oid::kInt4, 142 /* xml */})), SqlError);
}

}  // namespace
}  // namespace strata::sql
