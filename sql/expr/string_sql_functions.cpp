// String SQL functions (PostgreSQL 15's varlena.c / oracle_compat.c rows of
// these names, every overload so resolution matches): lower, upper, initcap,
// substr, substring, position, strpos, repeat, replace, lpad, rpad, btrim,
// ltrim, rtrim, left, right, reverse, split_part, translate, ascii, chr,
// to_hex, quote_ident, quote_literal, starts_with, char_length, md5.
// (concat and concat_ws are VARIADIC "any": binder/bind_builtin_func.cpp.)
//
// Text is UTF-8 and functions count characters, not bytes. Case mapping is
// the database's C.UTF-8 LC_CTYPE (towlower/towupper, as PostgreSQL's libc
// provider does for a non-"C" locale).
#include <algorithm>
#include <array>
#include <optional>
#include <clocale>
#include <cstdint>
#include <cstdio>
#include <cwctype>
#include <locale.h>
#include <string>
#include <vector>

#include "common/utf8_append.h"
#include "common/sql_error.h"
#include "sql/expr/md5.h"
#include "sql/expr/sql_function.h"
#include "sql/expr/sql_function_rows.h"
#include "sql/expr/text_case.h"
#include "sql/expr/text_quote.h"
#include "sql/types/array_value.h"

namespace strata::sql {

std::string QuoteLiteralText(const std::string& s) {
  std::string out;
  if (s.find('\\') != std::string::npos) out += 'E';
  out += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  out += '\'';
  return out;
}

// Quoted unless a lower-case identifier. (Keywords are not checked yet: the
// regression files quote none.)
std::string QuoteIdentText(const std::string& s) {
  bool safe = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  }
  if (safe) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += c;
    out += c;
  }
  return out + "\"";
}

namespace {

using type_oid::kBool;
using type_oid::kBpchar;
using type_oid::kBytea;
using type_oid::kInt4;
using type_oid::kInt8;
using type_oid::kText;
constexpr Oid kBit = 1560;
constexpr Oid kVarbit = 1562;

// ---- UTF-8 helpers ----

size_t CharLen(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// Byte offsets of each character's start, plus the end.
std::vector<size_t> CharStarts(const std::string& s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size(); i += CharLen(static_cast<unsigned char>(s[i]))) {
    starts.push_back(i);
  }
  starts.push_back(s.size());
  return starts;
}

std::vector<std::string> Chars(const std::string& s) {
  std::vector<std::string> out;
  const std::vector<size_t> st = CharStarts(s);
  for (size_t i = 0; i + 1 < st.size(); ++i) out.push_back(s.substr(st[i], st[i + 1] - st[i]));
  return out;
}

char32_t Decode(const std::string& s, size_t* i) {
  const unsigned char c = static_cast<unsigned char>(s[*i]);
  const size_t n = std::min(CharLen(c), s.size() - *i);
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

locale_t CtypeLocale() {
  static const locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
    return l != static_cast<locale_t>(0) ? l : newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(0));
  }();
  return loc;
}

enum class Case { kLower, kUpper, kInitcap };

std::string MapCase(const std::string& s, Case mode) {
  std::string out;
  out.reserve(s.size());
  bool word_start = true;
  for (size_t i = 0; i < s.size();) {
    const wint_t c = static_cast<wint_t>(Decode(s, &i));
    wint_t m;
    if (mode == Case::kLower) {
      m = towlower_l(c, CtypeLocale());
    } else if (mode == Case::kUpper) {
      m = towupper_l(c, CtypeLocale());
    } else {
      m = word_start ? towupper_l(c, CtypeLocale()) : towlower_l(c, CtypeLocale());
      word_start = !iswalnum_l(c, CtypeLocale());
    }
    AppendUtf8(&out, static_cast<uint32_t>(m));
  }
  return out;
}

}  // namespace

