// Interval text input: PostgreSQL 15's DecodeInterval (fields read right to
// left so units come before their values: '1 day 2 hours', '1-2',
// '01:02:03', '@ 1 hour ago', '1.5 weeks') with its ISO 8601 fallback
// ('P1Y2M3DT4H5M6S'), and interval typmods (fields and precision).
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"
#include "sql/types/datetime_parse_internal.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

namespace {

using dtparse::DtErr;
using dtparse::Field;
using dtparse::FieldType;

// Unit codes (PostgreSQL's DTK_* for interval units).
enum class Unit { kNone, kMicrosec, kMillisec, kSecond, kMinute, kHour, kDay, kWeek, kMonth,
                  kYear, kDecade, kCentury, kMillennium };

struct UnitWord {
  std::string_view name;
  Unit unit;
};

// deltatktbl (units; "@" is punctuation and "ago" is handled separately).
constexpr UnitWord kUnits[] = {
    {"c", Unit::kCentury},        {"cent", Unit::kCentury},      {"centuries", Unit::kCentury},
    {"century", Unit::kCentury},  {"d", Unit::kDay},             {"day", Unit::kDay},
    {"days", Unit::kDay},         {"dec", Unit::kDecade},        {"decade", Unit::kDecade},
    {"decades", Unit::kDecade},   {"decs", Unit::kDecade},       {"h", Unit::kHour},
    {"hour", Unit::kHour},        {"hours", Unit::kHour},        {"hr", Unit::kHour},
    {"hrs", Unit::kHour},         {"m", Unit::kMinute},          {"microsecon", Unit::kMicrosec},
    {"mil", Unit::kMillennium},   {"millennia", Unit::kMillennium},
    {"millennium", Unit::kMillennium},                           {"millisecon", Unit::kMillisec},
    {"mils", Unit::kMillennium},  {"min", Unit::kMinute},        {"mins", Unit::kMinute},
    {"minute", Unit::kMinute},    {"minutes", Unit::kMinute},    {"mon", Unit::kMonth},
    {"mons", Unit::kMonth},       {"month", Unit::kMonth},       {"months", Unit::kMonth},
    {"ms", Unit::kMillisec},      {"msec", Unit::kMillisec},     {"msecond", Unit::kMillisec},
    {"mseconds", Unit::kMillisec}, {"msecs", Unit::kMillisec},   {"s", Unit::kSecond},
    {"sec", Unit::kSecond},       {"second", Unit::kSecond},     {"seconds", Unit::kSecond},
    {"secs", Unit::kSecond},      {"us", Unit::kMicrosec},       {"usec", Unit::kMicrosec},
    {"usecond", Unit::kMicrosec}, {"useconds", Unit::kMicrosec}, {"usecs", Unit::kMicrosec},
    {"w", Unit::kWeek},           {"week", Unit::kWeek},         {"weeks", Unit::kWeek},
    {"y", Unit::kYear},           {"year", Unit::kYear},         {"years", Unit::kYear},
    {"yr", Unit::kYear},          {"yrs", Unit::kYear},
};

Unit FindUnit(std::string_view s) {
  s = s.substr(0, 10);
  for (const UnitWord& u : kUnits) {
    if (u.name == s) return u.unit;
  }
  return Unit::kNone;
}

// pg_itm_in: the fields accumulated while decoding.
struct ItmIn {
  int64_t usec = 0;
  int32_t mday = 0;
  int32_t mon = 0;
  int32_t year = 0;
};

bool AddS32(int32_t a, int64_t b, int32_t* out) {
  const int64_t r = int64_t{a} + b;
  if (r < INT32_MIN || r > INT32_MAX) return false;
  *out = static_cast<int32_t>(r);
  return true;
}

bool AdjustFractMicroseconds(double frac, int64_t scale, ItmIn* itm) {
  if (frac == 0) return true;
  frac *= static_cast<double>(scale);
  if (std::isnan(frac) || frac < -9.2e18 || frac > 9.2e18) return false;
  int64_t usec = static_cast<int64_t>(frac);
  frac -= static_cast<double>(usec);
  if (frac > 0.5) {
    ++usec;
  } else if (frac < -0.5) {
    --usec;
  }
  return !AddOverflow(itm->usec, usec, &itm->usec);
}

bool AdjustMicroseconds(int64_t val, double fval, int64_t scale, ItmIn* itm) {
  if (MulOverflow(val, scale, &val) || AddOverflow(itm->usec, val, &itm->usec)) return false;
  return AdjustFractMicroseconds(fval, scale, itm);
}

bool AdjustFractDays(double frac, int scale, ItmIn* itm) {
  if (frac == 0) return true;
  frac *= scale;
  if (std::isnan(frac) || frac < INT32_MIN || frac > INT32_MAX) return false;
  const int extra = static_cast<int>(frac);
  if (!AddS32(itm->mday, extra, &itm->mday)) return false;
  frac -= extra;
  return AdjustFractMicroseconds(frac, kUsecsPerDay, itm);
}

bool AdjustFractYears(double frac, int scale, ItmIn* itm) {
  if (frac == 0) return true;
  const double months = std::rint(frac * scale * kMonthsPerYear);
  if (std::isnan(months) || months < INT32_MIN || months > INT32_MAX) return false;
  return AddS32(itm->mon, static_cast<int64_t>(months), &itm->mon);
}

bool AdjustDays(int64_t val, int scale, ItmIn* itm) {
  if (val < INT32_MIN || val > INT32_MAX) return false;
  int32_t days;
  if (__builtin_mul_overflow(static_cast<int32_t>(val), scale, &days)) return false;
  return AddS32(itm->mday, days, &itm->mday);
}

bool AdjustMonths(int64_t val, ItmIn* itm) {
  if (val < INT32_MIN || val > INT32_MAX) return false;
  return AddS32(itm->mon, val, &itm->mon);
}

bool AdjustYears(int64_t val, int scale, ItmIn* itm) {
  if (val < INT32_MIN || val > INT32_MAX) return false;
  int32_t years;
  if (__builtin_mul_overflow(static_cast<int32_t>(val), scale, &years)) return false;
  return AddS32(itm->year, years, &itm->year);
}

// DecodeTimeForInterval: hh:mm[:ss[.f]] into microseconds (hours unbounded).
DtErr DecodeTimeForInterval(const std::string& s, int range, ItmIn* itm) {
  datetime::Tm tm;
  DtErr e = dtparse::DecodeTime(s, range, &tm);
  if (e != DtErr::kNone) return e;
  int64_t usec = tm.fsec;
  int64_t part;
  if (MulOverflow(tm.hour, kUsecsPerHour, &part) || AddOverflow(usec, part, &usec) ||
      MulOverflow(tm.min, kUsecsPerMinute, &part) || AddOverflow(usec, part, &usec) ||
      MulOverflow(tm.sec, kUsecsPerSec, &part) || AddOverflow(usec, part, &usec)) {
    return DtErr::kFieldOverflow;
  }
  itm->usec = usec;
  return DtErr::kNone;
}

DtErr ParseFraction(const std::string& s, size_t pos, double* fval) {
  if (pos + 1 == s.size()) {  // "." alone is a zero fraction
    *fval = 0;
    return DtErr::kNone;
  }
  const char* begin = s.c_str() + pos;
  char* end;
  errno = 0;
  *fval = std::strtod(begin, &end);
  if (*end != '\0' || errno != 0) return DtErr::kBadFormat;
  return DtErr::kNone;
}

DtErr DecodeInterval(const std::vector<Field>& fields, int range, ItmIn* itm) {
  bool force_negative = false;
  if (CurrentDatetimeContext().interval_style == IntervalStyle::kSqlStandard && !fields.empty() &&
      fields[0].text[0] == '-') {
    force_negative = true;
    for (size_t i = 1; i < fields.size(); ++i) {
      if (fields[i].text[0] == '-' || fields[i].text[0] == '+') {
        force_negative = false;
        break;
      }
    }
  }
  bool is_before = false;
  bool parsing_unit_val = false;
  Unit type = Unit::kNone;
  int fmask = 0;
  constexpr int kTimeBits = (1 << 3) | (1 << 4) | (1 << 5);  // second, minute, hour
  for (size_t idx = fields.size(); idx-- > 0;) {
    const Field& f = fields[idx];
    int tmask = 0;
    bool handled_time = false;
    switch (f.type) {
      case FieldType::kTime:
      case FieldType::kTz:
        if (f.type == FieldType::kTime) {
          DtErr e = DecodeTimeForInterval(f.text, range, itm);
          if (e != DtErr::kNone) return e;
          handled_time = true;
        } else if (f.text.find(':', 1) != std::string::npos &&
                   DecodeTimeForInterval(f.text.substr(1), range, itm) == DtErr::kNone) {
          if (f.text[0] == '-') itm->usec = -itm->usec;
          handled_time = true;
        }
        if (handled_time) {
          if (force_negative && itm->usec > 0) itm->usec = -itm->usec;
          tmask = kTimeBits;
          type = Unit::kDay;
          parsing_unit_val = false;
          break;
        }
        [[fallthrough]];
      case FieldType::kDate:
      case FieldType::kNumber: {
        if (type == Unit::kNone) {
          using namespace dtparse;  // NOLINT: range bits
          switch (range) {
            case kRangeYear:
              type = Unit::kYear;
              break;
            case kRangeMonth:
            case kRangeYear | kRangeMonth:
              type = Unit::kMonth;
              break;
            case kRangeDay:
              type = Unit::kDay;
              break;
            case kRangeHour:
            case kRangeDay | kRangeHour:
              type = Unit::kHour;
              break;
            case kRangeMinute:
            case kRangeHour | kRangeMinute:
            case kRangeDay | kRangeHour | kRangeMinute:
              type = Unit::kMinute;
              break;
            default:
              type = Unit::kSecond;
              break;
          }
        }
        const char* begin = f.text.c_str();
        char* end;
        errno = 0;
        int64_t val = std::strtoll(begin, &end, 10);
        if (errno == ERANGE) return DtErr::kFieldOverflow;
        double fval = 0;
        if (*end == '-') {
          const char* p2 = end + 1;
          char* end2;
          errno = 0;
          long val2 = std::strtol(p2, &end2, 10);
          if (errno == ERANGE || val2 < 0 || val2 >= kMonthsPerYear) return DtErr::kFieldOverflow;
          if (*end2 != '\0') return DtErr::kBadFormat;
          type = Unit::kMonth;
          if (f.text[0] == '-') val2 = -val2;
          if (MulOverflow(val, kMonthsPerYear, &val) || AddOverflow(val, val2, &val)) {
            return DtErr::kFieldOverflow;
          }
        } else if (*end == '.') {
          DtErr e = ParseFraction(f.text, static_cast<size_t>(end - begin), &fval);
          if (e != DtErr::kNone) return e;
          if (f.text[0] == '-') fval = -fval;
        } else if (*end != '\0' || end == begin) {
          return DtErr::kBadFormat;
        }
        if (force_negative) {
          if (val > 0) val = -val;
          if (fval > 0) fval = -fval;
        }
        bool ok = true;
        switch (type) {
          case Unit::kMicrosec:
            ok = AdjustMicroseconds(val, fval, 1, itm);
            tmask = 1 << 1;
            break;
          case Unit::kMillisec:
            ok = AdjustMicroseconds(val, fval, 1000, itm);
            tmask = 1 << 2;
            break;
          case Unit::kSecond:
            ok = AdjustMicroseconds(val, fval, kUsecsPerSec, itm);
            tmask = fval == 0 ? (1 << 3) : ((1 << 1) | (1 << 2) | (1 << 3));
            break;
          case Unit::kMinute:
            ok = AdjustMicroseconds(val, fval, kUsecsPerMinute, itm);
            tmask = 1 << 4;
            break;
          case Unit::kHour:
            ok = AdjustMicroseconds(val, fval, kUsecsPerHour, itm);
            tmask = 1 << 5;
            type = Unit::kDay;
            break;
          case Unit::kDay:
            ok = AdjustDays(val, 1, itm) && AdjustFractMicroseconds(fval, kUsecsPerDay, itm);
            tmask = 1 << 6;
            break;
          case Unit::kWeek:
            ok = AdjustDays(val, 7, itm) && AdjustFractDays(fval, 7, itm);
            tmask = 1 << 7;
            break;
          case Unit::kMonth:
            ok = AdjustMonths(val, itm) && AdjustFractDays(fval, kDaysPerMonth, itm);
            tmask = 1 << 8;
            break;
          case Unit::kYear:
            ok = AdjustYears(val, 1, itm) && AdjustFractYears(fval, 1, itm);
            tmask = 1 << 9;
            break;
          case Unit::kDecade:
            ok = AdjustYears(val, 10, itm) && AdjustFractYears(fval, 10, itm);
            tmask = 1 << 10;
            break;
          case Unit::kCentury:
            ok = AdjustYears(val, 100, itm) && AdjustFractYears(fval, 100, itm);
            tmask = 1 << 11;
            break;
          case Unit::kMillennium:
            ok = AdjustYears(val, 1000, itm) && AdjustFractYears(fval, 1000, itm);
            tmask = 1 << 12;
            break;
          case Unit::kNone:
            return DtErr::kBadFormat;
        }
        if (!ok) return DtErr::kFieldOverflow;
        parsing_unit_val = false;
        break;
      }
      case FieldType::kString:
      case FieldType::kSpecial: {
        if (parsing_unit_val) return DtErr::kBadFormat;
        if (f.text == "ago") {  // PostgreSQL 15 accepts it anywhere
          is_before = true;
          break;
        }
        const Unit u = FindUnit(f.text);
        if (u == Unit::kNone) return DtErr::kBadFormat;
        type = u;
        parsing_unit_val = true;
        break;
      }
    }
    if (tmask & fmask) return DtErr::kBadFormat;
    fmask |= tmask;
  }
  if (fmask == 0) return DtErr::kBadFormat;
  if (parsing_unit_val) return DtErr::kBadFormat;
  if (is_before) {
    if (itm->usec == INT64_MIN || itm->mday == INT32_MIN || itm->mon == INT32_MIN ||
        itm->year == INT32_MIN) {
      return DtErr::kFieldOverflow;
    }
    itm->usec = -itm->usec;
    itm->mday = -itm->mday;
    itm->mon = -itm->mon;
    itm->year = -itm->year;
  }
  return DtErr::kNone;
}

// ParseISO8601Number: [+-]digits[.digits] -> integer part and fraction.
DtErr ParseIso8601Number(std::string_view s, size_t* pos, int64_t* ipart, double* fpart) {
  const std::string rest(s.substr(*pos));
  if (rest.empty() || !(std::isdigit(static_cast<unsigned char>(rest[0])) || rest[0] == '-' ||
                        rest[0] == '+' || rest[0] == '.')) {
    return DtErr::kBadFormat;
  }
  char* end;
  errno = 0;
  const double val = std::strtod(rest.c_str(), &end);
  if (end == rest.c_str() || errno != 0) return DtErr::kBadFormat;
  if (val < -9.2e18 || val > 9.2e18) return DtErr::kFieldOverflow;
  *ipart = static_cast<int64_t>(val);
  *fpart = val - static_cast<double>(*ipart);
  *pos += static_cast<size_t>(end - rest.c_str());
  return DtErr::kNone;
}

DtErr DecodeIso8601Interval(std::string_view s, ItmIn* itm) {
  *itm = ItmIn{};
  if (s.size() < 2 || s[0] != 'P') return DtErr::kBadFormat;
  size_t pos = 1;
  bool datepart = true;
  bool havefield = false;
  while (pos < s.size()) {
    if (s[pos] == 'T') {
      datepart = false;
      havefield = false;
      ++pos;
      continue;
    }
    int64_t val;
    double fval;
    DtErr e = ParseIso8601Number(s, &pos, &val, &fval);
    if (e != DtErr::kNone) return e;
    const char unit = pos < s.size() ? s[pos++] : '\0';
    bool ok = true;
    if (datepart) {
      switch (unit) {
        case 'Y':
          ok = AdjustYears(val, 1, itm) && AdjustFractYears(fval, 1, itm);
          break;
        case 'M':
          ok = AdjustMonths(val, itm) && AdjustFractDays(fval, kDaysPerMonth, itm);
          break;
        case 'W':
          ok = AdjustDays(val, 7, itm) && AdjustFractDays(fval, 7, itm);
          break;
        case 'D':
          ok = AdjustDays(val, 1, itm) && AdjustFractMicroseconds(fval, kUsecsPerDay, itm);
          break;
        default:
          return DtErr::kBadFormat;  // the alternative format is not supported
      }
    } else {
      switch (unit) {
        case 'H':
          ok = AdjustMicroseconds(val, fval, kUsecsPerHour, itm);
          break;
        case 'M':
          ok = AdjustMicroseconds(val, fval, kUsecsPerMinute, itm);
          break;
        case 'S':
          ok = AdjustMicroseconds(val, fval, kUsecsPerSec, itm);
          break;
        default:
          return DtErr::kBadFormat;
      }
    }
    if (!ok) return DtErr::kFieldOverflow;
    havefield = true;
  }
  (void)havefield;
  return DtErr::kNone;
}

}  // namespace

