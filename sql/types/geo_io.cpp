// Geometric types: the Value payload codec, text input and output with
// PostgreSQL 15's accepted forms and error messages, and the checked float8
// arithmetic the geometric functions share (see geo_types.h).
//
// Input works on a NUL-terminated copy of the text with char pointers, the
// way PostgreSQL's pair_decode/path_decode scan it, so that every accepted
// form (and every rejected one) is the same.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <strings.h>

#include "common/sql_error.h"
#include "sql/types/geo_types.h"
#include "sql/types/type_io.h"

namespace strata::sql::geo {

bool IsGeometricType(Oid type) {
  switch (type) {
    case kPoint:
    case kLseg:
    case kPath:
    case kBox:
    case kPolygon:
    case kLine:
    case kCircle:
      return true;
    default:
      return false;
  }
}

// ---- payload ----

namespace {

void PutDoubles(std::string* out, std::initializer_list<double> values) {
  for (double d : values) out->append(reinterpret_cast<const char*>(&d), sizeof(double));
}

double DoubleAt(const std::string& s, size_t index, size_t offset = 0) {
  double d;
  std::memcpy(&d, s.data() + offset + index * sizeof(double), sizeof(double));
  return d;
}

std::vector<Point> PointsAt(const std::string& s, size_t offset) {
  std::vector<Point> points((s.size() - offset) / (2 * sizeof(double)));
  for (size_t i = 0; i < points.size(); ++i) {
    points[i] = {DoubleAt(s, 2 * i, offset), DoubleAt(s, 2 * i + 1, offset)};
  }
  return points;
}

}  // namespace

Value MakePoint(Point p) {
  std::string s;
  PutDoubles(&s, {p.x, p.y});
  return Value::String(kPoint, std::move(s));
}
Value MakeLseg(const LSeg& l) {
  std::string s;
  PutDoubles(&s, {l.p[0].x, l.p[0].y, l.p[1].x, l.p[1].y});
  return Value::String(kLseg, std::move(s));
}
Value MakeBox(const Box& b) {
  std::string s;
  PutDoubles(&s, {b.high.x, b.high.y, b.low.x, b.low.y});
  return Value::String(kBox, std::move(s));
}
Value MakeLine(const Line& l) {
  std::string s;
  PutDoubles(&s, {l.a, l.b, l.c});
  return Value::String(kLine, std::move(s));
}
Value MakeCircle(const Circle& c) {
  std::string s;
  PutDoubles(&s, {c.center.x, c.center.y, c.radius});
  return Value::String(kCircle, std::move(s));
}
Value MakePath(const Path& p) {
  std::string s(1, p.closed ? '\1' : '\0');
  for (const Point& pt : p.points) PutDoubles(&s, {pt.x, pt.y});
  return Value::String(kPath, std::move(s));
}
Value MakePolygon(const std::vector<Point>& points) {
  std::string s;
  for (const Point& pt : points) PutDoubles(&s, {pt.x, pt.y});
  return Value::String(kPolygon, std::move(s));
}

Point GetPoint(const Value& v) {
  const std::string& s = v.string_value();
  return {DoubleAt(s, 0), DoubleAt(s, 1)};
}
LSeg GetLseg(const Value& v) {
  const std::string& s = v.string_value();
  LSeg l;
  l.p[0] = {DoubleAt(s, 0), DoubleAt(s, 1)};
  l.p[1] = {DoubleAt(s, 2), DoubleAt(s, 3)};
  return l;
}
Box GetBox(const Value& v) {
  const std::string& s = v.string_value();
  return {{DoubleAt(s, 0), DoubleAt(s, 1)}, {DoubleAt(s, 2), DoubleAt(s, 3)}};
}
Line GetLine(const Value& v) {
  const std::string& s = v.string_value();
  return {DoubleAt(s, 0), DoubleAt(s, 1), DoubleAt(s, 2)};
}
Circle GetCircle(const Value& v) {
  const std::string& s = v.string_value();
  return {{DoubleAt(s, 0), DoubleAt(s, 1)}, DoubleAt(s, 2)};
}
Path GetPath(const Value& v) {
  const std::string& s = v.string_value();
  return {s[0] != 0, PointsAt(s, 1)};
}
Polygon GetPolygon(const Value& v) {
  Polygon p;
  p.points = PointsAt(v.string_value(), 0);
  p.bound = BoundingBox(p.points);
  return p;
}

// make_bound_box: the smallest box holding every point.
Box BoundingBox(const std::vector<Point>& points) {
  Box b;
  if (points.empty()) return b;
  b.high = b.low = points[0];
  for (const Point& p : points) {
    if (p.x > b.high.x) b.high.x = p.x;
    if (p.x < b.low.x) b.low.x = p.x;
    if (p.y > b.high.y) b.high.y = p.y;
    if (p.y < b.low.y) b.low.y = p.y;
  }
  return b;
}

// ---- checked arithmetic ----

namespace {
[[noreturn]] void Overflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: overflow");
}
[[noreturn]] void Underflow() {
  throw SqlError(SqlState::kNumericValueOutOfRange, "value out of range: underflow");
}
}  // namespace

