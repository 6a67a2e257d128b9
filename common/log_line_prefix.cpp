// log_line_prefix expansion (see log_line_prefix.h); follows PostgreSQL 15's
// log_line_prefix() in elog.c.
#include "common/log_line_prefix.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <ctime>

namespace strata {

std::string FormatLogTimestamp(int64_t us, bool with_ms) {
  const time_t secs = static_cast<time_t>(us / 1000000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
  if (with_ms) return fmt::format("{}.{:03d} UTC", buf, static_cast<int>((us / 1000) % 1000));
  return std::string(buf) + " UTC";
}

std::string FormatSessionId(int64_t session_start_us, int pid) {
  return fmt::format("{:x}.{:x}", session_start_us / 1000000, pid);
}

std::string FormatLogLinePrefix(std::string_view prefix, const LogPrefixContext& ctx) {
  std::string out;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (prefix[i] != '%') {
      out += prefix[i];
      continue;
    }
    if (++i >= prefix.size()) break;  // a lone '%' at the end prints nothing
    // Optional padding: [-]digits.
    int padding = 0;
    if (prefix[i] == '-' || std::isdigit(static_cast<unsigned char>(prefix[i]))) {
      const size_t start = i;
      if (prefix[i] == '-') ++i;
      while (i < prefix.size() && std::isdigit(static_cast<unsigned char>(prefix[i]))) ++i;
      padding = std::atoi(std::string(prefix.substr(start, i - start)).c_str());
      if (i >= prefix.size()) break;
    }
    auto put = [&](const std::string& value) {
      const size_t width = static_cast<size_t>(std::abs(padding));
      if (padding > 0 && value.size() < width) out.append(width - value.size(), ' ');
      out += value;
      if (padding < 0 && value.size() < width) out.append(width - value.size(), ' ');
    };
    auto session_text = [&](const std::string& v) {
      if (!ctx.session) {
        put("");
        return;
      }
      put(v.empty() ? "[unknown]" : v);
    };
    switch (prefix[i]) {
      case 'a':
        if (ctx.session) {
          put(ctx.application_name.empty() ? "[unknown]" : ctx.application_name);
        } else {
          put("");
        }
        break;
      case 'u':
        session_text(ctx.user);
        break;
      case 'd':
        session_text(ctx.database);
        break;
      case 'b':
        put(ctx.backend_type);
        break;
      case 'p':
        put(std::to_string(ctx.pid));
        break;
      case 't':
        put(FormatLogTimestamp(ctx.now_us, false));
        break;
      case 'm':
        put(FormatLogTimestamp(ctx.now_us, true));
        break;
      case 'n':
        put(fmt::format("{}.{:03d}", ctx.now_us / 1000000,
                        static_cast<int>((ctx.now_us / 1000) % 1000)));
        break;
      case 's':
        put(ctx.session ? FormatLogTimestamp(ctx.session_start_us, false) : "");
        break;
      case 'c':
        put(FormatSessionId(ctx.session ? ctx.session_start_us : ctx.now_us, ctx.pid));
        break;
      case 'l':
        put(std::to_string(ctx.line_number));
        break;
      case 'i':
        put(ctx.session ? ctx.command_tag : "");
        break;
      case 'r':
        if (!ctx.session || ctx.remote_host.empty()) {
          put("");
        } else if (ctx.remote_port >= 0) {
          put(ctx.remote_host + "(" + std::to_string(ctx.remote_port) + ")");
        } else {
          put(ctx.remote_host);
        }
        break;
      case 'h':
        put(ctx.session ? ctx.remote_host : "");
        break;
      case 'q':
        if (!ctx.session) return out;
        break;
      case 'e':
        put(ctx.sqlstate);
        break;
      case 'v':
        put(ctx.session ? ctx.vxid : "");
        break;
      case 'x':
        put(std::to_string(ctx.txid));
        break;
      case 'Q':
        put("0");
        break;
      case 'P':
        put("");
        break;
      case '%':
        out += '%';
        break;
      default:
        break;  // an unknown escape prints nothing, as in PostgreSQL
    }
  }
  return out;
}

}  // namespace strata
