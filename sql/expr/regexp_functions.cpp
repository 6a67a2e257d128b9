// PostgreSQL's regular-expression functions over text: regexp_replace,
// regexp_match, regexp_matches (set-returning), regexp_split_to_table
// (set-returning), regexp_split_to_array, regexp_count, regexp_like,
// substring(text FROM pattern), and SIMILAR TO's similar_to_escape (the
// grammar turns `a SIMILAR TO b` into `a ~ similar_to_escape(b)`).
//
// Flags as PostgreSQL's: g (every match), i / c (case), and n / p / w / s /
// t, which change newline handling (accepted; std::regex's ECMAScript '.'
// never matches a newline, PostgreSQL's does unless n is given). Other
// letters are 22023 "invalid regular expression option". Patterns compile
// with std::regex's ECMAScript grammar, the subset documented in
// regex_functions.cpp; positions are bytes, which equal characters for
// ASCII text.
#include <memory>
#include <cstdint>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/compiled_regex.h"
#include "sql/expr/sql_function.h"
#include "sql/types/array_value.h"
#include "sql/types/data_type.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;

struct RegexFlags {
  bool global = false;
  bool icase = false;
};

RegexFlags ParseFlags(const std::string& flags) {
  RegexFlags out;
  for (char c : flags) {
    switch (c) {
      case 'g': out.global = true; break;
      case 'i': out.icase = true; break;
      case 'c': out.icase = false; break;
      case 'n': case 'p': case 'w': case 's': case 't': case 'm': break;
      default:
        throw SqlError(SqlState::kInvalidParameterValue,
                       std::string("invalid regular expression option: \"") + c + "\"");
    }
  }
  return out;
}

// One match: the whole match and each parenthesized group (nullopt when the
// group did not take part), as byte offsets into the subject.
struct Match {
  size_t begin = 0;
  size_t end = 0;
  std::vector<std::optional<std::pair<size_t, size_t>>> groups;
};

// PostgreSQL's setup_regexp_matches: every match from `start` (one unless
// `global`); with `ignore_degenerate` (the split functions) an empty match
// at the end or right after the previous match is not one.
std::vector<Match> FindMatches(const std::string& subject, const std::regex& re, size_t start,
                               bool global, bool ignore_degenerate) {
  std::vector<Match> out;
  size_t search = start;
  size_t prev_end = start;
  while (search <= subject.size()) {
    std::smatch m;
    const auto from = subject.begin() + static_cast<std::ptrdiff_t>(search);
    const auto flags = search > 0 ? std::regex_constants::match_prev_avail
                                  : std::regex_constants::match_default;
    if (!std::regex_search(from, subject.end(), m, re, flags)) break;
    const size_t begin = search + static_cast<size_t>(m.position(0));
    const size_t end = begin + static_cast<size_t>(m.length(0));
    if (begin < end || !ignore_degenerate || (begin < subject.size() && end > prev_end)) {
      Match match{begin, end, {}};
      for (size_t g = 1; g < m.size(); ++g) {
        if (m[g].matched) {
          const size_t gb = search + static_cast<size_t>(m.position(g));
          match.groups.emplace_back(std::make_pair(gb, gb + static_cast<size_t>(m.length(g))));
        } else {
          match.groups.emplace_back(std::nullopt);
        }
      }
      out.push_back(std::move(match));
    }
    prev_end = end;
    if (!global) break;
    search = end + (begin == end ? 1 : 0);
  }
  return out;
}

// The text[] regexp_match(es) returns for a match: the groups, or the whole
// match when the pattern has none.
Value MatchArray(const std::string& subject, const Match& m) {
  std::vector<Value> elements;
  if (m.groups.empty()) {
    elements.push_back(Value::Text(subject.substr(m.begin, m.end - m.begin)));
  } else {
    for (const auto& g : m.groups) {
      elements.push_back(g ? Value::Text(subject.substr(g->first, g->second - g->first))
                           : Value::Null(type_oid::kText));
    }
  }
  return MakeArray(type_oid::kTextArray, type_oid::kText, std::move(elements));
}

