// The /metrics HTTP endpoint (see metrics_http.h).
#include "server/metrics_http.h"

#include <fmt/format.h>

#include <sstream>

#include "common/logging.h"
#include "server/server_metrics.h"

namespace strata::server {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::string Reply(const char* status, const char* content_type, const std::string& body) {
  return fmt::format(
      "HTTP/1.1 {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
      status, content_type, body.size(), body);
}

}  // namespace

MetricsHttpServer::MetricsHttpServer(asio::io_context& io, sql::Database* database)
    : io_(io), database_(database) {}

MetricsHttpServer::~MetricsHttpServer() { Stop(); }

std::string MetricsHttpServer::Respond(const std::string& request_head, sql::Database* database) {
  std::istringstream in(request_head);
  std::string method, target, version;
  in >> method >> target >> version;
  if (version.rfind("HTTP/1.", 0) != 0) {
    return Reply("400 Bad Request", "text/plain; charset=utf-8", "bad request\n");
  }
  const std::string path = target.substr(0, target.find('?'));
  if (path != "/metrics") return Reply("404 Not Found", "text/plain; charset=utf-8", "not found\n");
  if (method != "GET" && method != "HEAD") {
    return Reply("405 Method Not Allowed", "text/plain; charset=utf-8", "use GET\n");
  }
  std::string reply = Reply("200 OK", "text/plain; version=0.0.4; charset=utf-8",
                            RenderPrometheusMetrics(database));
  if (method == "HEAD") reply.resize(reply.find("\r\n\r\n") + 4);
  return reply;
}

std::optional<std::string> MetricsHttpServer::Listen(const std::string& listen_addresses,
                                                     int port) {
  std::stringstream list(listen_addresses);
  std::string host;
  while (std::getline(list, host, ',')) {
    host.erase(0, host.find_first_not_of(" \t"));
    host.erase(host.find_last_not_of(" \t") + 1);
    if (host.empty()) continue;
    std::vector<tcp::endpoint> endpoints;
    if (host == "*") {
      endpoints.emplace_back(tcp::v4(), port);
      endpoints.emplace_back(tcp::v6(), port);
    } else {
      tcp::resolver resolver(io_);
      boost::system::error_code ec;
      auto results = resolver.resolve(host, std::to_string(port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
      if (ec) continue;
      for (const auto& r : results) endpoints.push_back(r.endpoint());
    }
    for (const auto& endpoint : endpoints) {
      auto acceptor = std::make_unique<tcp::acceptor>(io_);
      boost::system::error_code ec;
      acceptor->open(endpoint.protocol(), ec);
      if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
      if (!ec && endpoint.address().is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
      if (!ec) acceptor->bind(endpoint, ec);
      if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
      if (ec) {
        STRATA_LOG_WARNING("could not bind metrics endpoint on \"{}\", port {}: {}",
                           endpoint.address().to_string(), port, ec.message());
        continue;
      }
      STRATA_LOG_INFO("metrics endpoint listening on \"{}\", port {}",
                      endpoint.address().to_string(), port);
      acceptors_.push_back(std::move(acceptor));
    }
  }
  if (acceptors_.empty()) return "could not create any metrics endpoint socket";
  return std::nullopt;
}

void MetricsHttpServer::Start() {
  for (auto& a : acceptors_) asio::co_spawn(io_, Accept(*a), asio::detached);
}

void MetricsHttpServer::Stop() {
  boost::system::error_code ignored;
  for (auto& a : acceptors_) a->close(ignored);
}

asio::awaitable<void> MetricsHttpServer::Accept(tcp::acceptor& acceptor) {
  while (acceptor.is_open()) {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;
    }
    asio::co_spawn(io_, Serve(std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> MetricsHttpServer::Serve(tcp::socket socket) {
  std::string head;
  char buf[1024];
  boost::system::error_code ec;
  // The request head only (a GET has no body); at most 8 KiB.
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
    const size_t n = co_await socket.async_read_some(asio::buffer(buf),
                                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec || n == 0) co_return;
    head.append(buf, n);
  }
  const std::string reply = Respond(head, database_);
  co_await asio::async_write(socket, asio::buffer(reply),
                             asio::redirect_error(asio::use_awaitable, ec));
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
}

}  // namespace strata::server
