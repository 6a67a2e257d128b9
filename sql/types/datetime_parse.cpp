// Date/time text input: PostgreSQL's ParseDateTime (split into typed
// fields) and DecodeDateTime/DecodeTimeOnly (interpret the fields), written
// after the algorithm in PostgreSQL 15's utils/adt/datetime.c, and the input
// functions of date, time, timestamp and timestamptz built on them.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"
#include "sql/types/datetime_parse_internal.h"

namespace strata::sql {

using namespace datetime;  // NOLINT: calendar helpers throughout

namespace dtparse {

namespace {

struct Keyword {
  std::string_view name;
  TokenType type;
  int value;
};

// PostgreSQL's datetktbl (the entries we support), lower case.
constexpr Keyword kKeywords[] = {
    {"-infinity", TokenType::kReserved, kEarly},
    {"ad", TokenType::kAdBc, 0},
    {"allballs", TokenType::kReserved, kZulu},
    {"am", TokenType::kAmPm, kAm},
    {"apr", TokenType::kMonth, 4},
    {"april", TokenType::kMonth, 4},
    {"at", TokenType::kIgnore, 0},
    {"aug", TokenType::kMonth, 8},
    {"august", TokenType::kMonth, 8},
    {"bc", TokenType::kAdBc, 1},
    {"d", TokenType::kUnits, kUnitOther},
    {"dec", TokenType::kMonth, 12},
    {"december", TokenType::kMonth, 12},
    {"epoch", TokenType::kReserved, kEpoch},
    {"feb", TokenType::kMonth, 2},
    {"february", TokenType::kMonth, 2},
    {"fri", TokenType::kDow, 5},
    {"h", TokenType::kUnits, kUnitOther},
    {"friday", TokenType::kDow, 5},
    {"infinity", TokenType::kReserved, kLate},
    {"j", TokenType::kUnits, kUnitJulian},
    {"jan", TokenType::kMonth, 1},
    {"january", TokenType::kMonth, 1},
    {"jd", TokenType::kUnits, kUnitJulian},
    {"jul", TokenType::kMonth, 7},
    {"julian", TokenType::kUnits, kUnitJulian},
    {"july", TokenType::kMonth, 7},
    {"jun", TokenType::kMonth, 6},
    {"june", TokenType::kMonth, 6},
    {"m", TokenType::kUnits, kUnitOther},
    {"mar", TokenType::kMonth, 3},
    {"march", TokenType::kMonth, 3},
    {"may", TokenType::kMonth, 5},
    {"mm", TokenType::kUnits, kUnitOther},
    {"mon", TokenType::kDow, 1},
    {"monday", TokenType::kDow, 1},
    {"nov", TokenType::kMonth, 11},
    {"november", TokenType::kMonth, 11},
    {"now", TokenType::kReserved, kNow},
    {"oct", TokenType::kMonth, 10},
    {"october", TokenType::kMonth, 10},
    {"on", TokenType::kIgnore, 0},
    {"pm", TokenType::kAmPm, kPm},
    {"s", TokenType::kUnits, kUnitOther},
    {"sat", TokenType::kDow, 6},
    {"saturday", TokenType::kDow, 6},
    {"sep", TokenType::kMonth, 9},
    {"sept", TokenType::kMonth, 9},
    {"september", TokenType::kMonth, 9},
    {"sun", TokenType::kDow, 0},
    {"sunday", TokenType::kDow, 0},
    {"t", TokenType::kIsoTime, 0},
    {"thu", TokenType::kDow, 4},
    {"thur", TokenType::kDow, 4},
    {"thurs", TokenType::kDow, 4},
    {"thursday", TokenType::kDow, 4},
    {"today", TokenType::kReserved, kToday},
    {"tomorrow", TokenType::kReserved, kTomorrow},
    {"tue", TokenType::kDow, 2},
    {"tues", TokenType::kDow, 2},
    {"tuesday", TokenType::kDow, 2},
    {"wed", TokenType::kDow, 3},
    {"wednesday", TokenType::kDow, 3},
    {"weds", TokenType::kDow, 3},
    {"y", TokenType::kUnits, kUnitOther},
    {"yesterday", TokenType::kReserved, kYesterday},
};

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

const Keyword* FindKeyword(std::string_view s) {
  for (const Keyword& k : kKeywords) {
    if (k.name == s.substr(0, 10)) return &k;
  }
  return nullptr;
}

std::optional<std::pair<TokenType, int>> LookupKeyword(std::string_view s) {
  const Keyword* k = FindKeyword(s);
  if (k == nullptr) return std::nullopt;
  return std::make_pair(k->type, k->value);
}

// ParseDateTime.
bool SplitFields(std::string_view s, std::vector<Field>* fields) {
  size_t i = 0;
  const size_t n = s.size();
  auto at = [&](size_t k) { return k < n ? s[k] : '\0'; };
  while (i < n) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Field f;
    if (IsDigit(c)) {
      while (IsDigit(at(i))) f.text += s[i++];
      if (at(i) == ':') {
        f.type = FieldType::kTime;
        while (IsDigit(at(i)) || at(i) == ':' || at(i) == '.') f.text += s[i++];
      } else if (at(i) == '-' || at(i) == '/' || at(i) == '.') {
        const char delim = s[i];
        f.text += s[i++];
        if (IsDigit(at(i))) {
          f.type = delim == '.' ? FieldType::kNumber : FieldType::kDate;
          while (IsDigit(at(i))) f.text += s[i++];
          if (at(i) == delim) {
            f.type = FieldType::kDate;
            f.text += s[i++];
            while (IsDigit(at(i)) || at(i) == delim) f.text += s[i++];
          }
        } else {
          f.type = FieldType::kDate;
          while (IsAlnum(at(i)) || at(i) == delim) f.text += Lower(s[i++]);
        }
      } else {
        f.type = FieldType::kNumber;
      }
    } else if (c == '.') {
      f.text += s[i++];
      while (IsDigit(at(i))) f.text += s[i++];
      f.type = FieldType::kNumber;
    } else if (IsAlpha(c)) {
      f.type = FieldType::kString;
      while (IsAlpha(at(i))) f.text += Lower(s[i++]);
      bool is_date = false;
      if (at(i) == '-' || at(i) == '/' || at(i) == '.') {
        is_date = true;
      } else if (at(i) == '+' || IsDigit(at(i))) {
        if (FindKeyword(f.text) == nullptr) is_date = true;
      }
      if (is_date) {
        f.type = FieldType::kDate;
        do {
          f.text += Lower(s[i++]);
        } while (at(i) == '+' || at(i) == '-' || at(i) == '/' || at(i) == '_' || at(i) == '.' ||
                 at(i) == ':' || IsAlnum(at(i)));
      }
    } else if (c == '+' || c == '-') {
      f.text += s[i++];
      while (i < n && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
      if (IsDigit(at(i))) {
        f.type = FieldType::kTz;
        while (IsDigit(at(i)) || at(i) == ':' || at(i) == '.' || at(i) == '-') f.text += s[i++];
      } else if (IsAlpha(at(i))) {
        f.type = FieldType::kSpecial;
        while (IsAlpha(at(i))) f.text += Lower(s[i++]);
      } else {
        return false;
      }
    } else if (std::ispunct(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    } else {
      return false;
    }
    fields->push_back(std::move(f));
  }
  return true;
}

// strtoint: a base-10 int prefix of s starting at *pos. Returns false on
// overflow; *pos unchanged if there are no digits (caller checks).
bool StrToInt(const std::string& s, size_t* pos, int* out) {
  const char* begin = s.c_str() + *pos;
  char* end;
  errno = 0;
  const long v = std::strtol(begin, &end, 10);
  if (errno == ERANGE || v > INT32_MAX || v < INT32_MIN) return false;
  *out = static_cast<int>(v);
  *pos += static_cast<size_t>(end - begin);
  return true;
}

DtErr ParseFractionalSecond(const std::string& s, size_t pos, int64_t* fsec) {
  if (pos + 1 == s.size()) {  // a lone "." is a zero fraction
    *fsec = 0;
    return DtErr::kNone;
  }
  const char* begin = s.c_str() + pos;
  char* end;
  const double frac = std::strtod(begin, &end);
  if (*end != '\0' || end == begin) return DtErr::kBadFormat;
  *fsec = static_cast<int64_t>(std::rint(frac * 1000000));
  return DtErr::kNone;
}

// DecodeTime: hh:mm[:ss[.fff]] or mm:ss.fff (interval MINUTE TO SECOND).
DtErr DecodeTime(const std::string& s, int range, Tm* tm) {
  size_t pos = 0;
  if (!StrToInt(s, &pos, &tm->hour)) return DtErr::kFieldOverflow;
  if (pos >= s.size() || s[pos] != ':') return DtErr::kBadFormat;
  ++pos;
  if (!StrToInt(s, &pos, &tm->min)) return DtErr::kFieldOverflow;
  tm->fsec = 0;
  if (pos == s.size()) {
    tm->sec = 0;
    if (range == (kRangeMinute | kRangeSecond)) {
      tm->sec = tm->min;
      tm->min = tm->hour;
      tm->hour = 0;
    }
  } else if (s[pos] == '.') {
    DtErr e = ParseFractionalSecond(s, pos, &tm->fsec);
    if (e != DtErr::kNone) return e;
    tm->sec = tm->min;
    tm->min = tm->hour;
    tm->hour = 0;
  } else if (s[pos] == ':') {
    ++pos;
    if (!StrToInt(s, &pos, &tm->sec)) return DtErr::kFieldOverflow;
    if (pos < s.size() && s[pos] == '.') {
      DtErr e = ParseFractionalSecond(s, pos, &tm->fsec);
      if (e != DtErr::kNone) return e;
    } else if (pos != s.size()) {
      return DtErr::kBadFormat;
    }
  } else {
    return DtErr::kBadFormat;
  }
  if (tm->hour < 0 || tm->min < 0 || tm->min > 59 || tm->sec < 0 || tm->sec > 60 ||
      tm->fsec < 0 || tm->fsec > kUsecsPerSec) {
    return DtErr::kFieldOverflow;
  }
  return DtErr::kNone;
}

bool TimeOverflows(const Tm& tm) {
  if (tm.hour < 0 || tm.hour > 24 || tm.min < 0 || tm.min > 59 || tm.sec < 0 || tm.sec > 60 ||
      tm.fsec < 0 || tm.fsec > kUsecsPerSec) {
    return true;
  }
  return TimeToUsecs(tm.hour, tm.min, tm.sec, tm.fsec) > kUsecsPerDay;
}

// DecodeTimezone: +hh, +hh:mm, +hh:mm:ss, +hhmm -> seconds east.
DtErr DecodeTimezone(const std::string& s, int* gmtoff) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return DtErr::kBadFormat;
  size_t pos = 1;
  int hr = 0, min = 0, sec = 0;
  if (!StrToInt(s, &pos, &hr)) return DtErr::kTzDispOverflow;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!StrToInt(s, &pos, &min)) return DtErr::kTzDispOverflow;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!StrToInt(s, &pos, &sec)) return DtErr::kTzDispOverflow;
    }
  } else if (pos == s.size() && s.size() > 3) {
    min = hr % 100;
    hr = hr / 100;
  }
  if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) {
    return DtErr::kTzDispOverflow;
  }
  int tz = (hr * 60 + min) * 60 + sec;
  if (s[0] == '-') tz = -tz;
  *gmtoff = tz;
  if (pos != s.size()) return DtErr::kBadFormat;
  return DtErr::kNone;
}

