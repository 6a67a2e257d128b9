// TZif reading, POSIX TZ rules and the zone cache; see timezone.h.
//
// TZif (RFC 8536): a v1 block with 32-bit transition times, then (version
// >= 2) the same block with 64-bit times, then a footer "\n<POSIX TZ>\n"
// giving the rule for instants after the last transition. We read the v2
// block and the footer.
#include "sql/types/timezone.h"

#include <dirent.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <sstream>

#include "sql/types/datetime.h"

namespace strata::sql {

namespace {

constexpr const char* kZoneInfoDir = "/usr/share/zoneinfo";

struct TransitionType {
  int32_t gmtoff = 0;
  bool isdst = false;
  std::string abbrev;
};

// One end of a POSIX DST rule: which day of the year, and the local time of
// day (seconds, may be negative or beyond 24h) at which it happens.
struct RuleDate {
  enum class Kind { kJulianNoLeap, kDayOfYear, kMonthWeekDay } kind = Kind::kMonthWeekDay;
  int day = 0;  // Jn: 1..365; n: 0..365; M: day of week 0..6
  int week = 0;
  int month = 0;
  int32_t time = 7200;
};

}  // namespace

struct TimeZone::PosixRule {
  TransitionType std_type;
  bool has_dst = false;
  TransitionType dst_type;
  RuleDate start;
  RuleDate end;
};

struct TimeZone::Impl {
  std::vector<int64_t> times;    // transition instants, ascending
  std::vector<uint8_t> indices;  // type index per transition
  std::vector<TransitionType> types;
  std::optional<PosixRule> rule;  // after the last transition
};

namespace {

// ---- POSIX TZ strings ----

class PosixParser {
 public:
  explicit PosixParser(std::string_view s) : s_(s) {}

  bool Parse(TimeZone::PosixRule* rule) {
    // PostgreSQL (unlike IANA) allows an empty standard-time name: "+05:30".
    if (!ParseName(&rule->std_type.abbrev, /*allow_empty=*/true)) return false;
    if (AtEnd()) return false;
    int32_t west;
    if (!ParseOffset(&west)) return false;
    rule->std_type.gmtoff = -west;
    rule->std_type.isdst = false;
    if (AtEnd()) return true;
    rule->has_dst = true;
    if (!ParseName(&rule->dst_type.abbrev)) return false;
    rule->dst_type.isdst = true;
    rule->dst_type.gmtoff = rule->std_type.gmtoff + 3600;
    if (!AtEnd() && Peek() != ',') {
      if (!ParseOffset(&west)) return false;
      rule->dst_type.gmtoff = -west;
    }
    if (AtEnd()) {  // tzcode's default rule (US since 2007)
      rule->start = RuleDate{RuleDate::Kind::kMonthWeekDay, 0, 2, 3, 7200};
      rule->end = RuleDate{RuleDate::Kind::kMonthWeekDay, 0, 1, 11, 7200};
      return true;
    }
    if (Peek() != ',') return false;
    ++pos_;
    if (!ParseRuleDate(&rule->start)) return false;
    if (AtEnd() || Peek() != ',') return false;
    ++pos_;
    if (!ParseRuleDate(&rule->end)) return false;
    return AtEnd();
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }

  bool ParseName(std::string* name, bool allow_empty = false) {
    if (AtEnd()) return false;
    if (Peek() == '<') {
      const size_t close = s_.find('>', pos_);
      if (close == std::string_view::npos) return false;
      *name = std::string(s_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      return name->size() >= 3;
    }
    const size_t start = pos_;
    while (!AtEnd() && std::isalpha(static_cast<unsigned char>(Peek()))) ++pos_;
    *name = std::string(s_.substr(start, pos_ - start));
    return name->size() >= 3 || (allow_empty && name->empty());
  }

  bool ParseNumber(int* out, int max) {
    if (AtEnd() || !std::isdigit(static_cast<unsigned char>(Peek()))) return false;
    int v = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(Peek()))) {
      v = v * 10 + (Peek() - '0');
      if (v > max) return false;
      ++pos_;
    }
    *out = v;
    return true;
  }

