// CREATE INDEX builds (sql/commands/index_build.cpp): a build with parallel
// workers gives exactly the index a serial one does (strata_index_check
// passes, the index answers as the table does), in memory and with sorted
// runs spilled past maintenance_work_mem; a unique build finds a duplicate
// however the rows were shared between the participants and their runs;
// IndexEntryBuffer sorts (by comparison or radix) into bytewise key order.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "sql/commands/index_entry_buffer.h"
#include "sql/commands/index_maintenance.h"
#include "sql/database.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "index_build_XXXXXX").string();
  return mkdtemp(tmpl.data());
}

void Exec(SqlSession& session, const std::string& query) {
  for (auto& statement : session.Parse(query)) session.Execute(*statement);
}

std::string Scalar(SqlSession& session, const std::string& query) {
  auto statements = session.Parse(query);
  REQUIRE(statements.size() == 1);
  StatementResult r = session.Execute(*statements[0]);
  REQUIRE(r.rows.size() == 1);
  REQUIRE(r.rows[0].size() == 1);
  return r.rows[0][0] ? *r.rows[0][0] : "<NULL>";
}

// 60,000 rows: k a permutation of 0..59999 (far from scan order), t an md5.
void LoadTable(SqlSession& s) {
  Exec(s, "create table t (id int primary key, k int not null, t text)");
  Exec(s, "insert into t select g, (g * 7919) % 60000, md5(g::text) "
          "from generate_series(1, 60000) g");
}

// Whether this machine lets a build start a worker (one core: never).
bool CanRunWorkers() { return std::thread::hardware_concurrency() >= 2; }

