// Listeners, accept loops, signals and shutdown for stratad (see server.h).
#include "server/server.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <sstream>
#include <thread>

#include "common/logging.h"
#include "server/hba_store.h"
#include "server/metrics_http.h"
#include "server/reload.h"
#include "server/service_notify.h"
#include "server/session.h"
#include "server/tls_context.h"
#include "sql/settings/reload_handler.h"
#include "sql/backend_signals.h"
#include "sql/expr/sql_function.h"

namespace strata::server {

namespace asio = boost::asio;
using asio::ip::tcp;
using local_stream = asio::local::stream_protocol;

namespace {

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

unsigned WorkerThreads() {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max(4u, cores * 2);  // statements may block on disk or locks
}

}  // namespace

Server::Server(ServerConfig config, sql::Database* database)
    : config_(std::move(config)),
      database_(database),
      control_(asio::make_strand(io_)),
      workers_(WorkerThreads()),
      signals_(control_, SIGINT, SIGTERM),
      hangup_(control_, SIGHUP) {
  // pg_cancel_backend / pg_terminate_backend reach sessions through it.
  sql::InstallBackendSignals(&registry_);
  // strata_checkpoint() / strata_compact() (stratactl) work on it.
  sql::InstallAdminDatabase(database_);
  // pg_reload_conf() does what SIGHUP does.
  sql::InstallReloadHandler([this] { ::kill(::getpid(), SIGHUP); });
}

void Server::WaitForHangup() {
  hangup_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec || shutting_down_) return;
    if (loader_ != nullptr) loader_->Reload();
    if (hba_ != nullptr) hba_->Reload();
    WaitForHangup();
  if (metrics_) metrics_->Start();
  });
}

Server::~Server() {
  workers_.join();
  sql::InstallBackendSignals(nullptr);
  sql::InstallReloadHandler(nullptr);
  sql::InstallAdminDatabase(nullptr);
  for (const auto& path : socket_files_) ::unlink(path.c_str());
}

