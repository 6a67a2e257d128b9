// Per-table statistics (sql/table_stats.h): PostgreSQL's end-of-transaction
// rules on a TableStats of our own, then the counters a known workload
// leaves in pg_stat_user_tables / pg_stat_user_indexes over a real Database.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/database.h"
#include "temp_database.h"
#include "sql/saved_statistics.h"
#include "sql/stat_counters.h"
#include "sql/table_stats.h"
#include "storage/engine.h"
#include "sql_test_util.h"

namespace strata::sql {
namespace {

TEST_CASE("table stats: committed and rolled-back writes", "[table_stats]") {
  TableStats stats;
  std::unordered_map<Oid, TxnTableCounts> txn;
  txn[1] = TxnTableCounts{10, 3, 1, false};
  stats.ApplyTransaction(txn, /*committed=*/true);
  std::unordered_map<Oid, TxnTableCounts> aborted;
  aborted[1] = TxnTableCounts{2, 1, 0, false};
  stats.ApplyTransaction(aborted, /*committed=*/false);
  auto t = stats.Table(1);
  REQUIRE(t.has_value());
  CHECK(t->tup_ins == 12);
  CHECK(t->tup_upd == 4);
  CHECK(t->tup_del == 1);
  CHECK(t->live_tup == 9);                  // 10 - 1; the aborted rows never lived
  CHECK(t->dead_tup == 4 + 3);              // committed upd + del, aborted ins + upd
  CHECK(t->mod_since_analyze == 14);        // committed only
  CHECK(t->ins_since_vacuum == 12);         // aborted inserts count too

  stats.ReportAnalyze(1, 9, /*autoanalyze=*/false, 1000);
  t = stats.Table(1);
  CHECK(t->mod_since_analyze == 0);
  CHECK(t->analyze_count == 1);
  CHECK(t->last_analyze == 1000);
  CHECK(t->dead_tup == 7);
  stats.ReportVacuum(1, 2000);
  t = stats.Table(1);
  CHECK(t->dead_tup == 0);
  CHECK(t->ins_since_vacuum == 0);
  CHECK(t->vacuum_count == 1);
  CHECK(t->live_tup == 9);

  std::unordered_map<Oid, TxnTableCounts> truncate;
  truncate[1] = TxnTableCounts{2, 0, 0, true};
  stats.ApplyTransaction(truncate, true);
  CHECK(stats.Table(1)->live_tup == 2);
  CHECK(stats.Table(1)->ins_since_vacuum == 2);

  stats.AddIndexScan(5, IndexStatCounts{1, 2, 2, 0, 0});
  stats.ResetOne(1);
  CHECK_FALSE(stats.Table(1).has_value());
  CHECK(stats.Index(5).has_value());
  stats.ResetAll();
  CHECK_FALSE(stats.Index(5).has_value());
}

using testing::TempDatabase;

void Exec(SqlSession& session, const std::string& query) {
  for (auto& statement : session.Parse(query)) session.Execute(*statement);
}

std::string Row1(SqlSession& session, const std::string& query) {
  auto statements = session.Parse(query);
  REQUIRE(statements.size() == 1);
  StatementResult r = session.Execute(*statements[0]);
  REQUIRE(r.rows.size() == 1);
  std::string out;
  for (const auto& v : r.rows[0]) {
    if (!out.empty()) out += "|";
    out += v ? *v : "<NULL>";
  }
  return out;
}

TEST_CASE("table stats: a workload's counters in the views", "[table_stats]") {
  TempDatabase db;
  SqlSession session(db.get());
  Exec(session, "create table t (a int4 primary key, b int4)");
  Exec(session, "create index t_b on t (b)");
  Exec(session, "create table h (x int4)");
  Exec(session, "select pg_stat_reset()");
  Exec(session, "insert into t select g, g from generate_series(1, 10) g");
  Exec(session, "update t set b = b + 100 where a <= 3");  // range on the primary key
  Exec(session, "delete from t where a = 10");             // one primary-key lookup
  Exec(session, "begin");
  Exec(session, "insert into t values (100, 1)");
  Exec(session, "rollback");
  Exec(session, "select * from t");                        // a sequential scan: 9 rows
  Exec(session, "select * from t where b = 5");            // through t_b: 1 row
  Exec(session, "insert into h values (1), (2)");
  Exec(session, "select * from h");

  const std::string cols =
      "seq_scan, seq_tup_read, idx_scan, idx_tup_fetch, n_tup_ins, n_tup_upd, n_tup_del, "
      "n_tup_hot_upd, n_live_tup, n_dead_tup, n_mod_since_analyze, n_ins_since_vacuum, "
      "analyze_count, last_analyze is null";
  CHECK(Row1(session, "select " + cols + " from pg_stat_user_tables where relname = 't'") ==
        "1|9|3|5|11|3|1|0|9|5|14|11|0|t");
  CHECK(Row1(session, "select " + cols + " from pg_stat_user_tables where relname = 'h'") ==
        "1|2|<NULL>|<NULL>|2|0|0|0|2|0|2|2|0|t");
  CHECK(Row1(session, "select idx_scan, idx_tup_read, idx_tup_fetch from pg_stat_user_indexes "
                      "where indexrelname = 't_pkey'") == "2|4|4");
  CHECK(Row1(session, "select idx_scan, idx_tup_read, idx_tup_fetch from pg_stat_user_indexes "
                      "where indexrelname = 't_b'") == "1|1|1");
  CHECK(Row1(session, "select toast_blks_read, idx_blks_read is null from pg_statio_user_tables "
                      "where relname = 'h'") == "<NULL>|t");

  Exec(session, "analyze t");
  CHECK(Row1(session, "select n_live_tup, n_mod_since_analyze, analyze_count, "
                      "last_analyze is not null from pg_stat_user_tables where relname = 't'") ==
        "9|0|1|t");
  Exec(session, "vacuum t");
  CHECK(Row1(session, "select n_dead_tup, n_ins_since_vacuum, vacuum_count, "
                      "last_vacuum is not null from pg_stat_user_tables where relname = 't'") ==
        "0|0|1|t");

  // Blocks: once the rows are in SSTables, a scan reads or hits blocks.
  REQUIRE(db.get()->engine()->Flush().ok());
  Exec(session, "select * from t");
  CHECK(Row1(session, "select heap_blks_read + heap_blks_hit > 0 from pg_statio_user_tables "
                      "where relname = 't'") == "t");

  Exec(session, "select pg_stat_reset_single_table_counters('t'::regclass)");
  CHECK(Row1(session, "select seq_scan, n_tup_ins from pg_stat_user_tables "
                      "where relname = 't'") == "0|0");
  CHECK(Row1(session, "select n_tup_ins from pg_stat_user_tables where relname = 'h'") == "2");
}

}  // namespace
}  // namespace strata::sql

