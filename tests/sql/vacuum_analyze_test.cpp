// VACUUM and ANALYZE over a real Database: ANALYZE stores per-column
// statistics that read back from the catalog (row count, null fraction,
// distinct count, most-common values, histogram); VACUUM flushes and
// compacts the table's tree so deleted rows stop taking space; errors.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "catalog/table_statistics.h"
#include "sql/commands/maintenance_commands.h"
#include "sql/database.h"
#include "temp_database.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

using testing::TempDatabase;

void Exec(SqlSession& session, const std::string& query) {
  for (auto& statement : session.Parse(query)) session.Execute(*statement);
}

std::string Tag(SqlSession& session, const std::string& query) {
  auto statements = session.Parse(query);
  REQUIRE(statements.size() == 1);
  return session.Execute(*statements[0]).command_tag;
}

std::optional<catalog::TableStatistics> Stats(Database* db, const std::string& table) {
  const catalog::TableDesc* t =
      db->catalog()->Current()->FindTable(catalog::kPublicNamespace, table);
  REQUIRE(t != nullptr);
  auto txn = db->txns()->Begin();
  auto stats = catalog::ReadTableStatistics(txn.get(), "", t->oid);
  REQUIRE(stats.ok());
  return stats.value();
}

std::string ErrorOf(SqlSession& session, const std::string& query) {
  try {
    Exec(session, query);
  } catch (const SqlError& e) {
    return std::string(SqlStateCode(e.fields().sqlstate)) + " " + e.fields().message;
  }
  return "no error";
}

uint64_t TreeBytes(Database* db, const std::string& table) {
  const catalog::TableDesc* t =
      db->catalog()->Current()->FindTable(catalog::kPublicNamespace, table);
  uint64_t bytes = 0;
  for (const storage::TreeStats& tree : db->engine()->GetStats().trees) {
    if (tree.id != t->tree) continue;
    bytes += tree.memtable_bytes;
    for (const storage::LevelStats& level : tree.levels) bytes += level.bytes;
  }
  return bytes;
}

TEST_CASE("ANALYZE stores statistics that read back", "[vacuum][analyze]") {
  TempDatabase db;
  SqlSession session(db.get());
  Exec(session, "create table t (id int4 primary key, color text, score float8, note text)");
  // 1000 rows: id unique; color 'red' x500, 'green' x250, 'blue' x250;
  // score NULL for every 4th row; note always NULL.
  std::string insert = "insert into t values ";
  for (int i = 0; i < 1000; ++i) {
    if (i > 0) insert += ",";
    const char* color = i % 2 == 0 ? "red" : (i % 4 == 1 ? "green" : "blue");
    insert += "(" + std::to_string(i) + ",'" + color + "'," +
              (i % 4 == 3 ? std::string("null") : std::to_string(i % 10)) + ",null)";
  }
  Exec(session, insert);
  CHECK_FALSE(Stats(db.get(), "t").has_value());
  CHECK(Tag(session, "analyze t") == "ANALYZE");

  auto stats = Stats(db.get(), "t");
  REQUIRE(stats.has_value());
  CHECK(stats->reltuples == 1000);
  CHECK(stats->sample_rows == 1000);
  REQUIRE(stats->columns.size() == 4);

  const catalog::ColumnStatistics& id = stats->columns[0];
  CHECK(id.attnum == 1);
  CHECK(id.null_frac == 0);
  CHECK(id.avg_width == 4);
  CHECK(id.n_distinct == -1);  // unique
  CHECK(id.most_common_vals.empty());
  REQUIRE(id.histogram_bounds.size() == 101);
  CHECK(id.histogram_bounds.front() == "0");
  CHECK(id.histogram_bounds.back() == "999");

  const catalog::ColumnStatistics& color = stats->columns[1];
  CHECK(color.n_distinct == 3);
  REQUIRE(color.most_common_vals.size() == 3);
  CHECK(color.most_common_vals[0] == "red");
  CHECK(color.most_common_freqs[0] == Approx(0.5));
  CHECK(color.histogram_bounds.empty());  // every value is an MCV

  const catalog::ColumnStatistics& score = stats->columns[2];
  CHECK(score.null_frac == Approx(0.25));
  CHECK(score.avg_width == 8);

  const catalog::ColumnStatistics& note = stats->columns[3];
  CHECK(note.null_frac == 1);
  CHECK(note.n_distinct == 0);

  // A column list analyzes only those columns; VACUUM ANALYZE works too.
  CHECK(Tag(session, "analyze t (color)") == "ANALYZE");
  REQUIRE(Stats(db.get(), "t")->columns.size() == 1);
  CHECK(Stats(db.get(), "t")->columns[0].attnum == 2);
  CHECK(Tag(session, "vacuum analyze t") == "VACUUM");
  CHECK(Stats(db.get(), "t")->columns.size() == 4);

  // DROP TABLE removes them with the table.
  const Oid oid = db.get()->catalog()->Current()->FindTable(catalog::kPublicNamespace, "t")->oid;
  Exec(session, "drop table t");
  auto txn = db.get()->txns()->Begin();
  CHECK_FALSE(catalog::ReadTableStatistics(txn.get(), "", oid).value().has_value());
}

