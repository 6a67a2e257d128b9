// Geometric functions, operators' implementations and casts (see
// geo_functions.h), following PostgreSQL 15's geo_ops.c: fuzzy comparisons
// with EPSILON (geo_types.h), float8 arithmetic with overflow checks, and
// NULL where PostgreSQL returns NULL (no intersection point, an open path's
// area, ...). Functions not listed here answer 0A000 when called.
#include "sql/expr/geo_functions.h"

#include <cmath>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/sql_function_rows.h"
#include "sql/stack_depth.h"
#include "sql/types/geo_types.h"

namespace strata::sql::geo {

namespace {

using Args = std::span<const Value>;

constexpr double kNaN = __builtin_nan("");

Value B(bool b) { return Value::Bool(b); }
Value F(double d) { return Value::Float8(d); }

// float8_lt / float8_gt / float8_min / float8_max: NaN sorts above all.
bool FloatLt(double a, double b) { return !std::isnan(a) && (std::isnan(b) || a < b); }
bool FloatGt(double a, double b) { return !std::isnan(b) && (std::isnan(a) || a > b); }
double FloatMin(double a, double b) { return FloatLt(a, b) ? a : b; }
double FloatMax(double a, double b) { return FloatGt(a, b) ? a : b; }

// ---- points ----

Point PointAdd(Point a, Point b) { return {Add(a.x, b.x), Add(a.y, b.y)}; }
Point PointSub(Point a, Point b) { return {Sub(a.x, b.x), Sub(a.y, b.y)}; }
Point PointMul(Point a, Point b) {
  return {Sub(Mul(a.x, b.x), Mul(a.y, b.y)), Add(Mul(a.x, b.y), Mul(a.y, b.x))};
}
Point PointDiv(Point a, Point b) {
  const double div = Add(Mul(b.x, b.x), Mul(b.y, b.y));
  return {Div(Add(Mul(a.x, b.x), Mul(a.y, b.y)), div),
          Div(Sub(Mul(a.y, b.x), Mul(a.x, b.y)), div)};
}
double PointDist(Point a, Point b) { return Hypot(Sub(a.x, b.x), Sub(a.y, b.y)); }

// point_sl / point_invsl: the slope of the line through two points (and of
// its perpendicular); vertical is infinite.
double Slope(Point a, Point b) {
  if (FPeq(a.x, b.x)) return HUGE_VAL;
  if (FPeq(a.y, b.y)) return 0.0;
  return Div(Sub(a.y, b.y), Sub(a.x, b.x));
}
double InvSlope(Point a, Point b) {
  if (FPeq(a.x, b.x)) return 0.0;
  if (FPeq(a.y, b.y)) return HUGE_VAL;
  return Div(Sub(a.x, b.x), Sub(b.y, a.y));
}

template <Point (*Op)(Point, Point)>
Value PointOp(Args a) {
  return MakePoint(Op(GetPoint(a[0]), GetPoint(a[1])));
}

// ---- lines ----

double LineInvSlope(const Line& l) {
  if (FPzero(l.a)) return HUGE_VAL;
  if (FPzero(l.b)) return 0.0;
  return Div(l.b, l.a);
}

// line_interpt_line: false for parallel lines.
bool LineIntersection(const Line& l1, const Line& l2, Point* result) {
  double x, y;
  if (!FPzero(l1.b)) {
    if (FPeq(l2.a, Mul(l1.a, Div(l2.b, l1.b)))) return false;
    x = Div(Sub(Mul(l1.b, l2.c), Mul(l2.b, l1.c)), Sub(Mul(l1.a, l2.b), Mul(l2.a, l1.b)));
    y = Div(-Add(Mul(l1.a, x), l1.c), l1.b);
  } else if (!FPzero(l2.b)) {
    if (FPeq(l1.a, Mul(l2.a, Div(l1.b, l2.b)))) return false;
    x = Div(Sub(Mul(l2.b, l1.c), Mul(l1.b, l2.c)), Sub(Mul(l2.a, l1.b), Mul(l1.a, l2.b)));
    y = Div(-Add(Mul(l2.a, x), l2.c), l2.b);
  } else {
    return false;
  }
  if (x == 0.0) x = 0.0;  // no -0
  if (y == 0.0) y = 0.0;
  if (result != nullptr) *result = {x, y};
  return true;
}

// line_closept_point: the foot of the perpendicular from pt; NaN distance
// when it cannot be found.
double LineClosestPoint(const Line& line, Point pt, Point* result) {
  const Line perp = LineWithSlope(pt, LineInvSlope(line));
  Point closest;
  if (!LineIntersection(perp, line, &closest)) {
    if (result != nullptr) *result = pt;
    return kNaN;
  }
  if (result != nullptr) *result = closest;
  return PointDist(closest, pt);
}

bool LineContainsPoint(const Line& l, Point p) {
  return FPzero(Add(Add(Mul(l.a, p.x), Mul(l.b, p.y)), l.c));
}

bool FloatEqNaN(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool LineEq(const Line& l1, const Line& l2) {
  if (std::isnan(l1.a) || std::isnan(l1.b) || std::isnan(l1.c) || std::isnan(l2.a) ||
      std::isnan(l2.b) || std::isnan(l2.c)) {
    return FloatEqNaN(l1.a, l2.a) && FloatEqNaN(l1.b, l2.b) && FloatEqNaN(l1.c, l2.c);
  }
  double ratio;
  if (!FPzero(l2.a)) {
    ratio = Div(l1.a, l2.a);
  } else if (!FPzero(l2.b)) {
    ratio = Div(l1.b, l2.b);
  } else if (!FPzero(l2.c)) {
    ratio = Div(l1.c, l2.c);
  } else {
    ratio = 1.0;
  }
  return FPeq(l1.a, Mul(ratio, l2.a)) && FPeq(l1.b, Mul(ratio, l2.b)) &&
         FPeq(l1.c, Mul(ratio, l2.c));
}

bool LinePerp(const Line& l1, const Line& l2) {
  if (FPzero(l1.a)) return FPzero(l2.b);
  if (FPzero(l2.a)) return FPzero(l1.b);
  if (FPzero(l1.b)) return FPzero(l2.a);
  if (FPzero(l2.b)) return FPzero(l1.a);
  return FPeq(Div(Mul(l1.a, l2.a), Mul(l1.b, l2.b)), -1.0);
}

double LineDistance(const Line& l1, const Line& l2) {
  if (LineIntersection(l1, l2, nullptr)) return 0.0;
  double ratio;
  if (!FPzero(l1.a) && !std::isnan(l1.a) && !FPzero(l2.a) && !std::isnan(l2.a)) {
    ratio = Div(l1.a, l2.a);
  } else if (!FPzero(l1.b) && !std::isnan(l1.b) && !FPzero(l2.b) && !std::isnan(l2.b)) {
    ratio = Div(l1.b, l2.b);
  } else {
    ratio = 1.0;
  }
  return Div(std::fabs(Sub(l1.c, Mul(ratio, l2.c))), Hypot(l1.a, l1.b));
}

// ---- line segments ----

double LsegLength(const LSeg& l) { return PointDist(l.p[0], l.p[1]); }

bool LsegContainsPoint(const LSeg& l, Point p) {
  return FPeq(Add(PointDist(p, l.p[0]), PointDist(p, l.p[1])), LsegLength(l));
}

// lseg_interpt_line: where the segment meets the line, if it does.
bool LsegLineIntersection(const LSeg& lseg, const Line& line, Point* result) {
  const Line tmp = LineWithSlope(lseg.p[0], Slope(lseg.p[0], lseg.p[1]));
  Point interpt;
  if (!LineIntersection(tmp, line, &interpt)) return false;
  if (!LsegContainsPoint(lseg, interpt)) return false;
  if (result != nullptr) {
    // Snap to a matching endpoint: rounding leaves LSB residue otherwise.
    if (PointsEqual(lseg.p[0], interpt)) {
      *result = lseg.p[0];
    } else if (PointsEqual(lseg.p[1], interpt)) {
      *result = lseg.p[1];
    } else {
      *result = interpt;
    }
  }
  return true;
}

bool LsegIntersection(const LSeg& l1, const LSeg& l2, Point* result) {
  const Line tmp = LineWithSlope(l2.p[0], Slope(l2.p[0], l2.p[1]));
  Point interpt;
  if (!LsegLineIntersection(l1, tmp, &interpt)) return false;
  if (!LsegContainsPoint(l2, interpt)) return false;
  if (result != nullptr) *result = interpt;
  return true;
}

// lseg_closept_line: the segment's point closest to the line.
double LsegClosestToLine(const LSeg& lseg, const Line& line, Point* result) {
  if (LsegLineIntersection(lseg, line, result)) return 0.0;
  const double d1 = LineClosestPoint(line, lseg.p[0], nullptr);
  const double d2 = LineClosestPoint(line, lseg.p[1], nullptr);
  if (d1 < d2) {
    if (result != nullptr) *result = lseg.p[0];
    return d1;
  }
  if (result != nullptr) *result = lseg.p[1];
  return d2;
}

// lseg_closept_point: the segment's point closest to pt.
double LsegClosestPoint(const LSeg& lseg, Point pt, Point* result) {
  const Line perp = LineWithSlope(pt, InvSlope(lseg.p[0], lseg.p[1]));
  Point closest;
  LsegClosestToLine(lseg, perp, &closest);
  if (result != nullptr) *result = closest;
  return PointDist(closest, pt);
}

// lseg_closept_lseg: the point of `on` closest to `to`.
double LsegClosestLseg(const LSeg& on, const LSeg& to, Point* result) {
  if (LsegIntersection(on, to, result)) return 0.0;
  Point point;
  double dist = LsegClosestPoint(on, to.p[0], result);
  double d = LsegClosestPoint(on, to.p[1], &point);
  if (FloatLt(d, dist)) {
    dist = d;
    if (result != nullptr) *result = point;
  }
  d = LsegClosestPoint(to, on.p[0], nullptr);
  if (FloatLt(d, dist)) {
    dist = d;
    if (result != nullptr) *result = on.p[0];
  }
  d = LsegClosestPoint(to, on.p[1], nullptr);
  if (FloatLt(d, dist)) {
    dist = d;
    if (result != nullptr) *result = on.p[1];
  }
  return dist;
}

Point LsegCenter(const LSeg& l) {
  return {Div(Add(l.p[0].x, l.p[1].x), 2.0), Div(Add(l.p[0].y, l.p[1].y), 2.0)};
}

// ---- boxes ----

double BoxWidth(const Box& b) { return Sub(b.high.x, b.low.x); }
double BoxHeight(const Box& b) { return Sub(b.high.y, b.low.y); }
double BoxArea(const Box& b) { return Mul(BoxWidth(b), BoxHeight(b)); }
Point BoxCenter(const Box& b) {
  return {Div(Add(b.high.x, b.low.x), 2.0), Div(Add(b.high.y, b.low.y), 2.0)};
}
// box_construct: corners reordered so that high >= low.
Box BoxFrom(Point p1, Point p2) {
  Box b;
  b.high.x = p1.x > p2.x ? p1.x : p2.x;
  b.low.x = p1.x > p2.x ? p2.x : p1.x;
  b.high.y = p1.y > p2.y ? p1.y : p2.y;
  b.low.y = p1.y > p2.y ? p2.y : p1.y;
  return b;
}
bool BoxOverlap(const Box& a, const Box& b) {
  return FPle(a.low.x, b.high.x) && FPle(b.low.x, a.high.x) && FPle(a.low.y, b.high.y) &&
         FPle(b.low.y, a.high.y);
}
bool BoxContainsBox(const Box& c, const Box& ct) {
  return FPge(c.high.x, ct.high.x) && FPle(c.low.x, ct.low.x) && FPge(c.high.y, ct.high.y) &&
         FPle(c.low.y, ct.low.y);
}
bool BoxContainsPoint(const Box& b, Point p) {
  return b.high.x >= p.x && b.low.x <= p.x && b.high.y >= p.y && b.low.y <= p.y;
}

// box_closept_point: 0 inside the box, else the nearest of its four sides.
double BoxClosestPoint(const Box& box, Point pt, Point* result) {
  if (BoxContainsPoint(box, pt)) {
    if (result != nullptr) *result = pt;
    return 0.0;
  }
  Point closest;
  Point corner{box.low.x, box.high.y};
  double dist = LsegClosestPoint(LSeg{{box.low, corner}}, pt, result);
  double d = LsegClosestPoint(LSeg{{box.high, corner}}, pt, &closest);
  if (FloatLt(d, dist)) {
    dist = d;
    if (result != nullptr) *result = closest;
  }
  corner = {box.high.x, box.low.y};
  d = LsegClosestPoint(LSeg{{box.low, corner}}, pt, &closest);
  if (FloatLt(d, dist)) {
    dist = d;
    if (result != nullptr) *result = closest;
  }
  d = LsegClosestPoint(LSeg{{box.high, corner}}, pt, &closest);
  if (FloatLt(d, dist)) {
    dist = d;
    if (result != nullptr) *result = closest;
  }
  return dist;
}

// box_interpt_lseg: whether the segment crosses the box; *result (if
// wanted) is the segment's point closest to the box's center.
bool BoxLsegIntersect(const Box& box, const LSeg& lseg, Point* result) {
  Box lbox;
  lbox.low.x = FloatMin(lseg.p[0].x, lseg.p[1].x);
  lbox.low.y = FloatMin(lseg.p[0].y, lseg.p[1].y);
  lbox.high.x = FloatMax(lseg.p[0].x, lseg.p[1].x);
  lbox.high.y = FloatMax(lseg.p[0].y, lseg.p[1].y);
  if (!BoxOverlap(lbox, box)) return false;
  if (result != nullptr) LsegClosestPoint(lseg, BoxCenter(box), result);
  if (BoxContainsPoint(box, lseg.p[0]) || BoxContainsPoint(box, lseg.p[1])) return true;
  Point corner{box.low.x, box.high.y};
  if (LsegIntersection(LSeg{{box.low, corner}}, lseg, nullptr)) return true;
  if (LsegIntersection(LSeg{{box.high, corner}}, lseg, nullptr)) return true;
  corner = {box.high.x, box.low.y};
  if (LsegIntersection(LSeg{{box.low, corner}}, lseg, nullptr)) return true;
  if (LsegIntersection(LSeg{{box.high, corner}}, lseg, nullptr)) return true;
  return false;
}

// box_closept_lseg: the distance from the box to the segment; *result is
// the box's point closest to it.
double BoxClosestLseg(const Box& box, const LSeg& lseg, Point* result) {
  if (BoxLsegIntersect(box, lseg, result)) return 0.0;
  Point closest;
  Point corner{box.low.x, box.high.y};
  double dist = LsegClosestLseg(LSeg{{box.low, corner}}, lseg, result);
  auto consider = [&](const LSeg& side) {
    const double d = LsegClosestLseg(side, lseg, &closest);
    if (FloatLt(d, dist)) {
      dist = d;
      if (result != nullptr) *result = closest;
    }
  };
  consider(LSeg{{box.high, corner}});
  corner = {box.high.x, box.low.y};
  consider(LSeg{{box.low, corner}});
  consider(LSeg{{box.high, corner}});
  return dist;
}

// inter_lb: whether the line crosses one of the box's sides.
bool LineBoxIntersect(const Line& line, const Box& box) {
  Point p1 = box.low;
  Point p2{box.low.x, box.high.y};
  if (LsegLineIntersection(LSeg{{p1, p2}}, line, nullptr)) return true;
  p1 = box.high;
  if (LsegLineIntersection(LSeg{{p1, p2}}, line, nullptr)) return true;
  p2 = {box.high.x, box.low.y};
  if (LsegLineIntersection(LSeg{{p1, p2}}, line, nullptr)) return true;
  p1 = box.low;
  if (LsegLineIntersection(LSeg{{p1, p2}}, line, nullptr)) return true;
  return false;
}

double LineSlope(const Line& l) {
  if (FPzero(l.a)) return 0.0;
  if (FPzero(l.b)) return HUGE_VAL;
  return Div(l.a, -l.b);
}

template <bool (*Pred)(const Box&, const Box&)>
Value BoxPred(Args a) {
  return B(Pred(GetBox(a[0]), GetBox(a[1])));
}
bool BoxSame(const Box& a, const Box& b) {
  return PointsEqual(a.high, b.high) && PointsEqual(a.low, b.low);
}
bool BoxLeft(const Box& a, const Box& b) { return FPlt(a.high.x, b.low.x); }
bool BoxOverLeft(const Box& a, const Box& b) { return FPle(a.high.x, b.high.x); }
bool BoxRight(const Box& a, const Box& b) { return FPgt(a.low.x, b.high.x); }
bool BoxOverRight(const Box& a, const Box& b) { return FPge(a.low.x, b.low.x); }
bool BoxBelow(const Box& a, const Box& b) { return FPlt(a.high.y, b.low.y); }
bool BoxOverBelow(const Box& a, const Box& b) { return FPle(a.high.y, b.high.y); }
bool BoxAbove(const Box& a, const Box& b) { return FPgt(a.low.y, b.high.y); }
bool BoxOverAbove(const Box& a, const Box& b) { return FPge(a.low.y, b.low.y); }
bool BoxContained(const Box& a, const Box& b) { return BoxContainsBox(b, a); }
bool BoxContain(const Box& a, const Box& b) { return BoxContainsBox(a, b); }
bool BoxBelowEq(const Box& a, const Box& b) { return FPle(a.high.y, b.low.y); }
bool BoxAboveEq(const Box& a, const Box& b) { return FPge(a.low.y, b.high.y); }
bool BoxAreaLt(const Box& a, const Box& b) { return FPlt(BoxArea(a), BoxArea(b)); }
bool BoxAreaGt(const Box& a, const Box& b) { return FPgt(BoxArea(a), BoxArea(b)); }
bool BoxAreaEq(const Box& a, const Box& b) { return FPeq(BoxArea(a), BoxArea(b)); }
bool BoxAreaLe(const Box& a, const Box& b) { return FPle(BoxArea(a), BoxArea(b)); }
bool BoxAreaGe(const Box& a, const Box& b) { return FPge(BoxArea(a), BoxArea(b)); }

Value BoxIntersect(Args a) {
  const Box x = GetBox(a[0]);
  const Box y = GetBox(a[1]);
  if (!BoxOverlap(x, y)) return Value::Null(kBox);
  Box r;
  r.high.x = FloatMin(x.high.x, y.high.x);
  r.low.x = FloatMax(x.low.x, y.low.x);
  r.high.y = FloatMin(x.high.y, y.high.y);
  r.low.y = FloatMax(x.low.y, y.low.y);
  return MakeBox(r);
}

Value BoxesBoundBox(Args a) {
  const Box x = GetBox(a[0]);
  const Box y = GetBox(a[1]);
  Box r;
  r.high.x = FloatMax(x.high.x, y.high.x);
  r.low.x = FloatMin(x.low.x, y.low.x);
  r.high.y = FloatMax(x.high.y, y.high.y);
  r.low.y = FloatMin(x.low.y, y.low.y);
  return MakeBox(r);
}

Value BoxAdd(Args a) {
  const Box b = GetBox(a[0]);
  const Point p = GetPoint(a[1]);
  return MakeBox(Box{PointAdd(b.high, p), PointAdd(b.low, p)});
}
Value BoxSubPt(Args a) {
  const Box b = GetBox(a[0]);
  const Point p = GetPoint(a[1]);
  return MakeBox(Box{PointSub(b.high, p), PointSub(b.low, p)});
}
Value BoxMul(Args a) {
  const Box b = GetBox(a[0]);
  const Point p = GetPoint(a[1]);
  return MakeBox(BoxFrom(PointMul(b.high, p), PointMul(b.low, p)));
}
Value BoxDiv(Args a) {
  const Box b = GetBox(a[0]);
  const Point p = GetPoint(a[1]);
  return MakeBox(BoxFrom(PointDiv(b.high, p), PointDiv(b.low, p)));
}

// box_poly: the four corners, counter-clockwise from the low one.
std::vector<Point> BoxCorners(const Box& b) {
  return {b.low, {b.low.x, b.high.y}, b.high, {b.high.x, b.low.y}};
}

// ---- circles ----

double CircleArea(const Circle& c) { return Mul(Mul(c.radius, c.radius), M_PI); }

template <bool (*Pred)(const Circle&, const Circle&)>
Value CirclePred(Args a) {
  return B(Pred(GetCircle(a[0]), GetCircle(a[1])));
}
bool CircleSame(const Circle& a, const Circle& b) {
  return ((std::isnan(a.radius) && std::isnan(b.radius)) || FPeq(a.radius, b.radius)) &&
         PointsEqual(a.center, b.center);
}
bool CircleOverlap(const Circle& a, const Circle& b) {
  return FPle(PointDist(a.center, b.center), Add(a.radius, b.radius));
}
bool CircleOverLeft(const Circle& a, const Circle& b) {
  return FPle(Add(a.center.x, a.radius), Add(b.center.x, b.radius));
}
bool CircleLeft(const Circle& a, const Circle& b) {
  return FPlt(Add(a.center.x, a.radius), Sub(b.center.x, b.radius));
}
bool CircleRight(const Circle& a, const Circle& b) {
  return FPgt(Sub(a.center.x, a.radius), Add(b.center.x, b.radius));
}
bool CircleOverRight(const Circle& a, const Circle& b) {
  return FPge(Sub(a.center.x, a.radius), Sub(b.center.x, b.radius));
}
bool CircleContained(const Circle& a, const Circle& b) {
  return FPle(Add(PointDist(a.center, b.center), a.radius), b.radius);
}
bool CircleContain(const Circle& a, const Circle& b) {
  return FPle(Add(PointDist(a.center, b.center), b.radius), a.radius);
}
bool CircleBelow(const Circle& a, const Circle& b) {
  return FPlt(Add(a.center.y, a.radius), Sub(b.center.y, b.radius));
}
bool CircleAbove(const Circle& a, const Circle& b) {
  return FPgt(Sub(a.center.y, a.radius), Add(b.center.y, b.radius));
}
bool CircleOverBelow(const Circle& a, const Circle& b) {
  return FPle(Add(a.center.y, a.radius), Add(b.center.y, b.radius));
}
bool CircleOverAbove(const Circle& a, const Circle& b) {
  return FPge(Sub(a.center.y, a.radius), Sub(b.center.y, b.radius));
}
bool CircleEq(const Circle& a, const Circle& b) { return FPeq(CircleArea(a), CircleArea(b)); }
bool CircleNe(const Circle& a, const Circle& b) { return FPne(CircleArea(a), CircleArea(b)); }
bool CircleLt(const Circle& a, const Circle& b) { return FPlt(CircleArea(a), CircleArea(b)); }
bool CircleGt(const Circle& a, const Circle& b) { return FPgt(CircleArea(a), CircleArea(b)); }
bool CircleLe(const Circle& a, const Circle& b) { return FPle(CircleArea(a), CircleArea(b)); }
bool CircleGe(const Circle& a, const Circle& b) { return FPge(CircleArea(a), CircleArea(b)); }

Value CircleAddPt(Args a) {
  Circle c = GetCircle(a[0]);
  c.center = PointAdd(c.center, GetPoint(a[1]));
  return MakeCircle(c);
}
Value CircleSubPt(Args a) {
  Circle c = GetCircle(a[0]);
  c.center = PointSub(c.center, GetPoint(a[1]));
  return MakeCircle(c);
}
Value CircleMulPt(Args a) {
  Circle c = GetCircle(a[0]);
  const Point p = GetPoint(a[1]);
  c.center = PointMul(c.center, p);
  c.radius = Mul(c.radius, Hypot(p.x, p.y));
  return MakeCircle(c);
}
Value CircleDivPt(Args a) {
  Circle c = GetCircle(a[0]);
  const Point p = GetPoint(a[1]);
  c.center = PointDiv(c.center, p);
  c.radius = Div(c.radius, Hypot(p.x, p.y));
  return MakeCircle(c);
}
Value CircleDistance(Args a) {
  const Circle x = GetCircle(a[0]);
  const Circle y = GetCircle(a[1]);
  double r = Sub(PointDist(x.center, y.center), Add(x.radius, y.radius));
  if (r < 0) r = 0;
  return F(r);
}
double CirclePointDistance(const Circle& c, Point p) {
  double r = Sub(PointDist(p, c.center), c.radius);
  if (r < 0) r = 0;
  return r;
}
bool CircleContainsPoint(const Circle& c, Point p) { return PointDist(c.center, p) <= c.radius; }

Circle CircleOfBox(const Box& b) {
  Circle c;
  c.center = BoxCenter(b);
  c.radius = PointDist(c.center, b.high);
  return c;
}
Box BoxOfCircle(const Circle& c) {
  const double delta = Div(c.radius, std::sqrt(2.0));
  Box b;
  b.high.x = Add(c.center.x, delta);
  b.low.x = Sub(c.center.x, delta);
  b.high.y = Add(c.center.y, delta);
  b.low.y = Sub(c.center.y, delta);
  return b;
}

std::vector<Point> CirclePolygon(int npts, const Circle& c) {
  if (FPzero(c.radius)) {
    throw SqlError(SqlState::kFeatureNotSupported,
                   "cannot convert circle with radius zero to polygon");
  }
  if (npts < 2) {
    throw SqlError(SqlState::kInvalidParameterValue, "must request at least 2 points");
  }
  const double anglestep = Div(2.0 * M_PI, npts);
  std::vector<Point> points(static_cast<size_t>(npts));
  for (int i = 0; i < npts; ++i) {
    const double angle = Mul(anglestep, i);
    points[static_cast<size_t>(i)] = {Sub(c.center.x, Mul(c.radius, std::cos(angle))),
                                      Add(c.center.y, Mul(c.radius, std::sin(angle)))};
  }
  return points;
}

// poly_to_circle: centered on the mean of the points, radius the mean
// distance to them.
Circle CircleOfPoints(const std::vector<Point>& points) {
  Circle c;
  for (const Point& p : points) {
    c.center.x = Add(c.center.x, p.x);
    c.center.y = Add(c.center.y, p.y);
  }
  const double n = static_cast<double>(points.size());
  c.center.x = Div(c.center.x, n);
  c.center.y = Div(c.center.y, n);
  for (const Point& p : points) c.radius = Add(c.radius, PointDist(p, c.center));
  c.radius = Div(c.radius, n);
  return c;
}

// ---- polygons and paths ----

constexpr int kPointOnPolygon = 1 << 30;

// lseg_crossing: how the segment from (prev_x, prev_y) to (x, y), relative
// to the tested point, crosses the positive X axis.
int LsegCrossing(double x, double y, double prev_x, double prev_y) {
  if (FPzero(y)) {
    if (FPzero(x)) return kPointOnPolygon;
    if (FPgt(x, 0)) {
      if (FPzero(prev_y)) return FPgt(prev_x, 0.0) ? 0 : kPointOnPolygon;
      return FPlt(prev_y, 0.0) ? 1 : -1;
    }
    if (FPzero(prev_y)) return FPlt(prev_x, 0.0) ? 0 : kPointOnPolygon;
    return 0;
  }
  const int y_sign = FPgt(y, 0.0) ? 1 : -1;
  if (FPzero(prev_y)) return FPlt(prev_x, 0.0) ? 0 : y_sign;
  if ((y_sign < 0 && FPlt(prev_y, 0.0)) || (y_sign > 0 && FPgt(prev_y, 0.0))) return 0;
  if (FPge(x, 0.0) && FPgt(prev_x, 0.0)) return 2 * y_sign;
  if (FPlt(x, 0.0) && FPle(prev_x, 0.0)) return 0;
  const double z = Sub(Mul(Sub(x, prev_x), y), Mul(Sub(y, prev_y), x));
  if (FPzero(z)) return kPointOnPolygon;
  if ((y_sign < 0 && FPlt(z, 0.0)) || (y_sign > 0 && FPgt(z, 0.0))) return 0;
  return 2 * y_sign;
}

// point_inside: 0 outside, 1 inside, 2 on the boundary.
int PointInside(Point p, const std::vector<Point>& plist) {
  const double x0 = Sub(plist[0].x, p.x);
  const double y0 = Sub(plist[0].y, p.y);
  double prev_x = x0;
  double prev_y = y0;
  int total = 0;
  for (size_t i = 1; i < plist.size(); ++i) {
    const double x = Sub(plist[i].x, p.x);
    const double y = Sub(plist[i].y, p.y);
    const int cross = LsegCrossing(x, y, prev_x, prev_y);
    if (cross == kPointOnPolygon) return 2;
    total += cross;
    prev_x = x;
    prev_y = y;
  }
  const int cross = LsegCrossing(x0, y0, prev_x, prev_y);
  if (cross == kPointOnPolygon) return 2;
  total += cross;
  return total != 0 ? 1 : 0;
}

// plist_same: the same points in the same cyclic order, either direction.
bool PointListsSame(const std::vector<Point>& p1, const std::vector<Point>& p2) {
  const int n = static_cast<int>(p1.size());
  for (int i = 0; i < n; ++i) {
    if (!PointsEqual(p2[static_cast<size_t>(i)], p1[0])) continue;
    int ii, j;
    for (ii = 1, j = i + 1; ii < n; ++ii, ++j) {
      if (j >= n) j = 0;
      if (!PointsEqual(p2[static_cast<size_t>(j)], p1[static_cast<size_t>(ii)])) break;
    }
    if (ii == n) return true;
    for (ii = 1, j = i - 1; ii < n; ++ii, --j) {
      if (j < 0) j = n - 1;
      if (!PointsEqual(p2[static_cast<size_t>(j)], p1[static_cast<size_t>(ii)])) break;
    }
    if (ii == n) return true;
  }
  return false;
}

// Calls fn(prev, cur) for each segment of a path: the closing one too
// when the path is closed (PostgreSQL's iprev loop).
template <typename Fn>
void ForEachSegment(const Path& path, Fn&& fn) {
  const size_t n = path.points.size();
  for (size_t i = 0; i < n; ++i) {
    size_t iprev;
    if (i > 0) {
      iprev = i - 1;
    } else {
      if (!path.closed) continue;
      iprev = n - 1;
    }
    fn(path.points[iprev], path.points[i]);
  }
}

double PathLength(const Path& p) {
  double r = 0.0;
  ForEachSegment(p, [&](Point a, Point b) { r = Add(r, PointDist(a, b)); });
  return r;
}

double PathPointDistance(const Path& path, Point pt) {
  double result = 0.0;
  bool have_min = false;
  ForEachSegment(path, [&](Point a, Point b) {
    const double d = LsegClosestPoint(LSeg{{a, b}}, pt, nullptr);
    if (!have_min || FloatLt(d, result)) {
      result = d;
      have_min = true;
    }
  });
  return result;
}

bool PointOnPath(Point pt, const Path& path) {
  if (!path.closed) {
    const size_t n = path.points.size() - 1;
    double a = PointDist(pt, path.points[0]);
    for (size_t i = 0; i < n; ++i) {
      const double b = PointDist(pt, path.points[i + 1]);
      if (FPeq(Add(a, b), PointDist(path.points[i], path.points[i + 1]))) return true;
      a = b;
    }
    return false;
  }
  return PointInside(pt, path.points) != 0;
}

double PolyPointDistance(const std::vector<Point>& poly, Point pt) {
  if (PointInside(pt, poly) != 0) return 0.0;
  double result = LsegClosestPoint(LSeg{{poly[0], poly.back()}}, pt, nullptr);
  for (size_t i = 0; i + 1 < poly.size(); ++i) {
    const double d = LsegClosestPoint(LSeg{{poly[i], poly[i + 1]}}, pt, nullptr);
    if (FloatLt(d, result)) result = d;
  }
  return result;
}

Path PathArith(const Value& path, const Value& point, Point (*op)(Point, Point)) {
  Path p = GetPath(path);
  const Point q = GetPoint(point);
  for (Point& pt : p.points) pt = op(pt, q);
  return p;
}

// poly_overlap_internal: bounding boxes overlap, and an edge of one
// crosses an edge of the other or one holds the other's first point.
bool PolyOverlap(const Polygon& a, const Polygon& b) {
  if (!BoxOverlap(a.bound, b.bound)) return false;
  LSeg sa;
  sa.p[0] = a.points.back();
  for (const Point& pa : a.points) {
    sa.p[1] = pa;
    LSeg sb;
    sb.p[0] = b.points.back();
    for (const Point& pb : b.points) {
      sb.p[1] = pb;
      if (LsegIntersection(sa, sb, nullptr)) return true;
      sb.p[0] = sb.p[1];
    }
    sa.p[0] = sa.p[1];
  }
  return PointInside(a.points[0], b.points) != 0 || PointInside(b.points[0], a.points) != 0;
}

bool LsegInsidePoly(Point a, Point b, const Polygon& poly, size_t start);

// touched_lseg_inside_poly: a is on s, b is not.
bool TouchedLsegInsidePoly(Point a, Point b, const LSeg& s, const Polygon& poly, size_t start) {
  const LSeg t{{a, b}};
  if (PointsEqual(a, s.p[0])) {
    if (LsegContainsPoint(t, s.p[1])) return LsegInsidePoly(b, s.p[1], poly, start);
  } else if (PointsEqual(a, s.p[1])) {
    if (LsegContainsPoint(t, s.p[0])) return LsegInsidePoly(b, s.p[0], poly, start);
  } else if (LsegContainsPoint(t, s.p[0])) {
    return LsegInsidePoly(b, s.p[0], poly, start);
  } else if (LsegContainsPoint(t, s.p[1])) {
    return LsegInsidePoly(b, s.p[1], poly, start);
  }
  return true;
}

// lseg_inside_poly: whether the segment a-b lies inside the polygon,
// checking the polygon's edges from `start` (recursing on the pieces an
// edge cuts it into).
bool LsegInsidePoly(Point a, Point b, const Polygon& poly, size_t start) {
  CheckStackDepth();
  const LSeg t{{a, b}};
  const size_t n = poly.points.size();
  LSeg s;
  s.p[0] = poly.points[start == 0 ? n - 1 : start - 1];
  bool res = true;
  bool intersection = false;
  for (size_t i = start; i < n && res; ++i) {
    s.p[1] = poly.points[i];
    Point interpt;
    if (LsegContainsPoint(s, t.p[0])) {
      if (LsegContainsPoint(s, t.p[1])) return true;  // t lies on s
      res = TouchedLsegInsidePoly(t.p[0], t.p[1], s, poly, i + 1);
    } else if (LsegContainsPoint(s, t.p[1])) {
      res = TouchedLsegInsidePoly(t.p[1], t.p[0], s, poly, i + 1);
    } else if (LsegIntersection(t, s, &interpt)) {
      // X-crossing: both pieces must be inside.
      intersection = true;
      res = LsegInsidePoly(t.p[0], interpt, poly, i + 1);
      if (res) res = LsegInsidePoly(t.p[1], interpt, poly, i + 1);
    }
    s.p[0] = s.p[1];
  }
  if (res && !intersection) {
    // No crossing: the segment's middle decides.
    const Point mid{Div(Add(t.p[0].x, t.p[1].x), 2.0), Div(Add(t.p[0].y, t.p[1].y), 2.0)};
    res = PointInside(mid, poly.points) != 0;
  }
  return res;
}

bool PolyContainsPoly(const Polygon& contains, const Polygon& contained) {
  if (!BoxContainsBox(contains.bound, contained.bound)) return false;
  LSeg s;
  s.p[0] = contained.points.back();
  for (const Point& p : contained.points) {
    s.p[1] = p;
    if (!LsegInsidePoly(s.p[0], s.p[1], contains, 0)) return false;
    s.p[0] = s.p[1];
  }
  return true;
}

template <bool (*Pred)(const Box&, const Box&)>
Value PolyBoundPred(Args a) {
  return B(Pred(GetPolygon(a[0]).bound, GetPolygon(a[1]).bound));
}
// The polygon position operators compare bounding boxes exactly (no EPSILON).
bool PolyLeft(const Box& a, const Box& b) { return a.high.x < b.low.x; }
bool PolyOverLeft(const Box& a, const Box& b) { return a.high.x <= b.high.x; }
bool PolyRight(const Box& a, const Box& b) { return a.low.x > b.high.x; }
bool PolyOverRight(const Box& a, const Box& b) { return a.low.x >= b.low.x; }
bool PolyBelow(const Box& a, const Box& b) { return a.high.y < b.low.y; }
bool PolyOverBelow(const Box& a, const Box& b) { return a.high.y <= b.high.y; }
bool PolyAbove(const Box& a, const Box& b) { return a.low.y > b.high.y; }
bool PolyOverAbove(const Box& a, const Box& b) { return a.low.y >= b.low.y; }

Value PolyOfPath(const Path& p) {
  if (!p.closed) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "open path cannot be converted to polygon");
  }
  return MakePolygon(p.points);
}

// x[i] of a fixed-length "array" (point, line: float8 elements; lseg, box:
// point elements; name: "char" elements), 0-based; NULL out of range (bind_array.cpp binds it).
Value FixedArrayElement(Args a) {
  const Value& v = a[0];
  const int64_t i = a[1].int_value();
  switch (v.type()) {
    case kPoint: {
      if (i < 0 || i > 1) return Value::Null(type_oid::kFloat8);
      const Point p = GetPoint(v);
      return F(i == 0 ? p.x : p.y);
    }
    case kLine: {
      if (i < 0 || i > 2) return Value::Null(type_oid::kFloat8);
      const Line l = GetLine(v);
      return F(i == 0 ? l.a : (i == 1 ? l.b : l.c));
    }
    case kLseg: {
      if (i < 0 || i > 1) return Value::Null(kPoint);
      return MakePoint(GetLseg(v).p[i]);
    }
    case kBox: {
      if (i < 0 || i > 1) return Value::Null(kPoint);
      const Box b = GetBox(v);
      return MakePoint(i == 0 ? b.high : b.low);
    }
    case type_oid::kName: {
      // name is a fixed array of 64 "char" (NAMEDATALEN), NUL-padded:
      // pg_dump tests typname[0] = '_'. A NUL byte is the empty "char".
      if (i < 0 || i > 63) return Value::Null(type_oid::kChar);
      const std::string& name = v.string_value();
      const size_t at = static_cast<size_t>(i);
      return Value::String(type_oid::kChar, at < name.size() ? name.substr(at, 1) : "");
    }
    default:
      throw SqlError(SqlState::kInternalError, "not a fixed-length array type");
  }
}

Value PointFromNullable(double dist, Point p) {
  if (std::isnan(dist)) return Value::Null(kPoint);
  return MakePoint(p);
}

// ---- the table ----

#define FN(name, ...) {name, [](Args a) -> Value { __VA_ARGS__ }}

const BuiltinFunction kFunctions[] = {
    {"strata_fixed_array_element", FixedArrayElement},
    // point
    {"point_add", PointOp<PointAdd>},
    {"point_sub", PointOp<PointSub>},
    {"point_mul", PointOp<PointMul>},
    {"point_div", PointOp<PointDiv>},
    FN("point_left", return B(FPlt(GetPoint(a[0]).x, GetPoint(a[1]).x));),
    FN("point_right", return B(FPgt(GetPoint(a[0]).x, GetPoint(a[1]).x));),
    FN("point_above", return B(FPgt(GetPoint(a[0]).y, GetPoint(a[1]).y));),
    FN("point_below", return B(FPlt(GetPoint(a[0]).y, GetPoint(a[1]).y));),
    FN("point_vert", return B(FPeq(GetPoint(a[0]).x, GetPoint(a[1]).x));),
    FN("point_horiz", return B(FPeq(GetPoint(a[0]).y, GetPoint(a[1]).y));),
    FN("point_eq", return B(PointsEqual(GetPoint(a[0]), GetPoint(a[1])));),
    FN("point_ne", return B(!PointsEqual(GetPoint(a[0]), GetPoint(a[1])));),
    FN("point_distance", return F(PointDist(GetPoint(a[0]), GetPoint(a[1])));),
    FN("point_slope", return F(Slope(GetPoint(a[0]), GetPoint(a[1])));),
    FN("construct_point", return MakePoint({a[0].float_value(), a[1].float_value()});),
    FN("on_pb", return B(BoxContainsPoint(GetBox(a[1]), GetPoint(a[0])));),
    FN("box_contain_pt", return B(BoxContainsPoint(GetBox(a[0]), GetPoint(a[1])));),
    FN("on_pl", return B(LineContainsPoint(GetLine(a[1]), GetPoint(a[0])));),
    FN("on_ps", return B(LsegContainsPoint(GetLseg(a[1]), GetPoint(a[0])));),
    FN("on_ppath", return B(PointOnPath(GetPoint(a[0]), GetPath(a[1])));),
    FN("path_contain_pt", return B(PointOnPath(GetPoint(a[1]), GetPath(a[0])));),
    FN("pt_contained_circle",
       return B(CircleContainsPoint(GetCircle(a[1]), GetPoint(a[0])));),
    FN("circle_contain_pt",
       return B(CircleContainsPoint(GetCircle(a[0]), GetPoint(a[1])));),
    FN("pt_contained_poly", return B(PointInside(GetPoint(a[0]), GetPolygon(a[1]).points) != 0);),
    FN("poly_contain_pt", return B(PointInside(GetPoint(a[1]), GetPolygon(a[0]).points) != 0);),
    FN("dist_pb", return F(BoxClosestPoint(GetBox(a[1]), GetPoint(a[0]), nullptr));),
    FN("dist_bp", return F(BoxClosestPoint(GetBox(a[0]), GetPoint(a[1]), nullptr));),
    FN("dist_pc", return F(CirclePointDistance(GetCircle(a[1]), GetPoint(a[0])));),
    FN("dist_cpoint", return F(CirclePointDistance(GetCircle(a[0]), GetPoint(a[1])));),
    FN("dist_pl", return F(LineClosestPoint(GetLine(a[1]), GetPoint(a[0]), nullptr));),
    FN("dist_lp", return F(LineClosestPoint(GetLine(a[0]), GetPoint(a[1]), nullptr));),
    FN("dist_ps", return F(LsegClosestPoint(GetLseg(a[1]), GetPoint(a[0]), nullptr));),
    FN("dist_sp", return F(LsegClosestPoint(GetLseg(a[0]), GetPoint(a[1]), nullptr));),
    FN("dist_ppath", return F(PathPointDistance(GetPath(a[1]), GetPoint(a[0])));),
    FN("dist_pathp", return F(PathPointDistance(GetPath(a[0]), GetPoint(a[1])));),
    FN("dist_ppoly", return F(PolyPointDistance(GetPolygon(a[1]).points, GetPoint(a[0])));),
    FN("dist_polyp", return F(PolyPointDistance(GetPolygon(a[0]).points, GetPoint(a[1])));),
    FN("dist_cpoly", {
      const Circle c = GetCircle(a[0]);
      double d = Sub(PolyPointDistance(GetPolygon(a[1]).points, c.center), c.radius);
      return F(d < 0 ? 0 : d);
    }),
    FN("dist_polyc", {
      const Circle c = GetCircle(a[1]);
      double d = Sub(PolyPointDistance(GetPolygon(a[0]).points, c.center), c.radius);
      return F(d < 0 ? 0 : d);
    }),
    FN("close_pb", {
      Point r;
      const double d = BoxClosestPoint(GetBox(a[1]), GetPoint(a[0]), &r);
      return PointFromNullable(d, r);
    }),
    FN("close_pl", {
      Point r;
      const double d = LineClosestPoint(GetLine(a[1]), GetPoint(a[0]), &r);
      return PointFromNullable(d, r);
    }),
    FN("close_ps", {
      Point r;
      const double d = LsegClosestPoint(GetLseg(a[1]), GetPoint(a[0]), &r);
      return PointFromNullable(d, r);
    }),
    // line
    FN("line_construct_pp", {
      const Point p1 = GetPoint(a[0]);
      const Point p2 = GetPoint(a[1]);
      if (PointsEqual(p1, p2)) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "invalid line specification: must be two distinct points");
      }
      return MakeLine(LineThrough(p1, p2));
    }),
    FN("line_eq", return B(LineEq(GetLine(a[0]), GetLine(a[1])));),
    FN("line_vertical", return B(FPzero(GetLine(a[0]).b));),
    FN("line_horizontal", return B(FPzero(GetLine(a[0]).a));),
    FN("line_parallel", return B(!LineIntersection(GetLine(a[0]), GetLine(a[1]), nullptr));),
    FN("line_perp", return B(LinePerp(GetLine(a[0]), GetLine(a[1])));),
    FN("line_intersect", return B(LineIntersection(GetLine(a[0]), GetLine(a[1]), nullptr));),
    FN("line_interpt", {
      Point r;
      if (!LineIntersection(GetLine(a[0]), GetLine(a[1]), &r)) return Value::Null(kPoint);
      return MakePoint(r);
    }),
    FN("line_distance", return F(LineDistance(GetLine(a[0]), GetLine(a[1])));),
    // lseg
    FN("lseg_construct", return MakeLseg(LSeg{{GetPoint(a[0]), GetPoint(a[1])}});),
    FN("lseg_length", return F(LsegLength(GetLseg(a[0])));),
    FN("lseg_center", return MakePoint(LsegCenter(GetLseg(a[0])));),
    FN("lseg_vertical", {
      const LSeg l = GetLseg(a[0]);
      return B(FPeq(l.p[0].x, l.p[1].x));
    }),
    FN("lseg_horizontal", {
      const LSeg l = GetLseg(a[0]);
      return B(FPeq(l.p[0].y, l.p[1].y));
    }),
    FN("lseg_parallel", {
      const LSeg x = GetLseg(a[0]);
      const LSeg y = GetLseg(a[1]);
      return B(FPeq(Slope(x.p[0], x.p[1]), Slope(y.p[0], y.p[1])));
    }),
    FN("lseg_perp", {
      const LSeg x = GetLseg(a[0]);
      const LSeg y = GetLseg(a[1]);
      return B(FPeq(Slope(x.p[0], x.p[1]), InvSlope(y.p[0], y.p[1])));
    }),
    FN("lseg_eq", {
      const LSeg x = GetLseg(a[0]);
      const LSeg y = GetLseg(a[1]);
      return B(PointsEqual(x.p[0], y.p[0]) && PointsEqual(x.p[1], y.p[1]));
    }),
    FN("lseg_ne", {
      const LSeg x = GetLseg(a[0]);
      const LSeg y = GetLseg(a[1]);
      return B(!PointsEqual(x.p[0], y.p[0]) || !PointsEqual(x.p[1], y.p[1]));
    }),
    FN("lseg_lt", return B(FPlt(LsegLength(GetLseg(a[0])), LsegLength(GetLseg(a[1]))));),
    FN("lseg_le", return B(FPle(LsegLength(GetLseg(a[0])), LsegLength(GetLseg(a[1]))));),
    FN("lseg_gt", return B(FPgt(LsegLength(GetLseg(a[0])), LsegLength(GetLseg(a[1]))));),
    FN("lseg_ge", return B(FPge(LsegLength(GetLseg(a[0])), LsegLength(GetLseg(a[1]))));),
    FN("lseg_intersect", return B(LsegIntersection(GetLseg(a[0]), GetLseg(a[1]), nullptr));),
    FN("lseg_interpt", {
      Point r;
      if (!LsegIntersection(GetLseg(a[0]), GetLseg(a[1]), &r)) return Value::Null(kPoint);
      return MakePoint(r);
    }),
    FN("lseg_distance", return F(LsegClosestLseg(GetLseg(a[0]), GetLseg(a[1]), nullptr));),
    FN("inter_sl", return B(LsegLineIntersection(GetLseg(a[0]), GetLine(a[1]), nullptr));),
    FN("dist_sl", return F(LsegClosestToLine(GetLseg(a[0]), GetLine(a[1]), nullptr));),
    FN("dist_ls", return F(LsegClosestToLine(GetLseg(a[1]), GetLine(a[0]), nullptr));),
    FN("on_sl", {
      const LSeg l = GetLseg(a[0]);
      const Line line = GetLine(a[1]);
      return B(LineContainsPoint(line, l.p[0]) && LineContainsPoint(line, l.p[1]));
    }),
    FN("inter_sb", return B(BoxLsegIntersect(GetBox(a[1]), GetLseg(a[0]), nullptr));),
    FN("inter_lb", return B(LineBoxIntersect(GetLine(a[0]), GetBox(a[1])));),
    FN("dist_sb", return F(BoxClosestLseg(GetBox(a[1]), GetLseg(a[0]), nullptr));),
    FN("dist_bs", return F(BoxClosestLseg(GetBox(a[0]), GetLseg(a[1]), nullptr));),
    FN("close_sb", {
      Point r;
      const double d = BoxClosestLseg(GetBox(a[1]), GetLseg(a[0]), &r);
      return PointFromNullable(d, r);
    }),
    FN("close_ls", {
      const Line line = GetLine(a[0]);
      const LSeg lseg = GetLseg(a[1]);
      if (Slope(lseg.p[0], lseg.p[1]) == LineSlope(line)) return Value::Null(kPoint);
      Point r;
      const double d = LsegClosestToLine(lseg, line, &r);
      return PointFromNullable(d, r);
    }),
    FN("close_lseg", {
      const LSeg l1 = GetLseg(a[0]);
      const LSeg l2 = GetLseg(a[1]);
      if (Slope(l1.p[0], l1.p[1]) == Slope(l2.p[0], l2.p[1])) return Value::Null(kPoint);
      Point r;
      const double d = LsegClosestLseg(l2, l1, &r);
      return PointFromNullable(d, r);
    }),
    FN("on_sb", {
      const LSeg l = GetLseg(a[0]);
      const Box b = GetBox(a[1]);
      return B(BoxContainsPoint(b, l.p[0]) && BoxContainsPoint(b, l.p[1]));
    }),
    // box
    {"box_same", BoxPred<BoxSame>},
    {"box_overlap", BoxPred<BoxOverlap>},
    {"box_left", BoxPred<BoxLeft>},
    {"box_overleft", BoxPred<BoxOverLeft>},
    {"box_right", BoxPred<BoxRight>},
    {"box_overright", BoxPred<BoxOverRight>},
    {"box_below", BoxPred<BoxBelow>},
    {"box_overbelow", BoxPred<BoxOverBelow>},
    {"box_above", BoxPred<BoxAbove>},
    {"box_overabove", BoxPred<BoxOverAbove>},
    {"box_contained", BoxPred<BoxContained>},
    {"box_contain", BoxPred<BoxContain>},
    {"box_below_eq", BoxPred<BoxBelowEq>},
    {"box_above_eq", BoxPred<BoxAboveEq>},
    {"box_lt", BoxPred<BoxAreaLt>},
    {"box_gt", BoxPred<BoxAreaGt>},
    {"box_eq", BoxPred<BoxAreaEq>},
    {"box_le", BoxPred<BoxAreaLe>},
    {"box_ge", BoxPred<BoxAreaGe>},
    {"box_intersect", BoxIntersect},
    {"boxes_bound_box", BoxesBoundBox},
    {"box_add", BoxAdd},
    {"box_sub", BoxSubPt},
    {"box_mul", BoxMul},
    {"box_div", BoxDiv},
    FN("box_area", return F(BoxArea(GetBox(a[0])));),
    FN("box_width", return F(BoxWidth(GetBox(a[0])));),
    FN("box_height", return F(BoxHeight(GetBox(a[0])));),
    FN("box_center", return MakePoint(BoxCenter(GetBox(a[0])));),
    FN("box_distance",
       return F(PointDist(BoxCenter(GetBox(a[0])), BoxCenter(GetBox(a[1]))));),
    FN("box_diagonal", {
      const Box b = GetBox(a[0]);
      return MakeLseg(LSeg{{b.high, b.low}});
    }),
    FN("points_box", return MakeBox(BoxFrom(GetPoint(a[0]), GetPoint(a[1])));),
    FN("point_box", {
      const Point p = GetPoint(a[0]);
      return MakeBox(Box{p, p});
    }),
    FN("box_poly", return MakePolygon(BoxCorners(GetBox(a[0])));),
    FN("box_circle", return MakeCircle(CircleOfBox(GetBox(a[0])));),
    // circle
    {"circle_same", CirclePred<CircleSame>},
    {"circle_overlap", CirclePred<CircleOverlap>},
    {"circle_overleft", CirclePred<CircleOverLeft>},
    {"circle_left", CirclePred<CircleLeft>},
    {"circle_right", CirclePred<CircleRight>},
    {"circle_overright", CirclePred<CircleOverRight>},
    {"circle_contained", CirclePred<CircleContained>},
    {"circle_contain", CirclePred<CircleContain>},
    {"circle_below", CirclePred<CircleBelow>},
    {"circle_above", CirclePred<CircleAbove>},
    {"circle_overbelow", CirclePred<CircleOverBelow>},
    {"circle_overabove", CirclePred<CircleOverAbove>},
    {"circle_eq", CirclePred<CircleEq>},
    {"circle_ne", CirclePred<CircleNe>},
    {"circle_lt", CirclePred<CircleLt>},
    {"circle_gt", CirclePred<CircleGt>},
    {"circle_le", CirclePred<CircleLe>},
    {"circle_ge", CirclePred<CircleGe>},
    {"circle_add_pt", CircleAddPt},
    {"circle_sub_pt", CircleSubPt},
    {"circle_mul_pt", CircleMulPt},
    {"circle_div_pt", CircleDivPt},
    {"circle_distance", CircleDistance},
    FN("circle_area", return F(CircleArea(GetCircle(a[0])));),
    FN("circle_diameter", return F(Mul(GetCircle(a[0]).radius, 2.0));),
    FN("circle_radius", return F(GetCircle(a[0]).radius);),
    FN("circle_center", return MakePoint(GetCircle(a[0]).center);),
    FN("cr_circle", return MakeCircle(Circle{GetPoint(a[0]), a[1].float_value()});),
    FN("circle_box", return MakeBox(BoxOfCircle(GetCircle(a[0])));),
    FN("circle_poly", {
      return MakePolygon(CirclePolygon(static_cast<int>(a[0].int_value()), GetCircle(a[1])));
    }),
    // path
    FN("path_npoints", return Value::Int4(static_cast<int64_t>(GetPath(a[0]).points.size()));),
    FN("path_isclosed", return B(GetPath(a[0]).closed);),
    FN("path_isopen", return B(!GetPath(a[0]).closed);),
    FN("path_open", {
      Path p = GetPath(a[0]);
      p.closed = false;
      return MakePath(p);
    }),
    FN("path_close", {
      Path p = GetPath(a[0]);
      p.closed = true;
      return MakePath(p);
    }),
    FN("path_length", return F(PathLength(GetPath(a[0])));),
    FN("path_area", {
      const Path p = GetPath(a[0]);
      if (!p.closed) return Value::Null(type_oid::kFloat8);
      double area = 0.0;
      const size_t n = p.points.size();
      for (size_t i = 0; i < n; ++i) {
        const size_t j = (i + 1) % n;
        area = Add(area, Mul(p.points[i].x, p.points[j].y));
        area = Sub(area, Mul(p.points[i].y, p.points[j].x));
      }
      return F(Div(std::fabs(area), 2.0));
    }),
    FN("path_add", {
      const Path x = GetPath(a[0]);
      const Path y = GetPath(a[1]);
      if (x.closed || y.closed) return Value::Null(kPath);
      Path r = x;
      r.points.insert(r.points.end(), y.points.begin(), y.points.end());
      return MakePath(r);
    }),
    FN("path_add_pt", return MakePath(PathArith(a[0], a[1], PointAdd));),
    FN("path_sub_pt", return MakePath(PathArith(a[0], a[1], PointSub));),
    FN("path_mul_pt", return MakePath(PathArith(a[0], a[1], PointMul));),
    FN("path_div_pt", return MakePath(PathArith(a[0], a[1], PointDiv));),
    FN("path_n_lt", return B(GetPath(a[0]).points.size() < GetPath(a[1]).points.size());),
    FN("path_n_gt", return B(GetPath(a[0]).points.size() > GetPath(a[1]).points.size());),
    FN("path_n_eq", return B(GetPath(a[0]).points.size() == GetPath(a[1]).points.size());),
    FN("path_n_le", return B(GetPath(a[0]).points.size() <= GetPath(a[1]).points.size());),
    FN("path_n_ge", return B(GetPath(a[0]).points.size() >= GetPath(a[1]).points.size());),
    FN("path_poly", return PolyOfPath(GetPath(a[0]));),
    FN("path_distance", {
      const Path x = GetPath(a[0]);
      const Path y = GetPath(a[1]);
      double min = 0.0;
      bool have_min = false;
      ForEachSegment(x, [&](Point a0, Point a1) {
        ForEachSegment(y, [&](Point b0, Point b1) {
          const double d = LsegClosestLseg(LSeg{{a0, a1}}, LSeg{{b0, b1}}, nullptr);
          if (!have_min || FloatLt(d, min)) {
            min = d;
            have_min = true;
          }
        });
      });
      if (!have_min) return Value::Null(type_oid::kFloat8);
      return F(min);
    }),
    FN("path_inter", {
      const Path x = GetPath(a[0]);
      const Path y = GetPath(a[1]);
      if (x.points.empty() || y.points.empty()) return B(false);
      if (!BoxOverlap(BoundingBox(x.points), BoundingBox(y.points))) return B(false);
      bool found = false;
      ForEachSegment(x, [&](Point a0, Point a1) {
        ForEachSegment(y, [&](Point b0, Point b1) {
          found = found || LsegIntersection(LSeg{{a0, a1}}, LSeg{{b0, b1}}, nullptr);
        });
      });
      return B(found);
    }),
    // polygon
    FN("poly_npoints",
       return Value::Int4(static_cast<int64_t>(GetPolygon(a[0]).points.size()));),
    FN("poly_same", {
      const Polygon x = GetPolygon(a[0]);
      const Polygon y = GetPolygon(a[1]);
      return B(x.points.size() == y.points.size() && PointListsSame(x.points, y.points));
    }),
    {"poly_left", PolyBoundPred<PolyLeft>},
    {"poly_overleft", PolyBoundPred<PolyOverLeft>},
    {"poly_right", PolyBoundPred<PolyRight>},
    {"poly_overright", PolyBoundPred<PolyOverRight>},
    {"poly_below", PolyBoundPred<PolyBelow>},
    {"poly_overbelow", PolyBoundPred<PolyOverBelow>},
    {"poly_above", PolyBoundPred<PolyAbove>},
    {"poly_overabove", PolyBoundPred<PolyOverAbove>},
    FN("poly_center", return MakePoint(CircleOfPoints(GetPolygon(a[0]).points).center);),
    FN("poly_box", return MakeBox(GetPolygon(a[0]).bound);),
    FN("poly_overlap", return B(PolyOverlap(GetPolygon(a[0]), GetPolygon(a[1])));),
    FN("poly_contain", return B(PolyContainsPoly(GetPolygon(a[0]), GetPolygon(a[1])));),
    FN("poly_contained", return B(PolyContainsPoly(GetPolygon(a[1]), GetPolygon(a[0])));),
    FN("poly_distance", {
      const Polygon x = GetPolygon(a[0]);
      const Polygon y = GetPolygon(a[1]);
      if (PolyOverlap(x, y)) return F(0.0);
      // Otherwise the distance between them as closed paths.
      const Path px{true, x.points};
      const Path py{true, y.points};
      double min = 0.0;
      bool have_min = false;
      ForEachSegment(px, [&](Point a0, Point a1) {
        ForEachSegment(py, [&](Point b0, Point b1) {
          const double d = LsegClosestLseg(LSeg{{a0, a1}}, LSeg{{b0, b1}}, nullptr);
          if (!have_min || FloatLt(d, min)) {
            min = d;
            have_min = true;
          }
        });
      });
      if (!have_min) return Value::Null(type_oid::kFloat8);
      return F(min);
    }),
    FN("poly_circle", return MakeCircle(CircleOfPoints(GetPolygon(a[0]).points));),
    FN("poly_path", return MakePath(Path{true, GetPolygon(a[0]).points});),
};

