// like_regex for jsonpath: XQuery-style flags (i, s, m, q; x is refused when
// the path is parsed) mapped onto std::regex's ECMAScript grammar, which
// agrees with PostgreSQL's regular expressions for the common subset
// (sql/expr/compiled_regex.h). Without `s`, `.` does not match a newline, as
// PostgreSQL compiles jsonpath patterns (REG_NLSTOP); `m` lets ^ and $
// match at line breaks; `q` takes the pattern literally. PostgreSQL's
// escapes \b \B \y \Y \m \M are translated to ECMAScript's.
#include <regex>
#include <cstdint>
#include <string>

#include "common/sql_error.h"
#include "sql/json/jsonpath.h"
#include "sql/json/jsonpath_exec.h"

namespace strata::sql::json {

namespace {

std::string Translate(const std::string& pattern, uint32_t flags) {
  std::string out;
  if (flags & kRegexQuote) {
    for (char c : pattern) {
      if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
        out.push_back('\\');
      }
      out.push_back(c);
    }
    return out;
  }
  bool in_bracket = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      // PostgreSQL's escapes that ECMAScript reads differently: \b is a
      // backspace, \B a backslash, \y / \Y (word boundary or not) and
      // \m / \M (start / end of a word).
      const char e = pattern[++i];
      if (e == 'b') {
        out.append("\\x08");
      } else if (e == 'B') {
        out.append("\\\\");
      } else if (e == 'y' || e == 'm' || e == 'M') {
        out.append("\\b");
      } else if (e == 'Y') {
        out.append("\\B");
      } else {
        out.push_back(c);
        out.push_back(e);
      }
    } else if (in_bracket) {
      if (c == ']') in_bracket = false;
      out.push_back(c);
    } else if (c == '[') {
      in_bracket = true;
      out.push_back(c);
    } else if (c == '.' && (flags & kRegexDotAll)) {
      out.append("[\\s\\S]");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// UTF-8 to code points, so that `.` is one character (malformed bytes
// stand for themselves).
std::wstring Widen(const std::string& s) {
  std::wstring out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (n == 1 || i + static_cast<size_t>(n) > s.size()) {
      out.push_back(static_cast<wchar_t>(b));
      ++i;
      continue;
    }
    uint32_t cp = b & (0x7F >> n);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(static_cast<wchar_t>(cp));
    i += static_cast<size_t>(n);
  }
  return out;
}

}  // namespace

bool JsonPathRegexMatch(const std::string& pattern, uint32_t flags, const std::string& s) {
  auto syntax = std::regex::ECMAScript;
  if (flags & kRegexICase) syntax |= std::regex::icase;
  if (flags & kRegexMLine) syntax |= std::regex::multiline;
  std::wregex re;
  try {
    re = std::wregex(Widen(Translate(pattern, flags)), syntax);
  } catch (const std::regex_error& e) {
    throw SqlError(SqlState::kInvalidRegularExpression,
                   std::string("invalid regular expression: ") + e.what());
  }
  return std::regex_search(Widen(s), re);
}

}  // namespace strata::sql::json