std::optional<std::string> Server::ListenTcp() {
  std::vector<std::string> hosts = SplitList(config_.listen_addresses);
  for (const auto& host : hosts) {
    std::vector<tcp::endpoint> endpoints;
    if (host == "*") {
      endpoints.emplace_back(tcp::v4(), config_.port);
      endpoints.emplace_back(tcp::v6(), config_.port);
    } else {
      tcp::resolver resolver(io_);
      boost::system::error_code ec;
      auto results = resolver.resolve(host, std::to_string(config_.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
      if (ec) {
        STRATA_LOG_WARNING("could not resolve \"{}\": {}", host, ec.message());
        continue;
      }
      for (const auto& r : results) {
        if (std::find(endpoints.begin(), endpoints.end(), r.endpoint()) == endpoints.end()) {
          endpoints.push_back(r.endpoint());
        }
      }
    }
    for (const auto& endpoint : endpoints) {
      auto acceptor = std::make_unique<tcp::acceptor>(control_);
      boost::system::error_code ec;
      acceptor->open(endpoint.protocol(), ec);
      if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
      if (!ec && endpoint.address().is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
      if (!ec) acceptor->bind(endpoint, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      const char* family = endpoint.address().is_v6() ? "IPv6" : "IPv4";
      if (ec) {
        STRATA_LOG_WARNING("could not bind {} address \"{}\", port {}: {}", family,
                           endpoint.address().to_string(), config_.port, ec.message());
        continue;
      }
      STRATA_LOG_INFO("listening on {} address \"{}\", port {}", family,
                      endpoint.address().to_string(), config_.port);
      tcp_acceptors_.push_back(std::move(acceptor));
    }
  }
  if (!hosts.empty() && tcp_acceptors_.empty()) {
    return "could not create any TCP/IP sockets";
  }
  return std::nullopt;
}

std::optional<std::string> Server::ListenUnix() {
  for (const auto& dir : SplitList(config_.unix_socket_directories)) {
    std::string path = dir + "/.s.PGSQL." + std::to_string(config_.port);
    // A socket file left by a crashed server is removed; one a live server
    // still answers on is not ours to take.
    if (::access(path.c_str(), F_OK) == 0) {
      local_stream::socket probe(io_);
      boost::system::error_code ec;
      probe.connect(local_stream::endpoint(path), ec);
      if (!ec) {
        return "could not create Unix-domain socket \"" + path +
               "\": another server is already listening on it";
      }
      ::unlink(path.c_str());
    }
    auto acceptor = std::make_unique<local_stream::acceptor>(control_);
    boost::system::error_code ec;
    acceptor->open(local_stream(), ec);
    if (!ec) acceptor->bind(local_stream::endpoint(path), ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return "could not create Unix-domain socket \"" + path + "\": " + ec.message();
    }
    ::chmod(path.c_str(), 0777);
    socket_files_.push_back(path);
    STRATA_LOG_INFO("listening on Unix socket \"{}\"", path);
    unix_acceptors_.push_back(std::move(acceptor));
  }
  return std::nullopt;
}

std::optional<std::string> Server::Listen() {
  if (auto err = ListenUnix()) return err;
  if (auto err = ListenTcp()) return err;
  if (tcp_acceptors_.empty() && unix_acceptors_.empty()) {
    return "no socket created for listening";
  }
  if (config_.metrics_port != 0) {
    metrics_ = std::make_unique<MetricsHttpServer>(io_, database_);
    if (auto err = metrics_->Listen(config_.listen_addresses, config_.metrics_port)) return err;
  }
  return std::nullopt;
}

asio::awaitable<void> Server::AcceptTcp(tcp::acceptor& acceptor) {
  while (!shutting_down_) {
    boost::system::error_code ec;
    tcp::socket socket(asio::make_strand(io_));
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (shutting_down_ || ec == asio::error::operation_aborted) co_return;
      STRATA_LOG_WARNING("accept failed: {}", ec.message());
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    SessionContext context{&config_, &registry_, &workers_, "", database_, "", -1, hba_, nullptr};
    auto remote = socket.remote_endpoint(ec);
    context.peer = ec ? "unknown" : remote.address().to_string() + ":" + std::to_string(remote.port());
    if (!ec) {
      context.client_addr = remote.address().to_string();
      context.client_port = remote.port();
    }
    // Unix-domain connections never get TLS, as in PostgreSQL.
    context.tls = tls_;
    auto executor = socket.get_executor();
    asio::co_spawn(executor, RunSession(std::move(socket), std::move(context)), asio::detached);
  }
}

asio::awaitable<void> Server::AcceptLocal(local_stream::acceptor& acceptor) {
  while (!shutting_down_) {
    boost::system::error_code ec;
    local_stream::socket socket(asio::make_strand(io_));
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (shutting_down_ || ec == asio::error::operation_aborted) co_return;
      STRATA_LOG_WARNING("accept failed: {}", ec.message());
      continue;
    }
    SessionContext context{&config_, &registry_, &workers_, "[local]", database_, "", -1, hba_, nullptr};
    auto executor = socket.get_executor();
    asio::co_spawn(executor, RunSession(std::move(socket), std::move(context)), asio::detached);
  }
}

void Server::Shutdown(const char* reason) {
  if (shutting_down_) return;
  shutting_down_ = true;
  STRATA_LOG_INFO("received {} request", reason);
  if (auto err = NotifyServiceManager("STOPPING=1\nSTATUS=shutting down")) {
    STRATA_LOG_WARNING("{}", *err);
  }
  boost::system::error_code ignored;
  for (auto& a : tcp_acceptors_) a->close(ignored);
  for (auto& a : unix_acceptors_) a->close(ignored);
  hangup_.cancel(ignored);
  if (metrics_) metrics_->Stop();
  for (const auto& path : socket_files_) ::unlink(path.c_str());
  socket_files_.clear();
  registry_.TerminateAll();
  // Sessions end asynchronously; stop the loop when the last one is gone.
  registry_.OnEmpty([this] { asio::post(io_, [this] { io_.stop(); }); });
}

int Server::Run() {
  std::signal(SIGPIPE, SIG_IGN);
  signals_.async_wait([this](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    Shutdown(signo == SIGINT ? "fast shutdown" : "smart shutdown");
  });
  WaitForHangup();
  if (metrics_) metrics_->Start();
  for (auto& a : tcp_acceptors_) asio::co_spawn(control_, AcceptTcp(*a), asio::detached);
  for (auto& a : unix_acceptors_) asio::co_spawn(control_, AcceptLocal(*a), asio::detached);
  STRATA_LOG_INFO("database system is ready to accept connections");
  // Type=notify services start when this arrives (service_notify.h).
  if (auto err = NotifyServiceManager("READY=1\nSTATUS=ready to accept connections")) {
    STRATA_LOG_WARNING("{}", *err);
  }

  // Sessions' query threads run outside io_ (session.h) and post to it when
  // they end: io_ must keep running, with or without pending operations,
  // until Shutdown() stops it once the last session has unregistered.
  auto keep_running = asio::make_work_guard(io_);
  // Two network threads: accepting, startup and sessions' endings are cheap.
  std::thread second([this] { io_.run(); });
  io_.run();
  second.join();
  workers_.join();
  STRATA_LOG_INFO("database system is shut down");
  return 0;
}

}  // namespace strata::server