// regexp_replace's replacement: \1..\9 a group, \& the whole match, \\ a
// backslash; any other backslash stays as it is.
void AppendReplacement(std::string* out, const std::string& subject, const Match& m,
                       const std::string& replacement) {
  for (size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (c != '\\' || i + 1 >= replacement.size()) {
      out->push_back(c);
      continue;
    }
    const char n = replacement[i + 1];
    if (n >= '1' && n <= '9') {
      const size_t g = static_cast<size_t>(n - '1');
      if (g < m.groups.size() && m.groups[g]) {
        out->append(subject, m.groups[g]->first, m.groups[g]->second - m.groups[g]->first);
      }
      ++i;
    } else if (n == '&') {
      out->append(subject, m.begin, m.end - m.begin);
      ++i;
    } else if (n == '\\') {
      out->push_back('\\');
      ++i;
    } else {
      out->push_back('\\');
    }
  }
}

// `nth` = 0: every match from `start`; otherwise only the nth.
std::string Replace(const std::string& subject, const std::regex& re, const std::string& repl,
                    size_t start, int64_t nth) {
  const std::vector<Match> matches = FindMatches(subject, re, start, true, false);
  std::string out;
  size_t copied = 0;
  int64_t count = 0;
  for (const Match& m : matches) {
    ++count;
    if (nth != 0 && count != nth) continue;
    out.append(subject, copied, m.begin - copied);
    AppendReplacement(&out, subject, m, repl);
    copied = m.end;
    if (nth != 0) break;
  }
  out.append(subject, copied, std::string::npos);
  return out;
}

bool IsUtf8Lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// The byte offset of character `chars` (0-based) of a UTF-8 string; the
// string's size past its end.
size_t ByteOffsetOfChar(const std::string& s, int64_t chars) {
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if (IsUtf8Lead(s[i]) && chars-- == 0) return i;
  }
  return s.size();
}

// The 1-based character position of byte offset `offset`.
int32_t CharPosition(const std::string& s, size_t offset) {
  int32_t chars = 0;
  for (size_t i = 0; i < offset && i < s.size(); ++i) chars += IsUtf8Lead(s[i]) ? 1 : 0;
  return chars + 1;
}

// A "start" argument (1-based, in characters) as a byte offset.
size_t StartOffset(const Value& start, const std::string& subject) {
  const int64_t s = start.int_value();
  if (s <= 0) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "invalid value for parameter \"start\": " + std::to_string(s));
  }
  return ByteOffsetOfChar(subject, s - 1);
}

// An int argument that must lie in [min, max] (n, endoption's 0/1, subexpr);
// PostgreSQL's "invalid value for parameter" otherwise.
int64_t CheckedArg(const Value& v, const char* name, int64_t min, int64_t max = INT32_MAX) {
  const int64_t x = v.int_value();
  if (x < min || x > max) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::string("invalid value for parameter \"") + name + "\": " +
                       std::to_string(x));
  }
  return x;
}


Value RegexpReplace(Args a) {
  const std::string subject = a[0].string_value();
  const RegexFlags flags = ParseFlags(a.size() > 3 ? a[3].string_value() : "");
  const std::regex& re = CompiledRegex(a[1].string_value(), flags.icase);
  return Value::Text(Replace(subject, re, a[2].string_value(), 0, flags.global ? 0 : 1));
}

// regexp_replace(source, pattern, replacement, start [, N [, flags]]).
Value RegexpReplaceAt(Args a) {
  const std::string subject = a[0].string_value();
  const RegexFlags flags = ParseFlags(a.size() > 5 ? a[5].string_value() : "");
  const int64_t nth = a.size() > 4 ? CheckedArg(a[4], "n", 0) : (flags.global ? 0 : 1);
  const std::regex& re = CompiledRegex(a[1].string_value(), flags.icase);
  return Value::Text(Replace(subject, re, a[2].string_value(), StartOffset(a[3], subject), nth));
}