// DecodeNumberField: run-together YYYYMMDD, hhmmss, hhmm, with fraction.
DtErr DecodeNumberField(std::string s, int fmask, int* tmask, Tm* tm, bool* is2digits,
                        bool* is_date) {
  const size_t dot = s.find('.');
  if (dot != std::string::npos) {
    tm->fsec = static_cast<int64_t>(std::rint(std::strtod(s.c_str() + dot, nullptr) * 1e6));
    s.resize(dot);
  } else if ((fmask & kDateMask) != kDateMask) {
    if (s.size() >= 6) {
      *tmask = kDateMask;
      const size_t len = s.size();
      tm->mday = std::atoi(s.substr(len - 2).c_str());
      tm->mon = std::atoi(s.substr(len - 4, 2).c_str());
      tm->year = std::atoi(s.substr(0, len - 4).c_str());
      if (len - 4 == 2) *is2digits = true;
      *is_date = true;
      return DtErr::kNone;
    }
  }
  if ((fmask & kTimeMask) != kTimeMask) {
    if (s.size() == 6) {
      *tmask = kTimeMask;
      tm->sec = std::atoi(s.substr(4).c_str());
      tm->min = std::atoi(s.substr(2, 2).c_str());
      tm->hour = std::atoi(s.substr(0, 2).c_str());
      return DtErr::kNone;
    }
    if (s.size() == 4) {
      *tmask = kTimeMask;
      tm->sec = 0;
      tm->min = std::atoi(s.substr(2).c_str());
      tm->hour = std::atoi(s.substr(0, 2).c_str());
      return DtErr::kNone;
    }
  }
  return DtErr::kBadFormat;
}

