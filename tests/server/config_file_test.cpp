// Tests for stratad.conf reading: includes, quoting, errors with file:line.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "server/config_file.h"

using namespace strata::server;

namespace {

// A scratch directory removed at the end of the test.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/strata_config_test_XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string Write(const std::string& name, const std::string& text) const {
    const std::string p = path + "/" + name;
    std::ofstream(p) << text;
    return p;
  }
};

std::string Values(const std::vector<ConfigFileEntry>& entries) {
  std::string out;
  for (const auto& e : entries) out += e.name + "=" + e.value + ";";
  return out;
}

}  // namespace

TEST_CASE("config file: values, quoting and comments") {
  std::vector<ConfigFileEntry> entries;
  REQUIRE_FALSE(ParseConfigEntries("# comment\n"
                                   "  work_mem = 8MB   # trailing\n"
                                   "log_line_prefix = '%m [%p] it''s # kept '\n"
                                   "search_path 'a, \\'b\\''\n"
                                   "enable_seqscan=off\n"
                                   "log_min_duration_statement = -1\n",
                                   "/etc/x.conf", &entries));
  CHECK(Values(entries) ==
        "work_mem=8MB;log_line_prefix=%m [%p] it's # kept ;search_path=a, 'b';"
        "enable_seqscan=off;log_min_duration_statement=-1;");
  CHECK(entries[1].file == "/etc/x.conf");
  CHECK(entries[1].line == 3);
}

TEST_CASE("config file: syntax errors name the file and line") {
  std::vector<ConfigFileEntry> entries;
  auto err = ParseConfigEntries("port = 1\nbad line here\n", "/x.conf", &entries);
  REQUIRE(err);
  CHECK(err->rfind("/x.conf:2: syntax error", 0) == 0);
  err = ParseConfigEntries("\n\nprefix = 'open\n", "/x.conf", &entries);
  REQUIRE(err);
  CHECK(*err == "/x.conf:3: syntax error: unterminated quoted string");
  err = ParseConfigEntries("port =\n", "/x.conf", &entries);
  REQUIRE(err);
  CHECK(err->rfind("/x.conf:1: syntax error", 0) == 0);
}

TEST_CASE("config file: include, include_if_exists, include_dir") {
  TempDir dir;
  ::mkdir((dir.path + "/conf.d").c_str(), 0700);
  dir.Write("conf.d/20-b.conf", "work_mem = 2MB\n");
  dir.Write("conf.d/10-a.conf", "work_mem = 1MB\nport = 6000\n");
  dir.Write("conf.d/.hidden.conf", "port = 1\n");
  dir.Write("conf.d/ignored.txt", "port = 2\n");
  dir.Write("extra.conf", "max_connections = 7\n");
  const std::string main = dir.Write("stratad.conf",
                                     "port = 5000\n"
                                     "include 'extra.conf'\n"
                                     "include_if_exists 'missing.conf'\n"
                                     "include_dir 'conf.d'\n"
                                     "max_connections = 9\n");
  std::vector<ConfigFileEntry> entries;
  auto err = ReadConfigFile(main, &entries);
  REQUIRE_FALSE(err);
  CHECK(Values(entries) ==
        "port=5000;max_connections=7;work_mem=1MB;port=6000;work_mem=2MB;max_connections=9;");
  CHECK(entries[1].file == dir.path + "/extra.conf");
  CHECK(entries[1].line == 1);
  CHECK(entries[3].file == dir.path + "/conf.d/10-a.conf");
  CHECK(entries[3].line == 2);
}

TEST_CASE("config file: include errors") {
  TempDir dir;
  const std::string main = dir.Write("a.conf", "port = 1\ninclude 'nope.conf'\n");
  std::vector<ConfigFileEntry> entries;
  auto err = ReadConfigFile(main, &entries);
  REQUIRE(err);
  CHECK(*err == dir.path + "/a.conf:2: could not open configuration file \"" + dir.path +
                    "/nope.conf\": No such file or directory");
  // An error inside an included file names that file.
  dir.Write("inner.conf", "ok = 1\n'broken\n");
  const std::string outer = dir.Write("outer.conf", "include 'inner.conf'\n");
  entries.clear();
  err = ReadConfigFile(outer, &entries);
  REQUIRE(err);
  CHECK(err->rfind(dir.path + "/inner.conf:2: syntax error", 0) == 0);
  // A file including itself stops at the nesting limit.
  const std::string loop = dir.Write("loop.conf", "include 'loop.conf'\n");
  entries.clear();
  err = ReadConfigFile(loop, &entries);
  REQUIRE(err);
  CHECK(err->find("maximum nesting depth exceeded") != std::string::npos);
}
