// to_char(timestamp|timestamptz|interval, text): PostgreSQL 15's date/time
// template patterns (formatting.c, DCH_*) — the common subset: HH/HH12/
// HH24, MI, SS, MS, US, SSSS, AM/PM (all spellings), Y,YYY/YYYY/YYY/YY/Y,
// IYYY..I, BC/AD, MONTH/Month/month, MON/Mon/mon, MM, DAY/Day/day,
// DY/Dy/dy, DDD, DD, D, IDDD, ID, W, WW, IW, CC, Q, J, TZ/tz, TZH, TZM, OF,
// with the FM prefix and TH/th suffixes, "quoted text" and \-escapes.
// The table also holds to_char of numbers (num_to_char.cpp) and
// to_number (num_from_char.cpp).
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/expr/num_from_char.h"
#include "sql/expr/num_to_char.h"
#include "sql/expr/sql_function.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

namespace {

using Args = std::span<const Value>;

constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                   "May",     "June",     "July",      "August",
                                   "September", "October", "November", "December"};
constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};

struct Fields {
  Tm tm;
  bool is_interval = false;
  bool has_tz = false;
  int64_t total_hours = 0;  // intervals: hours are not reduced modulo 24
};

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string LowerStr(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// English ordinal suffix of n (1st, 2nd, 3rd, 4th, 11th, ...).
std::string Ordinal(int64_t n, bool upper) {
  const int64_t last2 = std::llabs(n) % 100;
  const int64_t last = std::llabs(n) % 10;
  std::string s = "th";
  if (last2 < 11 || last2 > 13) {
    if (last == 1) s = "st";
    if (last == 2) s = "nd";
    if (last == 3) s = "rd";
  }
  return upper ? Upper(s) : s;
}

std::string Number(int64_t v, int width, bool fm) {
  char buf[32];
  if (fm) {
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(v));
  } else if (v < 0) {
    std::snprintf(buf, sizeof(buf), "-%0*lld", width, static_cast<long long>(-v));
  } else {
    std::snprintf(buf, sizeof(buf), "%0*lld", width, static_cast<long long>(v));
  }
  return buf;
}

// Pads a name to 9 characters unless FM (PostgreSQL's "%-*s" with 9).
std::string PadName(std::string s, bool fm) {
  if (!fm && s.size() < 9) s.append(9 - s.size(), ' ');
  return s;
}



bool StartsWith(std::string_view s, size_t pos, std::string_view p) {
  return s.substr(pos, p.size()) == p;
}

// Numeric patterns match in any case ("yyyy-mm-dd"); name patterns (Month,
// Day, AM, BC, TZ, ...) are case-sensitive because the case is the output's.
bool StartsWithCI(std::string_view s, size_t pos, std::string_view p) {
  if (pos > s.size() || s.size() - pos < p.size()) return false;
  for (size_t k = 0; k < p.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(s[pos + k])) != p[k]) return false;
  }
  return true;
}