double Add(double a, double b) {
  const double r = a + b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) Overflow();
  return r;
}
double Sub(double a, double b) {
  const double r = a - b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) Overflow();
  return r;
}
double Mul(double a, double b) {
  const double r = a * b;
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) Overflow();
  if (r == 0.0 && a != 0.0 && b != 0.0) Underflow();
  return r;
}
double Div(double a, double b) {
  if (b == 0.0 && !std::isnan(a)) {
    throw SqlError(SqlState::kDivisionByZero, "division by zero");
  }
  const double r = a / b;
  if (std::isinf(r) && !std::isinf(a)) Overflow();
  if (r == 0.0 && a != 0.0 && !std::isinf(b)) Underflow();
  return r;
}
double Hypot(double x, double y) {
  if (std::isinf(x) || std::isinf(y)) return HUGE_VAL;
  if (std::isnan(x) || std::isnan(y)) return std::nan("");
  x = std::fabs(x);
  y = std::fabs(y);
  if (x < y) std::swap(x, y);
  if (y == 0.0) return x;
  const double yx = y / x;
  return x * std::sqrt(1.0 + yx * yx);
}

// ---- text input ----

namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// One parse of one input string: the type name and the original text for
// the error messages.
class GeoParser {
 public:
  GeoParser(const char* type_name, std::string_view text)
      : type_name_(type_name), text_(text) {}

  const char* c_str() const { return text_.c_str(); }

  [[noreturn]] void Fail() const {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   std::string("invalid input syntax for type ") + type_name_ + ": \"" + text_ +
                       "\"");
  }

  // float8in_internal with an end pointer: leading and trailing spaces are
  // skipped; NaN and the infinities in any case; a number beyond double's
  // range is 22003.
  double Single(const char* s, const char** end) const {
    while (*s != '\0' && IsSpace(*s)) ++s;
    if (*s == '\0') Fail();
    errno = 0;
    char* e = nullptr;
    double v = std::strtod(s, &e);
    if (e == s || errno != 0) {
      const int saved = errno;
      struct Special {
        const char* word;
        double value;
      };
      static const Special kSpecials[] = {
          {"NaN", std::nan("")},    {"Infinity", HUGE_VAL}, {"+Infinity", HUGE_VAL},
          {"-Infinity", -HUGE_VAL}, {"inf", HUGE_VAL},      {"+inf", HUGE_VAL},
          {"-inf", -HUGE_VAL}};
      bool matched = false;
      for (const Special& sp : kSpecials) {
        const size_t n = std::strlen(sp.word);
        if (strncasecmp(s, sp.word, n) == 0) {
          v = sp.value;
          e = const_cast<char*>(s) + n;
          matched = true;
          break;
        }
      }
      if (!matched) {
        if (saved != ERANGE) Fail();
        if (v == 0.0 || v >= HUGE_VAL || v <= -HUGE_VAL) {
          throw SqlError(SqlState::kNumericValueOutOfRange,
                         "\"" + std::string(s, static_cast<size_t>(e - s)) +
                             "\" is out of range for type double precision");
        }
      }
    }
    while (*e != '\0' && IsSpace(*e)) ++e;
    *end = e;
    return v;
  }

  // pair_decode: "x,y" or "(x,y)". With end == nullptr the pair must end the
  // string.
  Point Pair(const char* s, const char** end) const {
    while (IsSpace(*s)) ++s;
    const bool has_delim = *s == '(';
    if (has_delim) ++s;
    Point p;
    p.x = Single(s, &s);
    if (*s++ != ',') Fail();
    p.y = Single(s, &s);
    if (has_delim) {
      if (*s++ != ')') Fail();
      while (IsSpace(*s)) ++s;
    }
    if (end != nullptr) {
      *end = s;
    } else if (*s != '\0') {
      Fail();
    }
    return p;
  }

  // path_decode: npts pairs, optionally inside "[...]" (when open_allowed)
  // or "(...)".
  std::vector<Point> PathDecode(const char* s, bool open_allowed, int npts, bool* is_open,
                                const char** end) const {
    int depth = 0;
    while (IsSpace(*s)) ++s;
    *is_open = *s == '[';
    if (*is_open) {
      if (!open_allowed) Fail();
      ++depth;
      ++s;
    } else if (*s == '(') {
      const char* cp = s + 1;
      while (IsSpace(*cp)) ++cp;
      if (*cp == '(') {
        ++depth;
        s = cp;
      } else if (std::strrchr(s, '(') == s) {
        ++depth;
        s = cp;
      }
    }
    std::vector<Point> points;
    for (int i = 0; i < npts; ++i) {
      points.push_back(Pair(s, &s));
      if (*s == ',') ++s;
    }
    while (depth > 0) {
      if (*s == ')' || (*s == ']' && *is_open && depth == 1)) {
        --depth;
        ++s;
        while (IsSpace(*s)) ++s;
      } else {
        Fail();
      }
    }
    if (end != nullptr) {
      *end = s;
    } else if (*s != '\0') {
      Fail();
    }
    return points;
  }

 private:
  const char* type_name_;
  std::string text_;
};

