// Casts between the supported types: input syntax of literals, function
// casts, I/O casts, typmods and the errors for casts that do not exist.
// Expected values and errors were printed by PostgreSQL 15.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::FirstRow;
using testing::Scalar;

TEST_CASE("text input of literals", "[cast]") {
  CHECK(FirstRow("select '  12  '::int, '+5'::int, '-0'::int, ' 1.5 '::numeric, "
                 "'1e3'::numeric, 'Infinity'::numeric, ' -inf '::numeric, 'nan'::numeric") ==
        std::vector<std::string>{"12", "5", "0", "1.5", "1000", "Infinity", "-Infinity", "NaN"});
  CHECK(FirstRow("select ' tr'::bool, 'Y'::bool, 'off'::bool, '0'::bool, 'on'::bool") ==
        std::vector<std::string>{"t", "t", "f", "f", "t"});
}

TEST_CASE("bad literals fail at the literal's position", "[cast]") {
  struct Case {
    const char* query;
    const char* code;
    const char* message;
    int position;
  };
  for (const Case& c : {
           Case{"select 'abc'::int", "22P02", "invalid input syntax for type integer: \"abc\"", 8},
           Case{"select  cast('abc' as int)", "22P02",
                "invalid input syntax for type integer: \"abc\"", 14},
           Case{"select '1.5'::int", "22P02", "invalid input syntax for type integer: \"1.5\"", 8},
           Case{"select ''::int", "22P02", "invalid input syntax for type integer: \"\"", 8},
           Case{"select '99999999999'::int", "22003",
                "value \"99999999999\" is out of range for type integer", 8},
           Case{"select '99999'::int2", "22003",
                "value \"99999\" is out of range for type smallint", 8},
           Case{"select 'o'::bool", "22P02", "invalid input syntax for type boolean: \"o\"", 8},
           Case{"select '12a'::numeric", "22P02", "invalid input syntax for type numeric: \"12a\"",
                8},
           Case{"select '1e400'::float8", "22003",
                "\"1e400\" is out of range for type double precision", 8},
       }) {
    INFO(c.query);
    auto e = Error(c.query);
    CHECK(e.code == c.code);
    CHECK(e.message == c.message);
    CHECK(e.position == c.position);
  }
  // Through a text value the input function runs at execution: no position.
  auto e = Error("select 'abc'::text::int");
  CHECK(e.code == "22P02");
  CHECK(e.position == 0);
}

TEST_CASE("function and I/O casts", "[cast]") {
  CHECK(FirstRow("select true::text, 12.50::text, 1::bool, 0::bool, 5::bool, true::int, "
                 "false::int") ==
        std::vector<std::string>{"true", "12.50", "t", "f", "t", "1", "0"});
  CHECK(FirstRow("select 2.5::float8::int, 3.5::float8::int, -2.5::float8::int") ==
        std::vector<std::string>{"2", "4", "-2"});  // float rounds half to even
  CHECK(FirstRow("select 0.1::float8::numeric, 1e20::float8::numeric, "
                 "1.23456789012345678::float8::numeric") ==
        std::vector<std::string>{"0.1", "100000000000000000000", "1.23456789012346"});
  CHECK(FirstRow("select 'abcdef'::varchar(3), 'abc'::varchar(5), 12345::varchar(2)") ==
        std::vector<std::string>{"abc", "abc", "12"});
  CHECK(Scalar("select 't'::text::bool") == "t");
  CHECK(Error("select 2147483648::int4").message == "integer out of range");
}

TEST_CASE("casts that do not exist are 42846 at the cast", "[cast]") {
  auto e = Error("select true::int2");
  CHECK(e.code == "42846");
  CHECK(e.message == "cannot cast type boolean to smallint");
  CHECK(e.position == 12);
  auto c = Error("select cast(true as int2)");
  CHECK(c.message == "cannot cast type boolean to smallint");
  CHECK(c.position == 8);
  CHECK(Error("select 1::int2::bool").message == "cannot cast type smallint to boolean");
  CHECK(Error("select true::int8").message == "cannot cast type boolean to bigint");
  CHECK(Error("select 1::date").message == "cannot cast type integer to date");
  CHECK(Error("select 1::int[]").message == "cannot cast type integer to integer[]");
}

TEST_CASE("type names and modifiers", "[cast]") {
  auto unknown = Error("select 1::foo");
  CHECK(unknown.code == "42704");
  CHECK(unknown.message == "type \"foo\" does not exist");
  CHECK(unknown.position == 11);
  auto typmod = Error("select 1::text(4)");
  CHECK(typmod.code == "42601");
  CHECK(typmod.message == "type modifier is not allowed for type \"text\"");
  auto varchar = Error("select 'abc'::varchar(0)");
  CHECK(varchar.code == "22023");
  CHECK(varchar.message == "length for type varchar must be at least 1");
  CHECK(Error("select 1::numeric(3,2,1)").message == "invalid NUMERIC type modifier");
  CHECK(Error("select 1::numeric('a')").message == "invalid input syntax for type integer: \"a\"");
}

TEST_CASE("float output is PostgreSQL's shortest exact form", "[cast]") {
  CHECK(FirstRow("select 1e14::float8, 1e15::float8, 123456789012345678::float8, "
                 "0.0001::float8, 0.00001::float8, '-0'::float8, 0.1::float8+0.2::float8, "
                 "1/3::float8, 'nan'::float8, '-inf'::float8") ==
        std::vector<std::string>{"100000000000000", "1e+15", "1.2345678901234568e+17", "0.0001",
                                 "1e-05", "-0", "0.30000000000000004", "0.3333333333333333", "NaN",
                                 "-Infinity"});
  CHECK(FirstRow("select 1.5::float4, 0.1::float4::float8, 123456.7::float4, "
                 "1234567.1::float4") ==
        std::vector<std::string>{"1.5", "0.10000000149011612", "123456.7", "1.2345671e+06"});
  // Halfway cases: PostgreSQL's Ryu never prints a decimal on the rounding
  // boundary, so these take one more digit than the shortest round trip.
  CHECK(Scalar("select '18326853137741792'::float8") == "1.8326853137741792e+16");
  CHECK(Scalar("select '4611686016279904256'::float8") == "4.6116860162799043e+18");
  auto e = Error("select 1e308::float8 * 10");
  CHECK(e.code == "22003");
  CHECK(e.message == "value out of range: overflow");
}

}  // namespace
}  // namespace strata::sql