void RefuseGlobal(const RegexFlags& flags, const char* function, const char* hint) {
  if (!flags.global) return;
  SqlError error(SqlState::kInvalidParameterValue,
                 std::string(function) + "() does not support the \"global\" option");
  if (hint != nullptr) error.WithHint(hint);
  throw error;
}

Value RegexpMatch(Args a) {
  const std::string subject = a[0].string_value();
  const RegexFlags flags = ParseFlags(a.size() > 2 ? a[2].string_value() : "");
  RefuseGlobal(flags, "regexp_match", "Use the regexp_matches function instead.");
  const std::vector<Match> m =
      FindMatches(subject, CompiledRegex(a[1].string_value(), flags.icase), 0, false, false);
  if (m.empty()) return Value::Null(type_oid::kTextArray);
  return MatchArray(subject, m.front());
}

Value RegexpLike(Args a) {
  const RegexFlags flags = ParseFlags(a.size() > 2 ? a[2].string_value() : "");
  RefuseGlobal(flags, "regexp_like", nullptr);
  const std::string subject = a[0].string_value();
  return Value::Bool(
      !FindMatches(subject, CompiledRegex(a[1].string_value(), flags.icase), 0, false, false).empty());
}

// The bytes [begin, end) of match N (1-based) of `pattern` in `subject` from
// `start`, or of its parenthesized group `subexpr` (0: the whole match);
// nullopt if there is no such match or the group did not take part.
std::optional<std::pair<size_t, size_t>> NthMatch(const std::string& subject,
                                                  const std::string& pattern, size_t start,
                                                  int64_t n, const RegexFlags& flags,
                                                  int64_t subexpr) {
  const std::vector<Match> matches =
      FindMatches(subject, CompiledRegex(pattern, flags.icase), start, true, false);
  if (n > static_cast<int64_t>(matches.size())) return std::nullopt;
  const Match& m = matches[static_cast<size_t>(n - 1)];
  if (subexpr == 0) return std::make_pair(m.begin, m.end);
  if (subexpr > static_cast<int64_t>(m.groups.size())) return std::nullopt;
  return m.groups[static_cast<size_t>(subexpr - 1)];
}

// regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]).
Value RegexpInstr(Args a) {
  const std::string subject = a[0].string_value();
  const size_t start = a.size() > 2 ? StartOffset(a[2], subject) : 0;
  const int64_t n = a.size() > 3 ? CheckedArg(a[3], "n", 1) : 1;
  const bool end = a.size() > 4 && CheckedArg(a[4], "endoption", 0, 1) == 1;
  const RegexFlags flags = ParseFlags(a.size() > 5 ? a[5].string_value() : "");
  RefuseGlobal(flags, "regexp_instr", nullptr);
  const int64_t subexpr = a.size() > 6 ? CheckedArg(a[6], "subexpr", 0) : 0;
  const auto found = NthMatch(subject, a[1].string_value(), start, n, flags, subexpr);
  if (!found) return Value::Int4(0);
  return Value::Int4(CharPosition(subject, end ? found->second : found->first));
}

// regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]).
Value RegexpSubstr(Args a) {
  const std::string subject = a[0].string_value();
  const size_t start = a.size() > 2 ? StartOffset(a[2], subject) : 0;
  const int64_t n = a.size() > 3 ? CheckedArg(a[3], "n", 1) : 1;
  const RegexFlags flags = ParseFlags(a.size() > 4 ? a[4].string_value() : "");
  RefuseGlobal(flags, "regexp_substr", nullptr);
  const int64_t subexpr = a.size() > 5 ? CheckedArg(a[5], "subexpr", 0) : 0;
  const auto found = NthMatch(subject, a[1].string_value(), start, n, flags, subexpr);
  if (!found) return Value::Null(type_oid::kText);
  return Value::Text(subject.substr(found->first, found->second - found->first));
}

