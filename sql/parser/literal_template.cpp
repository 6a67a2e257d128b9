// MakeLiteralTemplate (see literal_template.h): a scanner for just enough of
// PostgreSQL's lexical rules (scan.l) to find integer constants safely.
#include "sql/parser/literal_template.h"

namespace strata::sql::parser {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// scan.l's ident_start / ident_cont (bytes >= 0x80 are identifier bytes).
bool IsIdentStart(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80;
}
bool IsIdentCont(char c) { return IsIdentStart(c) || IsDigit(c) || c == '$'; }

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Skips a quoted token starting at q[i] == quote (a doubled quote is one
// quote character). Returns the offset after it, or npos if unterminated.
size_t SkipQuoted(std::string_view q, size_t i, char quote) {
  for (size_t j = i + 1; j < q.size(); ++j) {
    if (q[j] != quote) continue;
    if (j + 1 < q.size() && q[j + 1] == quote) {
      ++j;
      continue;
    }
    return j + 1;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<LiteralTemplate> MakeLiteralTemplate(std::string_view query) {
  LiteralTemplate out;
  out.key.assign(query);
  size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == '\x01' || c == '\\') return std::nullopt;
    if (c == '-' && i + 1 < query.size() && query[i + 1] == '-') return std::nullopt;  // comment
    if (c == '/' && i + 1 < query.size() && query[i + 1] == '*') return std::nullopt;  // comment
    if (c == '\'' || c == '"') {
      i = SkipQuoted(query, i, c);
      if (i == std::string_view::npos) return std::nullopt;
      continue;
    }
    if (c == '$') {
      // $n is a parameter; anything else ($$, $tag$) is dollar quoting.
      if (i + 1 >= query.size() || !IsDigit(query[i + 1])) return std::nullopt;
      ++i;
      while (i < query.size() && IsDigit(query[i])) ++i;
      continue;
    }
    if (IsIdentStart(c)) {
      size_t j = i + 1;
      while (j < query.size() && IsIdentCont(query[j])) ++j;
      // E'..', B'..', X'..', N'..', U&'..' (and U&".."): prefixed literals.
      if (j < query.size() && (query[j] == '\'' || query[j] == '&')) return std::nullopt;
      i = j;
      continue;
    }
    if (c == '.' && i + 1 < query.size() && IsDigit(query[i + 1])) return std::nullopt;  // .5
    if (IsDigit(c)) {
      size_t j = i;
      int64_t value = 0;
      while (j < query.size() && IsDigit(query[j])) {
        value = value * 10 + (query[j] - '0');
        if (value > INT32_MAX) return std::nullopt;  // scans as numeric
        ++j;
      }
      // 1.5, 1e3, 1x, 0x1F...: not a plain integer token.
      if (j < query.size() && (query[j] == '.' || IsIdentCont(query[j]))) return std::nullopt;
      TemplateLiteral literal;
      literal.offset = static_cast<int>(i);
      literal.value = static_cast<int32_t>(value);
      size_t k = i;
      while (k > 0 && IsSpace(query[k - 1])) --k;
      if (k > 0 && query[k - 1] == '-') literal.minus_offset = static_cast<int>(k - 1);
      out.literals.push_back(literal);
      for (size_t d = i; d < j; ++d) out.key[d] = '\x01';
      i = j;
      continue;
    }
    ++i;
  }
  if (out.literals.empty()) return std::nullopt;
  return out;
}

}  // namespace strata::sql::parser
