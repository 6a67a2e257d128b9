// Tests for loading and reloading the configuration: sources, pending
// restarts, sessions taking reloaded values unless they SET them.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "common/sql_error.h"
#include "server/reload.h"
#include "sql/settings/session_settings.h"

using namespace strata;
using namespace strata::server;

namespace {

struct TempConf {
  std::string dir;
  std::string path;
  TempConf() {
    char tmpl[] = "/tmp/strata_reload_test_XXXXXX";
    dir = ::mkdtemp(tmpl);
    path = dir + "/stratad.conf";
  }
  ~TempConf() {
    std::system(("rm -rf '" + dir + "'").c_str());
    sql::InstallConfigSnapshot({});  // other tests see no configuration
  }
  void Write(const std::string& text) const { std::ofstream(path) << text; }
};

sql::SessionSettings::PgSettingsRow Row(const sql::SessionSettings& s, const std::string& name) {
  for (auto& row : s.PgSettingsRows()) {
    if (row.name == name) return row;
  }
  FAIL("no pg_settings row " << name);
  return {};
}

}  // namespace

TEST_CASE("reload: sources, sourcefile/sourceline and command-line precedence") {
  TempConf conf;
  conf.Write("port = 6000\nwork_mem = 8MB\nstatement_timeout = 1s\n");
  ConfigLoader loader(conf.path, conf.dir, {{"statement_timeout", "5s"}});
  ServerConfig config;
  REQUIRE_FALSE(loader.LoadAtStartup(&config));
  CHECK(config.port == 6000);
  sql::SessionSettings s;
  CHECK(s.Show("work_mem") == "8MB");
  CHECK(s.Show("statement_timeout") == "5s");  // the command line wins
  auto work_mem = Row(s, "work_mem");
  CHECK(work_mem.source == "configuration file");
  CHECK(work_mem.sourcefile == conf.path);
  CHECK(work_mem.sourceline == 2);
  CHECK(work_mem.reset_val == "8192");
  CHECK(Row(s, "statement_timeout").source == "command line");
  CHECK(Row(s, "data_directory").source == "override");
  CHECK(Row(s, "port").context == "postmaster");
  CHECK(Row(s, "log_line_prefix").context == "sighup");
  CHECK(Row(s, "deadlock_timeout").context == "superuser");
  CHECK(Row(s, "enable_seqscan").source == "default");
}

TEST_CASE("reload: changed values reach sessions, restart-only ones wait") {
  TempConf conf;
  conf.Write("port = 6000\nwork_mem = 8MB\nenable_seqscan = off\n");
  ConfigLoader loader(conf.path, conf.dir, {});
  ServerConfig config;
  REQUIRE_FALSE(loader.LoadAtStartup(&config));
  sql::SessionSettings plain;    // takes whatever the file says
  sql::SessionSettings changed;  // SET work_mem itself
  changed.Set("work_mem", "1MB");

  conf.Write("port = 6001\nwork_mem = 16MB\nmax_connections = 5000000\n");
  loader.Reload();
  for (sql::SessionSettings* s : {&plain, &changed}) s->RefreshConfig();
  CHECK(plain.Show("work_mem") == "16MB");
  CHECK(changed.Show("work_mem") == "1MB");
  CHECK(Row(changed, "work_mem").reset_val == "16384");
  CHECK(Row(changed, "work_mem").source == "session");
  CHECK(plain.Show("enable_seqscan") == "on");  // removed from the file: default again
  CHECK(Row(plain, "enable_seqscan").source == "default");
  // Restart-only: the running value stays, pending_restart says why.
  CHECK(plain.Show("port") == "6000");
  CHECK(Row(plain, "port").pending_restart);
  CHECK_FALSE(Row(plain, "work_mem").pending_restart);
  // The bad value was skipped; the rest applied.
  CHECK(plain.Show("max_connections") == "100");
  sql::SessionSettings fresh;
  CHECK(fresh.Show("work_mem") == "16MB");
  CHECK(fresh.Show("port") == "6000");

  // A file that does not parse changes nothing.
  conf.Write("work_mem = 32MB\n'broken\n");
  loader.Reload();
  plain.RefreshConfig();
  CHECK(plain.Show("work_mem") == "16MB");
}

TEST_CASE("settings: who may change what (PostgreSQL's contexts)") {
  sql::SessionSettings s;
  auto message = [&](const char* name, const char* value) -> std::string {
    try {
      s.Set(name, value);
    } catch (const SqlError& e) {
      CHECK(e.fields().sqlstate == SqlState::kCantChangeRuntimeParam);
      return e.what();
    }
    return "";
  };
  CHECK(message("port", "1") ==
        "parameter \"port\" cannot be changed without restarting the server");
  CHECK(message("log_line_prefix", "x") == "parameter \"log_line_prefix\" cannot be changed now");
  CHECK(message("log_connections", "on") ==
        "parameter \"log_connections\" cannot be set after connection start");
  CHECK(message("log_min_duration_statement", "0") == "");
  CHECK(s.Show("log_min_duration_statement") == "0");
  CHECK(message("log_rotation_age", "1h") == "parameter \"log_rotation_age\" cannot be changed now");
  CHECK_FALSE(sql::SessionSettings::ValidateParameter("log_rotation_age", "2h"));
  std::string normalized;
  REQUIRE_FALSE(sql::SessionSettings::ValidateParameter("log_rotation_age", "120", &normalized));
  CHECK(normalized == "2h");
  CHECK(sql::SessionSettings::ValidateParameter("log_destination", "csvlog"));
  CHECK(sql::SessionSettings::ValidateParameter("log_destination", "bogus"));
  CHECK_FALSE(sql::SessionSettings::ValidateParameter("log_destination", "stderr, jsonlog"));
}