// DecodeNumber: one numeric field of a date, placed by what is known so far
// and the DateStyle field order.
DtErr DecodeNumber(const std::string& s, bool have_text_month, int fmask, int* tmask, Tm* tm,
                   bool* is2digits) {
  *tmask = 0;
  size_t pos = 0;
  int val;
  if (!StrToInt(s, &pos, &val)) return DtErr::kFieldOverflow;
  if (pos == 0) return DtErr::kBadFormat;
  const size_t flen = s.size();
  if (pos < flen && s[pos] == '.') {
    if (pos > 2) {
      bool is_date = false;
      return DecodeNumberField(s, fmask | kDateMask, tmask, tm, is2digits, &is_date);
    }
    DtErr e = ParseFractionalSecond(s, pos, &tm->fsec);
    if (e != DtErr::kNone) return e;
  } else if (pos != flen) {
    return DtErr::kBadFormat;
  }
  // A three-digit number right after the year is a day of the year (1999.008).
  if (flen == 3 && (fmask & kDateMask) == kYearBit && val >= 1 && val <= 366) {
    *tmask = kDoyBit | kMonthBit | kDayBit;
    tm->yday = val;
    return DtErr::kNone;
  }
  const DateOrder order = CurrentDatetimeContext().date_order;
  switch (fmask & kDateMask) {
    case 0:
      if (flen >= 3 || order == DateOrder::kYmd) {
        *tmask = kYearBit;
        tm->year = val;
      } else if (order == DateOrder::kDmy) {
        *tmask = kDayBit;
        tm->mday = val;
      } else {
        *tmask = kMonthBit;
        tm->mon = val;
      }
      break;
    case kYearBit:
      *tmask = kMonthBit;
      tm->mon = val;
      break;
    case kMonthBit:
      if (have_text_month) {
        if (flen >= 3 || order == DateOrder::kYmd) {
          *tmask = kYearBit;
          tm->year = val;
        } else {
          *tmask = kDayBit;
          tm->mday = val;
        }
      } else {
        *tmask = kDayBit;
        tm->mday = val;
      }
      break;
    case kYearBit | kMonthBit:
      if (have_text_month && flen >= 3 && *is2digits) {
        *tmask = kDayBit;
        tm->mday = tm->year;
        tm->year = val;
        *is2digits = false;
      } else {
        *tmask = kDayBit;
        tm->mday = val;
      }
      break;
    case kDayBit:
      *tmask = kMonthBit;
      tm->mon = val;
      break;
    case kMonthBit | kDayBit:
      *tmask = kYearBit;
      tm->year = val;
      break;
    case kDateMask: {
      bool is_date = false;
      return DecodeNumberField(s, fmask, tmask, tm, is2digits, &is_date);
    }
    default:
      return DtErr::kBadFormat;
  }
  if (*tmask == kYearBit) *is2digits = flen <= 2;
  return DtErr::kNone;
}

