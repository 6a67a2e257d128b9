// stratactl status / checkpoint / compact over libpq (see server_commands.h).
#include "tools/stratactl/server_commands.h"

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "tools/stratactl/progress.h"

namespace strata::tools {

namespace {

struct ConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

Conn Connect(const ConnectionOptions& o) {
  std::vector<const char*> keys, values;
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;  // libpq falls back to PGHOST etc.
    keys.push_back(key);
    values.push_back(value.c_str());
  };
  add("host", o.host);
  add("port", o.port);
  add("user", o.user);
  add("dbname", o.database);
  keys.push_back("application_name");
  values.push_back("stratactl");
  keys.push_back(nullptr);
  values.push_back(nullptr);
  Conn conn(PQconnectdbParams(keys.data(), values.data(), 1));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    std::fprintf(stderr, "stratactl: %s", PQerrorMessage(conn.get()));
    return nullptr;
  }
  return conn;
}

// Runs `sql` with text parameters; nullptr (error printed) on failure.
ResultPtr Exec(PGconn* conn, const std::string& sql, const std::vector<std::string>& params = {}) {
  std::vector<const char*> values;
  for (const auto& p : params) values.push_back(p.c_str());
  ResultPtr r(PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                           values.data(), nullptr, nullptr, 0));
  const ExecStatusType st = PQresultStatus(r.get());
  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
    std::fprintf(stderr, "stratactl: %s", PQerrorMessage(conn));
    return nullptr;
  }
  return r;
}

// Runs a long statement while showing elapsed time (the server reports no
// fraction done, so the bar is a spinner of seconds).
ResultPtr ExecWithProgress(PGconn* conn, const std::string& label, const std::string& sql,
                           const std::vector<std::string>& params) {
  std::atomic<bool> done{false};
  std::thread ticker([&] {
    Progress progress(label, 0);
    const auto start = std::chrono::steady_clock::now();
    int tick = 0;
    while (!done.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (++tick % 10 != 0) continue;  // a line a second
      const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
      progress.Update(0, "running for " + std::to_string(secs) + " s");
    }
  });
  ResultPtr r = Exec(conn, sql, params);
  done.store(true);
  ticker.join();
  return r;
}

}  // namespace

int RunStatus(const ConnectionOptions& options) {
  Conn conn = Connect(options);
  if (!conn) return 2;
  ResultPtr r = Exec(conn.get(),
                     "select version(), current_setting('data_directory'), "
                     "current_setting('port'), current_setting('max_connections')");
  if (!r) return 1;
  std::printf("server:          %s\n", PQgetvalue(r.get(), 0, 0));
  std::printf("data directory:  %s\n", PQgetvalue(r.get(), 0, 1));
  std::printf("port:            %s\n", PQgetvalue(r.get(), 0, 2));
  std::printf("max_connections: %s\n", PQgetvalue(r.get(), 0, 3));
  r = Exec(conn.get(),
           "select coalesce(state, 'unknown'), count(*) from pg_stat_activity group by 1 "
           "order by 1");
  if (!r) return 1;
  std::printf("sessions:       ");
  for (int i = 0; i < PQntuples(r.get()); ++i) {
    std::printf(" %s=%s", PQgetvalue(r.get(), i, 0), PQgetvalue(r.get(), i, 1));
  }
  std::printf("\n");
  r = Exec(conn.get(),
           "select count(*) from pg_settings where pending_restart");
  if (!r) return 1;
  std::printf("pending restart: %s parameter(s)\n", PQgetvalue(r.get(), 0, 0));
  return 0;
}

int RunCheckpoint(const ConnectionOptions& options) {
  Conn conn = Connect(options);
  if (!conn) return 2;
  ResultPtr r = ExecWithProgress(conn.get(), "checkpoint", "select strata_checkpoint()", {});
  if (!r) return 1;
  std::printf("checkpoint complete\n");
  return 0;
}

int RunCompact(const ConnectionOptions& options, const std::string& table) {
  Conn conn = Connect(options);
  if (!conn) return 2;
  ResultPtr r = table.empty()
                    ? ExecWithProgress(conn.get(), "compact", "select strata_compact()", {})
                    : ExecWithProgress(conn.get(), "compact",
                                       "select strata_compact(c.oid) from pg_class c "
                                       "where c.relname = $1 and c.relkind = 'r'",
                                       {table});
  if (!r) return 1;
  if (PQntuples(r.get()) != 1) {
    std::fprintf(stderr, "stratactl: relation \"%s\" does not exist\n", table.c_str());
    return 1;
  }
  std::printf("compacted %s tree(s)\n", PQgetvalue(r.get(), 0, 0));
  return 0;
}

int RunServerQuery(const ConnectionOptions& options, const std::string& label,
                   const std::string& sql, const std::vector<std::string>& params,
                   std::string* value) {
  Conn conn = Connect(options);
  if (!conn) return 2;
  ResultPtr r = ExecWithProgress(conn.get(), label, sql, params);
  if (!r) return 1;
  if (PQntuples(r.get()) == 1 && PQnfields(r.get()) >= 1) *value = PQgetvalue(r.get(), 0, 0);
  return 0;
}

}  // namespace strata::tools
