// The per-connection coroutine: startup, authentication, query loop, shutdown.
#include "sql/backend_status.h"
#include "sql/commands/role_settings.h"
#include "sql/database.h"
#include "sql/system_relations/role_lookup.h"
#include "sql/types/datetime_context.h"
#include "server/session.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cerrno>
#include <exception>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/logging.h"
#include "protocol/messages.h"
#include "server/client_authentication.h"
#include "server/scram_auth.h"
#include "server/server_metrics.h"
#include "server/startup_options.h"
#include "server/statement_runner.h"
#include "server/tls_connection.h"
#include "server/tls_context.h"

namespace strata::server {

namespace asio = boost::asio;

namespace {

constexpr const char* kServerVersion = "15.0 (StrataDB " STRATA_VERSION_STRING ")";

std::string LowerCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

SqlErrorFields Fatal(SqlState state, std::string message) {
  SqlErrorFields f;
  f.severity = ErrorSeverity::kFatal;
  f.sqlstate = state;
  f.message = std::move(message);
  return f;
}

int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int32_t RandomKey() {
  static thread_local std::mt19937 gen{std::random_device{}()};
  return static_cast<int32_t>(gen() & 0x7fffffff);
}

// Normalises a client_encoding request; nullopt when unsupported.
std::optional<std::string> NormaliseClientEncoding(const std::string& requested) {
  std::string key;
  for (char c : requested) {
    if (c != '-' && c != '_') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (key == "utf8" || key == "unicode") return "UTF8";
  if (key == "sqlascii") return "SQL_ASCII";
  return std::nullopt;
}

template <typename Socket>
class SessionImpl : public std::enable_shared_from_this<SessionImpl<Socket>> {
 public:
  SessionImpl(Socket socket, SessionContext context)
      : socket_(std::move(socket)),
        context_(std::move(context)),
        decoder_(static_cast<uint32_t>(context_.config->max_message_size)),
        runner_(context_.database) {}

  asio::awaitable<void> Run() {
    // co_await is not allowed inside a catch block: remember the goodbye
    // message there and send it after.
    std::string goodbye;
    try {
      if (co_await Startup()) co_await QueryLoop();
    } catch (const protocol::ProtocolError& e) {
      STRATA_LOG_INFO("connection from {} closed: protocol violation: {}", context_.peer, e.message);
      goodbye = Reply(Fatal(SqlState::kProtocolViolation, e.message));
    } catch (const boost::system::system_error& e) {
      if (terminating_) {
        goodbye = Reply(Fatal(SqlState::kAdminShutdown,
                              "terminating connection due to administrator command"));
      } else if (e.code() != asio::error::eof && e.code() != asio::error::connection_reset) {
        STRATA_LOG_DEBUG("connection from {} ended: {}", context_.peer, e.what());
      }
    }
    if (!goodbye.empty()) co_await TryWrite(goodbye);
    if (tls_) tls_->Shutdown();  // close_notify, as PostgreSQL's be_tls_close
    boost::system::error_code ignored;
    socket_.shutdown(Socket::shutdown_both, ignored);
    socket_.close(ignored);
    if (pid_ != 0) {
      ScopedLogSession scope(&log_session_);
      if (log_disconnections_) {
        const int64_t ms = (NowMicros() - log_session_.start_us) / 1000;
        STRATA_LOG_INFO(
            "disconnection: session time: {}:{:02d}:{:02d}.{:03d} user={} database={} host={}{}",
            ms / 3600000, static_cast<int>(ms / 60000 % 60), static_cast<int>(ms / 1000 % 60),
            static_cast<int>(ms % 1000), log_session_.user, log_session_.database,
            log_session_.remote_host,
            log_session_.remote_port >= 0 ? " port=" + std::to_string(log_session_.remote_port)
                                          : std::string());
      }
      STRATA_LOG_DEBUG("session {} from {} ended", pid_, context_.peer);
      context_.registry->Unregister(pid_);
      sql::UnregisterBackendStatus(pid_);
    }
  }

 private:
  // True once the TLS handshake is done: what hostssl / hostnossl rules test.
  bool encrypted() const { return tls_ != nullptr; }

  static std::string Reply(const SqlErrorFields& error) {
    std::string out;
    protocol::AppendErrorResponse(&out, error);
    return out;
  }

  // Reads until the decoder yields something via `next`.
  template <typename T, typename Next>
  asio::awaitable<T> ReadUntil(Next next) {
    while (true) {
      if (auto item = next()) co_return std::move(*item);
      // A terminate request that ran on this strand while no read was pending
      // had nothing to cancel; it left the flag. Checking it in the same
      // handler that starts the read leaves no window between the two.
      if (terminating_) throw boost::system::system_error(asio::error::operation_aborted);
      size_t n = co_await ReadSome();
      decoder_.Append(read_buffer_.data(), n);
    }
  }

  // Waits until the TLS step can go on (the descriptor is non-blocking
  // while the strand owns it); throws on a closed or failed connection.
  asio::awaitable<void> AwaitTls(const TlsConnection::Step& step) {
    switch (step.status) {
      case TlsConnection::Status::kWantRead:
        co_await socket_.async_wait(Socket::wait_read, asio::use_awaitable);
        co_return;
      case TlsConnection::Status::kWantWrite:
        co_await socket_.async_wait(Socket::wait_write, asio::use_awaitable);
        co_return;
      case TlsConnection::Status::kClosed:
        throw boost::system::system_error(asio::error::eof);
      case TlsConnection::Status::kError:
        STRATA_LOG_DEBUG("connection from {}: SSL error: {}", context_.peer, tls_->error());
        throw boost::system::system_error(asio::error::connection_reset);
      case TlsConnection::Status::kDone:
        co_return;
    }
  }

  // Some bytes from the client into read_buffer_, decrypted when TLS is on.
  asio::awaitable<size_t> ReadSome() {
    if (!tls_) {
      co_return co_await socket_.async_read_some(asio::buffer(read_buffer_), asio::use_awaitable);
    }
    while (true) {
      const TlsConnection::Step step = tls_->Read(read_buffer_.data(), read_buffer_.size());
      if (step.status == TlsConnection::Status::kDone) co_return step.bytes;
      co_await AwaitTls(step);
    }
  }

  asio::awaitable<void> Write(const std::string& bytes) {
    if (!tls_) {
      co_await asio::async_write(socket_, asio::buffer(bytes), asio::use_awaitable);
      co_return;
    }
    size_t done = 0;
    while (done < bytes.size()) {
      const TlsConnection::Step step = tls_->Write(bytes.data() + done, bytes.size() - done);
      if (step.status == TlsConnection::Status::kDone) {
        done += step.bytes;
      } else {
        co_await AwaitTls(step);
      }
    }
  }

  // Best effort, for goodbye messages: the peer may already be gone.
  asio::awaitable<void> TryWrite(const std::string& bytes) {
    if (tls_) {
      try {
        co_await Write(bytes);
      } catch (const boost::system::system_error&) {
      }
      co_return;
    }
    boost::system::error_code ec;
    co_await asio::async_write(socket_, asio::buffer(bytes),
                               asio::redirect_error(asio::use_awaitable, ec));
  }

  // The TLS handshake after an 'S' answer. The descriptor is made
  // non-blocking so OpenSSL's reads and writes come back to the coroutine.
  asio::awaitable<void> StartTls() {
    socket_.native_non_blocking(true);
    tls_ = std::make_unique<TlsConnection>(context_.tls, socket_.native_handle());
    if (!tls_->ok()) {
      STRATA_LOG_INFO("could not initialize SSL connection from {}", context_.peer);
      tls_.reset();
      throw boost::system::system_error(asio::error::connection_reset);
    }
    while (true) {
      const TlsConnection::Step step = tls_->Accept();
      if (step.status == TlsConnection::Status::kDone) break;
      if (step.status == TlsConnection::Status::kError ||
          step.status == TlsConnection::Status::kClosed) {
        // PostgreSQL logs the reason and closes without a message.
        STRATA_LOG_INFO("could not accept SSL connection: {}",
                        step.status == TlsConnection::Status::kClosed
                            ? std::string("EOF detected")
                            : tls_->error());
        tls_.reset();
        throw boost::system::system_error(asio::error::eof);
      }
      co_await AwaitTls(step);
    }
  }

  enum class ExchangeResult { kOk, kWrongPassword, kAborted };

  // Sends a FATAL that ends an authentication exchange.
  asio::awaitable<void> SendAuthError(SqlState state, std::string message, std::string detail) {
    SqlErrorFields f = Fatal(state, std::move(message));
    f.detail = std::move(detail);
    co_await Write(Reply(f));
  }

  // The client's next message, which must be a password message ('p').
  asio::awaitable<protocol::FrontendMessage> NextPasswordMessage(const char* expected) {
    auto message =
        co_await ReadUntil<protocol::FrontendMessage>([&] { return decoder_.NextMessage(); });
    if (message.type != 'p') {
      throw protocol::ProtocolError{std::string("expected ") + expected +
                                    " response, got message type " +
                                    std::to_string(static_cast<unsigned char>(message.type))};
    }
    co_return message;
  }

  // SCRAM-SHA-256 against `verifier` (scram_auth.h). kAborted after telling
  // the client why (08P01 for a broken exchange); kWrongPassword when the
  // proof does not match (the caller reports it).
  asio::awaitable<ExchangeResult> AuthenticateScram(const std::string& verifier) {
    ScramExchange exchange(verifier);
    std::string out;
    protocol::AppendAuthenticationSasl(&out, "SCRAM-SHA-256");
    co_await Write(out);
    const protocol::SaslInitialResponse initial =
        protocol::ParseSaslInitialResponse(co_await NextPasswordMessage("SASL"));
    if (initial.mechanism != "SCRAM-SHA-256") {
      co_await SendAuthError(SqlState::kProtocolViolation,
                             "client selected an invalid SASL authentication mechanism", "");
      co_return ExchangeResult::kAborted;
    }
    std::string reply, error;
    if (!exchange.ClientFirst(initial.data, &reply, &error)) {
      co_await SendAuthError(SqlState::kProtocolViolation, "malformed SCRAM message", error);
      co_return ExchangeResult::kAborted;
    }
    out.clear();
    protocol::AppendAuthenticationSaslContinue(&out, reply);
    co_await Write(out);
    const protocol::FrontendMessage final_message = co_await NextPasswordMessage("SASL");
    if (!exchange.ClientFinal(protocol::SaslResponseData(final_message), &reply, &error)) {
      if (!error.empty()) {
        co_await SendAuthError(SqlState::kProtocolViolation, "malformed SCRAM message", error);
        co_return ExchangeResult::kAborted;
      }
      co_return ExchangeResult::kWrongPassword;
    }
    out.clear();
    protocol::AppendAuthenticationSaslFinal(&out, reply);
    co_await Write(out);
    co_return ExchangeResult::kOk;
  }

  // AuthenticationCleartextPassword, then the client's password.
  asio::awaitable<std::string> RequestCleartextPassword() {
    std::string out;
    protocol::AppendAuthenticationCleartextPassword(&out);
    co_await Write(out);
    co_return protocol::ParsePasswordMessage(co_await NextPasswordMessage("password"));
  }

  // 28P01 after a short pause (as contrib's auth_delay, so guessing is
  // slow), logged with why it failed and the hba line, as PostgreSQL logs it.
  asio::awaitable<bool> PasswordFailed(const std::string& user, const std::string& why,
                                       const std::string& matched_line) {
    const SqlErrorFields error = PasswordFailedError(user);
    {
      std::string detail = why;
      if (!matched_line.empty()) detail += (detail.empty() ? "" : "\n") + matched_line;
      LogRecord record;
      record.level = LogLevel::kFatal;
      record.message = error.message;
      record.sqlstate = SqlStateCode(error.sqlstate);
      record.detail = detail;
      ScopedLogSession scope(&log_session_);
      EmitLog(record);
    }
    asio::steady_timer delay(socket_.get_executor(), kFailedLoginDelay);
    boost::system::error_code ignored;
    co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    co_await Write(Reply(error));
    co_return false;
  }

  // Finds the database a login names and binds the session to it; the FATAL
  // PostgreSQL's InitPostgres / CheckMyDatabase sends otherwise: 3D000 for
  // none, 55000 for one that does not accept connections, 53300 past its
  // connection limit (superusers exempt; this session is registered
  // already, so it counts itself).
  std::optional<SqlErrorFields> ResolveDatabase(const std::string& name) {
    std::shared_ptr<const catalog::CatalogSnapshot> cat = context_.database->catalog()->Current();
    const catalog::DatabaseDesc* desc = cat->FindDatabase(name);
    if (desc == nullptr) {
      return Fatal(SqlState::kUndefinedDatabase, "database \"" + name + "\" does not exist");
    }
    sql::Database* db = desc->allow_connections ? context_.database->Find(desc->oid) : nullptr;
    if (db == nullptr) {
      return Fatal(SqlState::kObjectNotInPrerequisiteState,
                   "database \"" + name + "\" is not currently accepting connections");
    }
    const catalog::RoleDesc* role = sql::FindRoleByName(*cat, log_session_.user);
    const bool superuser = role != nullptr && role->superuser;
    if (desc->connection_limit >= 0 && !superuser) {
      int64_t n = 0;
      for (const sql::BackendActivity& a : sql::ListBackendActivity()) n += a.datname == name;
      if (n > desc->connection_limit) {
        return Fatal(SqlState::kTooManyConnections,
                     "too many connections for database \"" + name + "\"");
      }
    }
    runner_.UseDatabase(db);
    // ALTER ROLE / DATABASE ... SET, under what the client asked for. A
    // stored value that no longer applies is skipped with a log line (the
    // server's WARNING).
    if (role != nullptr) {
      for (const auto& [param, value] : sql::LoginSettings(*cat, desc->oid, role->oid)) {
        if (std::find(client_parameters_.begin(), client_parameters_.end(), LowerCase(param)) !=
            client_parameters_.end()) {
          continue;
        }
        try {
          runner_.InitParameter(param, value);
        } catch (const SqlError& e) {
          STRATA_LOG_WARNING("setting {} of role {} / database {} not applied: {}", param,
                             role->name, name, e.what());
        }
      }
    }
    return std::nullopt;
  }

  // A FATAL of InitializeSessionUserId's checks: logged, and sent after
  // AuthenticationOk as PostgreSQL sends it (authentication succeeded).
  asio::awaitable<void> FatalAfterAuthentication(const SqlErrorFields& error) {
    LogRecord record;
    record.level = LogLevel::kFatal;
    record.message = error.message;
    record.sqlstate = SqlStateCode(error.sqlstate);
    {
      ScopedLogSession scope(&log_session_);
      EmitLog(record);
    }
    std::string out;
    protocol::AppendAuthenticationOk(&out);
    out += Reply(error);
    co_await Write(out);
  }

  // The server-wide `password` setting (before roles had passwords): when
  // set, every login gives it, whatever the user, and the hba rules and
  // role passwords are not consulted.
  asio::awaitable<bool> AuthenticateWithPasswordSetting(const std::string& user) {
    const std::string& password = context_.config->password;
    if (IsScramVerifier(password)) {
      const ExchangeResult r = co_await AuthenticateScram(password);
      if (r == ExchangeResult::kWrongPassword) co_return co_await PasswordFailed(user, "", "");
      co_return r == ExchangeResult::kOk;
    }
    if (co_await RequestCleartextPassword() != password) {
      co_return co_await PasswordFailed(user, "", "");
    }
    co_return true;
  }

  // ClientAuthentication (client_authentication.h): the hba rules, then the
  // method's exchange against the role's stored password. False after
  // telling the client why.
  asio::awaitable<bool> Authenticate(const std::string& user, const std::string& database) {
    if (!context_.config->password.empty()) co_return co_await AuthenticateWithPasswordSetting(user);
    HbaConnection connection;
    connection.local = context_.client_addr.empty();
    connection.client_address = context_.client_addr;
    connection.ssl = encrypted();  // hostssl / hostnossl rules
    connection.user = user;
    connection.database = database;
    const AuthPlan plan = PlanAuthentication(context_.hba, context_.database, connection);
    switch (plan.exchange) {
      case AuthExchange::kRefuse: {
        LogRecord record;
        record.level = LogLevel::kFatal;
        record.message = plan.error.message;
        record.sqlstate = SqlStateCode(plan.error.sqlstate);
        {
          ScopedLogSession scope(&log_session_);
          EmitLog(record);
        }
        co_await Write(Reply(plan.error));
        co_return false;
      }
      case AuthExchange::kTrust:
        co_return true;
      case AuthExchange::kCleartext: {
        const std::string given = co_await RequestCleartextPassword();
        if (!plan.stored_password || !CheckCleartextPassword(*plan.stored_password, user, given)) {
          co_return co_await PasswordFailed(user, plan.failure_detail, plan.matched_line);
        }
        co_return true;
      }
      case AuthExchange::kMd5: {
        const std::array<char, 4> salt = NewMd5Salt();
        std::string out;
        protocol::AppendAuthenticationMd5Password(&out, salt);
        co_await Write(out);
        const std::string response =
            protocol::ParsePasswordMessage(co_await NextPasswordMessage("password"));
        // No usable password: the challenge still runs, and fails.
        if (!plan.stored_password || !CheckMd5Response(*plan.stored_password, salt, response)) {
          co_return co_await PasswordFailed(user, plan.failure_detail, plan.matched_line);
        }
        co_return true;
      }
      case AuthExchange::kScram: {
        const ExchangeResult r = co_await AuthenticateScram(*plan.stored_password);
        if (r == ExchangeResult::kAborted) co_return false;
        if (r == ExchangeResult::kWrongPassword || plan.scram_mock) {
          co_return co_await PasswordFailed(user, plan.failure_detail, plan.matched_line);
        }
        co_return true;
      }
    }
    co_return false;
  }

  // Startup phase: SSL/GSS negotiation, StartupMessage, authentication,
  // parameter reports. Returns false when the connection should close.
  asio::awaitable<bool> Startup() {
    protocol::StartupPacket packet;
    // PostgreSQL's negotiation (ProcessStartupPacket): one SSLRequest and one
    // GSSENCRequest at most, and none after TLS is on; a repeated one is
    // then an unknown protocol version (below).
    bool ssl_done = false;
    bool gss_done = false;
    while (true) {
      packet = co_await ReadUntil<protocol::StartupPacket>([&] { return decoder_.NextStartup(); });
      const bool ssl = packet.kind == protocol::StartupKind::kSSLRequest && !ssl_done;
      const bool gss = packet.kind == protocol::StartupKind::kGSSENCRequest && !gss_done;
      if (!ssl && !gss) break;
      // TLS only with ssl=on and over TCP; GSS encryption never: the client
      // then goes on in plain text on the same connection.
      const char answer = ssl && context_.tls ? 'S' : 'N';
      std::string out;
      protocol::AppendSslResponse(&out, answer);
      co_await Write(out);
      if (answer == 'S') co_await StartTls();
      if (decoder_.buffered_bytes() > 0) {
        // Bytes sent before the answer were not encrypted: they may come
        // from a man in the middle.
        SqlErrorFields f = Fatal(SqlState::kProtocolViolation,
                                 ssl ? "received unencrypted data after SSL request"
                                     : "received unencrypted data after GSSAPI encryption request");
        f.detail =
            "This could be either a client-software bug or evidence of an attempted "
            "man-in-the-middle attack.";
        co_await Write(Reply(f));
        co_return false;
      }
      if (ssl) {
        ssl_done = true;
        gss_done = gss_done || answer == 'S';
      } else {
        gss_done = true;
      }
    }
    if (packet.kind == protocol::StartupKind::kSSLRequest ||
        packet.kind == protocol::StartupKind::kGSSENCRequest) {
      const char* minor = packet.kind == protocol::StartupKind::kSSLRequest ? "5679" : "5680";
      co_await Write(Reply(Fatal(SqlState::kFeatureNotSupported,
                                 std::string("unsupported frontend protocol 1234.") + minor +
                                     ": server supports 3.0 to 3.0")));
      co_return false;
    }
    if (packet.kind == protocol::StartupKind::kCancelRequest) {
      // PostgreSQL never answers a CancelRequest; it just closes.
      context_.registry->Cancel(packet.cancel_pid, packet.cancel_key);
      co_return false;
    }

    log_session_.start_us = NowMicros();
    log_session_.remote_host = context_.client_addr.empty() ? "[local]" : context_.client_addr;
    log_session_.remote_port = context_.client_addr.empty() ? -1 : context_.client_port;
    log_connections_ = runner_.ShowParameter("log_connections") == "on";
    log_disconnections_ = runner_.ShowParameter("log_disconnections") == "on";
    if (log_connections_) {
      ScopedLogSession scope(&log_session_);
      if (context_.client_addr.empty()) {
        STRATA_LOG_INFO("connection received: host=[local]");
      } else {
        STRATA_LOG_INFO("connection received: host={} port={}", context_.client_addr,
                        context_.client_port);
      }
    }

    auto user = packet.Get("user");
    if (!user || user->empty()) {
      co_await Write(Reply(Fatal(SqlState::kInvalidAuthorizationSpecification,
                                 "no PostgreSQL user name specified in startup packet")));
      co_return false;
    }
    std::string application_name = packet.Get("application_name").value_or("");
    std::string client_encoding = "UTF8";
    std::vector<std::pair<std::string, std::string>> session_parameters;
    std::string options_text;
    for (const auto& [name, value] : packet.parameters) {
      if (name == "user" || name == "database" || name == "application_name" ||
          name == "fallback_application_name" || name == "replication") {
        if (name == "replication" && value != "false" && value != "0" && value != "off") {
          co_await Write(Reply(Fatal(SqlState::kFeatureNotSupported,
                                     "replication connections are not supported")));
          co_return false;
        }
        continue;
      }
      if (name == "client_encoding") {
        auto normalised = NormaliseClientEncoding(value);
        if (!normalised) {
          co_await Write(Reply(Fatal(SqlState::kFeatureNotSupported,
                                     "client_encoding \"" + value +
                                         "\" is not supported yet; use UTF8")));
          co_return false;
        }
        client_encoding = *normalised;
        continue;
      }
      if (name == "options") {
        // Command-line switches (PGOPTIONS); PostgreSQL applies them after
        // authentication and before the other parameters, failing with FATAL.
        options_text = value;
        continue;
      }
      // Any other startup parameter sets a run-time parameter (DateStyle,
      // TimeZone, extra_float_digits, ...), as in PostgreSQL.
      session_parameters.emplace_back(name, value);
    }
    if (application_name.empty()) {
      application_name = packet.Get("fallback_application_name").value_or("");
    }
    // TimeZone, work_mem, ... from stratad.conf are already the session's
    // reset values (sql/settings/config_snapshot.h).
    std::optional<SqlErrorFields> parameter_error;
    try {
      // PostgreSQL's order (process_startup_options): the options' switches
      // first, then the packet's parameters, so an explicit parameter wins.
      runner_.InitParameter("client_encoding", "UTF8");
      for (const auto& [name, value] : ParseStartupOptions(options_text)) {
        client_parameters_.push_back(LowerCase(name));
        runner_.InitParameter(name, value);
      }
      if (packet.Get("client_encoding")) runner_.InitParameter("client_encoding", client_encoding);
      if (!application_name.empty()) runner_.InitParameter("application_name", application_name);
      for (const auto& [name, value] : session_parameters) {
        client_parameters_.push_back(LowerCase(name));
        runner_.InitParameter(name, value);
      }
    } catch (const SqlError& e) {
      parameter_error = e.fields();
      parameter_error->severity = ErrorSeverity::kFatal;
    }

    const std::string database = packet.Get("database").value_or(*user);
    log_session_.user = *user;
    log_session_.database = database;
    // A full server refuses before authentication, as PostgreSQL's
    // postmaster does (canAcceptConnections); Register below re-checks for
    // sessions that authenticated at the same time.
    if (static_cast<int>(context_.registry->size()) >= context_.config->max_connections) {
      co_await Write(Reply(Fatal(SqlState::kTooManyConnections, "sorry, too many clients already")));
      co_return false;
    }
    if (!co_await Authenticate(*user, database)) co_return false;
    // InitializeSessionUserId: the role must exist and may log in; the client
    // has its AuthenticationOk first, as PostgreSQL sends it. The
    // server-wide `password` setting keeps its old meaning (any user name).
    if (context_.config->password.empty()) {
      if (auto login_error = CheckLoginRole(context_.database, *user)) {
        co_await FatalAfterAuthentication(*login_error);
        co_return false;
      }
      // The session runs as the role it logged in as (session_user and,
      // until SET ROLE, current_user): privileges are checked against it.
      runner_.InitParameter("session_authorization", *user);
    }

    if (parameter_error) {
      // PostgreSQL applies startup options after authentication: the client
      // sees AuthenticationOk, then the FATAL error.
      std::string out;
      protocol::AppendAuthenticationOk(&out);
      out += Reply(*parameter_error);
      co_await Write(out);
      co_return false;
    }

    secret_key_ = RandomKey();
    SessionRegistry::Entry entry;
    entry.secret_key = secret_key_;
    auto executor = socket_.get_executor();
    // The registry may call this after the session ended: hold it weakly.
    std::weak_ptr<SessionImpl> weak = this->shared_from_this();
    // A running statement stops at its next CheckForInterrupts() (its
    // client then sees ERROR 57014 before the FATAL; PostgreSQL sends only
    // the FATAL).
    entry.terminate = [weak, executor, interrupts = runner_.interrupts()] {
      interrupts->RequestCancel();
      asio::post(executor, [weak] {
        if (auto self = weak.lock()) {
          self->terminating_ = true;
          if (self->query_thread_) {
            // Wakes the query thread if it waits for input; a batch being
            // run and its reply being written finish first.
            ::shutdown(self->query_fd_, SHUT_RD);
          } else {
            boost::system::error_code ignored;
            self->socket_.cancel(ignored);
          }
        }
      });
    };
    // Runs on the thread that read the CancelRequest; the statement notices
    // at its next CheckForInterrupts() and fails with 57014.
    entry.cancel = [interrupts = runner_.interrupts()] { interrupts->RequestCancel(); };
    auto pid = context_.registry->Register(std::move(entry), context_.config->max_connections);
    if (!pid) {
      co_await Write(Reply(Fatal(SqlState::kTooManyConnections, "sorry, too many clients already")));
      co_return false;
    }
    pid_ = *pid;
    runner_.interrupts()->set_backend_pid(pid_);
    Metrics().connections_total.fetch_add(1, std::memory_order_relaxed);
    log_session_.pid = pid_;
    log_session_.user = *user;
    log_session_.database = packet.Get("database").value_or(*user);
    log_session_.application_name = runner_.ShowParameter("application_name");
    runner_.set_log_session(&log_session_);
    if (log_connections_) {
      ScopedLogSession scope(&log_session_);
      const std::string app = log_session_.application_name;
      // PostgreSQL's PerformAuthentication adds the TLS parameters.
      const std::string ssl =
          tls_ ? " SSL enabled (protocol=" + tls_->version() + ", cipher=" + tls_->cipher() +
                     ", bits=" + std::to_string(tls_->bits()) + ")"
               : std::string();
      if (app.empty()) {
        STRATA_LOG_INFO("connection authorized: user={} database={}{}", *user,
                        log_session_.database, ssl);
      } else {
        STRATA_LOG_INFO("connection authorized: user={} database={} application_name={}{}", *user,
                        log_session_.database, app, ssl);
      }
    }
    {
      auto status = std::make_shared<sql::BackendStatus>();
      status->SetConnection(pid_, packet.Get("database").value_or(*user), *user,
                            context_.client_addr, context_.client_port,
                            sql::CurrentTimestamp());
      if (tls_) {
        sql::BackendActivity ssl;
        ssl.ssl = true;
        ssl.ssl_version = tls_->version();
        ssl.ssl_cipher = tls_->cipher();
        ssl.ssl_bits = tls_->bits();
        ssl.ssl_client_dn = tls_->client_dn();
        ssl.ssl_client_serial = tls_->client_serial();
        ssl.ssl_issuer_dn = tls_->issuer_dn();
        status->SetSsl(ssl);
      }
      sql::RegisterBackendStatus(pid_, status);
      runner_.set_status(std::move(status));
    }
    // InitializeSessionUserId's rolconnlimit check counts this session too.
    if (context_.config->password.empty()) {
      if (auto limit_error = CheckRoleConnectionLimit(context_.database, *user)) {
        co_await FatalAfterAuthentication(*limit_error);
        co_return false;
      }
    }
    // InitPostgres: the database must exist; CheckMyDatabase: it must accept
    // connections and have room for one more.
    if (context_.database != nullptr) {
      const std::string name = packet.Get("database").value_or(*user);
      if (auto db_error = ResolveDatabase(name)) {
        co_await FatalAfterAuthentication(*db_error);
        co_return false;
      }
    }
    if (context_.config->password.empty()) {
      // CheckMyDatabase, after InitializeSessionUserId's checks.
      if (auto connect_error = CheckDatabaseConnect(context_.database, *user,
                                                    packet.Get("database").value_or(*user))) {
        co_await FatalAfterAuthentication(*connect_error);
        co_return false;
      }
    }

    std::string out;
    protocol::AppendAuthenticationOk(&out);
    // The parameters PostgreSQL 15 reports at startup (GUC_REPORT settings).
    protocol::AppendParameterStatus(&out, "application_name",
                                    runner_.ShowParameter("application_name"));
    protocol::AppendParameterStatus(&out, "client_encoding", client_encoding);
    protocol::AppendParameterStatus(&out, "DateStyle", runner_.ShowParameter("DateStyle"));
    protocol::AppendParameterStatus(&out, "default_transaction_read_only",
                                    runner_.ShowParameter("default_transaction_read_only"));
    protocol::AppendParameterStatus(&out, "in_hot_standby", "off");
    protocol::AppendParameterStatus(&out, "integer_datetimes", "on");
    protocol::AppendParameterStatus(&out, "IntervalStyle", runner_.ShowParameter("IntervalStyle"));
    protocol::AppendParameterStatus(&out, "is_superuser", "on");
    protocol::AppendParameterStatus(&out, "server_encoding", "UTF8");
    protocol::AppendParameterStatus(&out, "server_version", kServerVersion);
    protocol::AppendParameterStatus(&out, "session_authorization", *user);
    protocol::AppendParameterStatus(&out, "standard_conforming_strings", "on");
    protocol::AppendParameterStatus(&out, "TimeZone", runner_.ShowParameter("TimeZone"));
    protocol::AppendBackendKeyData(&out, pid_, secret_key_);
    protocol::AppendReadyForQuery(&out, 'I');
    co_await Write(out);
    STRATA_LOG_DEBUG("session {} started for user \"{}\" from {}", pid_, *user, context_.peer);
    co_return true;
  }

  // The query phase runs on a thread of its own with blocking reads and
  // writes, as a PostgreSQL backend process does: a point select then costs
  // one recv and one send, with no thread hand-off (the io_context's
  // wake-ups cost more than the query). Every message already buffered is
  // handled as one batch and the replies go out in one write (Flush needs
  // nothing more). The coroutine waits on the strand meanwhile and does the
  // ending as before: goodbye message, close, unregister.
  enum class QueryEnd {
    kClientTerminate,  // Terminate message
    kClosed,           // EOF or a socket error
    kTerminated,       // shutdown / terminate request: FATAL 57P01
    kError,            // query_error_ (a ProtocolError): FATAL 08P01
    kIdleTimeout,      // an idle timeout's FATAL was sent
  };

  struct BatchResult {
    std::string out;
    bool terminate = false;
    std::exception_ptr error;  // a ProtocolError, thrown after `out` is sent
  };

  BatchResult RunBatch(const std::vector<protocol::FrontendMessage>& batch) {
    BatchResult r;
    try {
      for (const auto& message : batch) {
        if (runner_.Handle(message, &r.out) == StatementRunner::Outcome::kTerminate) {
          r.terminate = true;
          break;
        }
      }
    } catch (...) {
      r.error = std::current_exception();
    }
    return r;
  }

  // Waits until a TLS step that wants to read or write can go on.
  static bool PollFor(int fd, TlsConnection::Status want) {
    pollfd p{fd, static_cast<short>(want == TlsConnection::Status::kWantWrite ? POLLOUT : POLLIN),
             0};
    return ::poll(&p, 1, -1) >= 0 || errno == EINTR;
  }

  // Blocking recv (poll if the socket is still non-blocking): 0 at EOF or
  // after a terminate request shut the read side down, -1 on error.
  ssize_t BlockingRead(int fd) {
    if (tls_) {
      // The descriptor stays non-blocking with TLS and the thread polls: a
      // terminate request's shutdown(SHUT_RD) then wakes the poll, and the
      // flag is seen before OpenSSL reads the end of input, which would
      // leave the connection failed and the goodbye FATAL unsent.
      while (true) {
        if (terminating_.load()) return 0;
        const TlsConnection::Step step = tls_->Read(read_buffer_.data(), read_buffer_.size());
        if (step.status == TlsConnection::Status::kDone) return static_cast<ssize_t>(step.bytes);
        if (step.status == TlsConnection::Status::kClosed) return 0;
        if (step.status == TlsConnection::Status::kError) return -1;
        if (!PollFor(fd, step.status)) return -1;
      }
    }
    while (true) {
      const ssize_t n = ::recv(fd, read_buffer_.data(), read_buffer_.size(), 0);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, -1) < 0 && errno != EINTR) return -1;
    }
  }

