// The regular expression match operators ~, !~, ~*, !~* on text, name and
// bpchar (textregexeq, nameicregexne, ...), which psql's \d commands use in
// their WHERE clauses (n.nspname !~ '^pg_toast').
//
// Patterns are compiled by std::regex's ECMAScript grammar, which agrees
// with PostgreSQL's advanced regular expressions (AREs) on the common
// subset (anchors, classes, bracket expressions, quantifiers, groups,
// alternation) but not on ARE-only escapes (\m, \M, \y) or embedded options.
// Compiled patterns are cached per thread.
#include <list>
#include <regex>
#include <span>
#include <string>
#include <utility>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/expr/compiled_regex.h"

namespace strata::sql {

const std::regex& CompiledRegex(const std::string& pattern, bool icase) {
  struct Entry {
    std::string pattern;
    bool icase;
    std::regex re;
  };
  thread_local std::list<Entry> cache;  // most recently used first
  for (auto it = cache.begin(); it != cache.end(); ++it) {
    if (it->pattern == pattern && it->icase == icase) {
      cache.splice(cache.begin(), cache, it);
      return cache.front().re;
    }
  }
  auto flags = std::regex::ECMAScript;
  if (icase) flags |= std::regex::icase;
  try {
    cache.push_front(Entry{pattern, icase, std::regex(pattern, flags)});
  } catch (const std::regex_error& e) {
    throw SqlError(SqlState::kInvalidRegularExpression,
                   std::string("invalid regular expression: ") + e.what());
  }
  if (cache.size() > 32) cache.pop_back();
  return cache.front().re;
}

namespace {

template <bool kIcase, bool kNegate>
Value RegexMatch(std::span<const Value> a) {
  const std::regex& re = CompiledRegex(a[1].string_value(), kIcase);
  const bool found = std::regex_search(a[0].string_value(), re);
  return Value::Bool(found != kNegate);
}

// bpchar keeps its padding here, as PostgreSQL's bpcharregexeq does.
template <bool kIcase, bool kNegate>
Value BpcharRegexMatch(std::span<const Value> a) {
  return RegexMatch<kIcase, kNegate>(a);
}

constexpr BuiltinFunction kFunctions[] = {
    {"textregexeq", RegexMatch<false, false>},
    {"textregexne", RegexMatch<false, true>},
    {"texticregexeq", RegexMatch<true, false>},
    {"texticregexne", RegexMatch<true, true>},
    {"nameregexeq", RegexMatch<false, false>},
    {"nameregexne", RegexMatch<false, true>},
    {"nameicregexeq", RegexMatch<true, false>},
    {"nameicregexne", RegexMatch<true, true>},
    {"bpcharregexeq", BpcharRegexMatch<false, false>},
    {"bpcharregexne", BpcharRegexMatch<false, true>},
    {"bpcharicregexeq", BpcharRegexMatch<true, false>},
    {"bpcharicregexne", BpcharRegexMatch<true, true>},
};

}  // namespace

std::span<const BuiltinFunction> RegexFunctions() { return kFunctions; }

}  // namespace strata::sql
