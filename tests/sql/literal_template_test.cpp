// Literal templates: which integer literals the scanner takes out (and which
// queries it leaves alone), that a patched raw tree packs to exactly the
// bytes of a fresh parse over every statement of the repository's SQL test
// files, and that sessions reusing trees return what fresh parses return.
#include "sql/parser/literal_template.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/parser/literal_template_cache.h"
#include "sql/sql_session.h"
#include "sql_test_util.h"
#include "temp_database.h"

namespace strata::sql {
namespace {

using parser::MakeLiteralTemplate;

std::vector<int32_t> Values(std::string_view query) {
  std::vector<int32_t> out;
  if (auto t = MakeLiteralTemplate(query)) {
    for (const auto& l : t->literals) out.push_back(l.value);
  }
  return out;
}

TEST_CASE("the scanner finds plain integer literals only", "[literal_template]") {
  CHECK(Values("select abalance from pgbench_accounts where aid = 4711;") ==
        std::vector<int32_t>{4711});
  CHECK(Values("update t set a = a + -12 where id = 7") == std::vector<int32_t>{12, 7});
  CHECK(Values("select 'x1', \"c2\", t3.c4, $1 from t5 where a = 6") ==
        std::vector<int32_t>{6});
  CHECK(Values("select 'it''s 5', 7") == std::vector<int32_t>{7});
  CHECK(Values("select a[1:2]::int from t limit 10 offset 020") ==
        std::vector<int32_t>{1, 2, 10, 20});
  CHECK(Values("select 2147483647") == std::vector<int32_t>{2147483647});
  // Left alone: nothing to take out, or a construct the scanner does not model.
  for (const char* q : {"select 1.5", "select .5", "select 1e3", "select 2147483648",
                        "select 1 -- comment", "select /* c */ 1", "select $$x$$, 1",
                        "select E'\\n', 1", "select B'101', 1", "select X'1F', 1",
                        "select U&'d', 1", "select 'unterminated, 1", "select 1\\g",
                        "select 0x1F", "select 1_000", "select a from t"}) {
    INFO(q);
    CHECK_FALSE(MakeLiteralTemplate(q).has_value());
  }
  const auto t = MakeLiteralTemplate("select - 5, 3-2");
  REQUIRE(t.has_value());
  REQUIRE(t->literals.size() == 3);
  CHECK(t->literals[0].minus_offset == 7);
  CHECK(t->literals[2].minus_offset == 13);
  CHECK(t->key == std::string("select - \x01, \x01-\x01"));
}

// `query` with each literal's digits rotated (same length): another query of
// the same template, or nullopt if that leaves int32's range.
std::optional<std::string> Variant(const std::string& query) {
  auto t = MakeLiteralTemplate(query);
  if (!t) return std::nullopt;
  std::string out = query;
  for (const auto& l : t->literals) {
    for (size_t i = l.offset; i < out.size() && out[i] >= '0' && out[i] <= '9'; ++i) {
      out[i] = static_cast<char>('0' + (out[i] - '0' + 3) % 10);
    }
  }
  auto v = MakeLiteralTemplate(out);
  if (!v || v->key != t->key) return std::nullopt;
  return out;
}

// Statements of a psql script: lines up to one ending in ';', meta-commands
// and comment lines dropped.
std::vector<std::string> Statements(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  std::string line, current;
  while (std::getline(in, line)) {
    if (current.empty() && (line.rfind("\\", 0) == 0 || line.rfind("--", 0) == 0)) continue;
    current += line + "\n";
    if (!line.empty() && line.back() == ';') {
      out.push_back(current);
      current.clear();
    }
  }
  return out;
}

void CheckCorpus(const std::filesystem::path& dir, size_t* compared) {
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    if (file.path().extension() != ".sql") continue;
    for (const std::string& statement : Statements(file.path())) {
      const std::optional<std::string> variant = Variant(statement);
      if (!variant) continue;
      std::string fresh;
      std::optional<std::string> patched;
      try {
        fresh = parser::PackFreshTree(*variant);
        patched = parser::PackPatchedTree(statement, *variant);
      } catch (const SqlError&) {
        continue;  // a syntax error in one of the two (the suite has many)
      }
      if (!patched) continue;  // a template that is not reusable
      INFO(file.path().filename().string() << ": " << statement << " -> " << *variant);
      CHECK(*patched == fresh);
      ++*compared;
    }
  }
}

TEST_CASE("patched raw trees are the fresh parses of the other literals", "[literal_template]") {
  size_t compared = 0;
  CheckCorpus(std::filesystem::path(STRATA_SOURCE_DIR) / "tests/integration/psql", &compared);
  // More statements when asked (e.g. PostgreSQL's regression sql/ directory).
  if (const char* more = std::getenv("STRATA_TEMPLATE_CORPUS")) CheckCorpus(more, &compared);
  INFO("statements compared: " << compared);
  CHECK(compared > 300);  // the corpus really exercised the cache
}

TEST_CASE("sessions reusing trees return what fresh parses return", "[literal_template]") {
  testing::TempDatabase db;
  SqlSession session(db.get());
  auto run = [&](const std::string& q) {
    auto statements = session.Parse(q);
    StatementResult last;
    for (auto& s : statements) last = session.Execute(*s);
    return last;
  };
  run("create table lt (id int primary key, v int)");
  for (int i = 10; i < 40; ++i) {
    run("insert into lt values (" + std::to_string(i) + ", " + std::to_string(-i) + ")");
  }
  for (int i = 10; i < 40; ++i) {
    run("update lt set v = v + -" + std::to_string(i % 7 + 1) + " where id = " +
        std::to_string(i));
  }
  for (int i = 10; i < 40; ++i) {
    StatementResult r = run("select v, -3 * id from lt where id = " + std::to_string(i));
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0][0] == std::optional<std::string>(std::to_string(-i - (i % 7 + 1))));
    CHECK(r.rows[0][1] == std::optional<std::string>(std::to_string(-3 * i)));
  }
  // A literal the grammar reads as a number, not a constant: never reused.
  CHECK(run("select 1.5::float(10)").rows.size() == 1);
  CHECK(run("select 2.5::float(30)").rows.size() == 1);
  CHECK(run("select pg_typeof(1::float(30))").rows[0][0] ==
        std::optional<std::string>("double precision"));
  CHECK(run("select pg_typeof(1::float(20))").rows[0][0] == std::optional<std::string>("real"));
  // An error position in a reused tree points into the new string.
  run("select 1 / 1 from lt where id = 10");
  try {
    run("select 1 / 0 from lt where id = 11");
    FAIL("no division by zero");
  } catch (const SqlError& e) {
    CHECK(std::string(e.what()).find("division by zero") != std::string::npos);
  }
}

TEST_CASE("the cache reuses trees of one template and keeps a bounded number", "[literal_template]") {
  parser::LiteralTemplateCache cache;
  for (int i = 100; i < 200; ++i) {
    auto statements = cache.Parse("select " + std::to_string(i) + " + 1");
    REQUIRE(statements.size() == 1);
  }
  CHECK(cache.hits() == 99);
  CHECK(cache.size() == 1);
  for (int n = 1; n <= 40; ++n) cache.Parse("select " + std::string(static_cast<size_t>(n), '7'));
  CHECK(cache.size() <= parser::LiteralTemplateCache::kCapacity);
  CHECK_THROWS_AS(cache.Parse("select 1 +"), SqlError);  // syntax errors still raised
}

}  // namespace
}  // namespace strata::sql