namespace strata::sql {
namespace {

TEST_CASE("saved statistics: round trip and damaged files", "[table_stats]") {
  const std::string original = EncodeStatistics();  // put back at the end
  GlobalTableStats().ResetAll();
  GlobalTableStats().AddTableScan(4242, 3, 30, 2, 5);
  IndexStatCounts ix;
  ix.idx_scan = 7;
  ix.idx_tup_fetch = 9;
  GlobalTableStats().AddIndexScan(4243, ix);
  GlobalStatCounters().xact_commit.store(123);
  const std::string saved = EncodeStatistics();

  GlobalTableStats().ResetAll();
  GlobalStatCounters().xact_commit.store(0);
  REQUIRE(DecodeStatistics(saved).ok());
  auto t = GlobalTableStats().Table(4242);
  REQUIRE(t.has_value());
  CHECK(t->seq_scan == 3);
  CHECK(t->seq_tup_read == 30);
  CHECK(t->blks_hit == 5);
  auto i = GlobalTableStats().Index(4243);
  REQUIRE(i.has_value());
  CHECK(i->idx_scan == 7);
  CHECK(i->idx_tup_fetch == 9);
  CHECK(GlobalStatCounters().xact_commit.load() == 123);

  // Damage anywhere (a flipped byte, a cut, an extra byte) is refused and
  // changes nothing.
  GlobalTableStats().ResetAll();
  for (size_t at : {size_t{0}, size_t{9}, saved.size() / 2, saved.size() - 1}) {
    std::string bad = saved;
    bad[at] = static_cast<char>(bad[at] ^ 0x40);
    CHECK(DecodeStatistics(bad).IsCorruption());
  }
  CHECK(DecodeStatistics(saved.substr(0, saved.size() - 9)).IsCorruption());
  CHECK(DecodeStatistics(saved + "x").IsCorruption());
  CHECK(DecodeStatistics("").IsCorruption());
  CHECK_FALSE(GlobalTableStats().Table(4242).has_value());

  REQUIRE(DecodeStatistics(original).ok());
}

}  // namespace
}  // namespace strata::sql