// DecodeDate: a field such as 1999-01-08, 01/02/2003 or 8-jan-1999.
DtErr DecodeDate(const std::string& s, int fmask, int* tmask, bool* is2digits, Tm* tm,
                 bool* have_text_month) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !IsAlnum(s[i])) ++i;
    if (i >= s.size()) return DtErr::kBadFormat;
    const size_t start = i;
    if (IsDigit(s[i])) {
      while (i < s.size() && IsDigit(s[i])) ++i;
    } else {
      while (i < s.size() && IsAlpha(s[i])) ++i;
    }
    parts.push_back(s.substr(start, i - start));
    if (i < s.size()) ++i;  // the separator (PostgreSQL overwrites it)
  }
  *tmask = 0;
  std::vector<bool> done(parts.size(), false);
  for (size_t k = 0; k < parts.size(); ++k) {
    if (!IsAlpha(parts[k][0])) continue;
    const Keyword* kw = FindKeyword(parts[k]);
    if (kw == nullptr) return DtErr::kBadFormat;
    if (kw->type == TokenType::kIgnore) continue;
    if (kw->type != TokenType::kMonth) return DtErr::kBadFormat;
    tm->mon = kw->value;
    *have_text_month = true;
    if (fmask & kMonthBit) return DtErr::kBadFormat;
    fmask |= kMonthBit;
    *tmask |= kMonthBit;
    done[k] = true;
  }
  for (size_t k = 0; k < parts.size(); ++k) {
    if (done[k]) continue;
    if (parts[k].empty()) return DtErr::kBadFormat;
    int dmask;
    DtErr e = DecodeNumber(parts[k], *have_text_month, fmask, &dmask, tm, is2digits);
    if (e != DtErr::kNone) return e;
    if (fmask & dmask) return DtErr::kBadFormat;
    fmask |= dmask;
    *tmask |= dmask;
  }
  if ((fmask & ~(kTzBit | kDoyBit)) != kDateMask) return DtErr::kBadFormat;
  return DtErr::kNone;
}

// ValidateDate: BC, two-digit years, month/day ranges.
DtErr ValidateDate(int fmask, bool is2digits, bool bc, Tm* tm) {
  if (fmask & kYearBit) {
    if (bc) {
      if (tm->year <= 0) return DtErr::kFieldOverflow;
      tm->year = -(tm->year - 1);
    } else if (is2digits) {
      if (tm->year < 0) return DtErr::kFieldOverflow;
      if (tm->year < 70) {
        tm->year += 2000;
      } else if (tm->year < 100) {
        tm->year += 1900;
      }
    } else if (tm->year <= 0) {
      return DtErr::kFieldOverflow;
    }
  }
  if (fmask & kDoyBit) {
    J2Date(Date2J(tm->year, 1, 1) + tm->yday - 1, &tm->year, &tm->mon, &tm->mday);
  }
  if ((fmask & kMonthBit) && (tm->mon < 1 || tm->mon > 12)) return DtErr::kMdFieldOverflow;
  if ((fmask & kDayBit) && (tm->mday < 1 || tm->mday > 31)) return DtErr::kMdFieldOverflow;
  if ((fmask & kDateMask) == kDateMask && tm->mday > DaysInMonth(tm->year, tm->mon)) {
    return DtErr::kFieldOverflow;
  }
  return DtErr::kNone;
}