std::string LowerText(const std::string& s) { return MapCase(s, Case::kLower); }
std::string UpperText(const std::string& s) { return MapCase(s, Case::kUpper); }
std::string InitcapText(const std::string& s) { return MapCase(s, Case::kInitcap); }

namespace {

Value T(std::string s) { return Value::Text(std::move(s)); }

Value Lower(std::span<const Value> a) { return T(LowerText(a[0].string_value())); }
Value Upper(std::span<const Value> a) { return T(UpperText(a[0].string_value())); }
Value Initcap(std::span<const Value> a) { return T(InitcapText(a[0].string_value())); }

// text_substring(): characters [start, start + count), clipped to the string.
std::string Substring(const std::string& s, int64_t start, std::optional<int64_t> count) {
  if (count && *count < 0) {
    throw SqlError(SqlState::kSubstringError, "negative substring length not allowed");
  }
  const std::vector<size_t> st = CharStarts(s);
  const int64_t len = static_cast<int64_t>(st.size()) - 1;
  int64_t first = std::max<int64_t>(start, 1);
  int64_t end = count ? (start > INT64_MAX - *count ? INT64_MAX : start + *count) : len + 1;
  end = std::min(end, len + 1);
  if (first >= end) return "";
  return s.substr(st[first - 1], st[end - 1] - st[first - 1]);
}

Value Substr2(std::span<const Value> a) {
  return T(Substring(a[0].string_value(), a[1].int_value(), std::nullopt));
}
Value Substr3(std::span<const Value> a) {
  return T(Substring(a[0].string_value(), a[1].int_value(), a[2].int_value()));
}

// textpos(): 1-based character position of needle, 0 if absent.
Value Strpos(std::span<const Value> a) {
  const std::string& hay = a[0].string_value();
  const std::string& needle = a[1].string_value();
  if (needle.empty()) return Value::Int4(1);
  const size_t at = hay.find(needle);
  if (at == std::string::npos) return Value::Int4(0);
  return Value::Int4(static_cast<int64_t>(CharStarts(hay.substr(0, at)).size()));
}

Value Repeat(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const int64_t n = a[1].int_value();
  if (n <= 0 || s.empty()) return T("");
  if (static_cast<uint64_t>(n) * s.size() >= (1u << 30) - 4) {
    throw SqlError(SqlState::kProgramLimitExceeded, "requested length too large");
  }
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) out += s;
  return T(std::move(out));
}

Value Replace(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const std::string& from = a[1].string_value();
  const std::string& to = a[2].string_value();
  if (from.empty() || s.empty()) return T(s);
  std::string out;
  size_t pos = 0;
  for (size_t at; (at = s.find(from, pos)) != std::string::npos; pos = at + from.size()) {
    out.append(s, pos, at - pos);
    out += to;
  }
  out.append(s, pos, std::string::npos);
  return T(std::move(out));
}

std::string Pad(const std::string& s, int64_t len, const std::string& fill, bool left) {
  if (len <= 0) return "";
  const std::vector<std::string> chars = Chars(s);
  if (static_cast<int64_t>(chars.size()) >= len || fill.empty()) {
    return Substring(s, 1, std::min<int64_t>(len, static_cast<int64_t>(chars.size())));
  }
  const std::vector<std::string> fill_chars = Chars(fill);
  std::string pad;
  for (int64_t i = 0; i < len - static_cast<int64_t>(chars.size()); ++i) {
    pad += fill_chars[static_cast<size_t>(i) % fill_chars.size()];
  }
  return left ? pad + s : s + pad;
}
Value Lpad2(std::span<const Value> a) { return T(Pad(a[0].string_value(), a[1].int_value(), " ", true)); }
Value Lpad3(std::span<const Value> a) {
  return T(Pad(a[0].string_value(), a[1].int_value(), a[2].string_value(), true));
}
Value Rpad2(std::span<const Value> a) { return T(Pad(a[0].string_value(), a[1].int_value(), " ", false)); }
Value Rpad3(std::span<const Value> a) {
  return T(Pad(a[0].string_value(), a[1].int_value(), a[2].string_value(), false));
}

