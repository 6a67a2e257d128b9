// Session: one client connection, from the startup packet to the last byte.
//
// A session is a coroutine on its own strand of the network io_context. It
// reads and decodes messages there; each query-phase message is handed to
// the worker pool (StatementRunner), so a slow statement never blocks the
// network threads, and the reply is written back from the strand.
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

// What a session needs from the server around it.
struct SessionContext {
  const ServerConfig* config = nullptr;
  SessionRegistry* registry = nullptr;
  boost::asio::thread_pool* workers = nullptr;
  std::string peer;  // for logs: "127.0.0.1:51234" or "[local]"
  sql::Database* database = nullptr;  // shared by every session
};

// Runs a session over a connected socket (TCP or Unix-domain) until it ends.
template <typename Socket>
boost::asio::awaitable<void> RunSession(Socket socket, SessionContext context);

}  // namespace strata::server
