// Date/time text output: PostgreSQL 15's EncodeDateOnly, EncodeTimeOnly,
// EncodeDateTime (DateStyle ISO, SQL, Postgres, German with the MDY/DMY
// order) and EncodeInterval (IntervalStyle postgres, postgres_verbose,
// sql_standard, iso_8601).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

namespace {

constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDayNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

void AppendPadded(std::string* out, int64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%0*lld", width, static_cast<long long>(v));
  *out += buf;
}

// AppendSeconds: seconds, then up to six fractional digits without trailing
// zeros. Signs are the caller's business (absolute values are printed).
void AppendSeconds(std::string* out, int sec, int64_t fsec, bool fillzeros) {
  AppendPadded(out, std::llabs(sec), fillzeros ? 2 : 1);
  if (fsec != 0) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%06lld", std::llabs(static_cast<long long>(fsec)));
    std::string frac = buf;
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    *out += '.';
    *out += frac;
  }
}

int DisplayYear(int year) { return year > 0 ? year : -(year - 1); }

// EncodeTimezone: gmtoff seconds east as +hh, +hh:mm or +hh:mm:ss.
void AppendTimezone(std::string* out, int gmtoff) {
  int sec = std::abs(gmtoff);
  int min = sec / 60;
  sec -= min * 60;
  const int hour = min / 60;
  min -= hour * 60;
  *out += gmtoff >= 0 ? '+' : '-';
  AppendPadded(out, hour, 2);
  if (sec != 0) {
    *out += ':';
    AppendPadded(out, min, 2);
    *out += ':';
    AppendPadded(out, sec, 2);
  } else if (min != 0) {
    *out += ':';
    AppendPadded(out, min, 2);
  }
}

void AppendDayMonth(std::string* out, const Tm& tm, char sep, bool dmy) {
  AppendPadded(out, dmy ? tm.mday : tm.mon, 2);
  *out += sep;
  AppendPadded(out, dmy ? tm.mon : tm.mday, 2);
}

void AppendClock(std::string* out, const Tm& tm) {
  AppendPadded(out, tm.hour, 2);
  *out += ':';
  AppendPadded(out, tm.min, 2);
  *out += ':';
  AppendSeconds(out, tm.sec, tm.fsec, true);
}

// EncodeDateTime. `print_tz` with `gmtoff` and (maybe empty) `abbrev`.
std::string EncodeDateTime(const Tm& tm, bool print_tz, int gmtoff, const std::string& abbrev) {
  const DatetimeContext& ctx = CurrentDatetimeContext();
  const bool dmy = ctx.date_order == DateOrder::kDmy;
  std::string out;
  auto append_zone_name = [&] {
    if (!print_tz) return;
    if (!abbrev.empty()) {
      out += ' ';
      out += abbrev;
    } else {
      if (ctx.date_style == DateStyle::kPostgres) out += ' ';
      AppendTimezone(&out, gmtoff);
    }
  };
  switch (ctx.date_style) {
    case DateStyle::kIso:
      AppendPadded(&out, DisplayYear(tm.year), 4);
      out += '-';
      AppendPadded(&out, tm.mon, 2);
      out += '-';
      AppendPadded(&out, tm.mday, 2);
      out += ' ';
      AppendClock(&out, tm);
      if (print_tz) AppendTimezone(&out, gmtoff);
      break;
    case DateStyle::kSql:
      AppendDayMonth(&out, tm, '/', dmy);
      out += '/';
      AppendPadded(&out, DisplayYear(tm.year), 4);
      out += ' ';
      AppendClock(&out, tm);
      append_zone_name();
      break;
    case DateStyle::kGerman:
      AppendDayMonth(&out, tm, '.', true);
      out += '.';
      AppendPadded(&out, DisplayYear(tm.year), 4);
      out += ' ';
      AppendClock(&out, tm);
      append_zone_name();
      break;
    case DateStyle::kPostgres: {
      out += kDayNames[J2Day(Date2J(tm.year, tm.mon, tm.mday))];
      out += ' ';
      if (dmy) {
        AppendPadded(&out, tm.mday, 2);
        out += ' ';
        out += kMonthNames[tm.mon - 1];
      } else {
        out += kMonthNames[tm.mon - 1];
        out += ' ';
        AppendPadded(&out, tm.mday, 2);
      }
      out += ' ';
      AppendClock(&out, tm);
      out += ' ';
      AppendPadded(&out, DisplayYear(tm.year), 4);
      append_zone_name();
      break;
    }
  }
  if (tm.year <= 0) out += " BC";
  return out;
}

