// The "options" startup parameter: splitting as pg_split_opts does and the
// -c / -- switches process_postgres_switches accepts, with PostgreSQL's errors.
#include <catch2/catch.hpp>

#include "common/sql_error.h"
#include "server/startup_options.h"

namespace strata::server {
namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

std::string Code(std::string_view options) {
  try {
    ParseStartupOptions(options);
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.sqlstate())) + " " + e.fields().message;
  }
  return "ok";
}

TEST_CASE("options carry -c and -- settings", "[startup_options]") {
  CHECK(ParseStartupOptions("").empty());
  CHECK(ParseStartupOptions("   ").empty());
  CHECK(ParseStartupOptions(" -c intervalstyle=postgres_verbose") ==
        Settings{{"intervalstyle", "postgres_verbose"}});
  CHECK(ParseStartupOptions("-cgeqo=off --extra-float-digits=3 -c a.b=x") ==
        Settings{{"geqo", "off"}, {"extra_float_digits", "3"}, {"a.b", "x"}});
  // A backslash keeps the next character, spaces included.
  CHECK(ParseStartupOptions(R"(-c search_path=a\ b\\c)") ==
        Settings{{"search_path", "a b\\c"}});
  CHECK(ParseStartupOptions("-c x=") == Settings{{"x", ""}});
}

TEST_CASE("bad options fail as PostgreSQL's do", "[startup_options]") {
  CHECK(Code("-c geqo") == "42601 -c geqo requires a value");
  CHECK(Code("--geqo") == "42601 --geqo requires a value");
  CHECK(Code("geqo=off") == "08P01 invalid command-line argument for server process: geqo=off");
  CHECK(Code("-c") == "08P01 invalid command-line argument for server process: -c");
  CHECK(Code("-B 100").rfind("0A000 ", 0) == 0);
}

}  // namespace
}  // namespace strata::server
