// Typmods of time(p), timestamp(p), timestamptz(p) and interval
// [fields] [(p)]: PostgreSQL's anytime_typmodin and intervaltypmodin.
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/binder/binder.h"

namespace strata::sql {

namespace {

constexpr int kMaxPrecision = 6;
constexpr int kFullRange = 0x7FFF;
constexpr int kFullPrecision = 0xFFFF;

std::string TypeLabel(Oid type) {
  switch (type) {
    case type_oid::kTime:
      return "TIME";
    case type_oid::kTimestamp:
      return "TIMESTAMP";
    case type_oid::kTimestampTz:
      return "TIMESTAMP";
    default:
      return "INTERVAL";
  }
}

// "TIMESTAMP(-1) WITH TIME ZONE precision must not be negative".
std::string PrecisionLabel(Oid type, int64_t p) {
  const std::string n = "(" + std::to_string(p) + ")";
  if (type == type_oid::kTimestampTz) return "TIMESTAMP" + n + " WITH TIME ZONE";
  return TypeLabel(type) + n;
}

}  // namespace

int32_t DatetimeTypmod(Oid type, const std::vector<int64_t>& mods) {
  if (type != type_oid::kInterval) {
    if (mods.size() != 1) {
      throw SqlError(SqlState::kInvalidParameterValue, "invalid type modifier");
    }
    if (mods[0] < 0) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     PrecisionLabel(type, mods[0]) + " precision must not be negative");
    }
    // PostgreSQL warns and reduces larger precisions to the maximum.
    return static_cast<int32_t>(mods[0] > kMaxPrecision ? kMaxPrecision : mods[0]);
  }
  if (mods.empty() || mods.size() > 2) {
    throw SqlError(SqlState::kInvalidParameterValue, "invalid INTERVAL type modifier");
  }
  const int64_t range = mods[0];
  if (range <= 0 || range > kFullRange) {
    throw SqlError(SqlState::kInvalidParameterValue, "invalid INTERVAL type modifier");
  }
  if (mods.size() == 1) {
    if (range == kFullRange) return -1;
    return static_cast<int32_t>((range << 16) | kFullPrecision);
  }
  int64_t precision = mods[1];
  if (precision < 0) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "INTERVAL(" + std::to_string(precision) + ") precision must not be negative");
  }
  if (precision > kMaxPrecision) precision = kMaxPrecision;
  return static_cast<int32_t>((range << 16) | precision);
}

}  // namespace strata::sql
