// Tests for log_line_prefix expansion (PostgreSQL's escapes).
#include <catch2/catch.hpp>

#include "common/log_line_prefix.h"

using strata::FormatLogLinePrefix;
using strata::LogPrefixContext;

namespace {

// 2026-11-21 22:00:00.123456 UTC
constexpr int64_t kNow = 1795298400LL * 1000000 + 123456;

LogPrefixContext Session() {
  LogPrefixContext c;
  c.now_us = kNow;
  c.pid = 4711;
  c.session = true;
  c.user = "alice";
  c.database = "shop";
  c.application_name = "psql";
  c.remote_host = "127.0.0.1";
  c.remote_port = 51234;
  c.session_start_us = kNow - 5000000;
  c.line_number = 3;
  c.sqlstate = "22012";
  c.command_tag = "SELECT";
  c.backend_type = "client backend";
  return c;
}

}  // namespace

TEST_CASE("log_line_prefix: time and pid escapes") {
  LogPrefixContext c = Session();
  CHECK(FormatLogLinePrefix("%m [%p] ", c) == "2026-11-21 22:00:00.123 UTC [4711] ");
  CHECK(FormatLogLinePrefix("%t", c) == "2026-11-21 22:00:00 UTC");
  CHECK(FormatLogLinePrefix("%n", c) == "1795298400.123");
  CHECK(FormatLogLinePrefix("%s", c) == "2026-11-21 21:59:55 UTC");
  CHECK(FormatLogLinePrefix("%c", c) == "6b02145b.1267");
}

TEST_CASE("log_line_prefix: session escapes") {
  LogPrefixContext c = Session();
  CHECK(FormatLogLinePrefix("%u@%d %a %r %h %l %e %i %x %b %%", c) ==
        "alice@shop psql 127.0.0.1(51234) 127.0.0.1 3 22012 SELECT 0 client backend %");
  c.remote_host = "[local]";
  c.remote_port = -1;
  CHECK(FormatLogLinePrefix("%r|%h", c) == "[local]|[local]");
  c.user.clear();
  c.database.clear();
  CHECK(FormatLogLinePrefix("%u@%d", c) == "[unknown]@[unknown]");
}

TEST_CASE("log_line_prefix: %q and the server's own lines") {
  LogPrefixContext c;
  c.now_us = kNow;
  c.pid = 99;
  CHECK(FormatLogLinePrefix("[%p] %q%u@%d ", c) == "[99] ");
  CHECK(FormatLogLinePrefix("%u|%d|%a|%r", c) == "|||");
  LogPrefixContext s = Session();
  CHECK(FormatLogLinePrefix("[%p] %q%u@%d ", s) == "[4711] alice@shop ");
}

TEST_CASE("log_line_prefix: padding and odd input") {
  LogPrefixContext c = Session();
  CHECK(FormatLogLinePrefix("[%10u]", c) == "[     alice]");
  CHECK(FormatLogLinePrefix("[%-10u]", c) == "[alice     ]");
  CHECK(FormatLogLinePrefix("[%3u]", c) == "[alice]");
  CHECK(FormatLogLinePrefix("%z%", c) == "");  // unknown escape, lone % at the end
  CHECK(FormatLogLinePrefix("", c) == "");
}