  // [+-]hh[:mm[:ss]] in seconds.
  bool ParseOffset(int32_t* seconds) {
    int sign = 1;
    if (!AtEnd() && (Peek() == '+' || Peek() == '-')) {
      if (Peek() == '-') sign = -1;
      ++pos_;
    }
    int h = 0, m = 0, s = 0;
    if (!ParseNumber(&h, 167)) return false;
    if (!AtEnd() && Peek() == ':') {
      ++pos_;
      if (!ParseNumber(&m, 59)) return false;
      if (!AtEnd() && Peek() == ':') {
        ++pos_;
        if (!ParseNumber(&s, 59)) return false;
      }
    }
    *seconds = sign * (h * 3600 + m * 60 + s);
    return true;
  }

  bool ParseRuleDate(RuleDate* date) {
    if (AtEnd()) return false;
    if (Peek() == 'J') {
      ++pos_;
      date->kind = RuleDate::Kind::kJulianNoLeap;
      if (!ParseNumber(&date->day, 365) || date->day < 1) return false;
    } else if (Peek() == 'M') {
      ++pos_;
      date->kind = RuleDate::Kind::kMonthWeekDay;
      if (!ParseNumber(&date->month, 12) || date->month < 1) return false;
      if (AtEnd() || Peek() != '.') return false;
      ++pos_;
      if (!ParseNumber(&date->week, 5) || date->week < 1) return false;
      if (AtEnd() || Peek() != '.') return false;
      ++pos_;
      if (!ParseNumber(&date->day, 6)) return false;
    } else {
      date->kind = RuleDate::Kind::kDayOfYear;
      if (!ParseNumber(&date->day, 365)) return false;
    }
    date->time = 7200;
    if (!AtEnd() && Peek() == '/') {
      ++pos_;
      if (!ParseOffset(&date->time)) return false;
    }
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// Seconds since the Unix epoch of the local midnight starting `year`, plus
// the rule's day offset and time (still local time).
int64_t RuleLocalTime(const RuleDate& rule, int year) {
  const int64_t jan1 = datetime::Date2J(year, 1, 1);
  int64_t day = 0;
  switch (rule.kind) {
    case RuleDate::Kind::kJulianNoLeap:
      day = rule.day - 1;
      if (datetime::IsLeap(year) && rule.day >= 60) ++day;
      break;
    case RuleDate::Kind::kDayOfYear:
      day = rule.day;
      break;
    case RuleDate::Kind::kMonthWeekDay: {
      const int first = datetime::Date2J(year, rule.month, 1);
      int d = rule.day - datetime::J2Day(first);
      if (d < 0) d += 7;
      d += 7 * (rule.week - 1);
      const int dim = datetime::DaysInMonth(year, rule.month);
      while (d >= dim) d -= 7;
      day = first - jan1 + d;
      break;
    }
  }
  return (jan1 - datetime::kUnixEpochJdate + day) * datetime::kSecsPerDay + rule.time;
}

// The UTC instants at which DST starts and ends in `year`.
void RuleTransitions(const TimeZone::PosixRule& r, int year, int64_t* start, int64_t* end) {
  *start = RuleLocalTime(r.start, year) - r.std_type.gmtoff;
  *end = RuleLocalTime(r.end, year) - r.dst_type.gmtoff;
}

int YearOfUnixTime(int64_t t) {
  int64_t days = t / datetime::kSecsPerDay;
  if (t % datetime::kSecsPerDay < 0) --days;
  int y, m, d;
  datetime::J2Date(static_cast<int>(days + datetime::kUnixEpochJdate), &y, &m, &d);
  return y;
}

const TransitionType& RuleTypeAt(const TimeZone::PosixRule& r, int64_t t) {
  if (!r.has_dst) return r.std_type;
  const int year = YearOfUnixTime(t + r.std_type.gmtoff);
  int64_t start, end;
  RuleTransitions(r, year, &start, &end);
  bool dst;
  if (start < end) {
    dst = t >= start && t < end;
  } else {
    dst = !(t >= end && t < start);
  }
  return dst ? r.dst_type : r.std_type;
}

ZoneOffset ToOffset(const TransitionType& t) { return ZoneOffset{t.gmtoff, t.isdst, t.abbrev}; }

// ---- TZif ----

class ByteReader {
 public:
  explicit ByteReader(std::string_view d) : d_(d) {}
  bool Has(size_t n) const { return pos_ + n <= d_.size(); }
  int64_t Be(size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(d_[pos_ + i]);
    pos_ += n;
    if (n == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
    return static_cast<int64_t>(v);
  }
  uint8_t Byte() { return static_cast<uint8_t>(d_[pos_++]); }
  void Skip(size_t n) { pos_ += n; }
  std::string_view Rest() const { return d_.substr(pos_); }
  std::string_view Take(size_t n) {
    std::string_view s = d_.substr(pos_, n);
    pos_ += n;
    return s;
  }

 private:
  std::string_view d_;
  size_t pos_ = 0;
};

struct TzifCounts {
  int64_t isut, isstd, leap, time, type, chars;
};

bool ReadHeader(ByteReader* r, char* version, TzifCounts* c) {
  if (!r->Has(44) || r->Take(4) != "TZif") return false;
  *version = static_cast<char>(r->Byte());
  r->Skip(15);
  c->isut = r->Be(4);
  c->isstd = r->Be(4);
  c->leap = r->Be(4);
  c->time = r->Be(4);
  c->type = r->Be(4);
  c->chars = r->Be(4);
  return c->isut >= 0 && c->isstd >= 0 && c->leap >= 0 && c->time >= 0 && c->type > 0 &&
         c->type <= 256 && c->chars >= 0;
}

size_t BlockSize(const TzifCounts& c, size_t time_size) {
  return c.time * time_size + c.time + c.type * 6 + c.chars + c.leap * (time_size + 4) + c.isstd +
         c.isut;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// Resolves `name` under the zoneinfo directory case-insensitively, one path
// component at a time. Returns the canonical relative path or "".
std::string FindZoneFile(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) return "";
  std::string path = kZoneInfoDir;
  std::string canonical;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    const std::string_view part = name.substr(start, slash - start);
    if (part.empty() || part == ".") return "";
    DIR* dir = opendir(path.c_str());
    if (dir == nullptr) return "";
    std::string found;
    while (dirent* e = readdir(dir)) {
      if (e->d_name[0] == '.') continue;
      if (strncasecmp(e->d_name, part.data(), part.size()) == 0 &&
          e->d_name[part.size()] == '\0') {
        found = e->d_name;
        break;
      }
    }
    closedir(dir);
    if (found.empty()) return "";
    path += "/" + found;
    if (!canonical.empty()) canonical += "/";
    canonical += found;
    start = slash + 1;
    if (slash == name.size()) break;
  }
  return canonical;
}

}  // namespace

TimeZone::TimeZone(std::string name) : name_(std::move(name)), impl_(std::make_unique<Impl>()) {}
TimeZone::~TimeZone() = default;

std::shared_ptr<const TimeZone> TimeZone::FromTzif(std::string_view data, std::string name) {
  ByteReader r(data);
  char version;
  TzifCounts c;
  if (!ReadHeader(&r, &version, &c)) return nullptr;
  size_t time_size = 4;
  if (version >= '2') {
    if (!r.Has(BlockSize(c, 4))) return nullptr;
    r.Skip(BlockSize(c, 4));
    if (!ReadHeader(&r, &version, &c)) return nullptr;
    time_size = 8;
  }
  if (!r.Has(BlockSize(c, time_size))) return nullptr;
  auto zone = std::make_shared<TimeZone>(std::move(name));
  Impl& z = *zone->impl_;
  for (int64_t i = 0; i < c.time; ++i) z.times.push_back(r.Be(time_size));
  for (int64_t i = 0; i < c.time; ++i) {
    const uint8_t idx = r.Byte();
    if (idx >= c.type) return nullptr;
    z.indices.push_back(idx);
  }
  std::vector<std::pair<int32_t, std::pair<bool, uint8_t>>> raw_types;
  for (int64_t i = 0; i < c.type; ++i) {
    const int32_t off = static_cast<int32_t>(r.Be(4));
    const bool isdst = r.Byte() != 0;
    const uint8_t abbr = r.Byte();
    raw_types.push_back({off, {isdst, abbr}});
  }
  const std::string_view chars = r.Take(c.chars);
  for (const auto& [off, rest] : raw_types) {
    const auto [isdst, abbr] = rest;
    std::string abbrev;
    if (abbr < chars.size()) abbrev = std::string(chars.substr(abbr, chars.find('\0', abbr) - abbr));
    z.types.push_back(TransitionType{off, isdst, std::move(abbrev)});
  }
  r.Skip(c.leap * (time_size + 4) + c.isstd + c.isut);
  if (time_size == 8) {
    std::string_view footer = r.Rest();
    if (footer.size() >= 2 && footer.front() == '\n') {
      footer.remove_prefix(1);
      footer = footer.substr(0, footer.find('\n'));
      if (!footer.empty()) {
        PosixRule rule;
        if (PosixParser(footer).Parse(&rule)) z.rule = std::move(rule);
      }
    }
  }
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::FromPosix(std::string_view spec, std::string name) {
  PosixRule rule;
  if (!PosixParser(spec).Parse(&rule)) return nullptr;
  auto zone = std::make_shared<TimeZone>(std::move(name));
  zone->impl_->types.push_back(rule.std_type);
  zone->impl_->rule = std::move(rule);
  return zone;
}

std::shared_ptr<const TimeZone> TimeZone::FixedOffset(int32_t gmtoff) {
  // pg_tzset_offset: "<-07>+07" for 7 hours west, "<+05:30>-05:30" east.
  const int32_t west = -gmtoff;
  int32_t abs = west < 0 ? -west : west;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%02d", abs / 3600);
  std::string offset = buf;
  abs %= 3600;
  if (abs != 0) {
    std::snprintf(buf, sizeof(buf), ":%02d", abs / 60);
    offset += buf;
    abs %= 60;
    if (abs != 0) {
      std::snprintf(buf, sizeof(buf), ":%02d", abs);
      offset += buf;
    }
  }
  const std::string name =
      west > 0 ? "<-" + offset + ">+" + offset : "<+" + offset + ">-" + offset;
  auto zone = std::make_shared<TimeZone>(name);
  TransitionType t{gmtoff, false, name.substr(1, name.find('>') - 1)};
  zone->impl_->types.push_back(t);
  PosixRule rule;
  rule.std_type = t;
  zone->impl_->rule = std::move(rule);
  return zone;
}

ZoneOffset TimeZone::OffsetAtUtc(int64_t t) const {
  const Impl& z = *impl_;
  if (z.times.empty() || t < z.times.front()) {
    if (z.times.empty() && z.rule) return ToOffset(RuleTypeAt(*z.rule, t));
    return ToOffset(z.types.front());
  }
  if (t >= z.times.back() && z.rule) return ToOffset(RuleTypeAt(*z.rule, t));
  const auto it = std::upper_bound(z.times.begin(), z.times.end(), t);
  const size_t i = static_cast<size_t>(it - z.times.begin()) - 1;
  return ToOffset(z.types[z.indices[i]]);
}

bool TimeZone::NextBoundary(int64_t t, ZoneOffset* before, int64_t* boundary,
                            ZoneOffset* after) const {
  const Impl& z = *impl_;
  const auto it = std::upper_bound(z.times.begin(), z.times.end(), t);
  if (it != z.times.end()) {
    *before = OffsetAtUtc(t);
    *boundary = *it;
    *after = ToOffset(z.types[z.indices[static_cast<size_t>(it - z.times.begin())]]);
    return true;
  }
  if (!z.rule || !z.rule->has_dst) return false;
  const int year = YearOfUnixTime(t);
  int64_t best = 0;
  bool found = false;
  for (int y = year - 1; y <= year + 1; ++y) {
    int64_t s, e;
    RuleTransitions(*z.rule, y, &s, &e);
    for (int64_t b : {s, e}) {
      if (b > t && (!found || b < best)) {
        best = b;
        found = true;
      }
    }
  }
  if (!found) return false;
  *before = OffsetAtUtc(t);
  *boundary = best;
  *after = OffsetAtUtc(best);
  return true;
}

ZoneOffset TimeZone::OffsetForLocal(int64_t local) const {
  // DetermineTimeZoneOffsetInternal: look for the boundary following the
  // day before, then read the local time with the offset on each side.
  ZoneOffset before, after;
  int64_t boundary;
  if (!NextBoundary(local - datetime::kSecsPerDay, &before, &boundary, &after)) {
    return OffsetAtUtc(local);
  }
  const int64_t before_time = local - before.gmtoff;
  const int64_t after_time = local - after.gmtoff;
  if (before_time < boundary && after_time < boundary) return before;
  if (before_time >= boundary && after_time >= boundary) return after;
  // Skipped or repeated wall time: spring forward takes "before", fall back "after".
  return before_time > after_time ? before : after;
}

std::shared_ptr<const TimeZone> LoadTimeZone(std::string_view name) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TimeZone>> cache;
  const std::string key = ToLower(name);
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
  }
  std::shared_ptr<const TimeZone> zone;
  const std::string canonical = FindZoneFile(name);
  if (!canonical.empty()) {
    std::ifstream in(std::string(kZoneInfoDir) + "/" + canonical, std::ios::binary);
    if (in) {
      std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      zone = TimeZone::FromTzif(data, canonical);
    }
  }
  if (zone == nullptr) zone = TimeZone::FromPosix(name, std::string(name));
  if (zone == nullptr) return nullptr;
  std::lock_guard<std::mutex> lock(mu);
  return cache.emplace(key, zone).first->second;
}

std::shared_ptr<const TimeZone> UtcTimeZone() {
  static const std::shared_ptr<const TimeZone> utc = TimeZone::FromPosix("UTC0", "UTC");
  return utc;
}

std::optional<ZoneAbbrev> FindZoneAbbrev(std::string_view lower_name) {
  // A subset of PostgreSQL's timezonesets/Default (fixed-offset entries).
  struct Entry {
    std::string_view name;
    int32_t gmtoff;
    bool isdst;
  };
  static constexpr Entry kAbbrevs[] = {
      {"acdt", 37800, true},  {"acst", 34200, false}, {"adt", -10800, true},
      {"aedt", 39600, true},  {"aest", 36000, false}, {"akdt", -28800, true},
      {"akst", -32400, false}, {"ast", -14400, false}, {"awst", 28800, false},
      {"bst", 3600, true},    {"cdt", -18000, true},  {"cest", 7200, true},
      {"cet", 3600, false},   {"cst", -21600, false}, {"edt", -14400, true},
      {"eest", 10800, true},  {"eet", 7200, false},   {"est", -18000, false},
      {"gmt", 0, false},      {"hst", -36000, false}, {"ist", 7200, false},
      {"jst", 32400, false},  {"kst", 32400, false},  {"mdt", -21600, true},
      {"msk", 10800, false},  {"mst", -25200, false}, {"nzdt", 46800, true},
      {"nzst", 43200, false}, {"pdt", -25200, true},  {"pst", -28800, false},
      {"sast", 7200, false},  {"ut", 0, false},       {"utc", 0, false},
      {"west", 3600, true},   {"wet", 0, false},      {"z", 0, false},
      {"zulu", 0, false},
  };
  for (const Entry& e : kAbbrevs) {
    if (e.name == lower_name) return ZoneAbbrev{e.gmtoff, e.isdst};
  }
  return std::nullopt;
}

}  // namespace strata::sql