  bool BlockingWrite(int fd, const std::string& bytes) {
    size_t done = 0;
    if (tls_) {
      while (done < bytes.size()) {
        const TlsConnection::Step step = tls_->Write(bytes.data() + done, bytes.size() - done);
        if (step.status == TlsConnection::Status::kDone) {
          done += step.bytes;
        } else if (step.status == TlsConnection::Status::kClosed ||
                   step.status == TlsConnection::Status::kError || !PollFor(fd, step.status)) {
          return false;
        }
      }
      return true;
    }
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n >= 0) {
        done += static_cast<size_t>(n);
        continue;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, -1) < 0 && errno != EINTR) return false;
    }
    return true;
  }

  // The query thread's loop. Touches only the decoder, the runner, the read
  // buffer and the socket's descriptor (the strand never does meanwhile).
  QueryEnd BlockingQueryLoop() {
    ScopedLogSession log_scope(&log_session_);
    const int fd = query_fd_;
    // Blocking mode while the thread owns the socket: one recv per wait
    // instead of recv, poll, recv. Restored for the strand's goodbye write.
    // (Not with TLS: see BlockingRead.)
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && !tls_) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    const QueryEnd end = BlockingQueryBatches(fd);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags);
    return end;
  }

  // Whether `out` ends with ReadyForQuery (the session is then idle).
  static bool EndsWithReadyForQuery(const std::string& out) {
    return out.size() >= 6 && out[out.size() - 6] == 'Z' &&
           out.compare(out.size() - 5, 4, std::string("\0\0\0\5", 4)) == 0;
  }

  // Waits until `fd` is readable or the idle timeout in force passes; on
  // the timeout sends its FATAL (57P05 / 25P03, PostgreSQL's texts) and
  // returns true.
  bool IdleTimedOut(int fd) {
    const StatementRunner::IdleTimeout timeout = runner_.CurrentIdleTimeout();
    if (timeout.ms <= 0) return false;
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout.ms);
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) break;
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1 << 30)));
      if (ready > 0) return false;
      if (ready < 0 && errno != EINTR) return false;
    }
    const SqlErrorFields error =
        timeout.in_transaction
            ? Fatal(SqlState::kIdleInTransactionSessionTimeout,
                    "terminating connection due to idle-in-transaction timeout")
            : Fatal(SqlState::kIdleSessionTimeout,
                    "terminating connection due to idle-session timeout");
    LogRecord record;
    record.level = LogLevel::kFatal;
    record.message = error.message;
    record.sqlstate = SqlStateCode(error.sqlstate);
    EmitLog(record);
    BlockingWrite(fd, Reply(error));
    return true;
  }

  QueryEnd BlockingQueryBatches(int fd) {
    std::vector<protocol::FrontendMessage> batch;
    // Startup ended with ReadyForQuery.
    bool idle = true;
    try {
      while (true) {
        batch.clear();
        // Bad framing after a good message: the good ones are answered
        // first, then the error ends the session.
        std::exception_ptr framing_error;
        try {
          while (batch.size() < kMaxBatch) {
            auto next = decoder_.NextMessage();
            if (!next) break;
            batch.push_back(std::move(*next));
            if (batch.back().type == 'X') break;
          }
        } catch (const protocol::ProtocolError&) {
          framing_error = std::current_exception();
        }
        if (batch.empty() && !framing_error) {
          if (terminating_.load()) return QueryEnd::kTerminated;
          if (idle && IdleTimedOut(fd)) return QueryEnd::kIdleTimeout;
          const ssize_t n = BlockingRead(fd);
          if (n <= 0) return terminating_.load() ? QueryEnd::kTerminated : QueryEnd::kClosed;
          decoder_.Append(read_buffer_.data(), static_cast<size_t>(n));
          continue;
        }
        BatchResult result = RunBatch(batch);
        if (!result.out.empty() && !BlockingWrite(fd, result.out)) return QueryEnd::kClosed;
        // Idle only after ReadyForQuery, as PostgreSQL arms the timeouts.
        idle = EndsWithReadyForQuery(result.out);
        if (result.error) framing_error = result.error;
        if (!result.error && result.terminate) return QueryEnd::kClientTerminate;
        if (framing_error) {
          query_error_ = framing_error;
          return QueryEnd::kError;
        }
        if (terminating_.load()) return QueryEnd::kTerminated;
      }
    } catch (...) {
      query_error_ = std::current_exception();
      return QueryEnd::kError;
    }
  }

  asio::awaitable<void> QueryLoop() {
    // The thread owns the descriptor meanwhile: released from Asio, so the
    // network threads' epoll no longer wakes up for every packet it gets.
    const auto protocol = socket_.local_endpoint().protocol();
    query_fd_ = socket_.release();
    query_thread_ = true;
    // The thread ends by cancelling this timer on the session's strand; the
    // coroutine holds the strand until it waits, so the cancel cannot come
    // first.
    asio::steady_timer done(socket_.get_executor(), asio::steady_timer::time_point::max());
    // The thread must not release the last reference to the session or to
    // its strand: that could happen after the io_context is gone (a
    // use-after-free in the strand's destructor, seen under ASan at
    // shutdown). The coroutine keeps the session alive until `done` fires,
    // so the thread drops its own reference first and reaches the strand
    // only through a handler that runs on an io_context thread.
    auto& io = static_cast<asio::io_context&>(
        asio::query(socket_.get_executor(), asio::execution::context));
    auto io_executor = io.get_executor();
    std::thread([this, keep = this->shared_from_this(), io_executor, &done]() mutable {
      query_end_ = BlockingQueryLoop();
      keep.reset();  // not the last reference: the coroutine waits on `done`
      asio::post(io_executor, [this, &done] {
        asio::post(socket_.get_executor(), [&done] { done.cancel(); });
      });
    }).detach();
    boost::system::error_code ignored;
    co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    query_thread_ = false;
    // Back to Asio for the goodbye message and the close.
    boost::system::error_code assign_error;
    socket_.assign(protocol, query_fd_, assign_error);
    if (assign_error) ::close(query_fd_);
    query_fd_ = -1;
    switch (query_end_) {
      case QueryEnd::kClientTerminate:
      case QueryEnd::kIdleTimeout:
        co_return;
      case QueryEnd::kClosed:
        throw boost::system::system_error(asio::error::eof);
      case QueryEnd::kTerminated:
        throw boost::system::system_error(asio::error::operation_aborted);
      case QueryEnd::kError:
        std::rethrow_exception(query_error_);
    }
  }

  // Bounds the memory a batch's replies may take (a client pipelining many
  // queries gets its answers in groups of this many messages).
  static constexpr size_t kMaxBatch = 256;
  // How long a failed password check waits before it answers.
  static constexpr std::chrono::milliseconds kFailedLoginDelay{200};

  Socket socket_;
  SessionContext context_;
  protocol::MessageDecoder decoder_;
  std::array<char, 64 * 1024> read_buffer_{};
  StatementRunner runner_;
  LogSession log_session_;  // this session's fields in log lines
  bool log_connections_ = false;
  // Lower-case names of the parameters the startup packet set (they win
  // over ALTER ROLE / DATABASE ... SET).
  std::vector<std::string> client_parameters_;
  bool log_disconnections_ = false;
  int32_t pid_ = 0;
  int32_t secret_key_ = 0;
  // Set once the TLS handshake is done: everything after goes through it.
  // Non-null is "this connection is encrypted" (for hostssl / hostnossl).
  std::unique_ptr<TlsConnection> tls_;
  // Set on the strand; read by the query thread too.
  std::atomic<bool> terminating_{false};
  bool query_thread_ = false;  // the query thread runs (touched on the strand)
  int query_fd_ = -1;          // the socket's descriptor while it does
  QueryEnd query_end_ = QueryEnd::kClosed;  // written by the query thread
  std::exception_ptr query_error_;          // for QueryEnd::kError
};

}  // namespace

template <typename Socket>
asio::awaitable<void> RunSession(Socket socket, SessionContext context) {
  auto session = std::make_shared<SessionImpl<Socket>>(std::move(socket), std::move(context));
  co_await session->Run();
}

template asio::awaitable<void> RunSession(asio::ip::tcp::socket, SessionContext);
template asio::awaitable<void> RunSession(asio::local::stream_protocol::socket, SessionContext);

}  // namespace strata::server
