// ParseCache: a repeated short query string hands out the trees it parsed
// before (same objects), most recently used entries survive eviction, long
// strings are parsed every time; and through SqlSession::Parse a cached
// string executes again with the same results.
#include "sql/parser/parse_cache.h"

#include <catch2/catch.hpp>
#include <string>

#include "sql/parser/parser.h"
#include "sql/sql_session.h"
#include "sql_test_util.h"
#include "temp_database.h"

namespace strata::sql {
namespace {

ParseCache::Entry RememberParsed(ParseCache* cache, const std::string& query) {
  auto shared = std::make_shared<const std::string>(query);
  return cache->Remember(shared, ParseQuery(*shared));
}

TEST_CASE("ParseCache returns the trees it parsed for the same string", "[parse_cache]") {
  ParseCache cache;
  CHECK(cache.Find("begin") == nullptr);
  const ParseCache::Entry first = RememberParsed(&cache, "begin; select 1");
  REQUIRE(first.statements.size() == 2);
  const ParseCache::Entry* hit = cache.Find("begin; select 1");
  REQUIRE(hit != nullptr);
  CHECK(hit->statements[0] == first.statements[0]);
  CHECK(hit->statements[1] == first.statements[1]);
  CHECK(*hit->query == "begin; select 1");
  CHECK(cache.Find("begin; select 2") == nullptr);
}

TEST_CASE("ParseCache evicts the least recently used string", "[parse_cache]") {
  ParseCache cache;
  RememberParsed(&cache, "select 0");
  for (size_t i = 1; i < ParseCache::kCapacity; ++i) {
    RememberParsed(&cache, "select " + std::to_string(i));
  }
  REQUIRE(cache.Find("select 0") != nullptr);  // now the most recent
  RememberParsed(&cache, "select 'new'");       // evicts "select 1"
  CHECK(cache.Find("select 0") != nullptr);
  CHECK(cache.Find("select 1") == nullptr);
  CHECK(cache.Find("select 2") != nullptr);
  CHECK(cache.Find("select 'new'") != nullptr);
}

TEST_CASE("ParseCache keeps no long strings", "[parse_cache]") {
  ParseCache cache;
  const std::string long_query = "select '" + std::string(ParseCache::kMaxQueryBytes, 'x') + "'";
  const ParseCache::Entry entry = RememberParsed(&cache, long_query);
  CHECK(entry.statements.size() == 1);
  CHECK(cache.Find(long_query) == nullptr);
}

TEST_CASE("a cached query string runs again through the session", "[parse_cache]") {
  testing::TempDatabase db;
  SqlSession session(db.get());
  auto create = session.Parse("create table pc (a int primary key, b text)");
  REQUIRE(create.size() == 1);
  session.Execute(*create[0]);
  for (int round = 0; round < 3; ++round) {
    auto statements = session.Parse("insert into pc values (1, 'x') on conflict (a) do update set b = pc.b || 'y'");
    REQUIRE(statements.size() == 1);
    session.Execute(*statements[0]);
  }
  auto select = session.Parse("select b from pc");
  REQUIRE(select.size() == 1);
  StatementResult result = session.Execute(*select[0]);
  REQUIRE(result.rows.size() == 1);
  CHECK(result.rows[0][0] == std::optional<std::string>("xyy"));
}

}  // namespace
}  // namespace strata::sql