void AddPostgresIntPart(std::string* out, int64_t value, const char* units, bool* is_zero,
                        bool* is_before) {
  if (value == 0) return;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s%s%lld %s%s", !*is_zero ? " " : "",
                (*is_before && value > 0) ? "+" : "", static_cast<long long>(value), units,
                value != 1 ? "s" : "");
  *out += buf;
  *is_before = value < 0;
  *is_zero = false;
}

void AddVerboseIntPart(std::string* out, int64_t value, const char* units, bool* is_zero,
                       bool* is_before) {
  if (value == 0) return;
  if (*is_zero) {
    *is_before = value < 0;
    value = std::llabs(value);
  } else if (*is_before) {
    value = -value;
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), " %lld %s%s", static_cast<long long>(value), units,
                value == 1 ? "" : "s");
  *out += buf;
  *is_zero = false;
}

void AddIso8601IntPart(std::string* out, int64_t value, char unit) {
  if (value == 0) return;
  *out += std::to_string(value);
  *out += unit;
}

}  // namespace

std::string FormatDate(int32_t date) {
  if (date == kDateNegInfinity) return "-infinity";
  if (date == kDatePosInfinity) return "infinity";
  Tm tm;
  J2Date(date + kPostgresEpochJdate, &tm.year, &tm.mon, &tm.mday);
  const DatetimeContext& ctx = CurrentDatetimeContext();
  const bool dmy = ctx.date_order == DateOrder::kDmy;
  std::string out;
  switch (ctx.date_style) {
    case DateStyle::kIso:
      AppendPadded(&out, DisplayYear(tm.year), 4);
      out += '-';
      AppendPadded(&out, tm.mon, 2);
      out += '-';
      AppendPadded(&out, tm.mday, 2);
      break;
    case DateStyle::kSql:
      AppendDayMonth(&out, tm, '/', dmy);
      out += '/';
      AppendPadded(&out, DisplayYear(tm.year), 4);
      break;
    case DateStyle::kGerman:
      AppendDayMonth(&out, tm, '.', true);
      out += '.';
      AppendPadded(&out, DisplayYear(tm.year), 4);
      break;
    case DateStyle::kPostgres:
      AppendDayMonth(&out, tm, '-', dmy);
      out += '-';
      AppendPadded(&out, DisplayYear(tm.year), 4);
      break;
  }
  if (tm.year <= 0) out += " BC";
  return out;
}

std::string FormatTime(int64_t time) {
  Tm tm;
  UsecsToTime(time, &tm.hour, &tm.min, &tm.sec, &tm.fsec);
  std::string out;
  AppendClock(&out, tm);
  return out;
}

std::string FormatTimestamp(int64_t ts) {
  if (ts == kTimestampNegInfinity) return "-infinity";
  if (ts == kTimestampPosInfinity) return "infinity";
  Tm tm;
  if (!TimestampToTm(ts, &tm)) ThrowTimestampOutOfRange();
  return EncodeDateTime(tm, false, 0, "");
}

std::string FormatTimestampTz(int64_t ts) {
  if (ts == kTimestampNegInfinity) return "-infinity";
  if (ts == kTimestampPosInfinity) return "infinity";
  Tm tm;
  if (!TimestampTzToTm(ts, *CurrentDatetimeContext().time_zone, &tm)) ThrowTimestampOutOfRange();
  return EncodeDateTime(tm, true, tm.gmtoff, tm.zone_abbrev);
}