#undef FN

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}
constexpr Oid kF8 = type_oid::kFloat8;

Value PolygonOfCircle(Args a) { return MakePolygon(CirclePolygon(12, GetCircle(a[0]))); }

const SqlFunctionRow kRows[] = {
    {"area", ARGS(kBox), 1, kF8, "box_area", nullptr},
    {"area", ARGS(kCircle), 1, kF8, "circle_area", nullptr},
    {"area", ARGS(kPath), 1, kF8, "path_area", nullptr},
    {"bound_box", ARGS(kBox, kBox), 2, kBox, "boxes_bound_box", nullptr},
    {"box", ARGS(kCircle), 1, kBox, "circle_box", nullptr},
    {"box", ARGS(kPoint), 1, kBox, "point_box", nullptr},
    {"box", ARGS(kPoint, kPoint), 2, kBox, "points_box", nullptr},
    {"box", ARGS(kPolygon), 1, kBox, "poly_box", nullptr},
    {"center", ARGS(kBox), 1, kPoint, "box_center", nullptr},
    {"center", ARGS(kCircle), 1, kPoint, "circle_center", nullptr},
    {"circle", ARGS(kBox), 1, kCircle, "box_circle", nullptr},
    {"circle", ARGS(kPoint, kF8), 2, kCircle, "cr_circle", nullptr},
    {"circle", ARGS(kPolygon), 1, kCircle, "poly_circle", nullptr},
    {"diagonal", ARGS(kBox), 1, kLseg, "box_diagonal", nullptr},
    {"diameter", ARGS(kCircle), 1, kF8, "circle_diameter", nullptr},
    {"height", ARGS(kBox), 1, kF8, "box_height", nullptr},
    {"isclosed", ARGS(kPath), 1, type_oid::kBool, "path_isclosed", nullptr},
    {"ishorizontal", ARGS(kLine), 1, type_oid::kBool, "line_horizontal", nullptr},
    {"ishorizontal", ARGS(kLseg), 1, type_oid::kBool, "lseg_horizontal", nullptr},
    {"ishorizontal", ARGS(kPoint, kPoint), 2, type_oid::kBool, "point_horiz", nullptr},
    {"isopen", ARGS(kPath), 1, type_oid::kBool, "path_isopen", nullptr},
    {"isparallel", ARGS(kLine, kLine), 2, type_oid::kBool, "line_parallel", nullptr},
    {"isparallel", ARGS(kLseg, kLseg), 2, type_oid::kBool, "lseg_parallel", nullptr},
    {"isperp", ARGS(kLine, kLine), 2, type_oid::kBool, "line_perp", nullptr},
    {"isperp", ARGS(kLseg, kLseg), 2, type_oid::kBool, "lseg_perp", nullptr},
    {"isvertical", ARGS(kLine), 1, type_oid::kBool, "line_vertical", nullptr},
    {"isvertical", ARGS(kLseg), 1, type_oid::kBool, "lseg_vertical", nullptr},
    {"isvertical", ARGS(kPoint, kPoint), 2, type_oid::kBool, "point_vert", nullptr},
    {"length", ARGS(kLseg), 1, kF8, "lseg_length", nullptr},
    {"length", ARGS(kPath), 1, kF8, "path_length", nullptr},
    {"line", ARGS(kPoint, kPoint), 2, kLine, "line_construct_pp", nullptr},
    {"lseg", ARGS(kBox), 1, kLseg, "box_diagonal", nullptr},
    {"lseg", ARGS(kPoint, kPoint), 2, kLseg, "lseg_construct", nullptr},
    {"npoints", ARGS(kPath), 1, type_oid::kInt4, "path_npoints", nullptr},
    {"npoints", ARGS(kPolygon), 1, type_oid::kInt4, "poly_npoints", nullptr},
    {"path", ARGS(kPolygon), 1, kPath, "poly_path", nullptr},
    {"pclose", ARGS(kPath), 1, kPath, "path_close", nullptr},
    {"point", ARGS(kBox), 1, kPoint, "box_center", nullptr},
    {"point", ARGS(kCircle), 1, kPoint, "circle_center", nullptr},
    {"point", ARGS(kF8, kF8), 2, kPoint, "construct_point", nullptr},
    {"point", ARGS(kLseg), 1, kPoint, "lseg_center", nullptr},
    {"point", ARGS(kPolygon), 1, kPoint, "poly_center", nullptr},
    {"polygon", ARGS(kBox), 1, kPolygon, "box_poly", nullptr},
    {"polygon", ARGS(kCircle), 1, kPolygon, "polygon", PolygonOfCircle},
    {"polygon", ARGS(type_oid::kInt4, kCircle), 2, kPolygon, "circle_poly", nullptr},
    {"polygon", ARGS(kPath), 1, kPolygon, "path_poly", nullptr},
    {"popen", ARGS(kPath), 1, kPath, "path_open", nullptr},
    {"radius", ARGS(kCircle), 1, kF8, "circle_radius", nullptr},
    {"slope", ARGS(kPoint, kPoint), 2, kF8, "point_slope", nullptr},
    {"width", ARGS(kBox), 1, kF8, "box_width", nullptr},
};

