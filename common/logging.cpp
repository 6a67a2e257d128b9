// Log line formatting, level filtering and destinations (see logging.h).
#include "common/logging.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <string>

#include "common/log_file.h"
#include "common/log_line_prefix.h"

namespace strata {

namespace {

// PostgreSQL's server-log ranks (elog.h): debug5..debug1 = 10..14, info 17,
// notice 18, warning 19, error 21, log 15 — but for log_min_messages, LOG
// sorts between ERROR and FATAL (is_log_level_output). Ranks here are in
// that output order.
enum Rank { kRankDebug = 0, kRankInfo, kRankNotice, kRankWarning, kRankError, kRankLog,
            kRankFatal, kRankPanic };

std::atomic<int> g_min_rank{kRankWarning};

int RankOf(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return kRankDebug;
    case LogLevel::kInfo: return kRankLog;
    case LogLevel::kNotice: return kRankNotice;
    case LogLevel::kWarning: return kRankWarning;
    case LogLevel::kError: return kRankError;
    case LogLevel::kFatal: return kRankFatal;
  }
  return kRankLog;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "LOG";
    case LogLevel::kNotice: return "NOTICE";
    case LogLevel::kWarning: return "WARNING";
    case LogLevel::kError: return "ERROR";
    case LogLevel::kFatal: return "FATAL";
  }
  return "LOG";
}

std::string Lower(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

struct Destinations {
  std::mutex mu;
  std::shared_ptr<const LogSettings> settings = std::make_shared<LogSettings>();
  LogFile text_file;
  LogFile json_file;
  int64_t server_start_us = 0;
  std::atomic<int64_t> server_lines{0};
};

Destinations& Dest() {
  static Destinations* d = [] {
    auto* dest = new Destinations;  // never destroyed: threads may log at exit
    dest->server_start_us = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
    return dest;
  }();
  return *d;
}

thread_local LogSession* t_session = nullptr;

void AppendJsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          *out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void WriteAll(int fd, const std::string& s) {
  ssize_t ignored = ::write(fd, s.data(), s.size());
  (void)ignored;
}

}  // namespace

bool ParseLogLevel(std::string_view name, LogLevel* out) {
  const std::string lower = Lower(name);
  if (lower == "debug" || lower.rfind("debug", 0) == 0) *out = LogLevel::kDebug;
  else if (lower == "info" || lower == "log") *out = LogLevel::kInfo;
  else if (lower == "notice") *out = LogLevel::kNotice;
  else if (lower == "warning") *out = LogLevel::kWarning;
  else if (lower == "error") *out = LogLevel::kError;
  else if (lower == "fatal" || lower == "panic") *out = LogLevel::kFatal;
  else return false;
  return true;
}

void SetLogLevel(LogLevel level) { g_min_rank.store(RankOf(level), std::memory_order_relaxed); }

LogLevel GetLogLevel() {
  const int rank = g_min_rank.load(std::memory_order_relaxed);
  for (LogLevel l : {LogLevel::kDebug, LogLevel::kNotice, LogLevel::kWarning, LogLevel::kError,
                     LogLevel::kInfo, LogLevel::kFatal}) {
    if (RankOf(l) >= rank) return l;
  }
  return LogLevel::kFatal;
}

bool SetLogMinMessages(std::string_view name) {
  const std::string lower = Lower(name);
  int rank;
  if (lower.rfind("debug", 0) == 0) rank = kRankDebug;
  else if (lower == "info") rank = kRankInfo;
  else if (lower == "notice") rank = kRankNotice;
  else if (lower == "warning") rank = kRankWarning;
  else if (lower == "error") rank = kRankError;
  else if (lower == "log") rank = kRankLog;
  else if (lower == "fatal") rank = kRankFatal;
  else if (lower == "panic") rank = kRankPanic;
  else return false;
  g_min_rank.store(rank, std::memory_order_relaxed);
  return true;
}

bool LogLevelEnabled(LogLevel level) {
  return RankOf(level) >= g_min_rank.load(std::memory_order_relaxed);
}

void ConfigureLogging(const LogSettings& settings) {
  Destinations& d = Dest();
  auto copy = std::make_shared<const LogSettings>(settings);
  if (settings.collector) {
    LogFile::Options o;
    o.directory = settings.directory;
    o.filename_pattern = settings.filename;
    o.rotation_age_s = settings.rotation_age_s;
    o.rotation_size_bytes = settings.rotation_size_bytes;
    d.text_file.Configure(o);
    o.suffix = ".json";
    d.json_file.Configure(o);
  }
  std::lock_guard lock(d.mu);
  d.settings = std::move(copy);
}

