// Numeric: arbitrary-precision arithmetic with PostgreSQL's result scales.
// Every expected value below was printed by PostgreSQL 15 for the same
// expression (psql against a real server).
#include "sql/types/numeric.h"

#include <catch2/catch.hpp>
#include <string>

#include "common/sql_error.h"
#include "sql/types/numeric_math.h"
#include "sql/types/numeric_var.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::Scalar;

Numeric N(const char* s) { return Numeric::Parse(s); }

TEST_CASE("numeric parses and prints as PostgreSQL", "[numeric]") {
  CHECK(N("0").ToString() == "0");
  CHECK(N("1.50").ToString() == "1.50");  // display scale is kept
  CHECK(N("-0.0").ToString() == "0.0");   // no negative zero
  CHECK(N(" 1.5 ").ToString() == "1.5");
  CHECK(N("1e3").ToString() == "1000");
  CHECK(N("1.5e3").ToString() == "1500");
  CHECK(N("1e-3").ToString() == "0.001");
  CHECK(N(".5").ToString() == "0.5");
  CHECK(N("5.").ToString() == "5");
  CHECK(N("12345678901234567890.123456789").ToString() == "12345678901234567890.123456789");
  CHECK(N("NaN").ToString() == "NaN");
  CHECK(N(" -inf ").ToString() == "-Infinity");
  CHECK(N("Infinity").ToString() == "Infinity");
}

TEST_CASE("numeric rejects bad input with PostgreSQL's errors", "[numeric]") {
  try {
    N("12a");
    FAIL("no error");
  } catch (const SqlError& e) {
    CHECK(SqlStateCode(e.sqlstate()) == "22P02");
    CHECK(e.fields().message == "invalid input syntax for type numeric: \"12a\"");
  }
  CHECK_THROWS_AS(N("."), SqlError);
  CHECK_THROWS_AS(N("1.2.3"), SqlError);
  CHECK_THROWS_AS(N(""), SqlError);
  // PG: select 1e-20000 -> 22003 value overflows numeric format
  auto e = Error("select 1e-20000");
  CHECK(e.code == "22003");
  CHECK(e.message == "value overflows numeric format");
  CHECK(e.position == 8);
}

TEST_CASE("numeric add/sub/mul keep PostgreSQL's scales", "[numeric]") {
  CHECK(N("1.50").Mul(N("2.0")).ToString() == "3.000");
  CHECK(N("1").Sub(N("1.000")).ToString() == "0.000");
  CHECK(N("0.1").Add(N("0.2")).ToString() == "0.3");
  CHECK(N("99999999999999999999").Add(N("1")).ToString() == "100000000000000000000");
  CHECK(N("123.456").Mul(N("-0.001")).ToString() == "-0.123456");
  CHECK(N("9999").Add(N("0.0001")).ToString() == "9999.0001");
  CHECK(N("-5").Add(N("3")).ToString() == "-2");
}

TEST_CASE("numeric division uses select_div_scale", "[numeric]") {
  // All from PostgreSQL 15.
  CHECK(Scalar("select 1/3.0") == "0.33333333333333333333");
  CHECK(Scalar("select 10.0/4") == "2.5000000000000000");
  CHECK(Scalar("select 1.0/7") == "0.14285714285714285714");
  CHECK(Scalar("select 100000/3.0") == "33333.333333333333");
  CHECK(Scalar("select 0.0001/3") == "0.000033333333333333333333");
  CHECK(Scalar("select 1/3.00000000000000000000000") == "0.33333333333333333333333");
  CHECK(Scalar("select 123456789.0/0.001") == "123456789000.00000000");
  CHECK(Scalar("select 2::numeric/3") == "0.66666666666666666667");  // rounds half up
  CHECK(Scalar("select 22::numeric/7") == "3.1428571428571429");
}

TEST_CASE("numeric modulo takes the dividend's sign", "[numeric]") {
  CHECK(Scalar("select 7.5 % 2") == "1.5");
  CHECK(Scalar("select -7.5 % 2") == "-1.5");
  CHECK(Scalar("select 5.5 % -2.1") == "1.3");
  CHECK(Scalar("select 1 % 0.5") == "0.0");
}

TEST_CASE("numeric special values follow PostgreSQL 15", "[numeric]") {
  CHECK(Scalar("select 'Infinity'::numeric - 'Infinity'::numeric") == "NaN");
  CHECK(Scalar("select 'Infinity'::numeric * 0") == "NaN");
  CHECK(Scalar("select 1 / 'Infinity'::numeric") == "0");
  CHECK(Scalar("select 'NaN'::numeric / 0") == "NaN");
  CHECK(Scalar("select -2 % 'inf'::numeric") == "-2");
  CHECK(Scalar("select 'NaN'::numeric > 'Infinity'::numeric") == "t");
  CHECK(Error("select 'Infinity'::numeric / 0").code == "22012");
}

TEST_CASE("numeric division by zero is 22012", "[numeric]") {
  for (const char* q : {"select 1.0/0", "select 0.0/0", "select 1.5 % 0"}) {
    auto e = Error(q);
    CHECK(e.code == "22012");
    CHECK(e.message == "division by zero");
    CHECK(e.position == 0);  // an execution error has no position
  }
}