#undef ARGS

// pg_cast's function for each geometric cast.
struct GeoCast {
  Oid source;
  Oid target;
  std::string_view proname;
};
constexpr GeoCast kCasts[] = {
    {kPoint, kBox, "point_box"},       {kLseg, kPoint, "lseg_center"},
    {kPath, kPolygon, "path_poly"},    {kBox, kPoint, "box_center"},
    {kBox, kLseg, "box_diagonal"},     {kBox, kPolygon, "box_poly"},
    {kBox, kCircle, "box_circle"},     {kPolygon, kPoint, "poly_center"},
    {kPolygon, kPath, "poly_path"},    {kPolygon, kBox, "poly_box"},
    {kPolygon, kCircle, "poly_circle"}, {kCircle, kPoint, "circle_center"},
    {kCircle, kBox, "circle_box"},
};

const BuiltinFunction* CastFunction(Oid source, Oid target) {
  for (const GeoCast& c : kCasts) {
    if (c.source == source && c.target == target) return FindBuiltinFunction(c.proname);
  }
  if (source == kCircle && target == kPolygon) {
    static const BuiltinFunction kCirclePolygon{"polygon", PolygonOfCircle};
    return &kCirclePolygon;
  }
  return nullptr;
}

}  // namespace

}  // namespace strata::sql::geo

namespace strata::sql {

std::span<const BuiltinFunction> GeometricFunctions() { return geo::kFunctions; }

std::span<const SqlFunction> GeometricSqlFunctions() {
  static const std::vector<SqlFunction> functions = SqlFunctionsFromRows(geo::kRows);
  return functions;
}

bool IsGeometricCast(Oid source, Oid target) {
  return geo::CastFunction(source, target) != nullptr;
}

Value GeometricCast(const Value& value, Oid target) {
  const BuiltinFunction* fn = geo::CastFunction(value.type(), target);
  return fn->fn(std::span<const Value>(&value, 1));
}

}  // namespace strata::sql
