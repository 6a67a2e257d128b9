// float8in / float4in (sql/types/float_io.cpp): the from_chars path for
// plain decimals and the strtod path for everything else must agree with
// each other and with PostgreSQL 15's answers (values and errors below were
// taken from PostgreSQL 15: SELECT 'x'::float8).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <random>
#include <string>

#include "common/sql_error.h"
#include "common/sqlstate.h"
#include "sql/types/type_io.h"

namespace strata::sql {
namespace {

std::string ErrorCode(std::string_view text, bool float4 = false) {
  try {
    if (float4) {
      (void)ParseFloat4(text);
    } else {
      (void)ParseFloat8(text);
    }
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate));
  }
  return "ok";
}

TEST_CASE("float8 input: plain decimals, spaces, signs, specials, range", "[float_io]") {
  CHECK(ParseFloat8("1.5") == 1.5);
  CHECK(ParseFloat8(".5") == 0.5);
  CHECK(ParseFloat8("1.") == 1.0);
  CHECK(ParseFloat8("-2.25e2") == -225.0);
  CHECK(ParseFloat8("  3.5  ") == 3.5);
  CHECK(ParseFloat8("+4") == 4.0);
  CHECK(std::signbit(ParseFloat8("-0")));
  CHECK(ParseFloat8("0e10") == 0.0);
  CHECK(ParseFloat8("1e-320") > 0.0);  // subnormal: accepted, as PostgreSQL does
  CHECK(std::isinf(ParseFloat8("-Infinity")));
  CHECK(std::isnan(ParseFloat8("NaN")));
  CHECK(ErrorCode("1e-400") == "22003");
  CHECK(ErrorCode("1e400") == "22003");
  CHECK(ErrorCode("5e") == "22P02");
  CHECK(ErrorCode("1.5x") == "22P02");
  CHECK(ErrorCode("-") == "22P02");
  CHECK(ErrorCode("") == "22P02");
  CHECK(ErrorCode("1e39", true) == "22003");
  CHECK(ParseFloat4("1.1") == 1.1f);
}

TEST_CASE("float8 input: from_chars and strtod round alike", "[float_io]") {
  std::mt19937_64 gen(42);
  std::uniform_int_distribution<int> exp(-320, 280);  // with 17 mantissa digits: in range, subnormals included
  std::uniform_int_distribution<uint64_t> mant(0, 99999999999999999ULL);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = std::to_string(mant(gen)) + "." + std::to_string(mant(gen) % 1000) + "e" +
                          std::to_string(exp(gen));
    CHECK(ParseFloat8(s) == std::strtod(s.c_str(), nullptr));
    const std::string t = std::to_string(mant(gen) % 100000) + "." + std::to_string(mant(gen) % 100000);
    CHECK(ParseFloat4(t) == std::strtof(t.c_str(), nullptr));
  }
}

}  // namespace
}  // namespace strata::sql
