// ANALYZE's statistics records: encoding round-trip, malformed input, and
// storage in tree 0 through transactions (read back, replaced, deleted,
// kept across a reopen, invisible to the catalog loader).
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>

#include "catalog/catalog.h"
#include "catalog/table_statistics.h"
#include "storage/engine.h"
#include "storage/io/mem_file_system.h"

namespace strata::catalog {
namespace {

struct OpenDb {
  explicit OpenDb(storage::MemFileSystem* fs) {
    storage::EngineOptions options;
    options.fs = fs;
    auto e = storage::Engine::Open("/db", options);
    REQUIRE(e.ok());
    engine = std::move(e).value();
    txns = std::make_unique<txn::TransactionManager>(engine.get());
    auto c = Catalog::Open(txns.get());
    REQUIRE(c.ok());
    catalog = std::move(c).value();
  }
  ~OpenDb() {
    catalog.reset();
    txns.reset();
    (void)engine->Close();
  }
  std::unique_ptr<storage::Engine> engine;
  std::unique_ptr<txn::TransactionManager> txns;
  std::unique_ptr<Catalog> catalog;
};

TableStatistics Sample() {
  TableStatistics s;
  s.table = 16400;
  s.reltuples = 1000;
  s.sample_rows = 1000;
  ColumnStatistics a;
  a.attnum = 1;
  a.null_frac = 0;
  a.avg_width = 4;
  a.n_distinct = -1;
  a.histogram_bounds = {"0", "500", "999"};
  a.correlation = -0.25;
  ColumnStatistics b;
  b.attnum = 3;
  b.null_frac = 0.25;
  b.avg_width = 7;
  b.n_distinct = 2;
  b.most_common_vals = {"red", "green"};
  b.most_common_freqs = {0.5, 0.25};
  s.columns = {a, b};
  return s;
}

TEST_CASE("statistics records round-trip", "[catalog][statistics]") {
  const TableStatistics s = Sample();
  const std::string bytes = EncodeTableStatistics(s);
  auto back = DecodeTableStatistics(s.table, bytes);
  REQUIRE(back.has_value());
  CHECK(*back == s);
  CHECK(TableStatisticsKey(16400) == std::string("\x90\x00\x00\x40\x10", 5));
  CHECK_FALSE(DecodeTableStatistics(1, "").has_value());
  CHECK_FALSE(DecodeTableStatistics(1, "\x07").has_value());  // unknown version
  std::string truncated = bytes;
  truncated.pop_back();
  CHECK_FALSE(DecodeTableStatistics(1, truncated).has_value());
  CHECK_FALSE(DecodeTableStatistics(1, bytes + "x").has_value());
}

TEST_CASE("version 1 statistics records still decode, without correlation",
          "[catalog][statistics]") {
  // A version 1 record: as version 2 without the correlation byte.
  std::string v1(1, '\x01');
  const auto put_double = [&](double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    for (int i = 0; i < 8; ++i) v1.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  };
  put_double(10);      // reltuples
  v1.push_back(10);    // sample_rows
  v1.push_back(1);     // ncolumns
  v1.push_back(2);     // attnum
  put_double(0.5);     // null_frac
  v1.push_back(4);     // avg_width
  put_double(-1);      // n_distinct
  v1.push_back(0);     // nmcv
  v1.push_back(2);     // nhist
  v1 += std::string("\x01" "a" "\x01" "b", 4);
  auto back = DecodeTableStatistics(7, v1);
  REQUIRE(back.has_value());
  REQUIRE(back->columns.size() == 1);
  CHECK(back->columns[0].attnum == 2);
  CHECK(back->columns[0].null_frac == 0.5);
  CHECK(back->columns[0].histogram_bounds == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(back->columns[0].correlation.has_value());
  // The same bytes as version 2 lack the correlation flag.
  v1[0] = '\x02';
  CHECK_FALSE(DecodeTableStatistics(7, v1).has_value());
  CHECK(DecodeTableStatistics(7, v1 + std::string(1, '\0')).has_value());
}

TEST_CASE("statistics are stored in tree 0 and survive a reopen", "[catalog][statistics]") {
  storage::MemFileSystem fs;
  const TableStatistics s = Sample();
  {
    OpenDb db(&fs);
    auto txn = db.txns->Begin();
    auto none = ReadTableStatistics(txn.get(), "", s.table);
    REQUIRE(none.ok());
    CHECK_FALSE(none.value().has_value());
    PutTableStatistics(txn.get(), "", s);
    // The transaction reads its own write.
    auto own = ReadTableStatistics(txn.get(), "", s.table);
    REQUIRE(own.ok());
    REQUIRE(own.value().has_value());
    CHECK(*own.value() == s);
    REQUIRE(txn->Commit().ok());
    // The catalog loader skips the new kind of record.
    REQUIRE(db.catalog->Reload().ok());
  }
  {
    OpenDb db(&fs);
    auto txn = db.txns->Begin();
    auto read = ReadTableStatistics(txn.get(), "", s.table);
    REQUIRE(read.ok());
    REQUIRE(read.value().has_value());
    CHECK(read.value()->columns.at(1).most_common_vals.at(1) == "green");
    CHECK(*read.value() == s);
    // Replacing, then deleting.
    TableStatistics changed = s;
    changed.reltuples = 5;
    PutTableStatistics(txn.get(), "", changed);
    REQUIRE(txn->Commit().ok());
    auto txn2 = db.txns->Begin();
    CHECK(ReadTableStatistics(txn2.get(), "", s.table).value()->reltuples == 5);
    DeleteTableStatistics(txn2.get(), "", s.table);
    REQUIRE(txn2->Commit().ok());
    auto txn3 = db.txns->Begin();
    CHECK_FALSE(ReadTableStatistics(txn3.get(), "", s.table).value().has_value());
  }
}

TEST_CASE("a corrupt statistics record is reported", "[catalog][statistics]") {
  storage::MemFileSystem fs;
  OpenDb db(&fs);
  auto txn = db.txns->Begin();
  txn->Put(storage::kDefaultTree, TableStatisticsKey(16500), "\x01garbage");
  REQUIRE(txn->Commit().ok());
  auto txn2 = db.txns->Begin();
  auto read = ReadTableStatistics(txn2.get(), "", 16500);
  CHECK_FALSE(read.ok());
}

}  // namespace
}  // namespace strata::catalog