std::string Trim(const std::string& s, const std::string& set, bool leading, bool trailing) {
  const std::vector<std::string> chars = Chars(s);
  const std::vector<std::string> set_chars = Chars(set);
  auto in_set = [&](const std::string& c) {
    return std::find(set_chars.begin(), set_chars.end(), c) != set_chars.end();
  };
  size_t b = 0;
  size_t e = chars.size();
  if (leading) {
    while (b < e && in_set(chars[b])) ++b;
  }
  if (trailing) {
    while (e > b && in_set(chars[e - 1])) --e;
  }
  std::string out;
  for (size_t i = b; i < e; ++i) out += chars[i];
  return out;
}
template <bool kLeading, bool kTrailing>
Value Trim1(std::span<const Value> a) {
  return T(Trim(a[0].string_value(), " ", kLeading, kTrailing));
}
template <bool kLeading, bool kTrailing>
Value Trim2(std::span<const Value> a) {
  return T(Trim(a[0].string_value(), a[1].string_value(), kLeading, kTrailing));
}

Value Left(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const int64_t n = a[1].int_value();
  const int64_t len = static_cast<int64_t>(CharStarts(s).size()) - 1;
  const int64_t keep = n >= 0 ? std::min(n, len) : std::max<int64_t>(len + n, 0);
  return T(Substring(s, 1, keep));
}

Value Right(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const int64_t n = a[1].int_value();
  const int64_t len = static_cast<int64_t>(CharStarts(s).size()) - 1;
  const int64_t keep = n >= 0 ? std::min(n, len) : std::max<int64_t>(len + n, 0);
  return T(Substring(s, len - keep + 1, keep));
}

Value Reverse(std::span<const Value> a) {
  std::vector<std::string> chars = Chars(a[0].string_value());
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return T(std::move(out));
}

Value SplitPart(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const std::string& delim = a[1].string_value();
  int64_t n = a[2].int_value();
  if (n == 0) {
    throw SqlError(SqlState::kInvalidParameterValue, "field position must not be zero");
  }
  if (s.empty()) return T("");
  if (delim.empty()) return T(n == 1 || n == -1 ? s : "");
  std::vector<std::string> fields;
  size_t pos = 0;
  for (size_t at; (at = s.find(delim, pos)) != std::string::npos; pos = at + delim.size()) {
    fields.push_back(s.substr(pos, at - pos));
  }
  fields.push_back(s.substr(pos));
  const int64_t count = static_cast<int64_t>(fields.size());
  if (n < 0) n = count + n + 1;
  if (n < 1 || n > count) return T("");
  return T(fields[static_cast<size_t>(n - 1)]);
}

Value Translate(std::span<const Value> a) {
  const std::vector<std::string> from = Chars(a[1].string_value());
  const std::vector<std::string> to = Chars(a[2].string_value());
  std::string out;
  for (const std::string& c : Chars(a[0].string_value())) {
    auto it = std::find(from.begin(), from.end(), c);
    if (it == from.end()) {
      out += c;
    } else {
      const size_t i = static_cast<size_t>(it - from.begin());
      if (i < to.size()) out += to[i];  // else the character is deleted
    }
  }
  return T(std::move(out));
}

Value Ascii(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  if (s.empty()) return Value::Int4(0);
  size_t i = 0;
  return Value::Int4(static_cast<int64_t>(Decode(s, &i)));
}

Value Chr(std::span<const Value> a) {
  const uint32_t c = static_cast<uint32_t>(a[0].int_value());
  const int32_t shown = static_cast<int32_t>(c);
  if (c == 0) throw SqlError(SqlState::kProgramLimitExceeded, "null character not permitted");
  if (c > 0x10FFFF) {
    throw SqlError(SqlState::kProgramLimitExceeded,
                   "requested character too large for encoding: " + std::to_string(shown));
  }
  if (c >= 0xD800 && c <= 0xDFFF) {
    throw SqlError(SqlState::kProgramLimitExceeded,
                   "requested character not valid for encoding: " + std::to_string(shown));
  }
  std::string out;
  AppendUtf8(&out, static_cast<uint32_t>(c));
  return T(std::move(out));
}