TEST_CASE("VACUUM compacts away deleted rows", "[vacuum]") {
  TempDatabase db;
  SqlSession session(db.get());
  Exec(session, "create table big (id int8, payload text)");
  std::string insert = "insert into big values ";
  for (int i = 1; i <= 3000; ++i) {
    if (i > 1) insert += ",";
    // md5 digests: payloads that do not compress away.
    insert += "(" + std::to_string(i) + ", repeat(md5('" + std::to_string(i) + "'), 6))";
  }
  Exec(session, insert);
  CHECK(Tag(session, "vacuum big") == "VACUUM");
  const uint64_t full = TreeBytes(db.get(), "big");
  CHECK(full > 3000 * 50);
  Exec(session, "delete from big where id > 10");
  CHECK(Tag(session, "vacuum (verbose false, full) big") == "VACUUM");
  // The payloads are gone; what is left is mostly the deletes' tombstones.
  CHECK(TreeBytes(db.get(), "big") < full / 2);
  CHECK(Tag(session, "vacuum") == "VACUUM");  // every table
  CHECK(Tag(session, "analyze") == "ANALYZE");
}

TEST_CASE("VACUUM and ANALYZE errors", "[vacuum]") {
  TempDatabase db;
  SqlSession session(db.get());
  Exec(session, "create table e (a int4, b text)");
  CHECK(ErrorOf(session, "vacuum nosuch") == "42P01 relation \"nosuch\" does not exist");
  CHECK(ErrorOf(session, "analyze e (c)") ==
        "42703 column \"c\" of relation \"e\" does not exist");
  CHECK(ErrorOf(session, "analyze e (a, a)") ==
        "42701 column \"a\" of relation \"e\" appears more than once");
  CHECK(ErrorOf(session, "vacuum e (a)") ==
        "0A000 ANALYZE option must be specified when a column list is provided");
  CHECK(ErrorOf(session, "vacuum (bogus) e") == "42601 unrecognized VACUUM option \"bogus\"");
  CHECK(ErrorOf(session, "analyze (full) e") == "42601 unrecognized ANALYZE option \"full\"");
}

TEST_CASE("column statistics from a sample", "[analyze]") {
  // 40 values seen twice and 10 seen once: 90 sampled values, 50 distinct.
  std::vector<Value> sample;
  for (int i = 0; i < 40; ++i) {
    sample.push_back(Value::Int4(i));
    sample.push_back(Value::Int4(i));
  }
  for (int i = 40; i < 50; ++i) sample.push_back(Value::Int4(i));
  // Of a 10,000-row table: Haas-Stokes n*d / ((n - f1) + f1*n/N)
  // = 90*50 / (80 + 10*90/10000) = 56.19 -> 56.
  CHECK(ComputeColumnStatistics(1, type_oid::kInt4, sample, 10000).n_distinct == 56);
  // The sample is the whole table: the distinct count is exact, and above
  // a tenth of the rows it is stored as a negative fraction.
  CHECK(ComputeColumnStatistics(1, type_oid::kInt4, sample, 90).n_distinct ==
        Approx(-50.0 / 90));
  // Every value repeated: all were seen.
  sample.resize(80);
  CHECK(ComputeColumnStatistics(1, type_oid::kInt4, sample, 10000).n_distinct == 40);
  CHECK(ComputeColumnStatistics(1, type_oid::kInt4, {}, 0).n_distinct == 0);
}

TEST_CASE("correlation and all-NULL columns as PostgreSQL computes them", "[analyze]") {
  std::vector<Value> up, down, same;
  for (int i = 0; i < 10; ++i) {
    up.push_back(Value::Int4(i));
    down.push_back(Value::Int4(9 - i));
    same.push_back(Value::Int4(7));
  }
  CHECK(*ComputeColumnStatistics(1, type_oid::kInt4, up, 10).correlation == Approx(1));
  CHECK(*ComputeColumnStatistics(1, type_oid::kInt4, down, 10).correlation == Approx(-1));
  // Equal values sort in physical order: correlation 1, one MCV, no histogram.
  const auto constant = ComputeColumnStatistics(1, type_oid::kInt4, same, 10);
  CHECK(*constant.correlation == Approx(1));
  CHECK(constant.most_common_vals == std::vector<std::string>{"7"});
  CHECK(constant.histogram_bounds.empty());
  // Only NULLs: a fixed-width type keeps its width, the distinct count is
  // unknown, no correlation.
  const std::vector<Value> nulls(3, Value::Null(type_oid::kInt4));
  const auto all_null = ComputeColumnStatistics(1, type_oid::kInt4, nulls, 3);
  CHECK(all_null.null_frac == 1);
  CHECK(all_null.avg_width == 4);
  CHECK(all_null.n_distinct == 0);
  CHECK_FALSE(all_null.correlation.has_value());
  // Text widths: the 1-byte short header, averaged and truncated.
  const std::vector<Value> words = {Value::Text("ab"), Value::Text("abcd")};
  CHECK(ComputeColumnStatistics(1, type_oid::kText, words, 2).avg_width == 4);
}

}  // namespace
}  // namespace strata::sql
