// The geometric types' payload codec, text I/O and fuzzy comparisons
// (sql/types/geo_types.h). Expected texts and errors are PostgreSQL 15's.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "common/sql_error.h"
#include "common/sqlstate.h"
#include "sql/types/geo_types.h"
#include "sql/types/type_io.h"

namespace strata::sql {
namespace {

std::string RoundTrip(Oid type, std::string_view text) {
  return OutputValue(InputValue(type, text));
}

std::string ErrorOf(Oid type, std::string_view text) {
  try {
    (void)InputValue(type, text);
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate)) + " " + e.fields().message;
  }
  return "ok";
}

TEST_CASE("geometric text input forms and output", "[geo]") {
  CHECK(RoundTrip(geo::kPoint, " ( 1.5 , -2 ) ") == "(1.5,-2)");
  CHECK(RoundTrip(geo::kPoint, "3,4") == "(3,4)");
  CHECK(RoundTrip(geo::kLseg, "1,2,3,4") == "[(1,2),(3,4)]");
  CHECK(RoundTrip(geo::kBox, "(1,2),(3,4)") == "(3,4),(1,2)");  // corners reordered
  CHECK(RoundTrip(geo::kPath, "[(1,2),(3,4)]") == "[(1,2),(3,4)]");
  CHECK(RoundTrip(geo::kPath, "(1,2,3,4)") == "((1,2),(3,4))");
  CHECK(RoundTrip(geo::kPolygon, "(1,2),(3,4)") == "((1,2),(3,4))");
  CHECK(RoundTrip(geo::kLine, "{1,2,3}") == "{1,2,3}");
  CHECK(RoundTrip(geo::kLine, "(0,0),(0,5)") == "{-1,0,0}");
  CHECK(RoundTrip(geo::kCircle, "1,2,3") == "<(1,2),3>");
}

TEST_CASE("geometric text input errors", "[geo]") {
  CHECK(ErrorOf(geo::kPoint, "(10.0 10.0)") ==
        "22P02 invalid input syntax for type point: \"(10.0 10.0)\"");
  CHECK(ErrorOf(geo::kPoint, "(1, 1e+500)") ==
        "22003 \"1e+500\" is out of range for type double precision");
  CHECK(ErrorOf(geo::kBox, "[(1,2),(3,4)]") ==
        "22P02 invalid input syntax for type box: \"[(1,2),(3,4)]\"");
  CHECK(ErrorOf(geo::kLine, "{0,0,1}") ==
        "22023 invalid line specification: A and B cannot both be zero");
  CHECK(ErrorOf(geo::kCircle, "<(1,2),-1>") ==
        "22P02 invalid input syntax for type circle: \"<(1,2),-1>\"");
}

TEST_CASE("geometric payloads keep every field", "[geo]") {
  const geo::Path path{true, {{1, 2}, {3, 4}, {-5, 6.5}}};
  const geo::Path back = geo::GetPath(geo::MakePath(path));
  CHECK(back.closed);
  REQUIRE(back.points.size() == 3);
  CHECK(back.points[2].x == -5);
  CHECK(back.points[2].y == 6.5);
  const geo::Polygon poly = geo::GetPolygon(geo::MakePolygon(path.points));
  CHECK(poly.bound.high.x == 3);
  CHECK(poly.bound.low.x == -5);
  CHECK(poly.bound.high.y == 6.5);
  CHECK(poly.bound.low.y == 2);
}

TEST_CASE("EPSILON comparisons and NaN points", "[geo]") {
  CHECK(geo::FPeq(1.0, 1.0000009));
  CHECK_FALSE(geo::FPeq(1.0, 1.000002));
  CHECK(geo::FPlt(1.0, 1.000002));
  CHECK_FALSE(geo::FPlt(1.0, 1.0000009));
  CHECK(geo::PointsEqual({NAN, NAN}, {NAN, NAN}));
  CHECK_FALSE(geo::PointsEqual({NAN, 0}, {0, 0}));
  CHECK(geo::Hypot(3, 4) == 5);
  CHECK(std::isinf(geo::Hypot(NAN, INFINITY)));
  CHECK_THROWS_AS(geo::Mul(1e300, 1e300), SqlError);
}

}  // namespace
}  // namespace strata::sql
