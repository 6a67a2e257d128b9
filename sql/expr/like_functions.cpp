// LIKE and ILIKE (the ~~, !~~, ~~*, !~~* operators' functions) and
// like_escape(), after PostgreSQL's like.c / like_match.c: '%' matches any
// run of characters, '_' exactly one character, '\' escapes the next
// pattern character (ESCAPE 'c' is rewritten to '\' by like_escape; ESCAPE ''
// turns escaping off). ILIKE folds both sides with lower() first, as
// PostgreSQL does for a non-C LC_CTYPE. Text is UTF-8; bytea matches bytes.
#include <algorithm>
#include <array>
#include <span>
#include <string>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/expr/sql_function.h"
#include "sql/expr/text_case.h"

namespace strata::sql {

namespace {

enum class Match { kFalse, kTrue, kAbort };

[[noreturn]] void EndsWithEscape() {
  throw SqlError(SqlState::kInvalidEscapeSequence,
                 "LIKE pattern must not end with escape character");
}

// Bytes in the character starting at p (1 for bytea).
size_t CharBytes(const char* p, bool utf8) {
  if (!utf8) return 1;
  const unsigned char c = static_cast<unsigned char>(*p);
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

Match MatchText(const char* t, size_t tlen, const char* p, size_t plen, bool utf8) {
  // Advance by one character, never past the end.
  auto next_char = [&](const char*& s, size_t& len) {
    const size_t n = std::min(CharBytes(s, utf8), len);
    s += n;
    len -= n;
  };
  // A single '%' matches everything, even a string cut in the middle.
  if (plen == 1 && *p == '%') return Match::kTrue;
  while (tlen > 0 && plen > 0) {
    if (*p == '\\') {
      ++p;
      --plen;
      if (plen == 0) EndsWithEscape();
      if (*p != *t) return Match::kFalse;
    } else if (*p == '%') {
      ++p;
      --plen;
      while (plen > 0) {
        if (*p == '%') {
          ++p;
          --plen;
        } else if (*p == '_') {
          if (tlen == 0) return Match::kAbort;
          next_char(t, tlen);
          ++p;
          --plen;
        } else {
          break;
        }
      }
      if (plen == 0) return Match::kTrue;
      char first;
      if (*p == '\\') {
        if (plen < 2) EndsWithEscape();
        first = p[1];
      } else {
        first = *p;
      }
      while (tlen > 0) {
        if (*t == first) {
          const Match m = MatchText(t, tlen, p, plen, utf8);
          if (m != Match::kFalse) return m;
        }
        next_char(t, tlen);
      }
      return Match::kAbort;
    } else if (*p == '_') {
      next_char(t, tlen);
      ++p;
      --plen;
      continue;
    } else if (*p != *t) {
      return Match::kFalse;
    }
    ++t;
    --tlen;
    ++p;
    --plen;
  }
  if (tlen > 0) return Match::kFalse;
  while (plen > 0 && *p == '%') {
    ++p;
    --plen;
  }
  return plen == 0 ? Match::kTrue : Match::kAbort;
}

bool Like(const std::string& text, const std::string& pattern, bool utf8) {
  return MatchText(text.data(), text.size(), pattern.data(), pattern.size(), utf8) ==
         Match::kTrue;
}

template <bool kNegate>
Value TextLike(std::span<const Value> a) {
  return Value::Bool(Like(a[0].string_value(), a[1].string_value(), true) != kNegate);
}
template <bool kNegate>
Value TextILike(std::span<const Value> a) {
  return Value::Bool(Like(LowerText(a[0].string_value()), LowerText(a[1].string_value()), true) !=
                     kNegate);
}
template <bool kNegate>
Value ByteaLike(std::span<const Value> a) {
  return Value::Bool(Like(a[0].string_value(), a[1].string_value(), false) != kNegate);
}

// like_escape(pattern, escape): the pattern rewritten for '\' as the escape.
std::string LikeEscape(const std::string& pattern, const std::string& escape, bool utf8) {
  std::string out;
  if (escape.empty()) {
    // No escape character: a backslash is literal.
    for (char c : pattern) {
      if (c == '\\') out += '\\';
      out += c;
    }
    return out;
  }
  if (CharBytes(escape.data(), utf8) != escape.size()) {
    throw SqlError(SqlState::kInvalidEscapeSequence, "invalid escape string")
        .WithHint("Escape string must be empty or one character.");
  }
  if (escape == "\\") return pattern;
  bool after_escape = false;
  for (size_t i = 0; i < pattern.size();) {
    const size_t n = std::min(CharBytes(pattern.data() + i, utf8), pattern.size() - i);
    const std::string ch = pattern.substr(i, n);
    i += n;
    if (after_escape) {
      if (ch != escape) out += '\\';  // an escaped escape is a plain escape char
      out += ch;
      after_escape = false;
    } else if (ch == escape) {
      after_escape = true;
    } else if (ch == "\\") {
      out += "\\\\";
    } else {
      out += ch;
    }
  }
  if (after_escape) out += '\\';  // MatchText then reports the dangling escape
  return out;
}

Value TextLikeEscape(std::span<const Value> a) {
  return Value::Text(LikeEscape(a[0].string_value(), a[1].string_value(), true));
}
Value ByteaLikeEscape(std::span<const Value> a) {
  return Value::String(type_oid::kBytea, LikeEscape(a[0].string_value(), a[1].string_value(), false));
}

constexpr BuiltinFunction kFunctions[] = {
    {"textlike", TextLike<false>},       {"textnlike", TextLike<true>},
    {"namelike", TextLike<false>},       {"namenlike", TextLike<true>},
    {"bpcharlike", TextLike<false>},     {"bpcharnlike", TextLike<true>},
    {"texticlike", TextILike<false>},    {"texticnlike", TextILike<true>},
    {"nameiclike", TextILike<false>},    {"nameicnlike", TextILike<true>},
    {"bpchariclike", TextILike<false>},  {"bpcharicnlike", TextILike<true>},
    {"bytealike", ByteaLike<false>},     {"byteanlike", ByteaLike<true>},
    {"like_escape", TextLikeEscape},     {"like_escape_bytea", ByteaLikeEscape},
};

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}
const SqlFunction kSqlFunctions[] = {
    {"like_escape", ARGS(type_oid::kText, type_oid::kText), 2, type_oid::kText,
     {"like_escape", TextLikeEscape}},
    {"like_escape", ARGS(type_oid::kBytea, type_oid::kBytea), 2, type_oid::kBytea,
     {"like_escape_bytea", ByteaLikeEscape}},
    {"like", ARGS(type_oid::kText, type_oid::kText), 2, type_oid::kBool,
     {"textlike", TextLike<false>}},
    {"like", ARGS(type_oid::kName, type_oid::kText), 2, type_oid::kBool,
     {"namelike", TextLike<false>}},
    {"like", ARGS(type_oid::kBytea, type_oid::kBytea), 2, type_oid::kBool,
     {"bytealike", ByteaLike<false>}},
    {"notlike", ARGS(type_oid::kText, type_oid::kText), 2, type_oid::kBool,
     {"textnlike", TextLike<true>}},
    {"notlike", ARGS(type_oid::kName, type_oid::kText), 2, type_oid::kBool,
     {"namenlike", TextLike<true>}},
    {"notlike", ARGS(type_oid::kBytea, type_oid::kBytea), 2, type_oid::kBool,
     {"byteanlike", ByteaLike<true>}},
};
#undef ARGS

}  // namespace

std::span<const BuiltinFunction> LikeFunctions() { return kFunctions; }
std::span<const SqlFunction> LikeSqlFunctions() { return kSqlFunctions; }

}  // namespace strata::sql
