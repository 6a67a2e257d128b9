// bytea, char(n), uuid, json/jsonb and one-dimensional arrays: text I/O,
// PostgreSQL's error texts, operators and functions through SqlSession, and
// the storage formats of these types. Expected values were taken from
// PostgreSQL 15 (tests/integration/psql/types_*.sql compares the rest
// against a live server).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/json/json_parser.h"
#include "sql/json/jsonb.h"
#include "sql/storage_format/key_codec.h"
#include "sql/storage_format/row_codec.h"
#include "sql/types/array_value.h"
#include "sql/types/type_io.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::FirstRow;
using testing::Scalar;

SqlErrorFields InputError(Oid type, const std::string& text) {
  try {
    InputValue(type, text);
  } catch (const SqlError& e) {
    return e.fields();
  }
  FAIL("no error for " << text);
  return {};
}

TEST_CASE("json input errors carry PostgreSQL's DETAIL and CONTEXT", "[types][json]") {
  struct Case {
    const char* text;
    const char* detail;
    const char* context;
  };
  const Case cases[] = {
      {"\"abc", "Token \"\"abc\" is invalid.", "JSON data, line 1: \"abc"},
      {"{\"a\" 1}", "Expected \":\", but found \"1\".", "JSON data, line 1: {\"a\" 1..."},
      {"[1,2", "The input string ended unexpectedly.", "JSON data, line 1: [1,2"},
      {"01", "Token \"01\" is invalid.", "JSON data, line 1: 01"},
      {"\"\\x\"", "Escape sequence \"\\x\" is invalid.", "JSON data, line 1: \"\\x..."},
      {"\"\\u12\"", "\"\\u\" must be followed by four hexadecimal digits.",
       "JSON data, line 1: \"\\u12\""},
      {"[1,]", "Expected JSON value, but found \"]\".", "JSON data, line 1: [1,]"},
      {"{\"a\":1,}", "Expected string, but found \"}\".", "JSON data, line 1: {\"a\":1,}"},
      {"1 2", "Expected end of input, but found \"2\".", "JSON data, line 1: 1 2"},
      {"{\"a\":\n 1,\n \"b\": \n x}", "Token \"x\" is invalid.", "JSON data, line 4:  x..."},
      {"", "The input string ended unexpectedly.", "JSON data, line 1: "},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const SqlErrorFields f = InputError(type_oid::kJson, c.text);
    CHECK(f.sqlstate == SqlState::kInvalidTextRepresentation);
    CHECK(f.message == "invalid input syntax for type json");
    CHECK(f.detail == c.detail);
    CHECK(f.context == c.context);
  }
  // Long input: the context keeps the last ~50 characters.
  const SqlErrorFields f = InputError(
      type_oid::kJson,
      "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1, \"b\": x}");
  CHECK(f.context == "JSON data, line 1: ...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1, \"b\": x...");
}

TEST_CASE("json keeps its text; jsonb de-escapes and checks Unicode escapes", "[types][json]") {
  CHECK(OutputValue(InputValue(type_oid::kJson, "\"\\ud800\"")) == "\"\\ud800\"");
  CHECK(OutputValue(InputValue(type_oid::kJson, "\"\\u0000\"")) == "\"\\u0000\"");
  CHECK(InputError(type_oid::kJsonb, "\"\\ud800\"").detail ==
        "Unicode low surrogate must follow a high surrogate.");
  const SqlErrorFields zero = InputError(type_oid::kJsonb, "\"\\u0000\"");
  CHECK(zero.sqlstate == SqlState::kUntranslatableCharacter);
  CHECK(zero.message == "unsupported Unicode escape sequence");
  CHECK(zero.detail == "\\u0000 cannot be converted to text.");
  CHECK(json::JsonbFromText("\"\\ud83d\\ude00\\u00e9\\u0001\"") == "\"😀é\\u0001\"");
}

TEST_CASE("jsonb normalises keys, duplicates, numbers and spacing", "[types][json]") {
  CHECK(json::JsonbFromText(
            "{\"bb\":1, \"a\":{\"c\":  [true,null, 1.50, 1e2, -0, 0.1e-3]}, \"aa\": \"q\\\"\", "
            "\"a\": 7}") == "{\"a\": 7, \"aa\": \"q\\\"\", \"bb\": 1}");
  CHECK(json::JsonbFromText("[1.50, 1e2, -0, 0.1e-3, -0.0]") == "[1.50, 100, 0, 0.0001, 0.0]");
  CHECK(json::JsonbFromText("{\"a\":1,\"a\":2}") == "{\"a\": 2}");
  CHECK(json::WriteJsonbPretty(json::ParseJsonb("{\"a\": [1, {}], \"b\": []}")) ==
        "{\n    \"a\": [\n        1,\n        {\n        }\n    ],\n    \"b\": [\n    ]\n}");
}

