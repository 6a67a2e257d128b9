// StatCounters: the process-wide activity counters the server keeps (the
// engine's own figures come from storage::Engine::GetStats()): statements
// and their latency histogram, transactions committed / rolled back, rows
// returned / written, connections. The server bumps them
// (server/statement_runner.cpp, session.cpp); pg_stat_database and the
// metrics endpoint (server/server_metrics.h) read them. Lock-free: relaxed
// atomics.
//
// Transactions are counted as PostgreSQL's pg_stat_database does: a COMMIT
// (or a statement outside a block that succeeds) commits one, a ROLLBACK
// (or a failed statement outside a block, or COMMIT of a failed block,
// whose tag is ROLLBACK) rolls one back.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace strata::sql {

struct StatCounters {
  // Upper bounds of the latency buckets, in seconds (le="..." labels).
  static constexpr std::array<double, 12> kLatencyBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.5, 2.5, 10};

  std::atomic<uint64_t> connections_total{0};
  std::atomic<uint64_t> statements_total{0};
  std::atomic<uint64_t> statement_errors_total{0};
  std::array<std::atomic<uint64_t>, kLatencyBuckets.size()> latency_buckets{};
  std::atomic<uint64_t> latency_micros_sum{0};
  std::atomic<uint64_t> xact_commit{0};
  std::atomic<uint64_t> xact_rollback{0};
  std::atomic<uint64_t> rows_returned{0};
  std::atomic<uint64_t> rows_inserted{0};
  std::atomic<uint64_t> rows_updated{0};
  std::atomic<uint64_t> rows_deleted{0};

  void RecordStatement(double seconds, bool error);
  // Counts the rows a command tag reports ("INSERT 0 5", "UPDATE 3", ...).
  void RecordCommandTag(const std::string& tag);
};

StatCounters& GlobalStatCounters();

}  // namespace strata::sql