// GetCurrentDateTime/GetCurrentTimeUsec: the transaction start in the
// session time zone.
void CurrentLocalTm(Tm* tm, int* gmtoff) {
  const DatetimeContext& ctx = CurrentDatetimeContext();
  if (!TimestampTzToTm(ctx.transaction_start, *ctx.time_zone, tm)) ThrowTimestampOutOfRange();
  *gmtoff = tm->gmtoff;
}

DtErr DecodeDateTime(const std::vector<Field>& fields, bool time_only, Decoded* out) {
  Tm* tm = &out->tm;
  int fmask = 0;
  int tmask = 0;
  int ptype = 0;  // nonzero after "t": the next field must be a time
  bool have_text_month = false;
  bool is2digits = false;
  bool bc = false;
  int mer = kHr24;
  bool is_julian = false;
  out->special = Special::kNone;
  out->has_tz = false;
  out->zone = nullptr;
  tm->year = tm->mon = tm->mday = 0;
  tm->hour = tm->min = tm->sec = 0;
  tm->fsec = 0;

  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    tmask = 0;
    switch (f.type) {
      case FieldType::kDate:
        if (time_only) {
          // DecodeTimeOnly: a date only first and followed by a time, else
          // hhmmss-zz or a zone name.
          const size_t nf = fields.size();
          if (i == 0 && nf >= 2 &&
              (fields[nf - 1].type == FieldType::kDate || fields[1].type == FieldType::kTime)) {
            DtErr e = DecodeDate(f.text, fmask, &tmask, &is2digits, tm, &have_text_month);
            if (e != DtErr::kNone) return e;
          } else if (IsDigit(f.text[0])) {
            if ((fmask & kTimeMask) == kTimeMask) return DtErr::kBadFormat;
            const size_t dash = f.text.find('-');
            if (dash == std::string::npos) return DtErr::kBadFormat;
            int gmtoff;
            DtErr e = DecodeTimezone(f.text.substr(dash), &gmtoff);
            if (e != DtErr::kNone) return e;
            out->gmtoff = gmtoff;
            out->has_tz = true;
            bool is_date = false;
            e = DecodeNumberField(f.text.substr(0, dash), fmask | kDateMask, &tmask, tm,
                                  &is2digits, &is_date);
            if (e != DtErr::kNone) return e;
            tmask |= kTzBit;
          } else {
            out->zone = LoadTimeZone(f.text);
            if (out->zone == nullptr) {
              throw SqlError(SqlState::kInvalidParameterValue,
                             "time zone \"" + f.text + "\" not recognized");
            }
            tmask = kTzBit;
          }
        } else if (ptype != 0 || (fmask & (kMonthBit | kDayBit)) == (kMonthBit | kDayBit)) {
          if (fmask & kTzBit) return DtErr::kBadFormat;
          if (IsDigit(f.text[0]) || ptype != 0) return DtErr::kBadFormat;
          out->zone = LoadTimeZone(f.text);
          if (out->zone == nullptr) {
            throw SqlError(SqlState::kInvalidParameterValue,
                           "time zone \"" + f.text + "\" not recognized");
          }
          tmask = kTzBit;
        } else {
          DtErr e = DecodeDate(f.text, fmask, &tmask, &is2digits, tm, &have_text_month);
          if (e != DtErr::kNone) return e;
        }
        break;
      case FieldType::kTime:
        if (ptype != 0) ptype = 0;
        {
          DtErr e = DecodeTime(f.text, kFullRange, tm);
          if (e != DtErr::kNone) return e;
          tmask = kTimeMask;
          if (TimeOverflows(*tm)) return DtErr::kFieldOverflow;
        }
        break;
      case FieldType::kTz: {
        int gmtoff;
        DtErr e = DecodeTimezone(f.text, &gmtoff);
        if (e != DtErr::kNone) return e;
        out->gmtoff = gmtoff;
        out->has_tz = true;
        tmask = kTzBit;
        break;
      }
      case FieldType::kNumber: {
        const size_t dot = f.text.find('.');
        if (ptype == 2) {
          // "J" followed by a Julian day number.
          size_t pos = 0;
          int jd;
          if (!StrToInt(f.text, &pos, &jd)) return DtErr::kFieldOverflow;
          if (pos != f.text.size() || jd < 0) return DtErr::kBadFormat;
          J2Date(jd, &tm->year, &tm->mon, &tm->mday);
          tmask = kDateMask;
          is_julian = true;
          ptype = 0;
        } else if (ptype != 0) {
          // ISO "t" followed by hhmmss[.fff].
          bool is_date = false;
          DtErr e = DecodeNumberField(f.text, fmask, &tmask, tm, &is2digits, &is_date);
          if (e != DtErr::kNone) return e;
          ptype = 0;
        } else if (time_only) {
          const size_t nf = fields.size();
          bool is_date = false;
          DtErr e = DtErr::kNone;
          if (dot != std::string::npos) {
            if (i == 0 && nf >= 2 && fields[nf - 1].type == FieldType::kDate) {
              e = DecodeDate(f.text, fmask, &tmask, &is2digits, tm, &have_text_month);
            } else if (dot > 2) {
              e = DecodeNumberField(f.text, fmask | kDateMask, &tmask, tm, &is2digits, &is_date);
            } else {
              return DtErr::kBadFormat;
            }
          } else if (f.text.size() > 4) {
            e = DecodeNumberField(f.text, fmask | kDateMask, &tmask, tm, &is2digits, &is_date);
          } else {
            e = DecodeNumber(f.text, false, fmask | kDateMask, &tmask, tm, &is2digits);
          }
          if (e != DtErr::kNone) return e;
        } else if (dot != std::string::npos && !(fmask & kDateMask)) {
          DtErr e = DecodeDate(f.text, fmask, &tmask, &is2digits, tm, &have_text_month);
          if (e != DtErr::kNone) return e;
        } else if (dot != std::string::npos && dot > 2) {
          bool is_date = false;
          DtErr e = DecodeNumberField(f.text, fmask, &tmask, tm, &is2digits, &is_date);
          if (e != DtErr::kNone) return e;
        } else if (f.text.size() >= 6 && (!(fmask & kDateMask) || !(fmask & kTimeMask))) {
          bool is_date = false;
          DtErr e = DecodeNumberField(f.text, fmask, &tmask, tm, &is2digits, &is_date);
          if (e != DtErr::kNone) return e;
        } else {
          DtErr e = DecodeNumber(f.text, have_text_month, fmask, &tmask, tm, &is2digits);
          if (e != DtErr::kNone) return e;
        }
        break;
      }
      case FieldType::kString:
      case FieldType::kSpecial: {
        std::optional<ZoneAbbrev> abbrev = FindZoneAbbrev(f.text);
        if (abbrev) {
          out->gmtoff = abbrev->gmtoff;
          out->has_tz = true;
          tm->isdst = abbrev->isdst;
          tmask = kTzBit;
          break;
        }
        const Keyword* kw = FindKeyword(f.text);
        if (kw == nullptr) {
          out->zone = f.type == FieldType::kString ? LoadTimeZone(f.text) : nullptr;
          if (out->zone == nullptr) return DtErr::kBadFormat;
          tmask = kTzBit;
          break;
        }
        switch (kw->type) {
          case TokenType::kIgnore:
            continue;
          case TokenType::kReserved:
            switch (kw->value) {
              case kNow: {
                tmask = kDateMask | kTimeMask | kTzBit;
                int gmtoff;
                CurrentLocalTm(tm, &gmtoff);
                out->gmtoff = gmtoff;
                out->has_tz = true;
                out->special = Special::kNow;
                break;
              }
              case kYesterday:
              case kToday:
              case kTomorrow: {
                if (time_only) return DtErr::kBadFormat;  // DecodeTimeOnly: bad format
                tmask = kDateMask;
                Tm cur;
                int gmtoff;
                CurrentLocalTm(&cur, &gmtoff);
                const int delta = kw->value == kYesterday ? -1 : (kw->value == kTomorrow ? 1 : 0);
                J2Date(Date2J(cur.year, cur.mon, cur.mday) + delta, &tm->year, &tm->mon,
                       &tm->mday);
                break;
              }
              case kZulu:
                tmask = kTimeMask | kTzBit;
                tm->hour = tm->min = tm->sec = 0;
                tm->fsec = 0;
                out->gmtoff = 0;
                out->has_tz = true;
                break;
              default:  // epoch, infinity, -infinity
                if (time_only) return DtErr::kBadFormat;
                tmask = kDateMask | kTimeMask | kTzBit;
                out->special = kw->value == kEpoch ? Special::kEpoch
                               : kw->value == kLate ? Special::kLate
                                                    : Special::kEarly;
                break;
            }
            break;
          case TokenType::kMonth:
            if (time_only) return DtErr::kBadFormat;
            if ((fmask & kMonthBit) && !have_text_month && !(fmask & kDayBit) && tm->mon >= 1 &&
                tm->mon <= 31) {
              tm->mday = tm->mon;
              tmask = kDayBit;
            } else {
              tmask = kMonthBit;
            }
            have_text_month = true;
            tm->mon = kw->value;
            break;
          case TokenType::kAmPm:
            tmask = kAmPmBit;
            mer = kw->value;
            break;
          case TokenType::kAdBc:
            tmask = kAdBcBit;
            bc = kw->value == 1;
            break;
          case TokenType::kDow:
            if (time_only) return DtErr::kBadFormat;
            tmask = kDowBit;
            break;
          case TokenType::kUnits:
            // Only "J<julian day>" is supported among the unit-labelled forms.
            if (kw->value != kUnitJulian || i + 1 >= fields.size() ||
                fields[i + 1].type != FieldType::kNumber) {
              return DtErr::kBadFormat;
            }
            tmask = 0;
            ptype = 2;
            break;
          case TokenType::kIsoTime:
            tmask = 0;
            if (!time_only && (fmask & kDateMask) != kDateMask) return DtErr::kBadFormat;
            if (i + 1 >= fields.size() ||
                (fields[i + 1].type != FieldType::kNumber &&
                 fields[i + 1].type != FieldType::kTime && fields[i + 1].type != FieldType::kDate)) {
              return DtErr::kBadFormat;
            }
            ptype = 1;
            break;
        }
        break;
      }
    }
    if (tmask & fmask) return DtErr::kBadFormat;
    fmask |= tmask;
  }

  if (out->special == Special::kEpoch || out->special == Special::kLate ||
      out->special == Special::kEarly) {
    return DtErr::kNone;
  }
  if (!is_julian) {
    DtErr e = ValidateDate(fmask, is2digits, bc, tm);
    if (e != DtErr::kNone) return e;
  }
  if (mer != kHr24 && tm->hour > 12) return DtErr::kFieldOverflow;
  if (mer == kAm && tm->hour == 12) {
    tm->hour = 0;
  } else if (mer == kPm && tm->hour != 12) {
    tm->hour += 12;
  }
  if (time_only) {
    if ((fmask & kTimeMask) != kTimeMask) return DtErr::kBadFormat;
    // A zone name needs a date to resolve its offset.
    if (out->zone != nullptr && (fmask & kDateMask) != kDateMask) return DtErr::kBadFormat;
    if (tm->hour < 0 || tm->min < 0 || tm->min > 59 || tm->sec < 0 || tm->sec > 60 ||
        tm->hour > 24 || (tm->hour == 24 && (tm->min > 0 || tm->sec > 0 || tm->fsec > 0)) ||
        tm->fsec < 0 || tm->fsec > kUsecsPerSec) {
      return DtErr::kFieldOverflow;
    }
    return DtErr::kNone;
  }
  if ((fmask & kDateMask) != kDateMask) return DtErr::kBadFormat;
  out->date_mask_complete = true;
  return DtErr::kNone;
}

}  // namespace dtparse

