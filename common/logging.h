// Server log: one line per event, "2026-11-21 08:40:01.123 UTC [pid] LEVEL:  message",
// written to stderr through fmt. Thread-safe: each line is formatted first and
// written with a single write(2), so lines from different threads never interleave.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <string_view>

namespace strata {

enum class LogLevel { kDebug = 0, kInfo, kNotice, kWarning, kError, kFatal };

// Parses "debug", "info", "notice", "warning", "error", "fatal" (any case;
// "log" means info as in PostgreSQL). Returns false on an unknown name.
bool ParseLogLevel(std::string_view name, LogLevel* out);
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
void LogLine(LogLevel level, std::string_view message);

template <typename... Args>
void Log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) {
  if (level < GetLogLevel()) return;
  LogLine(level, fmt::format(format, std::forward<Args>(args)...));
}

#define STRATA_LOG_DEBUG(...) ::strata::Log(::strata::LogLevel::kDebug, __VA_ARGS__)
#define STRATA_LOG_INFO(...) ::strata::Log(::strata::LogLevel::kInfo, __VA_ARGS__)
#define STRATA_LOG_WARNING(...) ::strata::Log(::strata::LogLevel::kWarning, __VA_ARGS__)
#define STRATA_LOG_ERROR(...) ::strata::Log(::strata::LogLevel::kError, __VA_ARGS__)
#define STRATA_LOG_FATAL(...) ::strata::Log(::strata::LogLevel::kFatal, __VA_ARGS__)

}  // namespace strata
