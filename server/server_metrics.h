// The Prometheus rendering of the server's counters (sql/stat_counters.h)
// and the engine's figures, for the metrics endpoint (metrics_http.h).
#pragma once

#include <string>

#include "sql/stat_counters.h"

namespace strata::sql {
class Database;
}

namespace strata::server {

using ServerMetrics = sql::StatCounters;
inline ServerMetrics& Metrics() { return sql::GlobalStatCounters(); }

// The Prometheus text exposition (format 0.0.4) of everything: the counters, sessions by state (pg_stat_activity), and the engine's figures per
// tree and level. `database` may be null (engine figures left out).
std::string RenderPrometheusMetrics(sql::Database* database);

}  // namespace strata::server
