// jsonpath_in: a hand-written scanner and recursive-descent parser for the
// SQL/JSON path language as PostgreSQL 15 reads it (its grammar, keywords,
// number and string literals, and its errors).
//
// Error positions follow PostgreSQL's scanner: a syntax error names the
// token it stopped at ("syntax error at or near "]" of jsonpath input");
// for identifiers and keywords PostgreSQL's scanner reports the character
// that ended the word (its yytext then), for quoted strings the closing
// quote, and "at end of jsonpath input" at the end.
#include <cstring>
#include <string>
#include <vector>

#include "common/hex_digit.h"
#include "common/sql_error.h"
#include "common/utf8_append.h"
#include "sql/json/jsonpath.h"
#include "sql/types/numeric.h"

namespace strata::sql::json {

namespace {

[[noreturn]] void SyntaxError(const std::string& message) {
  throw SqlError(SqlState::kSyntaxError, message);
}

[[noreturn]] void InvalidJsonPath(const std::string& detail) {
  throw SqlError(SqlState::kInvalidTextRepresentation, "invalid input syntax for type jsonpath")
      .WithDetail(detail);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// PostgreSQL's `special` characters: these end an identifier.
bool IsSpecial(char c) { return std::strchr("?%$.[]{}()|&!=<>@#,*:-+/", c) != nullptr; }

// A character of an unquoted identifier (flex's `other`).
bool IsOther(char c) { return c != '\0' && !IsSpecial(c) && !IsSpace(c) && c != '\\' && c != '"'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }



enum class Tok : uint8_t {
  kEnd,
  kPunct,     // text: the operator or punctuation
  kIdent,     // an unquoted word (keywords included): text
  kString,    // a quoted string: text (de-escaped)
  kNumber,    // text: the canonical number
  kVariable,  // $name or $"name": text
};

struct Token {
  Tok type = Tok::kEnd;
  std::string text;
  std::string shown;  // what a syntax error at this token names; empty: at end
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}

  Token Next() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    Token t;
    if (pos_ >= s_.size()) return t;
    const char c = s_[pos_];
    if (c == '"') {
      ++pos_;
      t.type = Tok::kString;
      t.text = ReadQuoted();
      t.shown = "\"";
      return t;
    }
    if (IsDigit(c) || (c == '.' && pos_ + 1 < s_.size() && IsDigit(s_[pos_ + 1]))) {
      return ReadNumber();
    }
    if (c == '$') {
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] == '"') {
        ++pos_;
        t.type = Tok::kVariable;
        t.text = ReadQuoted();
        t.shown = "\"";
        return t;
      }
      if (pos_ < s_.size() && (IsOther(s_[pos_]) || s_[pos_] == '\\')) {
        t.type = Tok::kVariable;
        t.text = ReadWord(&t.shown);
        return t;
      }
      t.type = Tok::kPunct;
      t.text = t.shown = "$";
      return t;
    }
    if (IsSpecial(c)) {
      static constexpr const char* kTwo[] = {"==", "!=", "<>", "<=", ">=", "&&", "||", "**"};
      t.type = Tok::kPunct;
      for (const char* op : kTwo) {
        if (s_.substr(pos_, 2) == op) {
          t.text = op;
          pos_ += 2;
          t.shown = t.text;
          return t;
        }
      }
      t.text = std::string(1, c);
      ++pos_;
      t.shown = t.text;
      return t;
    }
    t.type = Tok::kIdent;
    t.text = ReadWord(&t.shown);
    return t;
  }

 private:
  // An unquoted word (with backslash escapes); *shown is the character
  // after it, as PostgreSQL's scanner reports it.
  std::string ReadWord(std::string* shown) {
    std::string out;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '\\') {
        ++pos_;
        ReadEscape(&out);
      } else if (IsOther(c)) {
        out.push_back(c);
        ++pos_;
      } else {
        break;
      }
    }
    *shown = pos_ < s_.size() ? std::string(1, s_[pos_]) : std::string();
    return out;
  }

  // The rest of a quoted string, after its opening quote.
  std::string ReadQuoted() {
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) SyntaxError("unexpected end of quoted string at end of jsonpath input");
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        break;
      }
      if (c == '\\') {
        ++pos_;
        ReadEscape(&out);
        continue;
      }
      out.push_back(c);
      ++pos_;
    }
    FlushSurrogate();
    return out;
  }

  void FlushSurrogate() {
    if (high_surrogate_ != 0) {
      high_surrogate_ = 0;
      InvalidJsonPath("Unicode low surrogate must follow a high surrogate.");
    }
  }

  // One escape after its backslash.
  void ReadEscape(std::string* out) {
    if (pos_ >= s_.size()) SyntaxError("unexpected end after backslash at end of jsonpath input");
    const char c = s_[pos_++];
    if (c == 'u') {
      ReadUnicode(out);
      return;
    }
    FlushSurrogate();
    switch (c) {
      case 'b': out->push_back('\b'); return;
      case 'f': out->push_back('\f'); return;
      case 'n': out->push_back('\n'); return;
      case 'r': out->push_back('\r'); return;
      case 't': out->push_back('\t'); return;
      case 'v': out->push_back('\v'); return;
      case 'x': {
        const size_t start = pos_ - 2;
        int v = 0;
        int n = 0;
        while (n < 2 && pos_ < s_.size() && HexDigitValue(s_[pos_]) >= 0) {
          v = v * 16 + HexDigitValue(s_[pos_++]);
          ++n;
        }
        if (n < 2) {
          SyntaxError("invalid hexadecimal character sequence at or near \"" +
                      std::string(s_.substr(start, pos_ - start)) + "\" of jsonpath input");
        }
        AddCodePoint(out, static_cast<uint32_t>(v));
        return;
      }
      default:
        out->push_back(c);
        return;
    }
  }

  void ReadUnicode(std::string* out) {
    const size_t start = pos_ - 2;
    uint32_t cp = 0;
    if (pos_ < s_.size() && s_[pos_] == '{') {
      ++pos_;
      int n = 0;
      while (n < 6 && pos_ < s_.size() && HexDigitValue(s_[pos_]) >= 0) {
        cp = cp * 16 + static_cast<uint32_t>(HexDigitValue(s_[pos_++]));
        ++n;
      }
      if (n == 0 || pos_ >= s_.size() || s_[pos_] != '}') {
        SyntaxError("invalid unicode sequence at or near \"" +
                    std::string(s_.substr(start, pos_ - start)) + "\" of jsonpath input");
      }
      ++pos_;
    } else {
      int n = 0;
      while (n < 4 && pos_ < s_.size() && HexDigitValue(s_[pos_]) >= 0) {
        cp = cp * 16 + static_cast<uint32_t>(HexDigitValue(s_[pos_++]));
        ++n;
      }
      if (n < 4) {
        SyntaxError("invalid unicode sequence at or near \"" +
                    std::string(s_.substr(start, pos_ - start)) + "\" of jsonpath input");
      }
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (high_surrogate_ != 0) {
        high_surrogate_ = 0;
        InvalidJsonPath("Unicode high surrogate must not follow a high surrogate.");
      }
      high_surrogate_ = cp;
      // The low half must follow at once.
      if (s_.substr(pos_, 2) != "\\u") FlushSurrogate();
      return;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
      if (high_surrogate_ == 0) InvalidJsonPath("Unicode low surrogate must follow a high surrogate.");
      cp = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (cp - 0xDC00);
      high_surrogate_ = 0;
      AddCodePoint(out, cp);
      return;
    }
    FlushSurrogate();
    AddCodePoint(out, cp);
  }

  static void AddCodePoint(std::string* out, uint32_t cp) {
    if (cp == 0) {
      throw SqlError(SqlState::kUntranslatableCharacter, "unsupported Unicode escape sequence")
          .WithDetail("\\u0000 cannot be converted to text.");
    }
    if (cp > 0x10FFFF) SyntaxError("invalid Unicode escape value");
    AppendUtf8(out, cp);
  }

  Token ReadNumber() {
    const size_t start = pos_;
    const auto digits = [&] {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    };
    if (s_[pos_] == '.') {
      ++pos_;
      digits();
    } else {
      if (s_[pos_] == '0') {
        ++pos_;
      } else {
        digits();
      }
      if (pos_ < s_.size() && s_[pos_] == '.') {
        ++pos_;
        digits();
      }
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      size_t p = pos_ + 1;
      if (p < s_.size() && (s_[p] == '+' || s_[p] == '-')) ++p;
      if (p < s_.size() && IsDigit(s_[p])) {
        pos_ = p;
        digits();
      } else if (p > pos_ + 1) {
        SyntaxError("invalid numeric literal at or near \"" +
                    std::string(s_.substr(start, p - start)) + "\" of jsonpath input");
      }
    }
    if (pos_ < s_.size() && IsOther(s_[pos_])) {
      SyntaxError("trailing junk after numeric literal at or near \"" +
                  std::string(s_.substr(start, pos_ + 1 - start)) + "\" of jsonpath input");
    }
    Token t;
    t.type = Tok::kNumber;
    t.shown = std::string(s_.substr(start, pos_ - start));
    t.text = Numeric::Parse(t.shown).ToString();
    return t;
  }

  std::string_view s_;
  size_t pos_ = 0;
  uint32_t high_surrogate_ = 0;
};