// pair_count: the number of points if the commas are odd in number.
int PairCount(const char* s) {
  int ndelim = 0;
  for (; *s != '\0'; ++s) ndelim += *s == ',';
  return ndelim % 2 != 0 ? (ndelim + 1) / 2 : -1;
}

// The maximum number of points of a path or polygon (its varlena limit).
constexpr int kMaxPoints = static_cast<int>((0x3FFFFFFF - 32) / 16);

Value ParseLine(std::string_view text) {
  GeoParser parser("line", text);
  const char* s = parser.c_str();
  while (IsSpace(*s)) ++s;
  Line line;
  if (*s == '{') {
    ++s;
    line.a = parser.Single(s, &s);
    if (*s++ != ',') parser.Fail();
    line.b = parser.Single(s, &s);
    if (*s++ != ',') parser.Fail();
    line.c = parser.Single(s, &s);
    if (*s++ != '}') parser.Fail();
    while (IsSpace(*s)) ++s;
    if (*s != '\0') parser.Fail();
    if (FPzero(line.a) && FPzero(line.b)) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "invalid line specification: A and B cannot both be zero");
    }
    return MakeLine(line);
  }
  bool is_open = false;
  const std::vector<Point> p = parser.PathDecode(s, true, 2, &is_open, nullptr);
  if (PointsEqual(p[0], p[1])) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "invalid line specification: must be two distinct points");
  }
  return MakeLine(LineThrough(p[0], p[1]));
}

Value ParseCircle(std::string_view text) {
  GeoParser parser("circle", text);
  const char* s = parser.c_str();
  int depth = 0;
  while (IsSpace(*s)) ++s;
  if (*s == '<') {
    ++depth;
    ++s;
  } else if (*s == '(') {
    const char* cp = s + 1;
    while (IsSpace(*cp)) ++cp;
    if (*cp == '(') {
      ++depth;
      s = cp;
    }
  }
  Circle c;
  c.center = parser.Pair(s, &s);
  if (*s == ',') ++s;
  c.radius = parser.Single(s, &s);
  if (c.radius < 0.0) parser.Fail();  // NaN is accepted
  while (depth > 0) {
    if (*s == ')' || (*s == '>' && depth == 1)) {
      --depth;
      ++s;
      while (IsSpace(*s)) ++s;
    } else {
      parser.Fail();
    }
  }
  if (*s != '\0') parser.Fail();
  return MakeCircle(c);
}

Value ParsePath(std::string_view text) {
  GeoParser parser("path", text);
  const char* str = parser.c_str();
  const int npts = PairCount(str);
  if (npts <= 0) parser.Fail();
  const char* s = str;
  while (IsSpace(*s)) ++s;
  int depth = 0;
  // A single leading paren around the whole list ("(1,2,3,4)").
  if (*s == '(' && std::strrchr(s, '(') == s) {
    ++s;
    ++depth;
  }
  if (npts > kMaxPoints) {
    throw SqlError(SqlState::kInvalidParameterValue, "too many points requested");
  }
  bool is_open = false;
  Path path;
  path.points = parser.PathDecode(s, true, npts, &is_open, &s);
  if (depth >= 1) {
    if (*s++ != ')') parser.Fail();
    while (IsSpace(*s)) ++s;
  }
  if (*s != '\0') parser.Fail();
  path.closed = !is_open;
  return MakePath(path);
}

}  // namespace

// point_eq_point: fuzzy, except that NaNs must match exactly.
bool PointsEqual(Point a, Point b) {
  if (std::isnan(a.x) || std::isnan(a.y) || std::isnan(b.x) || std::isnan(b.y)) {
    auto eq = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
    return eq(a.x, b.x) && eq(a.y, b.y);
  }
  return FPeq(a.x, b.x) && FPeq(a.y, b.y);
}