void ReopenLogFiles() {
  Dest().text_file.Reopen();
  Dest().json_file.Reopen();
}

ScopedLogSession::ScopedLogSession(LogSession* session) : previous_(t_session) {
  t_session = session;
}

ScopedLogSession::~ScopedLogSession() { t_session = previous_; }

void EmitLog(const LogRecord& record) {
  if (!LogLevelEnabled(record.level)) return;
  Destinations& d = Dest();
  std::shared_ptr<const LogSettings> settings;
  {
    std::lock_guard lock(d.mu);
    settings = d.settings;
  }
  LogPrefixContext ctx;
  ctx.now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  std::string sqlstate(record.sqlstate);
  if (sqlstate.empty()) sqlstate = record.level >= LogLevel::kError && record.level != LogLevel::kInfo
                                       ? "XX000"
                                       : "00000";
  ctx.sqlstate = sqlstate;
  if (LogSession* s = t_session) {
    ctx.session = true;
    ctx.pid = s->pid;
    ctx.user = s->user;
    ctx.database = s->database;
    ctx.application_name = s->application_name;
    ctx.remote_host = s->remote_host;
    ctx.remote_port = s->remote_port;
    ctx.session_start_us = s->start_us;
    ctx.line_number = ++s->lines;
    ctx.command_tag = s->command_tag;
    ctx.backend_type = "client backend";
  } else {
    ctx.pid = static_cast<int>(::getpid());
    ctx.session_start_us = d.server_start_us;
    ctx.line_number = ++d.server_lines;
  }

  const bool text = settings->to_stderr || !settings->json;
  if (text) {
    const std::string prefix = FormatLogLinePrefix(settings->line_prefix, ctx);
    std::string lines = fmt::format("{}{}:  {}\n", prefix, LevelName(record.level), record.message);
    if (!record.detail.empty()) lines += fmt::format("{}DETAIL:  {}\n", prefix, record.detail);
    if (!record.hint.empty()) lines += fmt::format("{}HINT:  {}\n", prefix, record.hint);
    if (!record.statement.empty()) {
      lines += fmt::format("{}STATEMENT:  {}\n", prefix, record.statement);
    }
    if (!(settings->collector && d.text_file.Write(lines))) WriteAll(STDERR_FILENO, lines);
  }
  if (settings->json) {
    // PostgreSQL 15's jsonlog: fields without a value are left out.
    std::string j = "{\"timestamp\":";
    AppendJsonString(&j, FormatLogTimestamp(ctx.now_us, true));
    auto str = [&](const char* key, std::string_view v) {
      if (v.empty()) return;
      j += fmt::format(",\"{}\":", key);
      AppendJsonString(&j, v);
    };
    if (ctx.session) {
      str("user", ctx.user);
      str("dbname", ctx.database);
    }
    j += fmt::format(",\"pid\":{}", ctx.pid);
    if (ctx.session) {
      str("remote_host", ctx.remote_host);
      if (ctx.remote_port >= 0) j += fmt::format(",\"remote_port\":{}", ctx.remote_port);
    }
    str("session_id", FormatSessionId(ctx.session_start_us, ctx.pid));
    j += fmt::format(",\"line_num\":{}", ctx.line_number);
    if (ctx.session) str("ps", ctx.command_tag);
    str("session_start", FormatLogTimestamp(ctx.session_start_us, false));
    j += ",\"txid\":0";
    str("error_severity", LevelName(record.level));
    if (sqlstate != "00000") str("state_code", sqlstate);
    str("message", record.message);
    str("detail", record.detail);
    str("hint", record.hint);
    str("statement", record.statement);
    if (ctx.session) str("application_name", ctx.application_name);
    str("backend_type", ctx.backend_type);
    j += ",\"query_id\":0}\n";
    if (!(settings->collector && d.json_file.Write(j))) WriteAll(STDERR_FILENO, j);
  }
}

void LogLine(LogLevel level, std::string_view message) {
  LogRecord r;
  r.level = level;
  r.message = message;
  EmitLog(r);
}

}  // namespace strata
