// Session: one client connection, from the startup packet to the last byte.
//
// A session is a coroutine on its own strand of the network io_context: the
// startup phase (negotiation, authentication) runs there. The query phase
// runs on a thread of the session's own with blocking reads and writes, as a
// PostgreSQL backend process does, so a slow statement never blocks the
// network threads and a quick one pays no thread hand-off; every message
// already buffered is handled as one batch (StatementRunner) and its replies
// go out in one write. See README.md ("Threads and batching").
// Every exception ends in Run(): protocol errors become FATAL 08P01, a
// shutdown becomes FATAL 57P01; nothing escapes a session.
#pragma once

#include <utility>  // before Asio: Boost 1.74 awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include <memory>
#include <string>

#include "server/server_config.h"
#include "server/session_registry.h"

namespace strata::sql {
class Database;
}

namespace strata::server {

class HbaStore;
class TlsContext;

// What a session needs from the server around it.
struct SessionContext {
  const ServerConfig* config = nullptr;
  SessionRegistry* registry = nullptr;
  boost::asio::thread_pool* workers = nullptr;
  std::string peer;  // for logs: "127.0.0.1:51234" or "[local]"
  sql::Database* database = nullptr;  // shared by every session
  std::string client_addr;  // pg_stat_activity: empty for a Unix-domain socket
  int32_t client_port = -1;
  // The hba rules; null: every connection is trusted (no data directory).
  const HbaStore* hba = nullptr;
  // The server's TLS context when ssl=on and the connection is TCP; null
  // otherwise (SSLRequest is then answered 'N').
  std::shared_ptr<TlsContext> tls;
};

// Runs a session over a connected socket (TCP or Unix-domain) until it ends.
template <typename Socket>
boost::asio::awaitable<void> RunSession(Socket socket, SessionContext context);

}  // namespace strata::server
