// The process-wide activity counters (see stat_counters.h).
#include "sql/stat_counters.h"

namespace strata::sql {

StatCounters& GlobalStatCounters() {
  static StatCounters counters;
  return counters;
}

void StatCounters::RecordStatement(double seconds, bool error) {
  statements_total.fetch_add(1, std::memory_order_relaxed);
  if (error) statement_errors_total.fetch_add(1, std::memory_order_relaxed);
  latency_micros_sum.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) {
      latency_buckets[i].fetch_add(1, std::memory_order_relaxed);
      break;  // cumulative sums are formed when rendering
    }
  }
}

void StatCounters::RecordCommandTag(const std::string& tag) {
  const size_t space = tag.rfind(' ');
  if (space == std::string::npos) return;
  uint64_t n = 0;
  for (size_t i = space + 1; i < tag.size(); ++i) {
    if (tag[i] < '0' || tag[i] > '9') return;
    n = n * 10 + static_cast<uint64_t>(tag[i] - '0');
  }
  if (tag.rfind("INSERT ", 0) == 0 || tag.rfind("COPY ", 0) == 0) {
    rows_inserted.fetch_add(n, std::memory_order_relaxed);
  } else if (tag.rfind("UPDATE ", 0) == 0) {
    rows_updated.fetch_add(n, std::memory_order_relaxed);
  } else if (tag.rfind("DELETE ", 0) == 0) {
    rows_deleted.fetch_add(n, std::memory_order_relaxed);
  } else if (tag.rfind("SELECT ", 0) == 0 || tag.rfind("FETCH ", 0) == 0) {
    rows_returned.fetch_add(n, std::memory_order_relaxed);
  }
}

}  // namespace strata::sql