// regexp_count(string, pattern [, start [, flags]]).
Value RegexpCount(Args a) {
  const std::string subject = a[0].string_value();
  const RegexFlags flags = ParseFlags(a.size() > 3 ? a[3].string_value() : "");
  RefuseGlobal(flags, "regexp_count", nullptr);
  const size_t start = a.size() > 2 ? StartOffset(a[2], subject) : 0;
  return Value::Int4(static_cast<int32_t>(
      FindMatches(subject, CompiledRegex(a[1].string_value(), flags.icase), start, true, false).size()));
}

std::vector<std::string> Split(Args a, const char* function) {
  const std::string subject = a[0].string_value();
  const RegexFlags flags = ParseFlags(a.size() > 2 ? a[2].string_value() : "");
  RefuseGlobal(flags, function, nullptr);
  const std::vector<Match> matches =
      FindMatches(subject, CompiledRegex(a[1].string_value(), flags.icase), 0, true, true);
  std::vector<std::string> pieces;
  size_t from = 0;
  for (const Match& m : matches) {
    pieces.push_back(subject.substr(from, m.begin - from));
    from = m.end;
  }
  pieces.push_back(subject.substr(from));
  return pieces;
}

Value RegexpSplitToArray(Args a) {
  std::vector<Value> elements;
  for (std::string& piece : Split(a, "regexp_split_to_array")) {
    elements.push_back(Value::Text(std::move(piece)));
  }
  return MakeArray(type_oid::kTextArray, type_oid::kText, std::move(elements));
}

// substring(string FROM pattern): the first group's text if the pattern has
// groups, else the whole match; NULL without a match (textregexsubstr).
Value RegexSubstring(Args a) {
  const std::string subject = a[0].string_value();
  const std::vector<Match> m =
      FindMatches(subject, CompiledRegex(a[1].string_value(), false), 0, false, false);
  if (m.empty()) return Value::Null(type_oid::kText);
  const Match& match = m.front();
  if (match.groups.empty()) return Value::Text(subject.substr(match.begin, match.end - match.begin));
  if (!match.groups[0]) return Value::Null(type_oid::kText);
  return Value::Text(
      subject.substr(match.groups[0]->first, match.groups[0]->second - match.groups[0]->first));
}

// similar_escape_internal: an SQL regular expression (SIMILAR TO) as a
// POSIX one anchored at both ends; % is .*, _ is ., the escape character
// quotes the next one, and two escaped double quotes mark the part
// substring(... SIMILAR ...) returns.
std::string SimilarToRegex(const std::string& pattern, std::optional<char> escape) {
  std::string out = "^(?:";
  bool after_escape = false;
  bool in_class = false;
  int quotes = 0;
  size_t class_start = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (after_escape) {
      if (c == '"' && !in_class) {
        if (quotes == 0) {
          out += "){1,1}?(";
        } else if (quotes == 1) {
          out += "){1,1}(?:";
        } else {
          throw SqlError(SqlState::kInvalidUseOfEscapeCharacter,
                         "SQL regular expression may not contain more than two escape-double-quote "
                         "separators");
        }
        ++quotes;
      } else {
        out.push_back('\\');
        out.push_back(c);
      }
      after_escape = false;
    } else if (escape && c == *escape) {
      after_escape = true;
    } else if (in_class) {
      if (c == '\\') out.push_back('\\');
      out.push_back(c);
      // A ']' right after '[' or '[^' is a member, not the end.
      if (c == ']' && i > class_start) in_class = false;
      if (c == '^' && i == class_start) ++class_start;
    } else if (c == '[') {
      out.push_back(c);
      in_class = true;
      class_start = i + 1;
    } else if (c == '%') {
      out += ".*";
    } else if (c == '_') {
      out.push_back('.');
    } else if (c == '(') {
      out += "(?:";
    } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  out += ")$";
  return out;
}

std::optional<char> EscapeChar(const std::string& e) {
  if (e.empty()) return std::nullopt;
  if (e.size() != 1) {
    throw SqlError(SqlState::kInvalidEscapeSequence, "invalid escape string")
        .WithHint("Escape string must be empty or one character.");
  }
  return e[0];
}

Value SimilarToEscape(Args a) {
  return Value::Text(SimilarToRegex(a[0].string_value(), '\\'));
}

