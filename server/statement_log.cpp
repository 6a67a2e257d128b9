// Statement, duration and error lines of the server log (see statement_log.h).
#include "server/statement_log.h"

#include <fmt/format.h>
#include <strings.h>

#include <cctype>

#include "common/logging.h"
#include "sql/sql_session.h"

namespace strata::server {

namespace {

// The first keyword at `pos` (skipping spaces, comments, parentheses).
std::string FirstWord(std::string_view q, size_t* pos) {
  size_t i = *pos;
  while (i < q.size()) {
    if (std::isspace(static_cast<unsigned char>(q[i])) || q[i] == '(') {
      ++i;
    } else if (q.substr(i, 2) == "--") {
      while (i < q.size() && q[i] != '\n') ++i;
    } else if (q.substr(i, 2) == "/*") {
      const size_t end = q.find("*/", i + 2);
      i = end == std::string_view::npos ? q.size() : end + 2;
    } else {
      break;
    }
  }
  const size_t start = i;
  while (i < q.size() && (std::isalpha(static_cast<unsigned char>(q[i])) || q[i] == '_')) ++i;
  *pos = i;
  std::string word(q.substr(start, i - start));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return word;
}

int ClassOf(std::string_view statement) {
  size_t pos = 0;
  std::string w = FirstWord(statement, &pos);
  if (w == "EXPLAIN") {
    // Only EXPLAIN ANALYZE runs the statement.
    std::string next = FirstWord(statement, &pos);
    if (next != "ANALYZE" && next != "ANALYSE") return 0;
    w = FirstWord(statement, &pos);
  }
  if (w == "CREATE" || w == "ALTER" || w == "DROP" || w == "GRANT" || w == "REVOKE" ||
      w == "COMMENT" || w == "REINDEX" || w == "SECURITY") {
    return 2;
  }
  if (w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "TRUNCATE" || w == "MERGE" ||
      w == "COPY") {
    if (w == "COPY" && statement.find("FROM") == std::string_view::npos &&
        statement.find("from") == std::string_view::npos) {
      return 0;
    }
    return 1;
  }
  return 0;
}

// log_min_error_statement's threshold reached by an ERROR?
bool ErrorReaches(const std::string& level) {
  // An ERROR reaches every level up to "error" (debug*, info, notice,
  // warning, error); "log", "fatal" and "panic" are above it.
  return strcasecmp(level.c_str(), "log") != 0 && strcasecmp(level.c_str(), "fatal") != 0 &&
         strcasecmp(level.c_str(), "panic") != 0;
}

}  // namespace

int LogStatementClass(std::string_view query) {
  int best = 0;
  size_t start = 0;
  // Splits on ';' outside quotes (good enough for classifying).
  bool in_single = false, in_double = false;
  for (size_t i = 0; i <= query.size(); ++i) {
    const char c = i < query.size() ? query[i] : ';';
    if (c == '\'' && !in_double) in_single = !in_single;
    if (c == '"' && !in_single) in_double = !in_double;
    if (c == ';' && !in_single && !in_double) {
      best = std::max(best, ClassOf(query.substr(start, i - start)));
      start = i + 1;
    }
  }
  return best;
}

void StatementLog::Start(const sql::SqlSession& session, std::string_view query,
                         std::string_view label) {
  query_ = std::string(query);
  label_ = std::string(label);
  active_ = true;
  statement_logged_ = false;
  start_ = std::chrono::steady_clock::now();
  const std::string mode = session.ShowParameter("log_statement");
  const int need = mode == "all" ? 0 : mode == "mod" ? 1 : mode == "ddl" ? 2 : 3;
  if (need < 3 && LogStatementClass(query) >= need) {
    STRATA_LOG_INFO("{}: {}", label_, query_);
    statement_logged_ = true;
  }
}

void StatementLog::Finish(const sql::SqlSession& session) {
  if (!active_) return;
  active_ = false;
  const int64_t threshold = session.IntParameter("log_min_duration_statement");
  if (threshold < 0) return;
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_)
          .count();
  if (ms < static_cast<double>(threshold)) return;
  if (statement_logged_) {
    STRATA_LOG_INFO("duration: {:.3f} ms", ms);
  } else {
    STRATA_LOG_INFO("duration: {:.3f} ms  {}: {}", ms, label_, query_);
  }
}

void StatementLog::Error(const sql::SqlSession& session, const SqlErrorFields& error) {
  LogRecord r;
  r.level = LogLevel::kError;
  r.message = error.message;
  const std::string_view code = SqlStateCode(error.sqlstate);
  r.sqlstate = code;
  r.detail = error.detail;
  r.hint = error.hint;
  if (active_ && !query_.empty() && ErrorReaches(session.ShowParameter("log_min_error_statement"))) {
    r.statement = query_;
  }
  EmitLog(r);
}

}  // namespace strata::server