Value ToHex(std::span<const Value> a) {
  const int64_t v = a[0].int_value();
  const uint64_t u = a[0].type() == kInt4 ? static_cast<uint32_t>(v) : static_cast<uint64_t>(v);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(u));
  return T(buf);
}

Value QuoteLiteral(std::span<const Value> a) { return T(QuoteLiteralText(a[0].string_value())); }
Value QuoteIdent(std::span<const Value> a) { return T(QuoteIdentText(a[0].string_value())); }

Value StartsWith(std::span<const Value> a) {
  return Value::Bool(a[0].string_value().starts_with(a[1].string_value()));
}

Value Md5Text(std::span<const Value> a) { return T(Md5Hex(a[0].string_value())); }

// ---- bytea: the same over bytes ----

std::string ByteSubstring(const std::string& s, int64_t start, std::optional<int64_t> count) {
  if (count && *count < 0) {
    throw SqlError(SqlState::kSubstringError, "negative substring length not allowed");
  }
  const int64_t len = static_cast<int64_t>(s.size());
  const int64_t first = std::max<int64_t>(start, 1);
  int64_t end = count ? (start > INT64_MAX - *count ? INT64_MAX : start + *count) : len + 1;
  end = std::min(end, len + 1);
  if (first >= end) return "";
  return s.substr(static_cast<size_t>(first - 1), static_cast<size_t>(end - first));
}
Value B(std::string s) { return Value::String(kBytea, std::move(s)); }
Value ByteaSubstr2(std::span<const Value> a) {
  return B(ByteSubstring(a[0].string_value(), a[1].int_value(), std::nullopt));
}
Value ByteaSubstr3(std::span<const Value> a) {
  return B(ByteSubstring(a[0].string_value(), a[1].int_value(), a[2].int_value()));
}
// textoverlay / byteaoverlay: the part before `from`, the replacement, then
// the part from `from + for` on (for defaults to the replacement's length).
[[noreturn]] void ThrowNegativeLength() {
  throw SqlError(SqlState::kSubstringError, "negative substring length not allowed");
}
int64_t OverlayRest(int64_t from, int64_t count) {
  if (from <= 0) ThrowNegativeLength();
  const int64_t rest = from + count;
  if (rest > INT32_MAX || rest < INT32_MIN) {
    throw SqlError(SqlState::kNumericValueOutOfRange, "integer out of range");
  }
  return rest;
}
Value TextOverlay(const std::string& t1, const std::string& t2, int64_t from, int64_t count) {
  const int64_t rest = OverlayRest(from, count);
  return T(Substring(t1, 1, from - 1) + t2 + Substring(t1, rest, std::nullopt));
}
Value TextOverlay4(std::span<const Value> a) {
  return TextOverlay(a[0].string_value(), a[1].string_value(), a[2].int_value(),
                     a[3].int_value());
}
Value TextOverlay3(std::span<const Value> a) {
  const std::string& t2 = a[1].string_value();
  return TextOverlay(a[0].string_value(), t2, a[2].int_value(),
                     static_cast<int64_t>(CharStarts(t2).size()) - 1);
}
Value ByteaOverlay(const std::string& t1, const std::string& t2, int64_t from, int64_t count) {
  const int64_t rest = OverlayRest(from, count);
  return B(ByteSubstring(t1, 1, from - 1) + t2 + ByteSubstring(t1, rest, std::nullopt));
}
Value ByteaOverlay4(std::span<const Value> a) {
  return ByteaOverlay(a[0].string_value(), a[1].string_value(), a[2].int_value(),
                      a[3].int_value());
}
Value ByteaOverlay3(std::span<const Value> a) {
  const std::string& t2 = a[1].string_value();
  return ByteaOverlay(a[0].string_value(), t2, a[2].int_value(), static_cast<int64_t>(t2.size()));
}