Value SimilarToEscapeWith(Args a) {
  return Value::Text(SimilarToRegex(a[0].string_value(), EscapeChar(a[1].string_value())));
}

// substring(string SIMILAR pattern ESCAPE escape): the part between the
// escaped double quotes (or the whole string) when the whole string matches.
Value SimilarSubstring(Args a) {
  const std::string subject = a[0].string_value();
  const std::string regex = SimilarToRegex(a[1].string_value(), EscapeChar(a[2].string_value()));
  const std::vector<Match> m = FindMatches(subject, CompiledRegex(regex, false), 0, false, false);
  if (m.empty()) return Value::Null(type_oid::kText);
  const Match& match = m.front();
  // With two separators the middle group is the result; with none, all.
  if (match.groups.empty()) return Value::Text(subject);
  if (!match.groups[0]) return Value::Null(type_oid::kText);
  return Value::Text(
      subject.substr(match.groups[0]->first, match.groups[0]->second - match.groups[0]->first));
}

// --- Set-returning functions.

class ValueListGenerator final : public SetGenerator {
 public:
  explicit ValueListGenerator(std::vector<Value> values) : values_(std::move(values)) {}
  bool Next(Value* out) override {
    if (next_ >= values_.size()) return false;
    *out = std::move(values_[next_++]);
    return true;
  }

 private:
  std::vector<Value> values_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> RegexpMatches(Args a) {
  const std::string subject = a[0].string_value();
  const RegexFlags flags = ParseFlags(a.size() > 2 ? a[2].string_value() : "");
  std::vector<Value> rows;
  for (const Match& m :
       FindMatches(subject, CompiledRegex(a[1].string_value(), flags.icase), 0, flags.global, false)) {
    rows.push_back(MatchArray(subject, m));
  }
  return std::make_unique<ValueListGenerator>(std::move(rows));
}

std::unique_ptr<SetGenerator> RegexpSplitToTable(Args a) {
  std::vector<Value> rows;
  for (std::string& piece : Split(a, "regexp_split_to_table")) {
    rows.push_back(Value::Text(std::move(piece)));
  }
  return std::make_unique<ValueListGenerator>(std::move(rows));
}

Value NotScalar(Args) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "set-valued function called in context that cannot accept a set");
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kText = type_oid::kText;
constexpr Oid kInt4 = type_oid::kInt4;
constexpr Oid kBool = type_oid::kBool;