// line_construct with the slope through two points (line_in's second form,
// and line(point, point)).
Line LineThrough(Point p1, Point p2) {
  double m;
  if (FPeq(p1.x, p2.x)) {
    m = HUGE_VAL;
  } else if (FPeq(p1.y, p2.y)) {
    m = 0.0;
  } else {
    m = Div(Sub(p1.y, p2.y), Sub(p1.x, p2.x));
  }
  return LineWithSlope(p1, m);
}

Line LineWithSlope(Point p, double m) {
  Line l;
  if (std::isinf(m)) {
    l = {-1.0, 0.0, p.x};
  } else if (m == 0) {
    l = {0.0, -1.0, p.y};
  } else {
    l = {m, -1.0, Sub(p.y, Mul(m, p.x))};
    if (l.c == 0.0) l.c = 0.0;  // no -0
  }
  return l;
}

Value ParseGeometric(Oid type, std::string_view text) {
  switch (type) {
    case kPoint: {
      GeoParser parser("point", text);
      return MakePoint(parser.Pair(parser.c_str(), nullptr));
    }
    case kLseg: {
      GeoParser parser("lseg", text);
      bool is_open = false;
      const std::vector<Point> p = parser.PathDecode(parser.c_str(), true, 2, &is_open, nullptr);
      return MakeLseg(LSeg{{p[0], p[1]}});
    }
    case kBox: {
      GeoParser parser("box", text);
      bool is_open = false;
      const std::vector<Point> p = parser.PathDecode(parser.c_str(), false, 2, &is_open, nullptr);
      Box b{p[0], p[1]};
      if (b.high.x < b.low.x) std::swap(b.high.x, b.low.x);
      if (b.high.y < b.low.y) std::swap(b.high.y, b.low.y);
      return MakeBox(b);
    }
    case kPolygon: {
      GeoParser parser("polygon", text);
      const int npts = PairCount(parser.c_str());
      if (npts <= 0) parser.Fail();
      if (npts > kMaxPoints) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       "too many points requested");
      }
      bool is_open = false;
      return MakePolygon(parser.PathDecode(parser.c_str(), false, npts, &is_open, nullptr));
    }
    case kPath:
      return ParsePath(text);
    case kLine:
      return ParseLine(text);
    case kCircle:
      return ParseCircle(text);
    default:
      throw SqlError(SqlState::kInternalError, "not a geometric type");
  }
}

// ---- text output ----

namespace {

void AppendPair(std::string* out, Point p) {
  out->push_back('(');
  out->append(FormatFloat8(p.x));
  out->push_back(',');
  out->append(FormatFloat8(p.y));
  out->push_back(')');
}

// path_encode: points separated by commas, in "(...)" (closed), "[...]"
// (open) or no brackets.
enum class Brackets { kNone, kOpen, kClosed };
std::string EncodePath(Brackets brackets, const std::vector<Point>& points) {
  std::string out;
  if (brackets == Brackets::kClosed) out.push_back('(');
  if (brackets == Brackets::kOpen) out.push_back('[');
  for (size_t i = 0; i < points.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendPair(&out, points[i]);
  }
  if (brackets == Brackets::kClosed) out.push_back(')');
  if (brackets == Brackets::kOpen) out.push_back(']');
  return out;
}

}  // namespace

std::string FormatGeometric(const Value& v) {
  switch (v.type()) {
    case kPoint: {
      std::string out;
      AppendPair(&out, GetPoint(v));
      return out;
    }
    case kLseg: {
      const LSeg l = GetLseg(v);
      return EncodePath(Brackets::kOpen, {l.p[0], l.p[1]});
    }
    case kBox: {
      const Box b = GetBox(v);
      return EncodePath(Brackets::kNone, {b.high, b.low});
    }
    case kPath: {
      const Path p = GetPath(v);
      return EncodePath(p.closed ? Brackets::kClosed : Brackets::kOpen, p.points);
    }
    case kPolygon:
      return EncodePath(Brackets::kClosed, GetPolygon(v).points);
    case kLine: {
      const Line l = GetLine(v);
      return "{" + FormatFloat8(l.a) + "," + FormatFloat8(l.b) + "," + FormatFloat8(l.c) + "}";
    }
    case kCircle: {
      const Circle c = GetCircle(v);
      std::string out = "<";
      AppendPair(&out, c.center);
      out += "," + FormatFloat8(c.radius) + ">";
      return out;
    }
    default:
      throw SqlError(SqlState::kInternalError, "not a geometric type");
  }
}

}  // namespace strata::sql::geo