// byteaGetBit / byteaSetBit: bit n is bit n % 8 (least significant first)
// of byte n / 8.
void CheckByteaBitIndex(const std::string& s, int64_t n) {
  const int64_t bits = static_cast<int64_t>(s.size()) * 8;
  if (n < 0 || n >= bits) {
    throw SqlError(SqlState::kArraySubscriptError, "index " + std::to_string(n) +
                                                       " out of valid range, 0.." +
                                                       std::to_string(bits - 1));
  }
}
Value ByteaGetBit(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const int64_t n = a[1].int_value();
  CheckByteaBitIndex(s, n);
  return Value::Int4((static_cast<uint8_t>(s[static_cast<size_t>(n / 8)]) >> (n % 8)) & 1);
}
Value ByteaSetBit(std::span<const Value> a) {
  std::string s = a[0].string_value();
  const int64_t n = a[1].int_value();
  CheckByteaBitIndex(s, n);
  const int64_t bit = a[2].int_value();
  if (bit != 0 && bit != 1) {
    throw SqlError(SqlState::kInvalidParameterValue, "new bit must be 0 or 1");
  }
  auto& byte = s[static_cast<size_t>(n / 8)];
  const auto mask = static_cast<uint8_t>(1u << (n % 8));
  byte = static_cast<char>(bit == 1 ? (static_cast<uint8_t>(byte) | mask)
                                    : (static_cast<uint8_t>(byte) & ~mask));
  return B(std::move(s));
}
// byteaGetByte / byteaSetByte: byte n (0-based).
void CheckByteIndex(const std::string& s, int64_t n) {
  if (n < 0 || n >= static_cast<int64_t>(s.size())) {
    throw SqlError(SqlState::kArraySubscriptError,
                   "index " + std::to_string(n) + " out of valid range, 0.." +
                       std::to_string(static_cast<int64_t>(s.size()) - 1));
  }
}
Value ByteaGetByte(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  CheckByteIndex(s, a[1].int_value());
  return Value::Int4(static_cast<uint8_t>(s[static_cast<size_t>(a[1].int_value())]));
}
Value ByteaSetByte(std::span<const Value> a) {
  std::string s = a[0].string_value();
  CheckByteIndex(s, a[1].int_value());
  s[static_cast<size_t>(a[1].int_value())] = static_cast<char>(a[2].int_value());
  return B(std::move(s));
}
Value ByteaBitCount(std::span<const Value> a) {
  int64_t n = 0;
  for (char c : a[0].string_value()) n += __builtin_popcount(static_cast<uint8_t>(c));
  return Value::Int8(n);
}

template <bool kLeading, bool kTrailing>
Value ByteaTrim(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const std::string& set = a[1].string_value();
  size_t b = 0;
  size_t e = s.size();
  if (kLeading) {
    while (b < e && set.find(s[b]) != std::string::npos) ++b;
  }
  if (kTrailing) {
    while (e > b && set.find(s[e - 1]) != std::string::npos) --e;
  }
  return B(s.substr(b, e - b));
}
Value ByteaPos(std::span<const Value> a) {
  const std::string& hay = a[0].string_value();
  const std::string& needle = a[1].string_value();
  if (needle.empty()) return Value::Int4(1);
  const size_t at = hay.find(needle);
  return Value::Int4(at == std::string::npos ? 0 : static_cast<int64_t>(at) + 1);
}