namespace {

using dtparse::Decoded;
using dtparse::DtErr;
using dtparse::Special;

[[noreturn]] void ThrowParseError(DtErr err, std::string_view text, const char* type) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  switch (err) {
    case DtErr::kFieldOverflow:
      throw SqlError(SqlState::kDatetimeFieldOverflow,
                     "date/time field value out of range: " + quoted);
    case DtErr::kMdFieldOverflow:
      throw SqlError(SqlState::kDatetimeFieldOverflow,
                     "date/time field value out of range: " + quoted)
          .WithHint("Perhaps you need a different \"datestyle\" setting.");
    case DtErr::kIntervalOverflow:
      throw SqlError(SqlState::kIntervalFieldOverflow,
                     "interval field value out of range: " + quoted);
    case DtErr::kTzDispOverflow:
      throw SqlError(SqlState::kInvalidTimeZoneDisplacementValue,
                     "time zone displacement out of range: " + quoted);
    default:
      throw SqlError(SqlState::kInvalidDatetimeFormat,
                     std::string("invalid input syntax for type ") + type + ": " + quoted);
  }
}

Decoded Decode(std::string_view text, bool time_only, const char* type) {
  std::vector<dtparse::Field> fields;
  Decoded d;
  if (!dtparse::SplitFields(text, &fields) || fields.empty()) {
    ThrowParseError(DtErr::kBadFormat, text, type);
  }
  DtErr err = dtparse::DecodeDateTime(fields, time_only, &d);
  if (err != DtErr::kNone) ThrowParseError(err, text, type);
  return d;
}