bool KeywordIs(const Token& t, const char* word) {
  if (t.type != Tok::kIdent || t.text.size() != std::strlen(word)) return false;
  for (size_t i = 0; i < t.text.size(); ++i) {
    char c = t.text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

bool IsPredicate(const JpItem& item) {
  if (item.next != nullptr) return false;
  switch (item.kind) {
    case JpKind::kAnd:
    case JpKind::kOr:
    case JpKind::kNot:
    case JpKind::kEqual:
    case JpKind::kNotEqual:
    case JpKind::kLess:
    case JpKind::kLessOrEqual:
    case JpKind::kGreater:
    case JpKind::kGreaterOrEqual:
    case JpKind::kStartsWith:
    case JpKind::kLikeRegex:
    case JpKind::kExists:
    case JpKind::kIsUnknown:
      return true;
    default:
      return false;
  }
}

JpItemPtr Make(JpKind kind) {
  auto item = std::make_unique<JpItem>();
  item->kind = kind;
  return item;
}

JpItemPtr MakeBinary(JpKind kind, JpItemPtr l, JpItemPtr r) {
  JpItemPtr item = Make(kind);
  item->left = std::move(l);
  item->right = std::move(r);
  return item;
}

// Appends `op` at the end of `chain`'s accessor chain.
void Append(JpItem* chain, JpItemPtr op) {
  while (chain->next != nullptr) chain = chain->next.get();
  chain->next = std::move(op);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : scanner_(text) { Advance(); }

  JsonPath Parse() {
    JsonPath path;
    if (tok_.type == Tok::kEnd) {
      throw SqlError(SqlState::kInvalidTextRepresentation,
                     "invalid input syntax for type jsonpath: \"\"");
    }
    if (KeywordIs(tok_, "strict")) {
      path.strict = true;
      Advance();
    } else if (KeywordIs(tok_, "lax")) {
      Advance();
    }
    path.root = ParseOr();
    if (tok_.type != Tok::kEnd) Fail();
    Check(*path.root, false, 0);
    return path;
  }

 private:
  void Advance() { tok_ = scanner_.Next(); }

  [[noreturn]] void Fail() {
    if (tok_.shown.empty()) SyntaxError("syntax error at end of jsonpath input");
    SyntaxError("syntax error at or near \"" + tok_.shown + "\" of jsonpath input");
  }

  bool IsPunct(const char* p) const { return tok_.type == Tok::kPunct && tok_.text == p; }

  void Expect(const char* p) {
    if (!IsPunct(p)) Fail();
    Advance();
  }

  JpItemPtr RequirePredicate(JpItemPtr item) {
    if (!IsPredicate(*item)) Fail();
    return item;
  }
  JpItemPtr RequireExpr(JpItemPtr item) {
    if (IsPredicate(*item)) Fail();
    return item;
  }

  JpItemPtr ParseOr() {
    JpItemPtr left = ParseAnd();
    while (IsPunct("||")) {
      if (!IsPredicate(*left)) Fail();
      Advance();
      JpItemPtr right = RequirePredicate(ParseAnd());
      left = MakeBinary(JpKind::kOr, std::move(left), std::move(right));
    }
    return left;
  }

  JpItemPtr ParseAnd() {
    JpItemPtr left = ParseNot();
    while (IsPunct("&&")) {
      if (!IsPredicate(*left)) Fail();
      Advance();
      JpItemPtr right = RequirePredicate(ParseNot());
      left = MakeBinary(JpKind::kAnd, std::move(left), std::move(right));
    }
    return left;
  }

  JpItemPtr ParseNot() {
    if (IsPunct("!")) {
      Advance();
      JpItemPtr item = Make(JpKind::kNot);
      if (KeywordIs(tok_, "exists")) {
        item->left = ParseExists();
      } else {
        Expect("(");
        item->left = RequirePredicate(ParseOr());
        Expect(")");
      }
      return item;
    }
    return ParseComparison();
  }

  JpItemPtr ParseExists() {
    Advance();  // exists
    Expect("(");
    JpItemPtr item = Make(JpKind::kExists);
    item->left = RequireExpr(ParseOr());
    Expect(")");
    return item;
  }

  JpItemPtr ParseComparison() {
    JpItemPtr left = ParseAdditive();
    static constexpr std::pair<const char*, JpKind> kOps[] = {
        {"==", JpKind::kEqual},         {"!=", JpKind::kNotEqual},
        {"<>", JpKind::kNotEqual},      {"<", JpKind::kLess},
        {"<=", JpKind::kLessOrEqual},   {">", JpKind::kGreater},
        {">=", JpKind::kGreaterOrEqual}};
    for (const auto& [op, kind] : kOps) {
      if (IsPunct(op)) {
        if (IsPredicate(*left)) Fail();
        Advance();
        JpItemPtr right = RequireExpr(ParseAdditive());
        return MakeBinary(kind, std::move(left), std::move(right));
      }
    }
    if (KeywordIs(tok_, "starts")) {
      if (IsPredicate(*left)) Fail();
      Advance();
      if (!KeywordIs(tok_, "with")) Fail();
      Advance();
      JpItemPtr right;
      if (tok_.type == Tok::kString) {
        right = Make(JpKind::kString);
      } else if (tok_.type == Tok::kVariable) {
        right = Make(JpKind::kVariable);
      } else {
        Fail();
      }
      right->text = tok_.text;
      Advance();
      return MakeBinary(JpKind::kStartsWith, std::move(left), std::move(right));
    }
    if (KeywordIs(tok_, "like_regex")) {
      if (IsPredicate(*left)) Fail();
      Advance();
      if (tok_.type != Tok::kString) Fail();
      JpItemPtr item = Make(JpKind::kLikeRegex);
      item->left = std::move(left);
      item->text = tok_.text;
      Advance();
      if (KeywordIs(tok_, "flag")) {
        Advance();
        if (tok_.type != Tok::kString) Fail();
        item->flags = ParseRegexFlags(tok_.text);
        Advance();
      }
      CheckRegex(item->text, item->flags);
      return item;
    }
    return left;
  }

  static uint32_t ParseRegexFlags(const std::string& s) {
    uint32_t flags = 0;
    for (char c : s) {
      switch (c) {
        case 'i': flags |= kRegexICase; break;
        case 's': flags |= kRegexDotAll; break;
        case 'm': flags |= kRegexMLine; break;
        case 'x': flags |= kRegexWSpace; break;
        case 'q': flags |= kRegexQuote; break;
        default:
          InvalidJsonPath(std::string("Unrecognized flag character \"") + c +
                          "\" in LIKE_REGEX predicate.");
      }
    }
    return flags;
  }

  // The checks PostgreSQL makes when it compiles the pattern at input.
  static void CheckRegex(const std::string& pattern, uint32_t flags) {
    if (flags & kRegexQuote) return;
    if (flags & kRegexWSpace) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     "XQuery \"x\" flag (expanded regular expressions) is not implemented");
    }
    int depth = 0;
    bool in_bracket = false;
    for (size_t i = 0; i < pattern.size(); ++i) {
      const char c = pattern[i];
      if (c == '\\') {
        ++i;
      } else if (in_bracket) {
        if (c == ']') in_bracket = false;
      } else if (c == '[') {
        in_bracket = true;
        if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')') {
        if (--depth < 0) break;
      }
    }
    if (depth != 0) {
      throw SqlError(SqlState::kInvalidRegularExpression,
                     "invalid regular expression: parentheses () not balanced");
    }
    if (in_bracket) {
      throw SqlError(SqlState::kInvalidRegularExpression,
                     "invalid regular expression: brackets [] not balanced");
    }
  }

  JpItemPtr ParseAdditive() {
    JpItemPtr left = ParseMultiplicative();
    while (IsPunct("+") || IsPunct("-")) {
      const JpKind kind = tok_.text == "+" ? JpKind::kAdd : JpKind::kSub;
      if (IsPredicate(*left)) Fail();
      Advance();
      JpItemPtr right = RequireExpr(ParseMultiplicative());
      left = MakeBinary(kind, std::move(left), std::move(right));
    }
    return left;
  }

  JpItemPtr ParseMultiplicative() {
    JpItemPtr left = ParseUnary();
    while (IsPunct("*") || IsPunct("/") || IsPunct("%")) {
      const JpKind kind = tok_.text == "*"   ? JpKind::kMul
                          : tok_.text == "/" ? JpKind::kDiv
                                             : JpKind::kMod;
      if (IsPredicate(*left)) Fail();
      Advance();
      JpItemPtr right = RequireExpr(ParseUnary());
      left = MakeBinary(kind, std::move(left), std::move(right));
    }
    return left;
  }

  JpItemPtr ParseUnary() {
    if (IsPunct("+") || IsPunct("-")) {
      const bool minus = tok_.text == "-";
      Advance();
      JpItemPtr arg = RequireExpr(ParseUnary());
      // A sign on a number literal folds into it, as PostgreSQL's makeItemUnary.
      if (arg->kind == JpKind::kNumeric && arg->next == nullptr) {
        if (minus) arg->text = Numeric::Parse(arg->text).Negate().ToString();
        return arg;
      }
      JpItemPtr item = Make(minus ? JpKind::kMinus : JpKind::kPlus);
      item->left = std::move(arg);
      return item;
    }
    return ParseAccessorExpr();
  }

  JpItemPtr ParseAccessorExpr() {
    JpItemPtr item;
    bool parenthesized = false;
    if (IsPunct("(")) {
      Advance();
      item = ParseOr();
      Expect(")");
      parenthesized = true;
      if (IsPredicate(*item) && KeywordIs(tok_, "is")) {
        Advance();
        if (!KeywordIs(tok_, "unknown")) Fail();
        Advance();
        JpItemPtr unknown = Make(JpKind::kIsUnknown);
        unknown->left = std::move(item);
        return unknown;
      }
    } else {
      item = ParsePrimary();
      if (item->kind == JpKind::kExists) return item;
    }
    (void)parenthesized;
    while (ParseAccessorOp(item.get())) {
    }
    return item;
  }

  JpItemPtr ParsePrimary() {
    JpItemPtr item;
    switch (tok_.type) {
      case Tok::kString:
        item = Make(JpKind::kString);
        item->text = tok_.text;
        break;
      case Tok::kNumber:
        item = Make(JpKind::kNumeric);
        item->text = tok_.text;
        break;
      case Tok::kVariable:
        item = Make(JpKind::kVariable);
        item->text = tok_.text;
        break;
      case Tok::kPunct:
        if (tok_.text == "$") {
          item = Make(JpKind::kRoot);
        } else if (tok_.text == "@") {
          item = Make(JpKind::kCurrent);
        } else {
          Fail();
        }
        break;
      case Tok::kIdent:
        if (KeywordIs(tok_, "exists")) return ParseExists();
        if (KeywordIs(tok_, "null")) {
          item = Make(JpKind::kNull);
        } else if (KeywordIs(tok_, "true") || KeywordIs(tok_, "false")) {
          item = Make(JpKind::kBool);
          item->bool_value = KeywordIs(tok_, "true");
        } else if (KeywordIs(tok_, "last")) {
          item = Make(JpKind::kLast);
        } else {
          Fail();
        }
        break;
      case Tok::kEnd:
        Fail();
    }
    Advance();
    return item;
  }

  // One accessor after `item` (appended to its chain); false if none follows.
  bool ParseAccessorOp(JpItem* item) {
    if (IsPunct("[")) {
      Advance();
      if (IsPunct("*")) {
        Advance();
        Expect("]");
        Append(item, Make(JpKind::kAnyArray));
        return true;
      }
      JpItemPtr index = Make(JpKind::kIndexArray);
      while (true) {
        JpSubscript sub;
        sub.from = RequireExpr(ParseOr());
        if (KeywordIs(tok_, "to")) {
          Advance();
          sub.to = RequireExpr(ParseOr());
        }
        index->subscripts.push_back(std::move(sub));
        if (IsPunct(",")) {
          Advance();
          continue;
        }
        Expect("]");
        break;
      }
      Append(item, std::move(index));
      return true;
    }
    if (IsPunct("?")) {
      Advance();
      Expect("(");
      JpItemPtr filter = Make(JpKind::kFilter);
      filter->left = RequirePredicate(ParseOr());
      Expect(")");
      Append(item, std::move(filter));
      return true;
    }
    if (!IsPunct(".")) return false;
    Advance();
    if (IsPunct("*")) {
      Advance();
      Append(item, Make(JpKind::kAnyKey));
      return true;
    }
    if (IsPunct("**")) {
      Advance();
      JpItemPtr any = Make(JpKind::kAny);
      if (IsPunct("{")) {
        Advance();
        any->first = ParseLevel();
        if (KeywordIs(tok_, "to")) {
          Advance();
          any->last = ParseLevel();
        } else {
          any->last = any->first;
        }
        Expect("}");
      }
      Append(item, std::move(any));
      return true;
    }
    if (tok_.type == Tok::kString) {
      JpItemPtr key = Make(JpKind::kKey);
      key->text = tok_.text;
      Advance();
      Append(item, std::move(key));
      return true;
    }
    if (tok_.type != Tok::kIdent) Fail();
    static constexpr std::pair<const char*, JpKind> kMethods[] = {
        {"type", JpKind::kType},       {"size", JpKind::kSize},
        {"double", JpKind::kDouble},   {"ceiling", JpKind::kCeiling},
        {"floor", JpKind::kFloor},     {"abs", JpKind::kAbs},
        {"keyvalue", JpKind::kKeyValue}, {"datetime", JpKind::kDatetime}};
    Token word = tok_;
    Advance();
    if (IsPunct("(")) {
      for (const auto& [name, kind] : kMethods) {
        if (!KeywordIs(word, name)) continue;
        Advance();
        JpItemPtr method = Make(kind);
        if (kind == JpKind::kDatetime && tok_.type == Tok::kString) {
          method->left = Make(JpKind::kString);
          method->left->text = tok_.text;
          Advance();
        }
        Expect(")");
        Append(item, std::move(method));
        return true;
      }
      Fail();
    }
    JpItemPtr key = Make(JpKind::kKey);
    key->text = word.text;
    Append(item, std::move(key));
    return true;
  }

  uint32_t ParseLevel() {
    if (KeywordIs(tok_, "last")) {
      Advance();
      return kAnyLast;
    }
    if (tok_.type != Tok::kNumber) Fail();
    const std::string text = tok_.text;
    for (char c : text) {
      if (!IsDigit(c)) Fail();
    }
    Advance();
    return static_cast<uint32_t>(std::stoul(text));
  }

  // PostgreSQL's checks made when it encodes the parsed path.
  void Check(const JpItem& item, bool in_subscript, int filter_depth) {
    if (item.kind == JpKind::kCurrent && filter_depth == 0) {
      SyntaxError("@ is not allowed in root expressions");
    }
    if (item.kind == JpKind::kLast && !in_subscript) {
      SyntaxError("LAST is allowed only in array subscripts");
    }
    const int depth = filter_depth + (item.kind == JpKind::kFilter ? 1 : 0);
    if (item.left != nullptr) Check(*item.left, in_subscript, depth);
    if (item.right != nullptr) Check(*item.right, in_subscript, depth);
    for (const JpSubscript& s : item.subscripts) {
      Check(*s.from, true, depth);
      if (s.to != nullptr) Check(*s.to, true, depth);
    }
    if (item.next != nullptr) Check(*item.next, in_subscript, filter_depth);
  }

  Scanner scanner_;
  Token tok_;
};

}  // namespace

JsonPath ParseJsonPath(std::string_view text) { return Parser(text).Parse(); }

std::string JsonPathFromText(std::string_view text) { return PrintJsonPath(ParseJsonPath(text)); }

}  // namespace strata::sql::json
