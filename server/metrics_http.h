// MetricsHttpServer: Prometheus' scrape endpoint, `GET /metrics` over plain
// HTTP/1.x on its own port (metrics_port; 0 = off, the default), bound to
// the same listen_addresses as the PostgreSQL port. One request per
// connection (Connection: close); other paths get 404, other methods 405.
// Runs as coroutines on the server's io_context; rendering the text
// (server_metrics.h) takes no session locks.
#pragma once

#include <utility>  // before Asio: Boost 1.74 awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::sql {
class Database;
}

namespace strata::server {

class MetricsHttpServer {
 public:
  // LIFETIME: `io` and `database` (may be null) outlive the server.
  MetricsHttpServer(boost::asio::io_context& io, sql::Database* database);
  ~MetricsHttpServer();

  // Binds `port` on every address of the comma-separated `listen_addresses`
  // ('*' = all). Returns an error message when nothing could be bound.
  std::optional<std::string> Listen(const std::string& listen_addresses, int port);
  // Starts accepting (after Listen).
  void Start();
  // Closes the listeners.
  void Stop();

  // The reply to one request's head (exposed for tests): status line,
  // headers, body.
  static std::string Respond(const std::string& request_head, sql::Database* database);

 private:
  boost::asio::awaitable<void> Accept(boost::asio::ip::tcp::acceptor& acceptor);
  boost::asio::awaitable<void> Serve(boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  sql::Database* database_;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::acceptor>> acceptors_;
};

}  // namespace strata::server
