// log_line_prefix: PostgreSQL's escapes, expanded for one log line.
//
//   %a application_name  %u user name      %d database name
//   %r host(port)        %h host           %b backend type
//   %p process id        %t time (s)       %m time (ms)     %n epoch (ms)
//   %e SQLSTATE          %c session id     %l line number in the session
//   %s session start     %v virtual xid    %x transaction id
//   %i command tag       %q stop here outside a session      %% a '%'
// A number between '%' and the letter pads the value to that width (right
// aligned; negative: left aligned), as PostgreSQL's log_line_prefix does.
// Outside a session (`session == false`), the session escapes print
// nothing; inside one an unknown user or database prints "[unknown]".
// Times are UTC (log_timezone is fixed to UTC here).
// Pure function: no global state, so it is unit-tested directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata {

struct LogPrefixContext {
  int64_t now_us = 0;       // the line's time, microseconds since the epoch
  int pid = 0;              // the backend pid (sessions) or the server's
  bool session = false;     // a client backend, not the server itself
  std::string user;         // empty: not known yet
  std::string database;
  std::string application_name;
  std::string remote_host;  // "[local]" for a Unix-domain socket
  int remote_port = -1;     // -1: none
  int64_t session_start_us = 0;
  int64_t line_number = 0;  // the line's number within its session (from 1)
  std::string sqlstate = "00000";
  std::string vxid;         // "" when none
  uint64_t txid = 0;
  std::string command_tag;  // %i
  std::string backend_type = "postmaster";
};

std::string FormatLogLinePrefix(std::string_view prefix, const LogPrefixContext& ctx);

// "2026-11-21 22:00:00.123 UTC" (with_ms) or "2026-11-21 22:00:00 UTC".
std::string FormatLogTimestamp(int64_t us, bool with_ms);
// %c: session start seconds and pid in hex, "5f6a1b2c.1a2b".
std::string FormatSessionId(int64_t session_start_us, int pid);

}  // namespace strata