// string_to_array(string, delimiter [, null_string]): the pieces between
// delimiters ('' as delimiter: the whole string), pieces equal to
// null_string as NULL; an empty string gives an empty array.
Value StringToArray(std::span<const Value> a) {
  const std::string& s = a[0].string_value();
  const std::string& delimiter = a[1].string_value();
  std::vector<Value> elements;
  auto add = [&](std::string piece) {
    if (a.size() > 2 && piece == a[2].string_value()) {
      elements.push_back(Value::Null(type_oid::kText));
    } else {
      elements.push_back(Value::Text(std::move(piece)));
    }
  };
  if (!s.empty()) {
    if (delimiter.empty()) {
      add(s);
    } else {
      size_t from = 0;
      for (size_t at = s.find(delimiter); at != std::string::npos; at = s.find(delimiter, from)) {
        add(s.substr(from, at - from));
        from = at + delimiter.size();
      }
      add(s.substr(from));
    }
  }
  return MakeArray(type_oid::kTextArray, type_oid::kText, std::move(elements));
}

using FunctionRow = SqlFunctionRow;

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

const FunctionRow kRows[] = {
    {"lower", ARGS(kText), 1, kText, "lower", Lower},
    {"upper", ARGS(kText), 1, kText, "upper", Upper},
    {"string_to_array", ARGS(kText, kText), 2, type_oid::kTextArray, "text_to_array", StringToArray},
    {"string_to_array", ARGS(kText, kText, kText), 3, type_oid::kTextArray, "text_to_array_null",
     StringToArray},
    {"initcap", ARGS(kText), 1, kText, "initcap", Initcap},
    {"substr", ARGS(kText, kInt4), 2, kText, "text_substr_no_len", Substr2},
    {"substr", ARGS(kText, kInt4, kInt4), 3, kText, "text_substr", Substr3},
    {"substr", ARGS(kBytea, kInt4), 2, kBytea, "bytea_substr_no_len", ByteaSubstr2},
    {"substr", ARGS(kBytea, kInt4, kInt4), 3, kBytea, "bytea_substr", ByteaSubstr3},
    {"substring", ARGS(kText, kInt4), 2, kText, "text_substr_no_len", Substr2},
    {"substring", ARGS(kText, kInt4, kInt4), 3, kText, "text_substr", Substr3},
    {"substring", ARGS(kBytea, kInt4), 2, kBytea, "bytea_substr_no_len", ByteaSubstr2},
    {"substring", ARGS(kBytea, kInt4, kInt4), 3, kBytea, "bytea_substr", ByteaSubstr3},
    {"substring", ARGS(kBit, kInt4), 2, kBit, "bitsubstr_no_len", nullptr},
    {"substring", ARGS(kBit, kInt4, kInt4), 3, kBit, "bitsubstr", nullptr},
    {"overlay", ARGS(kText, kText, kInt4, kInt4), 4, kText, "textoverlay", TextOverlay4},
    {"overlay", ARGS(kText, kText, kInt4), 3, kText, "textoverlay_no_len", TextOverlay3},
    {"overlay", ARGS(kBytea, kBytea, kInt4, kInt4), 4, kBytea, "byteaoverlay", ByteaOverlay4},
    {"overlay", ARGS(kBytea, kBytea, kInt4), 3, kBytea, "byteaoverlay_no_len", ByteaOverlay3},
    {"get_bit", ARGS(kBytea, type_oid::kInt8), 2, kInt4, "byteaGetBit", ByteaGetBit},
    {"set_bit", ARGS(kBytea, type_oid::kInt8, kInt4), 3, kBytea, "byteaSetBit", ByteaSetBit},
    {"bit_count", ARGS(kBytea), 1, type_oid::kInt8, "bytea_bit_count", ByteaBitCount},
    {"get_byte", ARGS(kBytea, kInt4), 2, kInt4, "byteaGetByte", ByteaGetByte},
    {"set_byte", ARGS(kBytea, kInt4, kInt4), 3, kBytea, "byteaSetByte", ByteaSetByte},
    {"position", ARGS(kText, kText), 2, kInt4, "textpos", Strpos},
    {"position", ARGS(kBytea, kBytea), 2, kInt4, "byteapos", ByteaPos},
    {"position", ARGS(kBit, kBit), 2, kInt4, "bitposition", nullptr},
    {"strpos", ARGS(kText, kText), 2, kInt4, "textpos", Strpos},
    {"repeat", ARGS(kText, kInt4), 2, kText, "repeat", Repeat},
    {"replace", ARGS(kText, kText, kText), 3, kText, "replace_text", Replace},
    {"lpad", ARGS(kText, kInt4), 2, kText, "lpad", Lpad2},
    {"lpad", ARGS(kText, kInt4, kText), 3, kText, "lpad", Lpad3},
    {"rpad", ARGS(kText, kInt4), 2, kText, "rpad", Rpad2},
    {"rpad", ARGS(kText, kInt4, kText), 3, kText, "rpad", Rpad3},
    {"btrim", ARGS(kText), 1, kText, "btrim1", Trim1<true, true>},
    {"btrim", ARGS(kText, kText), 2, kText, "btrim", Trim2<true, true>},
    {"btrim", ARGS(kBytea, kBytea), 2, kBytea, "byteatrim", ByteaTrim<true, true>},
    {"ltrim", ARGS(kText), 1, kText, "ltrim1", Trim1<true, false>},
    {"ltrim", ARGS(kText, kText), 2, kText, "ltrim", Trim2<true, false>},
    {"ltrim", ARGS(kBytea, kBytea), 2, kBytea, "bytealtrim", ByteaTrim<true, false>},
    {"rtrim", ARGS(kText), 1, kText, "rtrim1", Trim1<false, true>},
    {"rtrim", ARGS(kText, kText), 2, kText, "rtrim", Trim2<false, true>},
    {"rtrim", ARGS(kBytea, kBytea), 2, kBytea, "byteartrim", ByteaTrim<false, true>},
    {"left", ARGS(kText, kInt4), 2, kText, "text_left", Left},
    {"right", ARGS(kText, kInt4), 2, kText, "text_right", Right},
    {"reverse", ARGS(kText), 1, kText, "text_reverse", Reverse},
    {"split_part", ARGS(kText, kText, kInt4), 3, kText, "split_part", SplitPart},
    {"translate", ARGS(kText, kText, kText), 3, kText, "translate", Translate},
    {"ascii", ARGS(kText), 1, kInt4, "ascii", Ascii},
    {"chr", ARGS(kInt4), 1, kText, "chr", Chr},
    {"to_hex", ARGS(kInt4), 1, kText, "to_hex32", ToHex},
    {"to_hex", ARGS(kInt8), 1, kText, "to_hex64", ToHex},
    {"quote_literal", ARGS(kText), 1, kText, "quote_literal", QuoteLiteral},
    {"quote_literal", ARGS(type_oid::kAnyElement), 1, kText, "quote_literal_any", nullptr},
    {"quote_ident", ARGS(kText), 1, kText, "quote_ident", QuoteIdent},
    {"starts_with", ARGS(kText, kText), 2, kBool, "starts_with", StartsWith},
    {"char_length", ARGS(kText), 1, kInt4, "textlen", nullptr},
    {"char_length", ARGS(kBpchar), 1, kInt4, "bpcharlen", nullptr},
    {"character_length", ARGS(kText), 1, kInt4, "textlen", nullptr},
    {"character_length", ARGS(kBpchar), 1, kInt4, "bpcharlen", nullptr},
    {"md5", ARGS(kText), 1, kText, "md5_text", Md5Text},
    {"md5", ARGS(kBytea), 1, kText, "md5_bytea", Md5Text},
    {"bit_length", ARGS(kText), 1, kInt4, "textbitlen", nullptr},
    {"bit_length", ARGS(kBytea), 1, kInt4, "byteabitlen", nullptr},
    {"bit_length", ARGS(kBit), 1, kInt4, "bitlength", nullptr},
};

#undef ARGS

}  // namespace

std::span<const SqlFunction> StringSqlFunctions() {
  static const std::vector<SqlFunction> functions = SqlFunctionsFromRows(kRows);
  return functions;
}

}  // namespace strata::sql