TEST_CASE("jsonb ordering and containment follow jsonb_cmp and @>", "[types][json]") {
  auto cmp = [](const char* a, const char* b) {
    return json::CompareJsonb(json::ParseJsonb(json::JsonbFromText(a)),
                              json::ParseJsonb(json::JsonbFromText(b)));
  };
  CHECK(cmp("1", "\"a\"") > 0);      // number > string
  CHECK(cmp("[]", "1") < 0);         // fewer elements first, even against a raw scalar
  CHECK(cmp("[1]", "1") > 0);        // raw scalar < array of the same length
  CHECK(cmp("{\"a\":1}", "[1,2,3]") > 0);
  CHECK(cmp("1", "1.0") == 0);
  CHECK(cmp("null", "false") < 0);
  auto contains = [](const char* a, const char* b) {
    return json::JsonbContains(json::ParseJsonb(json::JsonbFromText(a)),
                               json::ParseJsonb(json::JsonbFromText(b)));
  };
  CHECK(contains("{\"a\":1,\"b\":2}", "{\"a\":1}"));
  CHECK(contains("[1,[2,3]]", "[[3]]"));
  CHECK(contains("[\"a\"]", "\"a\""));
  CHECK_FALSE(contains("\"a\"", "[\"a\"]"));
  CHECK_FALSE(contains("{\"a\":{\"b\":1}}", "{\"a\":1}"));
}

TEST_CASE("array literals: quoting, NULLs, bounds and errors", "[types][array]") {
  const Oid kTextArray = 1009;
  const Oid kIntArray = 1007;
  CHECK(OutputValue(InputValue(kTextArray, "{\"a b\",c,\"\",NULL,\"NULL\",null,\"x\\\"y\",\"x\\\\y\"}")) ==
        "{\"a b\",c,\"\",NULL,\"NULL\",NULL,\"x\\\"y\",\"x\\\\y\"}");
  CHECK(OutputValue(InputValue(kIntArray, " { 1 , 2 } ")) == "{1,2}");
  CHECK(OutputValue(InputValue(kIntArray, "[0:1]={1,2}")) == "[0:1]={1,2}");
  CHECK(OutputValue(InputValue(kIntArray, "{}")) == "{}");
  CHECK(OutputValue(InputValue(kTextArray, "{a\\,b,c d}")) == "{\"a,b\",\"c d\"}");
  struct Case {
    const char* text;
    const char* detail;
  };
  const Case cases[] = {
      {"{1,2", "Unexpected end of input."},
      {"1,2", "Array value must start with \"{\" or dimension information."},
      {"{1,2}x", "Junk after closing right brace."},
      {"{1,{2}}", "Unexpected \"{\" character."},
      {"{1,,2}", "Unexpected \",\" character."},
      {"{\"1\"2}", "Unexpected array element."},
      {"{1}}", "Junk after closing right brace."},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const SqlErrorFields f = InputError(kIntArray, c.text);
    CHECK(f.message == std::string("malformed array literal: \"") + c.text + "\"");
    CHECK(f.detail == c.detail);
  }
  CHECK(InputError(kIntArray, "{a}").message == "invalid input syntax for type integer: \"a\"");
  CHECK(InputError(kIntArray, "{{1},{2}}").sqlstate == SqlState::kFeatureNotSupported);
}

