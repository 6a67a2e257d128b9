// The jsonpath type (SQL/JSON path language, PostgreSQL 15's jsonpath): its
// syntax tree, parser (jsonpath_parser.cpp) and canonical printer
// (jsonpath_print.cpp).
//
// A jsonpath Value's payload is its canonical text (what jsonpath_out prints:
// `strict $."a"[*]?(@ > 1)`), which the parser reads back to the same tree,
// so the executor re-parses the payload on use.
//
// The tree: every item may have a `next` item applied to its results (an
// accessor chain: $ -> ."a" -> [*]); operators keep their operands in
// `left` / `right`, filters, `!`, `exists` and `is unknown` their argument in
// `left`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace strata::sql::json {

enum class JpKind : uint8_t {
  kNull,
  kBool,
  kNumeric,   // text: the number as numeric_out prints it
  kString,    // text
  kVariable,  // $name: text is the name
  kRoot,      // $
  kCurrent,   // @
  kLast,      // last (inside array subscripts)
  kKey,       // ."key"
  kAnyKey,    // .*
  kAnyArray,  // [*]
  kIndexArray,  // [a, b to c]: subscripts
  kAny,       // .** / .**{first to last}
  kFilter,    // ?(left)
  // Binary operators (left, right).
  kAnd,
  kOr,
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kStartsWith,  // left starts with right (a string or a variable)
  // Unary (left).
  kNot,
  kIsUnknown,
  kExists,
  kPlus,
  kMinus,
  kLikeRegex,  // left like_regex text flag flags
  // Item methods.
  kType,
  kSize,
  kDouble,
  kCeiling,
  kFloor,
  kAbs,
  kKeyValue,
  kDatetime,  // left: the optional template (a string)
};

// .**{first to last}: kAnyLast stands for `last`.
inline constexpr uint32_t kAnyLast = UINT32_MAX;

// like_regex flags, in the order PostgreSQL prints them ("ismxq").
inline constexpr uint32_t kRegexICase = 1;
inline constexpr uint32_t kRegexDotAll = 2;
inline constexpr uint32_t kRegexMLine = 4;
inline constexpr uint32_t kRegexWSpace = 8;
inline constexpr uint32_t kRegexQuote = 16;

struct JpItem;
using JpItemPtr = std::unique_ptr<JpItem>;

struct JpSubscript {
  JpItemPtr from;
  JpItemPtr to;  // null unless `from to to`
};

struct JpItem {
  JpKind kind = JpKind::kNull;
  bool bool_value = false;
  std::string text;  // key, string, number, variable name, regex pattern
  uint32_t flags = 0;  // like_regex flags
  uint32_t first = 0;  // .** levels
  uint32_t last = kAnyLast;
  JpItemPtr left;
  JpItemPtr right;
  std::vector<JpSubscript> subscripts;
  JpItemPtr next;
};

struct JsonPath {
  bool strict = false;
  JpItemPtr root;
};

// jsonpath_in: parses `text`. Throws SqlError as PostgreSQL does: 42601 for
// syntax errors ("syntax error at or near "x" of jsonpath input", "trailing
// junk after numeric literal ...", "LAST is allowed only in array
// subscripts", "@ is not allowed in root expressions"), 22P02 for an empty
// path and bad Unicode escapes, 2201B for bad regular expressions.
JsonPath ParseJsonPath(std::string_view text);

// jsonpath_out.
std::string PrintJsonPath(const JsonPath& path);

// jsonpath_in then jsonpath_out: the payload of a jsonpath Value.
std::string JsonPathFromText(std::string_view text);

}  // namespace strata::sql::json