std::string FormatInterval(const Interval& iv) {
  const IntervalParts p = SplitInterval(iv);
  const int64_t year = p.year, mon = p.mon, mday = p.mday, hour = p.hour, min = p.min;
  const int sec = p.sec;
  const int64_t fsec = p.usec;
  bool is_before = false;
  bool is_zero = true;
  std::string out;
  switch (CurrentDatetimeContext().interval_style) {
    case IntervalStyle::kPostgres:
      AddPostgresIntPart(&out, year, "year", &is_zero, &is_before);
      AddPostgresIntPart(&out, mon, "mon", &is_zero, &is_before);
      AddPostgresIntPart(&out, mday, "day", &is_zero, &is_before);
      if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
        const bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
        char buf[64];
        std::snprintf(buf, sizeof(buf), "%s%s%02lld:%02lld:", is_zero ? "" : " ",
                      minus ? "-" : (is_before ? "+" : ""), std::llabs(hour), std::llabs(min));
        out += buf;
        AppendSeconds(&out, sec, fsec, true);
      }
      break;
    case IntervalStyle::kPostgresVerbose:
      out = "@";
      AddVerboseIntPart(&out, year, "year", &is_zero, &is_before);
      AddVerboseIntPart(&out, mon, "mon", &is_zero, &is_before);
      AddVerboseIntPart(&out, mday, "day", &is_zero, &is_before);
      AddVerboseIntPart(&out, hour, "hour", &is_zero, &is_before);
      AddVerboseIntPart(&out, min, "min", &is_zero, &is_before);
      if (sec != 0 || fsec != 0) {
        out += ' ';
        if (sec < 0 || (sec == 0 && fsec < 0)) {
          if (is_zero) {
            is_before = true;
          } else if (!is_before) {
            out += '-';
          }
        } else if (is_before) {
          out += '-';
        }
        AppendSeconds(&out, sec, fsec, false);
        out += (std::abs(sec) != 1 || fsec != 0) ? " secs" : " sec";
        is_zero = false;
      }
      if (is_zero) out += " 0";
      if (is_before) out += " ago";
      break;
    case IntervalStyle::kIso8601:
      if (year == 0 && mon == 0 && mday == 0 && hour == 0 && min == 0 && sec == 0 && fsec == 0) {
        return "PT0S";
      }
      out = "P";
      AddIso8601IntPart(&out, year, 'Y');
      AddIso8601IntPart(&out, mon, 'M');
      AddIso8601IntPart(&out, mday, 'D');
      if (hour != 0 || min != 0 || sec != 0 || fsec != 0) out += 'T';
      AddIso8601IntPart(&out, hour, 'H');
      AddIso8601IntPart(&out, min, 'M');
      if (sec != 0 || fsec != 0) {
        if (sec < 0 || fsec < 0) out += '-';
        AppendSeconds(&out, sec, fsec, false);
        out += 'S';
      }
      break;
    case IntervalStyle::kSqlStandard: {
      int64_t y = year, mo = mon, d = mday, h = hour, mi = min;
      int s = sec;
      int64_t fs = fsec;
      const bool has_negative = y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || fs < 0;
      const bool has_positive = y > 0 || mo > 0 || d > 0 || h > 0 || mi > 0 || s > 0 || fs > 0;
      const bool has_year_month = y != 0 || mo != 0;
      const bool has_day_time = d != 0 || h != 0 || mi != 0 || s != 0 || fs != 0;
      const bool sql_standard_value =
          !(has_negative && has_positive) && !(has_year_month && has_day_time);
      if (has_negative && sql_standard_value) {
        out += '-';
        y = -y;
        mo = -mo;
        d = -d;
        h = -h;
        mi = -mi;
        s = -s;
        fs = -fs;
      }
      char buf[128];
      if (!has_negative && !has_positive) {
        out += '0';
      } else if (!sql_standard_value) {
        const char year_sign = (y < 0 || mo < 0) ? '-' : '+';
        const char day_sign = d < 0 ? '-' : '+';
        const char sec_sign = (h < 0 || mi < 0 || s < 0 || fs < 0) ? '-' : '+';
        std::snprintf(buf, sizeof(buf), "%c%lld-%lld %c%lld %c%lld:%02lld:", year_sign,
                      std::llabs(y), std::llabs(mo), day_sign, std::llabs(d), sec_sign,
                      std::llabs(h), std::llabs(mi));
        out += buf;
        AppendSeconds(&out, s, fs, true);
      } else if (has_year_month) {
        std::snprintf(buf, sizeof(buf), "%lld-%lld", static_cast<long long>(y),
                      static_cast<long long>(mo));
        out += buf;
      } else if (d != 0) {
        std::snprintf(buf, sizeof(buf), "%lld %lld:%02lld:", static_cast<long long>(d),
                      static_cast<long long>(h), static_cast<long long>(mi));
        out += buf;
        AppendSeconds(&out, s, fs, true);
      } else {
        std::snprintf(buf, sizeof(buf), "%lld:%02lld:", static_cast<long long>(h),
                      static_cast<long long>(mi));
        out += buf;
        AppendSeconds(&out, s, fs, true);
      }
      break;
    }
  }
  return out;
}

}  // namespace strata::sql
