// Date/time types: text input/output, arithmetic, time zone rules from the
// tz database (DST transitions in both directions), session settings and
// ParameterStatus reporting, and the storage codecs. The expected strings
// were printed by PostgreSQL 15 (TimeZone Etc/UTC unless set).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "sql/settings/session_settings.h"
#include "sql/storage_format/key_codec.h"
#include "sql/storage_format/row_codec.h"
#include "sql/types/datetime_io.h"
#include "sql/types/timezone.h"
#include "sql/types/type_io.h"
#include "tests/sql/sql_test_util.h"

namespace strata::sql {
namespace {

using testing::Error;
using testing::Scalar;

// Runs several statements in one session; returns the text of the single
// value the last one produced.
std::string SessionScalar(const std::vector<std::string>& statements) {
  SqlSession session;
  StatementResult last;
  for (const std::string& sql : statements) {
    for (auto& st : session.Parse(sql)) last = session.Execute(*st);
  }
  REQUIRE(last.rows.size() == 1);
  return last.rows[0][0].value_or("<NULL>");
}

TEST_CASE("date/time text input and output", "[datetime]") {
  CHECK(Scalar("select date 'January 8, 1999'") == "1999-01-08");
  CHECK(Scalar("select date '1/8/1999'") == "1999-01-08");
  CHECK(Scalar("select date '0044-03-15 BC'") == "0044-03-15 BC");
  CHECK(Scalar("select date 'infinity'") == "infinity");
  CHECK(Scalar("select time '04:05 PM'") == "16:05:00");
  CHECK(Scalar("select timestamp '1999-01-08T04:05:06.5'") == "1999-01-08 04:05:06.5");
  CHECK(Scalar("select timestamptz '2004-10-19 10:23:54+02'") == "2004-10-19 08:23:54+00");
  CHECK(Scalar("select timestamptz '1999-01-08 04:05:06 America/New_York'") ==
        "1999-01-08 09:05:06+00");
  CHECK(Scalar("select interval '1 day 2 hours'") == "1 day 02:00:00");
  CHECK(Scalar("select interval '@ 1 hour ago'") == "-01:00:00");
  CHECK(Scalar("select interval 'P1Y2M3DT4H5M6S'") == "1 year 2 mons 3 days 04:05:06");
  CHECK(Scalar("select interval '-1 day +02:00'") == "-1 days +02:00:00");
  CHECK(Scalar("select interval '1.5 weeks'") == "10 days 12:00:00");

  auto e = Error("select date 'foo'");
  CHECK(e.code == "22007");
  CHECK(e.message == "invalid input syntax for type date: \"foo\"");
  e = Error("select date '13/01/2020'");
  CHECK(e.code == "22008");
  CHECK(e.hint == "Perhaps you need a different \"datestyle\" setting.");
  CHECK(Error("select interval '10000000000000 years'").code == "22015");
  CHECK(Error("select timestamp '2020-06-01 12:00 +25'").code == "22009");
  CHECK(Error("select date '5874897-12-31' + 1").message == "date out of range");
}

TEST_CASE("date/time arithmetic and functions", "[datetime]") {
  CHECK(Scalar("select date '2020-03-01' - date '2020-01-01'") == "60");
  CHECK(Scalar("select date '2020-01-31' + interval '1 month'") == "2020-02-29 00:00:00");
  CHECK(Scalar("select timestamp '2020-03-01' - timestamp '2020-01-01 12:00'") ==
        "59 days 12:00:00");
  CHECK(Scalar("select interval '1 month' / 3") == "10 days");
  CHECK(Scalar("select interval '1 hour' * 2.5") == "02:30:00");
  CHECK(Scalar("select extract(second from timestamp '2020-06-15 10:20:30.5')") == "30.500000");
  CHECK(Scalar("select date_part('epoch', interval '1 year 1 month 1 day')") == "34236000");
  CHECK(Scalar("select date_trunc('week', timestamp '2021-01-01 10:00')") ==
        "2020-12-28 00:00:00");
  CHECK(Scalar("select age(timestamp '2020-06-15', timestamp '1990-03-20 10:00')") ==
        "30 years 2 mons 25 days 14:00:00");
  CHECK(Scalar("select make_interval(1, 2, 3, 4, 5, 6, 7.5)") ==
        "1 year 2 mons 25 days 05:06:07.5");
  CHECK(Scalar("select justify_interval(interval '1 mon -1 hour')") == "29 days 23:00:00");
  CHECK(Error("select date_part('year', '2020-01-01')").code == "42725");
  CHECK(Scalar("select to_char(timestamp '2021-01-01 13:04:05.5', "
               "'FMDay, DDth FMMonth YYYY HH12:MI:SS.MS pm IYYY-IW')") ==
        "Friday, 01st January 2021 01:04:05.500 pm 2020-53");
  CHECK(Scalar("select to_char(interval '26:05:06', 'HH24 HH12 MI')") == "26 02 05");
  // Numbers: num_to_char.cpp (compared with PostgreSQL by functions_to_char_number.sql).
  CHECK(Scalar("select to_char(1, '9')") == " 1");
  CHECK(Error("select extract(foo from timestamp '2020-06-15')").message ==
        "unit \"foo\" not recognized for type timestamp without time zone");
}

TEST_CASE("time zone rules: DST gaps and overlaps as PostgreSQL resolves them", "[datetime]") {
  auto ny = LoadTimeZone("america/new_york");
  REQUIRE(ny != nullptr);
  CHECK(ny->name() == "America/New_York");
  // 2021-03-14 07:00 UTC: EST -> EDT.
  const int64_t spring = 1615705200;
  CHECK(ny->OffsetAtUtc(spring - 1).gmtoff == -18000);
  CHECK(ny->OffsetAtUtc(spring).gmtoff == -14400);
  CHECK(ny->OffsetAtUtc(spring).abbrev == "EDT");
  // Local 02:30 does not exist: read with the offset before (EST).
  const int64_t local_0230 = spring - 18000 + 1800;  // 2021-03-14 02:30 as if UTC
  CHECK(ny->OffsetForLocal(local_0230).gmtoff == -18000);
  // Fall back, 2021-11-07 01:30 happens twice: the later (EST) wins.
  const int64_t fall = 1636264800;  // 06:00 UTC
  CHECK(ny->OffsetForLocal(fall - 16200).gmtoff == -18000);  // 01:30 local, as if UTC
  // Beyond the table: the footer rule (2100-07-01 is EDT).
  CHECK(ny->OffsetAtUtc(4118083200).gmtoff == -14400);
  CHECK(ny->OffsetAtUtc(4102444800).gmtoff == -18000);  // 2100-01-01
  CHECK(TimeZone::FixedOffset(-7 * 3600)->name() == "<-07>+07");
  CHECK(TimeZone::FixedOffset(19800)->name() == "<+05:30>-05:30");
  CHECK(LoadTimeZone("Mars/Olympus_Mons") == nullptr);

  CHECK(SessionScalar({"set timezone = 'America/New_York'",
                       "select timestamptz '2021-03-14 02:30:00'"}) == "2021-03-14 03:30:00-04");
  CHECK(SessionScalar({"set timezone = 'America/New_York'",
                       "select timestamptz '2021-11-07 01:30:00'"}) == "2021-11-07 01:30:00-05");
  CHECK(SessionScalar({"set timezone = 'America/St_Johns'",
                       "select timestamptz '2020-01-01 00:00:00+00'"}) ==
        "2019-12-31 20:30:00-03:30");
  CHECK(SessionScalar({"set timezone = 'America/New_York'",
                       "select timestamptz '1800-01-01 00:00'"}) == "1800-01-01 00:00:00-04:56:02");
  CHECK(SessionScalar({"set timezone = 'America/New_York'",
                       "select timestamptz '2021-03-13 12:00' + interval '1 day'"}) ==
        "2021-03-14 12:00:00-04");
}

TEST_CASE("session settings: SET, SHOW, RESET, validation, reporting", "[datetime][settings]") {
  SessionSettings s;
  CHECK(s.Show("timezone") == "Etc/UTC");
  CHECK(s.CanonicalName("datestyle") == "DateStyle");
  s.Set("DateStyle", "sql, dmy");
  CHECK(s.Show("DateStyle") == "SQL, DMY");
  s.Set("datestyle", "german");
  CHECK(s.Show("DateStyle") == "German, DMY");
  s.Set("timezone", "-7");
  CHECK(s.Show("TimeZone") == "<-07>+07");
  s.Set("statement_timeout", "1500");
  CHECK(s.Show("statement_timeout") == "1500ms");
  s.Set("statement_timeout", "120s");
  CHECK(s.Show("statement_timeout") == "2min");
  const auto changes = s.TakeReportedChanges();
  REQUIRE(changes.size() == 2);  // DateStyle, TimeZone; statement_timeout is not reported
  CHECK(changes[0] == std::make_pair(std::string("DateStyle"), std::string("German, DMY")));
  CHECK(changes[1] == std::make_pair(std::string("TimeZone"), std::string("<-07>+07")));
  CHECK(s.TakeReportedChanges().empty());
  s.ResetAll();
  CHECK(s.Show("DateStyle") == "ISO, MDY");
  CHECK(s.TakeReportedChanges().size() == 2);

  auto e = Error("set timezone = 'foo'");
  CHECK(e.code == "22023");
  CHECK(e.message == "invalid value for parameter \"TimeZone\": \"foo\"");
  e = Error("set datestyle = 'foo'");
  CHECK(e.detail == "Unrecognized key word: \"foo\".");
  e = Error("set intervalstyle = 'x'");
  CHECK(e.message == "invalid value for parameter \"intervalstyle\": \"x\"");
  CHECK(e.hint == "Available values: postgres, postgres_verbose, sql_standard, iso_8601.");
  CHECK(Error("show nope").code == "42704");
  CHECK(Error("set extra_float_digits = 4").message ==
        "4 is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
  CHECK(Error("set server_encoding = 'UTF8'").code == "55P02");

  CHECK(SessionScalar({"set datestyle = postgres", "select timestamp '2020-01-08 04:05:06'"}) ==
        "Wed Jan 08 04:05:06 2020");
  CHECK(SessionScalar({"set intervalstyle = iso_8601", "select interval '1 day 2 hours'"}) ==
        "P1DT2H");
  CHECK(SessionScalar({"set search_path = public, \"$user\"", "show search_path"}) ==
        "public, \"$user\"");
  CHECK(SessionScalar({"select set_config('TimeZone', 'Asia/Tokyo', false)"}) == "Asia/Tokyo");

  // Custom placeholders (names with a dot) are created by SET.
  CHECK(SessionScalar({"set myapp.user_id = 42", "select current_setting('myapp.user_id')"}) ==
        "42");
  CHECK(Error("show myapp.nope").code == "42704");
  CHECK(SessionScalar({"select current_setting('myapp.nope', true)"}) == "<NULL>");

  SqlSession session;
  for (auto& st : session.Parse("set timezone = 'Europe/Berlin'; select 1")) session.Execute(*st);
  const auto reported = session.TakeReportedParameterChanges();
  REQUIRE(reported.size() == 1);
  CHECK(reported[0].second == "Europe/Berlin");
}

TEST_CASE("date/time storage: key order is PostgreSQL's comparison order", "[datetime]") {
  auto key = [](Oid type, const std::string& text) {
    KeyColumn col(type);
    std::vector<KeyColumn> cols{col};
    std::vector<Value> values{InputValue(type, text)};
    return EncodeKey(cols, values);
  };
  CHECK(key(type_oid::kDate, "-infinity") < key(type_oid::kDate, "4714-11-24 BC"));
  CHECK(key(type_oid::kDate, "1999-12-31") < key(type_oid::kDate, "2000-01-01"));
  CHECK(key(type_oid::kDate, "5874897-12-31") < key(type_oid::kDate, "infinity"));
  CHECK(key(type_oid::kTimestampTz, "1969-12-31 23:59:59.999999+00") <
        key(type_oid::kTimestampTz, "1970-01-01 00:00:00+00"));
  CHECK(key(type_oid::kInterval, "-1 day") < key(type_oid::kInterval, "-23 hours"));
  CHECK(key(type_oid::kInterval, "1 mon") == key(type_oid::kInterval, "30 days"));
  CHECK(key(type_oid::kInterval, "29 days 23:59:59") < key(type_oid::kInterval, "1 mon"));

  RowLayout layout({RowColumn{type_oid::kDate, false, {}}, RowColumn{type_oid::kInterval, false, {}},
                    RowColumn{type_oid::kTimestamp, false, {}}});
  std::vector<Value> row{InputValue(type_oid::kDate, "2020-02-29"),
                         InputValue(type_oid::kInterval, "1 year -2 days 03:04:05.678"),
                         InputValue(type_oid::kTimestamp, "infinity")};
  const std::string bytes = EncodeRow(layout, row);
  RowView view(layout, bytes);
  CHECK(OutputValue(view.Get(0)) == "2020-02-29");
  CHECK(OutputValue(view.Get(1)) == "1 year -2 days +03:04:05.678");
  CHECK(OutputValue(view.Get(2)) == "infinity");
}

}  // namespace
}  // namespace strata::sql