TEST_CASE("numeric typmods round and check precision", "[numeric]") {
  CHECK(Scalar("select 123.456::numeric(5,2)") == "123.46");
  CHECK(Scalar("select 0.5::numeric(1,0)") == "1");
  CHECK(Scalar("select -0.5::numeric(2,1)") == "-0.5");
  CHECK(Scalar("select 15::numeric(3,-1)") == "20");
  CHECK(Scalar("select 1::numeric(2,-1)") == "0");
  auto e = Error("select 1234.5::numeric(5,2)");
  CHECK(e.code == "22003");
  CHECK(e.message == "numeric field overflow");
  CHECK(e.detail ==
        "A field with precision 5, scale 2 must round to an absolute value less than 10^3.");
  CHECK(Error("select 1::numeric(2,2)").detail ==
        "A field with precision 2, scale 2 must round to an absolute value less than 1.");
  CHECK(Error("select 'inf'::numeric(5,2)").detail ==
        "A field with precision 5, scale 2 cannot hold an infinite value.");
  auto p = Error("select 1::numeric(0,0)");
  CHECK(p.code == "22023");
  CHECK(p.message == "NUMERIC precision 0 must be between 1 and 1000");
  CHECK(p.position == 11);
}

TEST_CASE("numeric rounds half away from zero when cast to integers", "[numeric]") {
  CHECK(Scalar("select 2.5::int") == "3");
  CHECK(Scalar("select -2.5::int") == "-3");
  CHECK(Scalar("select 3.5::int") == "4");
  auto e = Error("select 'nan'::numeric::int");
  CHECK(e.code == "0A000");
  CHECK(e.message == "cannot convert NaN to integer");
  CHECK(Error("select 2147483647.5::int4").message == "integer out of range");
}

TEST_CASE("numeric long division agrees with multiplication", "[numeric]") {
  // Property check over varied sizes: (a / b) * b is within one unit in the
  // last place of a, and a % b == a - trunc(a/b)*b has the dividend's sign.
  const char* values[] = {"1",      "3",          "7",      "9999",
                          "10000",  "12345.6789", "0.0003", "98765432109876543210.0123456789",
                          "-42.42", "1e30"};
  for (const char* a : values) {
    for (const char* b : values) {
      const Numeric x = N(a);
      const Numeric y = N(b);
      const Numeric q = x.Div(y);
      const Numeric back = q.Mul(y);
      const Numeric diff = back.Sub(x);
      // |diff| <= |y| * 10^-dscale(q)
      const Numeric ulp = N(("1e-" + std::to_string(q.dscale())).c_str());
      const Numeric bound = (y.Sign() < 0 ? y.Negate() : y).Mul(ulp);
      INFO(a << " / " << b << " = " << q.ToString());
      CHECK(diff.Compare(bound) <= 0);
      CHECK(diff.Negate().Compare(bound) <= 0);
      const Numeric r = x.Mod(y);
      CHECK((r.Sign() == 0 || r.Sign() == x.Sign()));
    }
  }
}

}  // namespace
}  // namespace strata::sql

namespace strata::sql {
namespace {

// Values printed by PostgreSQL 15 for the same expressions.
TEST_CASE("numeric sqrt/exp/ln/log/power pick PostgreSQL's scales and digits", "[numeric]") {
  CHECK(NumericSqrt(N("2")).ToString() == "1.414213562373095");
  CHECK(NumericSqrt(N("1e-40")).ToString() == "0.0000000000000000000100000000000000000000");
  CHECK(NumericExp(N("1")).ToString() == "2.7182818284590452");
  CHECK(NumericExp(N("-100")).ToString() ==
        "0.00000000000000000000000000000000000000000003720075976020836");
  CHECK(NumericLn(N("10")).ToString() == "2.3025850929940457");
  CHECK(NumericLog(N("2"), N("1024")).ToString() == "10.0000000000000000");
  CHECK(NumericPower(N("0.5"), N("17")).ToString() == "0.0000076293945313");  // exact tie rounds up
  CHECK(NumericPower(N("2"), N("0.5")).ToString() == "1.4142135623730950");
  CHECK(NumericPower(N("-2.0"), N("3")).ToString() == "-8.0000000000000000");
}

TEST_CASE("numeric math errors carry PostgreSQL's SQLSTATEs", "[numeric]") {
  auto code = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const SqlError& e) {
      return std::string(SqlStateCode(e.sqlstate()));
    }
    return "none";
  };
  CHECK(code([] { NumericSqrt(N("-1")); }) == "2201F");
  CHECK(code([] { NumericLn(N("0")); }) == "2201E");
  CHECK(code([] { NumericLog(N("1"), N("2")); }) == "22012");
  CHECK(code([] { NumericPower(N("0"), N("-1")); }) == "2201F");
  CHECK(code([] { NumericPower(N("-2"), N("0.5")); }) == "2201F");
  CHECK(code([] { NumericExp(N("6000")); }) == "22003");
}

TEST_CASE("NumericVar division and square root keep exact digits", "[numeric]") {
  const NumericVar one = NumericVar::FromInt(1);
  const NumericVar three = NumericVar::FromInt(3);
  CHECK(Div(one, three, 2).ToNumeric(8).ToString() == "0.33333333");
  // A negative scale truncates before the point.
  CHECK(Div(NumericVar::FromInt(123456789), one, -1).ToNumeric(0).ToString() == "123450000");
  CHECK(Sqrt(NumericVar::FromInt(2), 5).ToNumeric(16).ToString() == "1.4142135623730950");
  CHECK(Sqrt(NumericVar::FromNumeric(N("1e100")), 1).ToNumeric(0).ToString() ==
        "1" + std::string(50, '0'));
}

}  // namespace
}  // namespace strata::sql