std::string Format(const Fields& f, std::string_view fmt) {
  const Tm& tm = f.tm;
  const int year = tm.year > 0 ? tm.year : -(tm.year - 1);  // display year
  std::string out;
  size_t i = 0;
  while (i < fmt.size()) {
    bool fm = false;
    if (StartsWith(fmt, i, "FM") || StartsWith(fmt, i, "fm")) {
      fm = true;
      i += 2;
    }
    // Keyword -> (text, numeric value for TH or -1 for names).
    std::string text;
    int64_t ordinal_value = -1;
    size_t len = 0;
    auto num = [&](int64_t v, int width, size_t l) {
      text = Number(v, width, fm);
      ordinal_value = v;
      len = l;
    };
    auto name = [&](std::string s, size_t l) {
      text = std::move(s);
      len = l;
    };
    const int hour12 = tm.hour % 12 == 0 ? 12 : tm.hour % 12;
    const int doy = Date2J(tm.year, tm.mon, tm.mday) - Date2J(tm.year, 1, 1) + 1;
    const int dow = J2Day(Date2J(tm.year, tm.mon, tm.mday));
    const char* month = tm.mon >= 1 && tm.mon <= 12 ? kMonths[tm.mon - 1] : "";
    const char* day = kDays[dow];
    // The ISO year as displayed: BC years count from 1 like `year` (ADJUST_YEAR).
    const int raw_iso_year = IsoYear(tm.year, tm.mon, tm.mday);
    const int iso_year = f.is_interval || raw_iso_year > 0 ? raw_iso_year : -(raw_iso_year - 1);
    if (StartsWith(fmt, i, "A.D.") || StartsWith(fmt, i, "B.C.")) {
      name(tm.year <= 0 ? "B.C." : "A.D.", 4);
    } else if (StartsWith(fmt, i, "a.d.") || StartsWith(fmt, i, "b.c.")) {
      name(tm.year <= 0 ? "b.c." : "a.d.", 4);
    } else if (StartsWith(fmt, i, "A.M.") || StartsWith(fmt, i, "P.M.")) {
      name(tm.hour >= 12 ? "P.M." : "A.M.", 4);
    } else if (StartsWith(fmt, i, "a.m.") || StartsWith(fmt, i, "p.m.")) {
      name(tm.hour >= 12 ? "p.m." : "a.m.", 4);
    } else if (StartsWith(fmt, i, "AD") || StartsWith(fmt, i, "BC")) {
      name(tm.year <= 0 ? "BC" : "AD", 2);
    } else if (StartsWith(fmt, i, "ad") || StartsWith(fmt, i, "bc")) {
      name(tm.year <= 0 ? "bc" : "ad", 2);
    } else if (StartsWith(fmt, i, "AM") || StartsWith(fmt, i, "PM")) {
      name(tm.hour >= 12 ? "PM" : "AM", 2);
    } else if (StartsWith(fmt, i, "am") || StartsWith(fmt, i, "pm")) {
      name(tm.hour >= 12 ? "pm" : "am", 2);
    } else if (StartsWithCI(fmt, i, "HH24")) {
      num(f.is_interval ? f.total_hours : tm.hour, 2, 4);
    } else if (StartsWithCI(fmt, i, "HH12")) {
      num(f.is_interval ? f.total_hours % 12 : hour12, 2, 4);
    } else if (StartsWithCI(fmt, i, "HH")) {
      num(f.is_interval ? f.total_hours % 12 : hour12, 2, 2);
    } else if (StartsWithCI(fmt, i, "MI")) {
      num(tm.min, 2, 2);
    } else if (StartsWithCI(fmt, i, "SSSSS") || StartsWithCI(fmt, i, "SSSS")) {
      num(static_cast<int64_t>(f.is_interval ? f.total_hours : tm.hour) * 3600 + tm.min * 60 +
              tm.sec,
          0, StartsWithCI(fmt, i, "SSSSS") ? 5 : 4);
    } else if (StartsWithCI(fmt, i, "SS")) {
      num(tm.sec, 2, 2);
    } else if (StartsWithCI(fmt, i, "MS")) {
      num(tm.fsec / 1000, 3, 2);
    } else if (StartsWithCI(fmt, i, "US")) {
      num(tm.fsec, 6, 2);
    } else if (StartsWithCI(fmt, i, "FF") && i + 2 < fmt.size() && fmt[i + 2] >= '1' &&
               fmt[i + 2] <= '6') {
      // FF1..FF6: the fraction of a second to 1..6 digits, truncated.
      const int digits = fmt[i + 2] - '0';
      int64_t divisor = 1;
      for (int d = digits; d < 6; ++d) divisor *= 10;
      num(tm.fsec / divisor, digits, 3);
    } else if (StartsWith(fmt, i, "RM") || StartsWith(fmt, i, "rm")) {
      // The month in Roman numerals, padded to 4 unless FM.
      // An interval's month part may be 0 (whole years: XII, or I when
      // negative) or negative (-1 is XII, -2 XI, ...); none at all prints nothing.
      static const char* const kRomanReversed[] = {"XII", "XI", "X",   "IX", "VIII", "VII",
                                                   "VI",  "V",  "IV",  "III", "II",  "I"};
      std::string roman;
      if (tm.mon != 0 || tm.year != 0) {
        const int index = tm.mon == 0  ? (tm.year >= 0 ? 0 : 11)
                          : tm.mon < 0 ? -(tm.mon + 1)
                                       : 12 - tm.mon;
        if (index >= 0 && index < 12) roman = kRomanReversed[index];
        if (!fm && roman.size() < 4) roman.append(4 - roman.size(), ' ');
      }
      name(fmt[i] == 'r' ? LowerStr(roman) : roman, 2);
    } else if (StartsWithCI(fmt, i, "Y,YYY")) {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "%d,%03d", year / 1000, year % 1000);
      text = buf;
      ordinal_value = year;
      len = 5;
    } else if (StartsWithCI(fmt, i, "YYYY")) {
      num(year, 4, 4);
    } else if (StartsWithCI(fmt, i, "YYY")) {
      num(year % 1000, 3, 3);
    } else if (StartsWithCI(fmt, i, "YY")) {
      num(year % 100, 2, 2);
    } else if (StartsWithCI(fmt, i, "Y")) {
      num(year % 10, 1, 1);
    } else if (StartsWithCI(fmt, i, "IYYY")) {
      num(iso_year, 4, 4);
    } else if (StartsWithCI(fmt, i, "IYY")) {
      num(iso_year % 1000, 3, 3);
    } else if (StartsWithCI(fmt, i, "IY")) {
      num(iso_year % 100, 2, 2);
    } else if (StartsWithCI(fmt, i, "IDDD")) {
      const int iy = IsoYear(tm.year, tm.mon, tm.mday);
      const int day4 = Date2J(iy, 1, 4);
      num(Date2J(tm.year, tm.mon, tm.mday) - (day4 - J2Day(day4 - 1)) + 1, 3, 4);
    } else if (StartsWithCI(fmt, i, "ID")) {
      num(dow == 0 ? 7 : dow, 1, 2);
    } else if (StartsWithCI(fmt, i, "IW")) {
      num(IsoWeek(tm.year, tm.mon, tm.mday), 2, 2);
    } else if (StartsWithCI(fmt, i, "I")) {
      num(iso_year % 10, 1, 1);
    } else if (StartsWith(fmt, i, "MONTH")) {
      name(PadName(Upper(month), fm), 5);
    } else if (StartsWith(fmt, i, "Month")) {
      name(PadName(month, fm), 5);
    } else if (StartsWith(fmt, i, "month")) {
      name(PadName(LowerStr(month), fm), 5);
    } else if (StartsWith(fmt, i, "MON")) {
      name(Upper(std::string(month).substr(0, 3)), 3);
    } else if (StartsWith(fmt, i, "Mon")) {
      name(std::string(month).substr(0, 3), 3);
    } else if (StartsWith(fmt, i, "mon")) {
      name(LowerStr(std::string(month).substr(0, 3)), 3);
    } else if (StartsWithCI(fmt, i, "MM")) {
      num(tm.mon, 2, 2);
    } else if (StartsWith(fmt, i, "DAY")) {
      name(PadName(Upper(day), fm), 3);
    } else if (StartsWith(fmt, i, "Day")) {
      name(PadName(day, fm), 3);
    } else if (StartsWith(fmt, i, "day")) {
      name(PadName(LowerStr(day), fm), 3);
    } else if (StartsWith(fmt, i, "DY")) {
      name(Upper(std::string(day).substr(0, 3)), 2);
    } else if (StartsWith(fmt, i, "Dy")) {
      name(std::string(day).substr(0, 3), 2);
    } else if (StartsWith(fmt, i, "dy")) {
      name(LowerStr(std::string(day).substr(0, 3)), 2);
    } else if (StartsWithCI(fmt, i, "DDD")) {
      num(doy, 3, 3);
    } else if (StartsWithCI(fmt, i, "DD")) {
      num(tm.mday, 2, 2);
    } else if (StartsWithCI(fmt, i, "D")) {
      num(dow + 1, 1, 1);
    } else if (StartsWithCI(fmt, i, "WW")) {
      num((doy - 1) / 7 + 1, 2, 2);
    } else if (StartsWithCI(fmt, i, "W")) {
      num((tm.mday - 1) / 7 + 1, 1, 1);
    } else if (StartsWithCI(fmt, i, "CC")) {
      int cc = tm.year > 0 ? (tm.year + 99) / 100 : -((99 - (tm.year - 1)) / 100);
      num(cc, 2, 2);
    } else if (StartsWithCI(fmt, i, "Q")) {
      num((tm.mon - 1) / 3 + 1, 1, 1);
    } else if (StartsWithCI(fmt, i, "J")) {
      num(Date2J(tm.year, tm.mon, tm.mday), 0, 1);
    } else if (StartsWithCI(fmt, i, "TZH")) {
      const int off = tm.gmtoff;
      char buf[16];
      std::snprintf(buf, sizeof(buf), "%c%02d", off >= 0 ? '+' : '-', std::abs(off) / 3600);
      name(buf, 3);
    } else if (StartsWithCI(fmt, i, "TZM")) {
      num(std::abs(tm.gmtoff) % 3600 / 60, 2, 3);
    } else if (StartsWith(fmt, i, "TZ") || StartsWith(fmt, i, "tz")) {
      std::string abbrev = f.has_tz ? tm.zone_abbrev : "";
      name(StartsWith(fmt, i, "tz") ? LowerStr(abbrev) : abbrev, 2);
    } else if (StartsWithCI(fmt, i, "OF")) {
      const int off = tm.gmtoff;
      char buf[32];
      if (off % 3600 != 0) {
        std::snprintf(buf, sizeof(buf), "%c%02d:%02d", off >= 0 ? '+' : '-', std::abs(off) / 3600,
                      std::abs(off) % 3600 / 60);
      } else {
        std::snprintf(buf, sizeof(buf), "%c%02d", off >= 0 ? '+' : '-', std::abs(off) / 3600);
      }
      name(buf, 2);
    }
    if (len > 0) {
      i += len;
      out += text;
      if (ordinal_value >= 0 && (StartsWith(fmt, i, "TH") || StartsWith(fmt, i, "th"))) {
        out += Ordinal(ordinal_value, fmt[i] == 'T');
        i += 2;
      }
      continue;
    }
    if (fm) continue;  // "FM" followed by no keyword
    const char c = fmt[i];
    if (c == '"') {
      ++i;
      while (i < fmt.size() && fmt[i] != '"') {
        if (fmt[i] == '\\' && i + 1 < fmt.size()) ++i;
        out += fmt[i++];
      }
      if (i < fmt.size()) ++i;
    } else if (c == '\\' && i + 1 < fmt.size() && fmt[i + 1] == '"') {
      out += '"';
      i += 2;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

Value ToCharTimestamp(Args a) {
  const int64_t ts = a[0].int_value();
  if (!IsTimestampFinite(ts)) return Value::Null(type_oid::kText);
  Fields f;
  if (!TimestampToTm(ts, &f.tm)) ThrowTimestampOutOfRange();
  return Value::Text(Format(f, a[1].string_value()));
}

Value ToCharTimestampTz(Args a) {
  const int64_t ts = a[0].int_value();
  if (!IsTimestampFinite(ts)) return Value::Null(type_oid::kText);
  Fields f;
  f.has_tz = true;
  if (!TimestampTzToTm(ts, *CurrentDatetimeContext().time_zone, &f.tm)) {
    ThrowTimestampOutOfRange();
  }
  return Value::Text(Format(f, a[1].string_value()));
}

Value ToCharInterval(Args a) {
  const IntervalParts p = SplitInterval(a[0].interval_value());
  Fields f;
  f.is_interval = true;
  f.tm.year = p.year;
  f.tm.mon = p.mon;
  f.tm.mday = p.mday;
  f.total_hours = p.hour;
  f.tm.hour = static_cast<int>(p.hour % 24);
  f.tm.min = p.min;
  f.tm.sec = p.sec;
  f.tm.fsec = p.usec;
  return Value::Text(Format(f, a[1].string_value()));
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kText = type_oid::kText;

const SqlFunction kFunctions[] = {
    {"to_char", {type_oid::kInt8, kText, k0, k0, k0, k0, k0}, 2, kText, {"int8_to_char", Int8ToChar}},
    {"to_char", {type_oid::kInt4, kText, k0, k0, k0, k0, k0}, 2, kText, {"int4_to_char", Int4ToChar}},
    {"to_char", {type_oid::kFloat4, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"float4_to_char", Float4ToChar}},
    {"to_char", {type_oid::kFloat8, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"float8_to_char", Float8ToChar}},
    {"to_char", {type_oid::kNumeric, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"numeric_to_char", NumericToChar}},
    {"to_char", {type_oid::kTimestamp, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"timestamp_to_char", ToCharTimestamp}},
    {"to_char", {type_oid::kTimestampTz, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"timestamptz_to_char", ToCharTimestampTz}},
    {"to_char", {type_oid::kInterval, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"interval_to_char", ToCharInterval}},
    {"to_number", {kText, kText, k0, k0, k0, k0, k0}, 2, type_oid::kNumeric,
     {"numeric_to_number", NumericToNumber}},
};

}  // namespace

std::span<const SqlFunction> ToCharSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
