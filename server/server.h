// Server: stratad's runtime. Owns the network io_context (a small thread
// pool), the worker pool that runs statements, the TCP and Unix-domain
// listeners, and signal handling.
//
// Shutdown (SIGINT or SIGTERM): stop accepting, end every session with FATAL
// 57P01, wait for them to finish, remove the Unix socket file, exit 0.
// SIGHUP (and pg_reload_conf()) reloads the configuration (reload.h) on the
// control strand.
#pragma once

#include <utility>  // before Asio: Boost 1.74 awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/server_config.h"
#include "server/session_registry.h"

namespace strata::sql {
class Database;
}

namespace strata::server {

class ConfigLoader;
class HbaStore;
class MetricsHttpServer;
class TlsContext;

class Server {
 public:
  // LIFETIME: `database` (may be null) outlives the server.
  explicit Server(ServerConfig config, sql::Database* database = nullptr);
  ~Server();

  // Binds every listener. Returns an error message when none could be bound
  // or the Unix socket is in use by another server.
  std::optional<std::string> Listen();
  // Serves until shutdown; returns the process exit code.
  int Run();
  // LIFETIME: `loader` outlives the server. Without one SIGHUP only logs.
  void set_config_loader(ConfigLoader* loader) { loader_ = loader; }
  // LIFETIME: `hba` outlives the server. Without one every connection is
  // trusted; with one SIGHUP re-reads it after the configuration file.
  void set_hba_store(HbaStore* hba) { hba_ = hba; }
  // With ssl=on: TCP connections may ask for TLS (SSLRequest answered 'S').
  void set_tls(std::shared_ptr<TlsContext> tls) { tls_ = std::move(tls); }

 private:
  boost::asio::awaitable<void> AcceptTcp(boost::asio::ip::tcp::acceptor& acceptor);
  boost::asio::awaitable<void> AcceptLocal(boost::asio::local::stream_protocol::acceptor& acceptor);
  std::optional<std::string> ListenTcp();
  std::optional<std::string> ListenUnix();
  void Shutdown(const char* reason);
  void WaitForHangup();

  ServerConfig config_;
  sql::Database* database_;
  boost::asio::io_context io_;
  // Listeners and signals live on one strand, so shutdown can close them safely.
  boost::asio::strand<boost::asio::io_context::executor_type> control_;
  boost::asio::thread_pool workers_;
  SessionRegistry registry_;
  std::vector<std::unique_ptr<boost::asio::ip::tcp::acceptor>> tcp_acceptors_;
  std::vector<std::unique_ptr<boost::asio::local::stream_protocol::acceptor>> unix_acceptors_;
  std::vector<std::string> socket_files_;
  boost::asio::signal_set signals_;
  boost::asio::signal_set hangup_;
  ConfigLoader* loader_ = nullptr;
  HbaStore* hba_ = nullptr;
  std::shared_ptr<TlsContext> tls_;  // null when ssl=off
  std::unique_ptr<MetricsHttpServer> metrics_;  // when metrics_port != 0
  std::atomic<bool> shutting_down_{false};
};

}  // namespace strata::server
