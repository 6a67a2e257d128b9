// Tests for the logging collector's files: names from the strftime
// pattern, size rotation, reopening.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "common/log_file.h"

using strata::LogFile;
using strata::LogFileName;

namespace {

std::set<std::string> Files(const std::string& dir) {
  std::set<std::string> out;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      if (e->d_name[0] != '.') out.insert(e->d_name);
    }
    ::closedir(d);
  }
  return out;
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("log file names: strftime pattern in UTC, .json suffix") {
  // 2026-11-21 22:00:05 UTC
  CHECK(LogFileName("stratad-%Y-%m-%d_%H%M%S.log", 1795298405, "") ==
        "stratad-2026-11-21_220005.log");
  CHECK(LogFileName("stratad-%Y-%m-%d_%H%M%S.log", 1795298405, ".json") ==
        "stratad-2026-11-21_220005.json");
  CHECK(LogFileName("plain-%a", 1795298405, ".json") == "plain-Sat.json");
}

TEST_CASE("log file: writes, size rotation, reopen") {
  char tmpl[] = "/tmp/strata_log_file_test_XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  {
    LogFile file;
    LogFile::Options o;
    o.directory = dir + "/log";  // created on first write
    o.filename_pattern = "a.log";
    o.rotation_size_bytes = 10;
    file.Configure(o);
    REQUIRE(file.Write("first line\n"));
    CHECK(file.current_path() == dir + "/log/a.log");
    // Over the size: rotation reopens the same name (appends).
    REQUIRE(file.Write("second\n"));
    CHECK(Read(dir + "/log/a.log") == "first line\nsecond\n");
    // A new pattern takes effect at the next line.
    o.filename_pattern = "b.log";
    file.Configure(o);
    REQUIRE(file.Write("third\n"));
    CHECK(Files(dir + "/log") == std::set<std::string>{"a.log", "b.log"});
    // Reopen after the file was moved away (logrotate, SIGHUP).
    REQUIRE(::rename((dir + "/log/b.log").c_str(), (dir + "/moved.log").c_str()) == 0);
    file.Reopen();
    REQUIRE(file.Write("fourth\n"));
    CHECK(Read(dir + "/log/b.log") == "fourth\n");
    CHECK(Read(dir + "/moved.log") == "third\n");
  }
  std::system(("rm -rf '" + dir + "'").c_str());
}
