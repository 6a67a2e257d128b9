// Internals shared by the date/time and interval parsers (datetime_parse.cpp,
// interval_parse.cpp): PostgreSQL's field types, field masks and decode
// error codes. Not for use outside sql/types.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sql/types/datetime.h"
#include "sql/types/timezone.h"

namespace strata::sql::dtparse {

using datetime::Tm;

enum class FieldType { kNumber, kString, kDate, kTime, kTz, kSpecial };

struct Field {
  std::string text;  // lower-cased except digits/punctuation
  FieldType type = FieldType::kNumber;
};

enum class DtErr { kNone, kBadFormat, kFieldOverflow, kMdFieldOverflow, kIntervalOverflow,
                   kTzDispOverflow };

enum class TokenType { kReserved, kMonth, kDow, kAmPm, kAdBc, kIgnore, kIsoTime, kUnits };

// Reserved words.
inline constexpr int kNow = 1, kToday = 2, kTomorrow = 3, kYesterday = 4, kZulu = 5,
                     kEpoch = 6, kLate = 7, kEarly = 8;
inline constexpr int kAm = 0, kPm = 1, kHr24 = 2;
inline constexpr int kUnitJulian = 1, kUnitOther = 2;

// Field masks (DTK_M bits).
inline constexpr int kYearBit = 1 << 0, kMonthBit = 1 << 1, kDayBit = 1 << 2,
                     kHourBit = 1 << 3, kMinuteBit = 1 << 4, kSecondBit = 1 << 5,
                     kTzBit = 1 << 6, kAmPmBit = 1 << 7, kAdBcBit = 1 << 8, kDowBit = 1 << 9,
                     kDoyBit = 1 << 10;
inline constexpr int kDateMask = kYearBit | kMonthBit | kDayBit;
inline constexpr int kTimeMask = kHourBit | kMinuteBit | kSecondBit;

// Interval typmod range bits (INTERVAL_MASK of PostgreSQL's datetime.h
// token numbers: MONTH 1, YEAR 2, DAY 3, HOUR 10, MINUTE 11, SECOND 12).
inline constexpr int kRangeMonth = 1 << 1, kRangeYear = 1 << 2, kRangeDay = 1 << 3,
                     kRangeHour = 1 << 10, kRangeMinute = 1 << 11, kRangeSecond = 1 << 12;
inline constexpr int kFullRange = 0x7FFF;

enum class Special { kNone, kNow, kEpoch, kLate, kEarly };

struct Decoded {
  Tm tm;
  Special special = Special::kNone;
  bool has_tz = false;  // explicit offset or abbreviation
  int gmtoff = 0;       // seconds east, when has_tz
  std::shared_ptr<const TimeZone> zone;  // a zone name in the input
  bool date_mask_complete = false;
};

bool SplitFields(std::string_view s, std::vector<Field>* fields);
std::optional<std::pair<TokenType, int>> LookupKeyword(std::string_view s);
DtErr DecodeTime(const std::string& s, int range, Tm* tm);
DtErr DecodeTimezone(const std::string& s, int* gmtoff);
DtErr ParseFractionalSecond(const std::string& s, size_t pos, int64_t* fsec);
DtErr DecodeDateTime(const std::vector<Field>& fields, bool time_only, Decoded* out);

}  // namespace strata::sql::dtparse