TEST_CASE("bytea and uuid text I/O", "[types]") {
  CHECK(OutputValue(InputValue(type_oid::kBytea, "\\x0aFF")) == "\\x0aff");
  CHECK(OutputValue(InputValue(type_oid::kBytea, "a\\\\b\\001")) == "\\x615c6201");
  CHECK(InputError(type_oid::kBytea, "\\x0").message ==
        "invalid hexadecimal data: odd number of digits");
  CHECK(InputError(type_oid::kBytea, "\\xzz").message == "invalid hexadecimal digit: \"z\"");
  CHECK(InputError(type_oid::kBytea, "a\\q").message == "invalid input syntax for type bytea");
  CHECK(OutputValue(InputValue(type_oid::kUuid, "{12345678123412341234123456789ABC}")) ==
        "12345678-1234-1234-1234-123456789abc");
  CHECK(OutputValue(InputValue(type_oid::kUuid, "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11")) ==
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  CHECK(InputError(type_oid::kUuid, "12345678-1234-1234-1234-123456789ab").message ==
        "invalid input syntax for type uuid: \"12345678-1234-1234-1234-123456789ab\"");
}

TEST_CASE("char(n) pads, compares without trailing spaces, and truncates as PostgreSQL", "[types]") {
  CHECK(Scalar("select 'abc'::char(5) || '|'") == "abc|");  // bpchar -> text drops spaces
  CHECK(Scalar("select 'abc'::char(5)") == "abc  ");
  CHECK(Scalar("select 'abcdef'::char(3)") == "abc");
  CHECK(Scalar("select length('ab   '::char(5))") == "2");
  CHECK(Scalar("select 'ab'::char(3) = 'ab'::char(5)") == "t");
  CHECK(Error("select 'abc'::char(0)").message == "length for type char must be at least 1");
  CHECK(Scalar("select length('ab  '::varchar(5))") == "4");
}

TEST_CASE("arrays in expressions", "[types][array]") {
  CHECK(FirstRow("select (array[1,2,3])[2], (array[1,2,3])[5], (array[1,2,3])[2:3]") ==
        std::vector<std::string>{"2", "<NULL>", "{2,3}"});
  CHECK(Scalar("select array[1,2] || 3") == "{1,2,3}");
  CHECK(Scalar("select array[1] || 2.5") == "{1,2.5}");
  CHECK(Scalar("select array_append(null, 1)") == "{1}");
  CHECK(Scalar("select array_prepend(0,'[2:3]={1,2}'::int[])") == "[2:4]={0,1,2}");
  CHECK(FirstRow("select 3 = any(array[1,null]), 1 = all('{}'::int[]), 2 > all(array[1,null])") ==
        std::vector<std::string>{"<NULL>", "t", "<NULL>"});
  CHECK(Scalar("select array[1,null] < array[1,2]") == "f");
  CHECK(Scalar("select cardinality('{}'::int[])") == "0");
  CHECK(Scalar("select array['abc']::char(2)[]") == "{ab}");
  const testing::ErrorInfo e = Error("select array[]");
  CHECK(e.code == "42P18");
  CHECK(e.hint == "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
  CHECK(Error("select array[1, true]").message == "ARRAY types integer and boolean cannot be matched");
  CHECK(Error("select 1 = any(1)").message == "op ANY/ALL (array) requires array on right side");
}

TEST_CASE("json operators and functions", "[types][json]") {
  CHECK(Scalar("select '{\"b\": [1,  2]}'::json -> 'b'") == "[1,  2]");
  CHECK(Scalar("select '{\"a\":1,\"a\":2}'::json -> 'a'") == "2");
  CHECK(Scalar("select '{\"a\":{\"b\":[1,\"x\"]}}'::jsonb #>> '{a,b,1}'") == "x");
  CHECK(Scalar("select '\"s\"'::jsonb -> 0") == "\"s\"");
  CHECK(Scalar("select '\"s\"'::json -> 0") == "<NULL>");
  CHECK(Scalar("select jsonb_build_object('a',1,'b',array[1,2])") == "{\"a\": 1, \"b\": [1, 2]}");
  CHECK(Scalar("select json_build_object('a', 1, 'b', '{\"x\":1}'::json)") ==
        "{\"a\" : 1, \"b\" : {\"x\":1}}");
  CHECK(Scalar("select to_json(array['a', null])") == "[\"a\",null]");
  CHECK(Scalar("select '{\"a\":1}'::jsonb ?| array['b','a']") == "t");
  CHECK(Error("select '\"a\"'::jsonb::int").message == "cannot cast jsonb string to type integer");
  CHECK(Error("select json_build_object(null, 1)").hint == "Object keys should be text.");
}

TEST_CASE("the new types round-trip through rows; keys as PostgreSQL compares", "[types]") {
  const std::vector<Oid> types = {1007, 1009, type_oid::kJsonb, type_oid::kJson,
                                  type_oid::kUuid, type_oid::kBpchar};
  std::vector<RowColumn> columns;
  for (Oid t : types) columns.push_back(RowColumn{t, false, Value::Null(t)});
  const RowLayout layout(columns);
  const std::vector<Value> values = {
      InputValue(1007, "[0:2]={1,NULL,3}"),
      InputValue(1009, "{\"a b\",NULL,\"\"}"),
      InputValue(type_oid::kJsonb, "{\"b\":1,\"a\":[1.50]}"),
      InputValue(type_oid::kJson, "{\"b\" : 1}"),
      InputValue(type_oid::kUuid, "12345678-1234-1234-1234-123456789abc"),
      Value::String(type_oid::kBpchar, "ab  "),
  };
  std::string row;
  AppendRow(layout, values, &row);
  const RowView view(layout, row);
  for (size_t i = 0; i < values.size(); ++i) {
    CAPTURE(i);
    CHECK(OutputValue(view.Get(i)) == OutputValue(values[i]));
  }
  // bpchar keys ignore trailing spaces; json, jsonb and arrays are not keys.
  const KeyColumn bpchar_key(type_oid::kBpchar, SortDirection::kAscending, NullsOrder::kDefault);
  const std::vector<Value> a = {Value::String(type_oid::kBpchar, "a")};
  const std::vector<Value> b = {Value::String(type_oid::kBpchar, "a   ")};
  CHECK(EncodeKey({&bpchar_key, 1}, a) == EncodeKey({&bpchar_key, 1}, b));
  for (Oid t : {Oid{1007}, type_oid::kJson, type_oid::kJsonb}) {
    try {
      KeyColumn column(t, SortDirection::kAscending, NullsOrder::kDefault);
      FAIL("no error for key type " << t);
    } catch (const SqlError& e) {
      CHECK(e.sqlstate() == SqlState::kFeatureNotSupported);
    }
  }
}

}  // namespace
}  // namespace strata::sql
