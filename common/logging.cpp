// Log line formatting and level filtering (see logging.h).
#include "common/logging.h"

#include <fmt/chrono.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

namespace strata {

namespace {
std::atomic<LogLevel> g_level{LogLevel::kInfo};

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
}  // namespace

bool ParseLogLevel(std::string_view name, LogLevel* out) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "debug" || lower.rfind("debug", 0) == 0) *out = LogLevel::kDebug;
  else if (lower == "info" || lower == "log") *out = LogLevel::kInfo;
  else if (lower == "notice") *out = LogLevel::kNotice;
  else if (lower == "warning") *out = LogLevel::kWarning;
  else if (lower == "error") *out = LogLevel::kError;
  else if (lower == "fatal" || lower == "panic") *out = LogLevel::kFatal;
  else return false;
  return true;
}

void SetLogLevel(LogLevel level) { g_level.store(level, std::memory_order_relaxed); }
LogLevel GetLogLevel() { return g_level.load(std::memory_order_relaxed); }

void LogLine(LogLevel level, std::string_view message) {
  auto now = std::chrono::system_clock::now();
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::string line = fmt::format("{:%Y-%m-%d %H:%M:%S}.{:03d} UTC [{}] {}:  {}\n",
                                 fmt::gmtime(std::chrono::system_clock::to_time_t(now)),
                                 static_cast<int>(ms.count()), getpid(), LevelName(level), message);
  // One write per line keeps concurrent lines whole.
  ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
  (void)ignored;
}

}  // namespace strata