const SqlFunction kFunctions[] = {
    {"regexp_replace", {kText, kText, kText, k0, k0, k0, k0}, 3, kText,
     {"textregexreplace_noopt", RegexpReplace}},
    {"regexp_replace", {kText, kText, kText, kText, k0, k0, k0}, 4, kText,
     {"textregexreplace", RegexpReplace}},
    {"regexp_replace", {kText, kText, kText, kInt4, k0, k0, k0}, 4, kText,
     {"textregexreplace_extended_no_n", RegexpReplaceAt}},
    {"regexp_replace", {kText, kText, kText, kInt4, kInt4, k0, k0}, 5, kText,
     {"textregexreplace_extended_no_flags", RegexpReplaceAt}},
    {"regexp_replace", {kText, kText, kText, kInt4, kInt4, kText, k0}, 6, kText,
     {"textregexreplace_extended", RegexpReplaceAt}},
    {"regexp_match", {kText, kText, k0, k0, k0, k0, k0}, 2, type_oid::kTextArray,
     {"regexp_match_no_flags", RegexpMatch}},
    {"regexp_match", {kText, kText, kText, k0, k0, k0, k0}, 3, type_oid::kTextArray,
     {"regexp_match", RegexpMatch}},
    {"regexp_like", {kText, kText, k0, k0, k0, k0, k0}, 2, kBool,
     {"regexp_like_no_flags", RegexpLike}},
    {"regexp_like", {kText, kText, kText, k0, k0, k0, k0}, 3, kBool, {"regexp_like", RegexpLike}},
    {"regexp_instr", {kText, kText, k0, k0, k0, k0, k0}, 2, kInt4,
     {"regexp_instr_no_start", RegexpInstr}},
    {"regexp_instr", {kText, kText, kInt4, k0, k0, k0, k0}, 3, kInt4,
     {"regexp_instr_no_n", RegexpInstr}},
    {"regexp_instr", {kText, kText, kInt4, kInt4, k0, k0, k0}, 4, kInt4,
     {"regexp_instr_no_endoption", RegexpInstr}},
    {"regexp_instr", {kText, kText, kInt4, kInt4, kInt4, k0, k0}, 5, kInt4,
     {"regexp_instr_no_flags", RegexpInstr}},
    {"regexp_instr", {kText, kText, kInt4, kInt4, kInt4, kText, k0}, 6, kInt4,
     {"regexp_instr_no_subexpr", RegexpInstr}},
    {"regexp_instr", {kText, kText, kInt4, kInt4, kInt4, kText, kInt4}, 7, kInt4,
     {"regexp_instr", RegexpInstr}},
    {"regexp_substr", {kText, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"regexp_substr_no_start", RegexpSubstr}},
    {"regexp_substr", {kText, kText, kInt4, k0, k0, k0, k0}, 3, kText,
     {"regexp_substr_no_n", RegexpSubstr}},
    {"regexp_substr", {kText, kText, kInt4, kInt4, k0, k0, k0}, 4, kText,
     {"regexp_substr_no_flags", RegexpSubstr}},
    {"regexp_substr", {kText, kText, kInt4, kInt4, kText, k0, k0}, 5, kText,
     {"regexp_substr_no_subexpr", RegexpSubstr}},
    {"regexp_substr", {kText, kText, kInt4, kInt4, kText, kInt4, k0}, 6, kText,
     {"regexp_substr", RegexpSubstr}},
    {"regexp_count", {kText, kText, k0, k0, k0, k0, k0}, 2, kInt4,
     {"regexp_count_no_start", RegexpCount}},
    {"regexp_count", {kText, kText, kInt4, k0, k0, k0, k0}, 3, kInt4,
     {"regexp_count_no_flags", RegexpCount}},
    {"regexp_count", {kText, kText, kInt4, kText, k0, k0, k0}, 4, kInt4,
     {"regexp_count", RegexpCount}},
    {"regexp_split_to_array", {kText, kText, k0, k0, k0, k0, k0}, 2, type_oid::kTextArray,
     {"regexp_split_to_array_no_flags", RegexpSplitToArray}},
    {"regexp_split_to_array", {kText, kText, kText, k0, k0, k0, k0}, 3, type_oid::kTextArray,
     {"regexp_split_to_array", RegexpSplitToArray}},
    {"substring", {kText, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"textregexsubstr", RegexSubstring}},
    {"substring", {kText, kText, kText, k0, k0, k0, k0}, 3, kText,
     {"substring_similar", SimilarSubstring}},
    {"similar_to_escape", {kText, k0, k0, k0, k0, k0, k0}, 1, kText,
     {"similar_to_escape_1", SimilarToEscape}},
    {"similar_to_escape", {kText, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"similar_to_escape_2", SimilarToEscapeWith}},
    {"regexp_matches", {kText, kText, k0, k0, k0, k0, k0}, 2, type_oid::kTextArray,
     {"regexp_matches_no_flags", NotScalar}, false, nullptr, RegexpMatches},
    {"regexp_matches", {kText, kText, kText, k0, k0, k0, k0}, 3, type_oid::kTextArray,
     {"regexp_matches", NotScalar}, false, nullptr, RegexpMatches},
    {"regexp_split_to_table", {kText, kText, k0, k0, k0, k0, k0}, 2, kText,
     {"regexp_split_to_table_no_flags", NotScalar}, false, nullptr, RegexpSplitToTable},
    {"regexp_split_to_table", {kText, kText, kText, k0, k0, k0, k0}, 3, kText,
     {"regexp_split_to_table", NotScalar}, false, nullptr, RegexpSplitToTable},
};

}  // namespace

std::span<const SqlFunction> RegexpSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