// The offset (seconds east) of a decoded date/time: explicit, a named zone,
// or the session zone.
int32_t DecodedOffset(const Decoded& d, const Tm& tm) {
  if (d.has_tz) return d.gmtoff;
  const TimeZone& zone = d.zone ? *d.zone : *CurrentDatetimeContext().time_zone;
  int64_t local;
  if (!TmToTimestamp(tm, &local)) return 0;
  return zone.OffsetForLocal(local / kUsecsPerSec + kEpochDiffSecs).gmtoff;
}

}  // namespace

int32_t ParseDate(std::string_view text) {
  Decoded d = Decode(text, false, "date");
  switch (d.special) {
    case Special::kEpoch:
      return kUnixEpochJdate - kPostgresEpochJdate;
    case Special::kLate:
      return kDatePosInfinity;
    case Special::kEarly:
      return kDateNegInfinity;
    default:
      break;
  }
  const Tm& tm = d.tm;
  if (!IsValidJulian(tm.year, tm.mon, tm.mday)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   "date out of range: \"" + std::string(text) + "\"");
  }
  const int32_t date = Date2J(tm.year, tm.mon, tm.mday) - kPostgresEpochJdate;
  if (!IsValidDate(date)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   "date out of range: \"" + std::string(text) + "\"");
  }
  return date;
}