Interval ParseIntervalWithRange(std::string_view text, int range) {
  std::vector<Field> fields;
  ItmIn itm;
  DtErr err = DtErr::kBadFormat;
  if (dtparse::SplitFields(text, &fields)) err = DecodeInterval(fields, range, &itm);
  if (err == DtErr::kBadFormat) err = DecodeIso8601Interval(text, &itm);
  if (err != DtErr::kNone) {
    const std::string quoted = "\"" + std::string(text) + "\"";
    if (err == DtErr::kFieldOverflow || err == DtErr::kIntervalOverflow) {
      throw SqlError(SqlState::kIntervalFieldOverflow,
                     "interval field value out of range: " + quoted);
    }
    throw SqlError(SqlState::kInvalidDatetimeFormat,
                   "invalid input syntax for type interval: " + quoted);
  }
  const int64_t months = int64_t{itm.year} * kMonthsPerYear + itm.mon;
  if (months < INT32_MIN || months > INT32_MAX) ThrowIntervalOutOfRange();
  return Interval{itm.usec, itm.mday, static_cast<int32_t>(months)};
}

Interval ParseInterval(std::string_view text) {
  return ParseIntervalWithRange(text, dtparse::kFullRange);
}

Interval ApplyIntervalTypmod(const Interval& in, int32_t typmod) {
  if (typmod < 0) return in;
  using namespace dtparse;  // NOLINT: range bits
  const int range = (typmod >> 16) & 0x7FFF;
  const int precision = typmod & 0xFFFF;
  Interval iv = in;
  if (range == kFullRange) {
    // no field restriction
  } else if (range == kRangeYear) {
    iv.month = (iv.month / kMonthsPerYear) * kMonthsPerYear;
    iv.day = 0;
    iv.time = 0;
  } else if (range == kRangeMonth || range == (kRangeYear | kRangeMonth)) {
    iv.day = 0;
    iv.time = 0;
  } else if (range == kRangeDay) {
    iv.time = 0;
  } else if (range == kRangeHour || range == (kRangeDay | kRangeHour)) {
    iv.time = (iv.time / kUsecsPerHour) * kUsecsPerHour;
  } else if (range == kRangeMinute || range == (kRangeHour | kRangeMinute) ||
             range == (kRangeDay | kRangeHour | kRangeMinute)) {
    iv.time = (iv.time / kUsecsPerMinute) * kUsecsPerMinute;
  }
  // SECOND and the ranges ending in SECOND keep the time; precision below.
  if (precision != 0xFFFF && precision < 6) iv.time = RoundToPrecision(iv.time, precision);
  return iv;
}

}  // namespace strata::sql