TEST_CASE("a parallel index build gives the serial build's index", "[index][build]") {
  const std::string dir = TempDir();
  {
    auto db = Database::Open(dir);
    REQUIRE(db.ok());
    SqlSession s(db.value().get());
    LoadTable(s);
    for (const std::string mem : {"1MB", "64MB"}) {
      INFO("maintenance_work_mem " << mem);
      Exec(s, "set maintenance_work_mem = '" + mem + "'");
      Exec(s, "set max_parallel_maintenance_workers = 0");
      const int64_t started = IndexBuildWorkersStarted();
      Exec(s, "create index serial_k on t (k) include (t)");
      Exec(s, "create index serial_t on t (t desc, k)");
      CHECK(IndexBuildWorkersStarted() == started);
      Exec(s, "set max_parallel_maintenance_workers = 2");
      Exec(s, "create index parallel_k on t (k) include (t)");
      Exec(s, "create index parallel_t on t (t desc, k)");
      if (CanRunWorkers()) CHECK(IndexBuildWorkersStarted() > started);
      for (const char* index : {"serial_k", "serial_t", "parallel_k", "parallel_t"}) {
        INFO(index);
        CHECK(Scalar(s, std::string("select strata_index_check('") + index + "')") == "t");
      }
      Exec(s, "set enable_seqscan = off");
      const std::string by_k =
          "select string_agg(id::text || ':' || t, ',' order by k) from t where k between 100 and 30000";
      const std::string serial = Scalar(s, by_k);
      Exec(s, "drop index serial_k");
      CHECK(Scalar(s, by_k) == serial);
      CHECK(Scalar(s, "select count(*) from t where k >= 0") == "60000");
      CHECK(Scalar(s, "select count(*) from t where t >= 'f'") ==
            Scalar(s, "select count(*) from t where t || '' >= 'f'"));
      Exec(s, "reset enable_seqscan");
      Exec(s, "drop index parallel_k");
      Exec(s, "drop index serial_t");
      Exec(s, "drop index parallel_t");
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("indexes on expressions, predicates and user types build serially", "[index][build]") {
  const std::string dir = TempDir();
  {
    auto db = Database::Open(dir);
    REQUIRE(db.ok());
    SqlSession s(db.value().get());
    Exec(s, "create type mood as enum ('sad', 'ok', 'happy')");
    Exec(s, "create table m (id int primary key, k int, md mood)");
    Exec(s, "insert into m select g, g % 1000, (array['happy', 'sad', 'ok'])[g % 3 + 1]::mood "
            "from generate_series(1, 60000) g");
    Exec(s, "set max_parallel_maintenance_workers = 2");
    const int64_t started = IndexBuildWorkersStarted();
    Exec(s, "create index m_md on m (md)");
    Exec(s, "create index m_k_inc on m (k) include (md)");
    Exec(s, "create index m_expr on m ((k + 1))");
    Exec(s, "create index m_part on m (k) where id > 10");
    CHECK(IndexBuildWorkersStarted() == started);
    for (const char* index : {"m_md", "m_k_inc", "m_expr", "m_part"}) {
      INFO(index);
      CHECK(Scalar(s, std::string("select strata_index_check('") + index + "')") == "t");
    }
    Exec(s, "set enable_seqscan = off");
    CHECK(Scalar(s, "select count(*) from m where md = 'ok'") == "20000");
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a parallel unique build finds a duplicate wherever it lands", "[index][build]") {
  const std::string dir = TempDir();
  {
    auto db = Database::Open(dir);
    REQUIRE(db.ok());
    SqlSession s(db.value().get());
    LoadTable(s);
    Exec(s, "set max_parallel_maintenance_workers = 2");
    // The second 5 is the last row scanned: read by whichever participant
    // takes the last chunk, long after the first one.
    Exec(s, "update t set k = 5 where id = 60000");
    for (const std::string mem : {"1MB", "64MB"}) {
      INFO("maintenance_work_mem " << mem);
      Exec(s, "set maintenance_work_mem = '" + mem + "'");
      std::string state, message, detail;
      try {
        Exec(s, "create unique index t_k_unique on t (k)");
      } catch (const SqlError& e) {
        state = SqlStateCode(e.fields().sqlstate);
        message = e.fields().message;
        detail = e.fields().detail;
      }
      CHECK(state == "23505");
      CHECK(message == "could not create unique index \"t_k_unique\"");
      CHECK(detail == "Key (k)=(5) is duplicated.");
    }
    Exec(s, "update t set k = 60000 where id = 60000");
    Exec(s, "create unique index t_k_unique on t (k)");
    CHECK(Scalar(s, "select strata_index_check('t_k_unique')") == "t");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace strata::sql

namespace strata::sql {
namespace {

// Keys sharing long prefixes, shorter than a prefix, with zero bytes, and
// many (radix sort) or few (comparison sort).
TEST_CASE("IndexEntryBuffer sorts keys bytewise and finds duplicates", "[index][build]") {
  for (const size_t n : {size_t{100}, size_t{50000}}) {
    INFO("entries " << n);
    IndexEntryBuffer buffer;
    std::vector<std::string> keys;
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < n; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      std::string k;
      switch (x % 4) {
        case 0: k = std::string("\x80\x00\x00", 3) + std::to_string(x % 1000); break;
        case 1: k = "commonprefix-" + std::to_string(x % 100000); break;
        case 2: k = std::string(1, static_cast<char>(x % 256)); break;
        default: k = std::string(static_cast<size_t>(x % 12), '\0') + std::to_string(i); break;
      }
      keys.push_back(k);
      buffer.Add(k, "v" + k);
    }
    buffer.Sort();
    std::vector<std::string> expected = keys;
    std::sort(expected.begin(), expected.end());
    REQUIRE(buffer.size() == expected.size());
    bool same = true;
    for (size_t i = 0; i < n; ++i) {
      same = same && buffer.key(i) == expected[i] && buffer.value(i) == "v" + expected[i];
    }
    CHECK(same);
    const auto dup = std::adjacent_find(expected.begin(), expected.end());
    if (dup == expected.end()) {
      CHECK(buffer.FindDuplicate() == n);
    } else {
      REQUIRE(buffer.FindDuplicate() < n);
      CHECK(buffer.key(buffer.FindDuplicate()) == *dup);
    }
    const std::string probe = "commonprefix-5";
    CHECK(buffer.LowerBound(probe) ==
          static_cast<size_t>(std::lower_bound(expected.begin(), expected.end(), probe) -
                              expected.begin()));
  }
}

}  // namespace
}  // namespace strata::sql
