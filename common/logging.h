// Server log: PostgreSQL-style lines, "<log_line_prefix>LEVEL:  message",
// e.g. "2026-11-21 08:40:01.123 UTC [4711] LOG:  ...", on stderr, as jsonlog
// (PostgreSQL 15's field names), and/or into the collector's file
// (log_file.h). Thread-safe: each line is formatted first and written with a
// single write(2), so lines from different threads never interleave.
//
// Levels follow PostgreSQL's server-log order for log_min_messages:
//   debug < info < notice < warning < error < LOG < fatal < panic
// (LOG ranks above ERROR in the server log). LogLevel::kInfo is what
// PostgreSQL calls LOG (the name STRATA_LOG_INFO predates that rule).
//
// Session fields (%u %d %a %r %l ...) come from the thread's LogSession,
// which a session's query thread installs (ScopedLogSession); other threads
// log as the server ("postmaster").
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace strata {

enum class LogLevel { kDebug = 0, kInfo, kNotice, kWarning, kError, kFatal };

// Parses "debug", "info", "notice", "warning", "error", "fatal" (any case;
// "log" means info as in PostgreSQL). Returns false on an unknown name.
bool ParseLogLevel(std::string_view name, LogLevel* out);
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// log_min_messages by PostgreSQL's name (debug5..debug1, info, notice,
// warning, error, log, fatal, panic). Returns false on an unknown name.
bool SetLogMinMessages(std::string_view name);
// Whether a line of `level` would be written.
bool LogLevelEnabled(LogLevel level);
// Where lines go and what they look like (log_* settings).
struct LogSettings {
  std::string line_prefix = "%m [%p] ";
  bool to_stderr = true;  // log_destination has "stderr"
  bool json = false;      // log_destination has "jsonlog"
  bool collector = false;  // logging_collector: stderr/jsonlog go to files
  std::string directory;   // absolute
  std::string filename = "stratad-%Y-%m-%d_%H%M%S.log";
  int64_t rotation_age_s = 86400;
  int64_t rotation_size_bytes = 10 * 1024 * 1024;
};
void ConfigureLogging(const LogSettings& settings);
// Closes the log files so the next line reopens them (SIGHUP).
void ReopenLogFiles();

// A session's fields for log lines. Mutable fields are written only by the
// session's own thread.
struct LogSession {
  int pid = 0;
  std::string user;
  std::string database;
  std::string application_name;
  std::string remote_host;  // "[local]" for a Unix-domain socket
  int remote_port = -1;
  int64_t start_us = 0;
  std::atomic<int64_t> lines{0};
  std::string command_tag;  // %i: the statement running
};
// Installs `session` for this thread's lines until destroyed.
class ScopedLogSession {
 public:
  explicit ScopedLogSession(LogSession* session);
  ~ScopedLogSession();
  ScopedLogSession(const ScopedLogSession&) = delete;
  ScopedLogSession& operator=(const ScopedLogSession&) = delete;

 private:
  LogSession* previous_;
};

// One log event with the fields an ErrorResponse would carry.
struct LogRecord {
  LogLevel level = LogLevel::kInfo;
  std::string_view message;
  std::string_view sqlstate;   // empty: "00000" (or XX000 for errors)
  std::string_view detail;
  std::string_view hint;
  std::string_view statement;  // STATEMENT: line (log_min_error_statement)
};
// Writes `record` if its level passes log_min_messages.
void EmitLog(const LogRecord& record);

void LogLine(LogLevel level, std::string_view message);

template <typename... Args>
void Log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) {
  if (!LogLevelEnabled(level)) return;
  LogLine(level, fmt::format(format, std::forward<Args>(args)...));
}

#define STRATA_LOG_DEBUG(...) ::strata::Log(::strata::LogLevel::kDebug, __VA_ARGS__)
#define STRATA_LOG_INFO(...) ::strata::Log(::strata::LogLevel::kInfo, __VA_ARGS__)
#define STRATA_LOG_WARNING(...) ::strata::Log(::strata::LogLevel::kWarning, __VA_ARGS__)
#define STRATA_LOG_ERROR(...) ::strata::Log(::strata::LogLevel::kError, __VA_ARGS__)
#define STRATA_LOG_FATAL(...) ::strata::Log(::strata::LogLevel::kFatal, __VA_ARGS__)

}  // namespace strata
