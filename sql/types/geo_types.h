// PostgreSQL's geometric types (point, lseg, line, box, path, polygon,
// circle): their OIDs, in-memory shapes, the Value payload they travel in,
// the fuzzy comparisons of geo_decls.h, and float8 arithmetic with
// PostgreSQL's overflow checks.
//
// Payload: a Value of a geometric type holds a std::string of native-endian
// doubles, in PostgreSQL's field order (that string is also what the table
// codec stores, as kBytes):
//   point   x, y                         (16 bytes)
//   lseg    p0.x, p0.y, p1.x, p1.y       (32 bytes)
//   box     high.x, high.y, low.x, low.y (32 bytes; high >= low per axis)
//   line    A, B, C   (Ax + By + C = 0)  (24 bytes)
//   circle  center.x, center.y, radius   (24 bytes)
//   path    one byte (1 closed, 0 open), then x, y per point
//   polygon x, y per point (the bounding box is recomputed when needed)
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/value.h"

namespace strata::sql::geo {

inline constexpr Oid kPoint = 600;
inline constexpr Oid kLseg = 601;
inline constexpr Oid kPath = 602;
inline constexpr Oid kBox = 603;
inline constexpr Oid kPolygon = 604;
inline constexpr Oid kLine = 628;
inline constexpr Oid kCircle = 718;

bool IsGeometricType(Oid type);

struct Point {
  double x = 0;
  double y = 0;
};
struct LSeg {
  Point p[2];
};
struct Box {
  Point high;
  Point low;
};
struct Line {
  double a = 0;
  double b = 0;
  double c = 0;
};
struct Circle {
  Point center;
  double radius = 0;
};
struct Path {
  bool closed = false;
  std::vector<Point> points;
};
struct Polygon {
  std::vector<Point> points;
  Box bound;  // the bounding box of `points`
};

// Payload conversions. The getters REQUIRE a non-NULL value of that type.
Value MakePoint(Point p);
Value MakeLseg(const LSeg& l);
Value MakeBox(const Box& b);
Value MakeLine(const Line& l);
Value MakeCircle(const Circle& c);
Value MakePath(const Path& p);
Value MakePolygon(const std::vector<Point>& points);
Point GetPoint(const Value& v);
LSeg GetLseg(const Value& v);
Box GetBox(const Value& v);
Line GetLine(const Value& v);
Circle GetCircle(const Value& v);
Path GetPath(const Value& v);
Polygon GetPolygon(const Value& v);
Box BoundingBox(const std::vector<Point>& points);

// point_eq_point: FPeq on both coordinates; with a NaN, exact equality
// (NaN equal to NaN).
bool PointsEqual(Point a, Point b);
// line_construct: the line through p with slope m (infinite: vertical),
// and the line through two points.
Line LineWithSlope(Point p, double m);
Line LineThrough(Point p1, Point p2);

// Text input (point_in, lseg_in, ...) and output (point_out, ...): the
// forms and error messages of PostgreSQL 15 (geo_io.cpp).
Value ParseGeometric(Oid type, std::string_view text);
std::string FormatGeometric(const Value& v);

// EPSILON comparisons (geo_decls.h).
inline constexpr double kEpsilon = 1.0E-06;
inline bool FPzero(double a) { return std::fabs(a) <= kEpsilon; }
inline bool FPeq(double a, double b) { return a == b || std::fabs(a - b) <= kEpsilon; }
inline bool FPne(double a, double b) { return a != b && std::fabs(a - b) > kEpsilon; }
inline bool FPlt(double a, double b) { return a + kEpsilon < b; }
inline bool FPle(double a, double b) { return a <= b + kEpsilon; }
inline bool FPgt(double a, double b) { return a > b + kEpsilon; }
inline bool FPge(double a, double b) { return a + kEpsilon >= b; }

// float8_pl/mi/mul/div (float.h): 22003 on overflow or underflow, 22012 on
// division by zero.
double Add(double a, double b);
double Sub(double a, double b);
double Mul(double a, double b);
double Div(double a, double b);
// pg_hypot: infinity if either is infinite, else NaN if either is NaN.
double Hypot(double x, double y);

}  // namespace strata::sql::geo
