// Tests for stratad's settings: postgresql.conf-style text and postgres-style argv.
#include <catch2/catch.hpp>

#include <vector>

#include "common/system_memory.h"
#include "server/server_config.h"

using namespace strata::server;

namespace {
std::optional<std::string> Parse(std::vector<std::string> args, CommandLine* out) {
  std::vector<char*> argv;
  static char name[] = "stratad";
  argv.push_back(name);
  for (auto& a : args) argv.push_back(a.data());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data(), out);
}
}  // namespace

TEST_CASE("config text: quoting, comments, both assignment forms") {
  ServerConfig c;
  auto err = ParseConfigText(
      "# comment\n"
      "port = 6543   # trailing comment\n"
      "listen_addresses = '127.0.0.1, ::1'\n"
      "password = 'it''s # not a comment'\n"
      "max_connections 7\n"
      "\n",
      "stratad.conf", &c);
  REQUIRE_FALSE(err);
  CHECK(c.port == 6543);
  CHECK(c.listen_addresses == "127.0.0.1, ::1");
  CHECK(c.password == "it's # not a comment");
  CHECK(c.max_connections == 7);
}

TEST_CASE("config text: errors name the file and line") {
  ServerConfig c;
  auto err = ParseConfigText("port = 5432\nport = seventy\n", "x.conf", &c);
  REQUIRE(err);
  CHECK(*err == "x.conf:2: invalid value for parameter \"port\": \"seventy\"");
  err = ParseConfigText("bogus = 1\n", "x.conf", &c);
  REQUIRE(err);
  CHECK(*err == "x.conf:1: unrecognized configuration parameter \"bogus\"");
  err = ParseConfigText("password = 'open\n", "x.conf", &c);
  REQUIRE(err);
  CHECK(err->find("unterminated quoted string") != std::string::npos);
  err = ParseConfigText("max_connections = 0\n", "x.conf", &c);
  REQUIRE(err);
  CHECK(err->find("outside the valid range") != std::string::npos);
}

TEST_CASE("command line: postgres flags and long forms") {
  CommandLine cmd;
  REQUIRE_FALSE(Parse({"-D", "/data", "-p5433", "-h", "*", "-k", "/run", "-N", "9", "-c",
                       "log_min_messages=debug", "--max-connections=12"},
                      &cmd));
  REQUIRE(cmd.data_directory);
  CHECK(*cmd.data_directory == "/data");
  ServerConfig c;
  for (auto& [name, value] : cmd.settings) REQUIRE_FALSE(c.Set(name, value));
  CHECK(c.port == 5433);
  CHECK(c.listen_addresses == "*");
  CHECK(c.unix_socket_directories == "/run");
  CHECK(c.max_connections == 12);  // later settings win
  CHECK(c.log_min_messages == "debug2");  // PostgreSQL's alias
}

TEST_CASE("command line: bad usage is reported") {
  CommandLine cmd;
  CHECK(Parse({"-p"}, &cmd));
  CHECK(Parse({"-x", "1"}, &cmd));
  CHECK(Parse({"-c", "novalue"}, &cmd));
  CHECK(Parse({"stray"}, &cmd));
  CommandLine help;
  REQUIRE_FALSE(Parse({"--help"}, &help));
  CHECK(help.show_help);
}

TEST_CASE("block_cache_size: memory units, automatic by default, at least 1MB") {
  ServerConfig c;
  CHECK(c.block_cache_kb == -1);
  const size_t automatic = BlockCacheBytes(c);
  CHECK(automatic >= (size_t{64} << 20));
  CHECK(automatic <= strata::UsableMemoryBytes() / 4 + (size_t{64} << 20));
  REQUIRE_FALSE(c.Set("block_cache_size", "2GB"));
  CHECK(c.block_cache_kb == 2 * 1024 * 1024);
  CHECK(BlockCacheBytes(c) == size_t{2} << 30);
  REQUIRE_FALSE(c.Set("block_cache_size", "4096"));  // kB without a unit
  CHECK(BlockCacheBytes(c) == size_t{4} << 20);
  auto err = c.Set("block_cache_size", "512kB");
  REQUIRE(err);
  CHECK(err->find("at least 1MB") != std::string::npos);
  CHECK(c.block_cache_kb == 4096);  // a refused value changes nothing
  err = c.Set("block_cache_size", "lots");
  REQUIRE(err);
  CHECK(err->find("block_cache_size") != std::string::npos);
  REQUIRE_FALSE(c.Set("block_cache_size", "-1"));
  CHECK(BlockCacheBytes(c) == automatic);
}