int64_t ParseTime(std::string_view text) {
  Decoded d = Decode(text, true, "time");
  return TimeToUsecs(d.tm.hour, d.tm.min, d.tm.sec, d.tm.fsec);
}

namespace {

int64_t ParseTimestampCommon(std::string_view text, bool with_tz) {
  const char* type = with_tz ? "timestamp with time zone" : "timestamp";
  Decoded d = Decode(text, false, type);
  switch (d.special) {
    case Special::kEpoch:
      return -kEpochDiffSecs * kUsecsPerSec;
    case Special::kLate:
      return kTimestampPosInfinity;
    case Special::kEarly:
      return kTimestampNegInfinity;
    default:
      break;
  }
  int64_t local;
  if (!TmToTimestamp(d.tm, &local)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   "timestamp out of range: \"" + std::string(text) + "\"");
  }
  if (!with_tz) return local;
  const int32_t gmtoff = DecodedOffset(d, d.tm);
  int64_t result;
  if (AddOverflow(local, -int64_t{gmtoff} * kUsecsPerSec, &result) || !IsValidTimestamp(result)) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   "timestamp out of range: \"" + std::string(text) + "\"");
  }
  return result;
}

}  // namespace

int64_t ParseTimestamp(std::string_view text) { return ParseTimestampCommon(text, false); }
int64_t ParseTimestampTz(std::string_view text) { return ParseTimestampCommon(text, true); }

bool TimestampTzToTm(int64_t ts, const TimeZone& zone, Tm* tm) {
  // Seconds since the Unix epoch, floored.
  int64_t secs = ts / kUsecsPerSec;
  if (ts % kUsecsPerSec < 0) --secs;
  const ZoneOffset off = zone.OffsetAtUtc(secs + kEpochDiffSecs);
  int64_t local;
  if (AddOverflow(ts, int64_t{off.gmtoff} * kUsecsPerSec, &local)) return false;
  if (!TimestampToTm(local, tm)) return false;
  tm->gmtoff = off.gmtoff;
  tm->isdst = off.isdst;
  tm->zone_abbrev = off.abbrev;
  return true;
}

int64_t LocalToTimestampTz(int64_t local, const TimeZone& zone) {
  int64_t secs = local / kUsecsPerSec;
  if (local % kUsecsPerSec < 0) --secs;
  const ZoneOffset off = zone.OffsetForLocal(secs + kEpochDiffSecs);
  int64_t result;
  if (AddOverflow(local, -int64_t{off.gmtoff} * kUsecsPerSec, &result) ||
      !IsValidTimestamp(result)) {
    ThrowTimestampOutOfRange();
  }
  return result;
}

int32_t UtcOffsetAt(int64_t ts, const TimeZone& zone) {
  int64_t secs = ts / kUsecsPerSec;
  if (ts % kUsecsPerSec < 0) --secs;
  return zone.OffsetAtUtc(secs + kEpochDiffSecs).gmtoff;
}

int64_t RoundToPrecision(int64_t usecs, int precision) {
  if (precision < 0 || precision >= 6) return usecs;
  if (usecs == kTimestampNegInfinity || usecs == kTimestampPosInfinity) return usecs;
  static constexpr int64_t kScales[] = {1000000, 100000, 10000, 1000, 100, 10, 1};
  static constexpr int64_t kOffsets[] = {500000, 50000, 5000, 500, 50, 5, 0};
  const int64_t scale = kScales[precision];
  const int64_t offset = kOffsets[precision];
  if (usecs >= 0) return ((usecs + offset) / scale) * scale;
  return -((((-usecs) + offset) / scale) * scale);
}

}  // namespace strata::sql
