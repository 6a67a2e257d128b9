// TimeZone: the rules of one time zone, read from the system tz database
// (/usr/share/zoneinfo TZif files, the same files Debian's PostgreSQL 15 is
// built to use) or made from a fixed UTC offset or a POSIX TZ string.
//
// A zone maps a UTC instant to its offset (UTC -> local) and a local wall
// time back to an offset with PostgreSQL's rules for the gaps and overlaps
// of DST changes (DetermineTimeZoneOffset): a time skipped by a spring-forward
// change is read with the offset before the change, an ambiguous time of a
// fall-back change with the offset after it.
//
// Instants here are seconds since the Unix epoch (pg_time_t).
//
// Thread safety: TimeZone objects are immutable; LoadTimeZone's cache is
// guarded by a mutex, and returned zones live as long as any holder.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql {

struct ZoneOffset {
  int32_t gmtoff = 0;  // seconds east of UTC
  bool isdst = false;
  std::string abbrev;
};

class TimeZone {
 public:
  // The name PostgreSQL shows for this zone (SHOW TimeZone).
  const std::string& name() const { return name_; }

  // The offset in effect at UTC instant `t`.
  ZoneOffset OffsetAtUtc(int64_t t) const;
  // The offset to use for local wall time `local` (seconds since the Unix
  // epoch as if the local time were UTC); see the file comment.
  ZoneOffset OffsetForLocal(int64_t local) const;

  // A zone with one fixed offset (seconds east) and the name PostgreSQL
  // gives it ("<-07>+07" for UTC-7, see pg_tzset_offset).
  static std::shared_ptr<const TimeZone> FixedOffset(int32_t gmtoff);

  // A POSIX TZ string ("EST5EDT,M3.2.0,M11.1.0", "<+03>-3"); nullptr if
  // malformed. `name` is what SHOW prints.
  static std::shared_ptr<const TimeZone> FromPosix(std::string_view spec, std::string name);

  // Parses TZif bytes. nullptr if malformed.
  static std::shared_ptr<const TimeZone> FromTzif(std::string_view data, std::string name);

  // Public only for std::make_shared; use the factories above.
  struct PosixRule;  // defined in timezone.cpp
  struct Impl;
  explicit TimeZone(std::string name);
  ~TimeZone();

 private:
  // The next transition strictly after UTC `t`, with the offsets before and
  // after it; false if there is none (pg_next_dst_boundary).
  bool NextBoundary(int64_t t, ZoneOffset* before, int64_t* boundary, ZoneOffset* after) const;

  std::string name_;
  std::unique_ptr<Impl> impl_;
};

// Looks a zone name up in the tz database, case-insensitively as PostgreSQL
// does, returning the zone under its canonical spelling ("america/new_york"
// -> "America/New_York"), or a POSIX TZ string zone. nullptr if unknown.
// Results are cached.
std::shared_ptr<const TimeZone> LoadTimeZone(std::string_view name);

// The zone "UTC" used when nothing else is set (no file access needed).
std::shared_ptr<const TimeZone> UtcTimeZone();

// A time zone abbreviation of PostgreSQL's "Default" abbreviation set
// (lower-case key): "est" -> -18000, "pdt" -> -25200 (isdst), "utc"/"z" -> 0.
struct ZoneAbbrev {
  int32_t gmtoff;
  bool isdst;
};
std::optional<ZoneAbbrev> FindZoneAbbrev(std::string_view lower_name);

}  // namespace strata::sql
