// JSON lexer and parser following PostgreSQL 15's src/common/jsonapi.c
// (json_lex, json_lex_string, json_lex_number, parse_object, parse_array)
// and the error reporting of json_errdetail() and report_json_context().
//
// Error positions: every failure records the lexer's token_start and
// token_terminator as jsonapi.c sets them, because both the DETAIL (the token
// text) and the CONTEXT (the input up to token_terminator) print them.
#include "sql/json/json_parser.h"

#include <string>

#include "common/hex_digit.h"
#include "common/sql_error.h"
#include "common/utf8_append.h"
#include "sql/stack_depth.h"

namespace strata::sql::json {

namespace {

enum class Token {
  kInvalid,
  kString,
  kNumber,
  kObjectStart,
  kObjectEnd,
  kArrayStart,
  kArrayEnd,
  kComma,
  kColon,
  kTrue,
  kFalse,
  kNull,
  kEnd,
};

// pg_mblen() for UTF-8: bytes of the character starting with `c`.
size_t MbLen(unsigned char c) {
  if ((c & 0xe0) == 0xc0) return 2;
  if ((c & 0xf0) == 0xe0) return 3;
  if ((c & 0xf8) == 0xf0) return 4;
  return 1;
}

// JSON_ALPHANUMERIC_CHAR: what a bad keyword or number token extends over.
bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c >= 0x80;
}



class Parser {
 public:
  Parser(std::string_view text, bool de_escape) : in_(text), de_escape_(de_escape) {}

  JsonValue Parse() {
    Lex();
    JsonValue v = ParseValue(Context::kValue);
    if (token_ != Token::kEnd) ParseError(Context::kEnd);
    return v;
  }

 private:
  enum class Context { kValue, kString, kObjectStart, kObjectLabel, kObjectNext, kArrayNext, kEnd };

  // ---- errors ----

  // report_json_context(): the input up to the failing token's end, at most
  // about 50 characters of its line, with "..." where text was cut.
  // Lines are counted by the lexer over the whitespace between tokens.
  std::string JsonContext() const {
    const size_t line_start = line_start_;
    const size_t end = terminator_;
    size_t start = line_start;
    while (end - start >= 50) start += MbLen(static_cast<unsigned char>(in_[start]));
    if (start - line_start <= 3) start = line_start;
    std::string out = "JSON data, line " + std::to_string(line_number_) + ": ";
    if (start > line_start) out += "...";
    out.append(in_.substr(start, end - start));
    if (token_ != Token::kEnd && end < in_.size() && in_[end] != '\n' && in_[end] != '\r') {
      out += "...";
    }
    return out;
  }

  std::string TokenText() const {
    return std::string(in_.substr(token_start_, terminator_ - token_start_));
  }

  [[noreturn]] void Fail(std::string detail) const {
    SqlError error(SqlState::kInvalidTextRepresentation, "invalid input syntax for type json");
    error.WithDetail(std::move(detail));
    error.mutable_fields().context = JsonContext();
    throw error;
  }

  [[noreturn]] void InvalidToken() const { Fail("Token \"" + TokenText() + "\" is invalid."); }

  [[noreturn]] void ParseError(Context context) const {
    if (token_ == Token::kEnd) Fail("The input string ended unexpectedly.");
    const std::string token = "\"" + TokenText() + "\".";
    switch (context) {
      case Context::kValue:
        Fail("Expected JSON value, but found " + token);
      case Context::kString:
        Fail("Expected string, but found " + token);
      case Context::kObjectStart:
        Fail("Expected string or \"}\", but found " + token);
      case Context::kObjectLabel:
        Fail("Expected \":\", but found " + token);
      case Context::kObjectNext:
        Fail("Expected \",\" or \"}\", but found " + token);
      case Context::kArrayNext:
        Fail("Expected \",\" or \"]\", but found " + token);
      case Context::kEnd:
        Fail("Expected end of input, but found " + token);
    }
    Fail("");
  }

  // FAIL_AT_CHAR_END: the token ends after the character at `pos`.
  [[noreturn]] void FailAtCharEnd(size_t pos, std::string detail) {
    terminator_ = pos + MbLen(static_cast<unsigned char>(in_[pos]));
    Fail(std::move(detail));
  }

  // ---- lexer ----

  void Lex() {
    size_t s = terminator_;
    while (s < in_.size() &&
           (in_[s] == ' ' || in_[s] == '\t' || in_[s] == '\n' || in_[s] == '\r')) {
      if (in_[s] == '\n') {
        ++line_number_;
        line_start_ = s + 1;
      }
      ++s;
    }
    token_start_ = s;
    if (s >= in_.size()) {
      terminator_ = s;
      token_ = Token::kEnd;
      return;
    }
    Token single = Token::kInvalid;
    switch (in_[s]) {
      case '{':
        single = Token::kObjectStart;
        break;
      case '}':
        single = Token::kObjectEnd;
        break;
      case '[':
        single = Token::kArrayStart;
        break;
      case ']':
        single = Token::kArrayEnd;
        break;
      case ',':
        single = Token::kComma;
        break;
      case ':':
        single = Token::kColon;
        break;
      case '"':
        LexString(s);
        token_ = Token::kString;
        return;
      case '-':
        LexNumber(s + 1);
        token_ = Token::kNumber;
        return;
      default:
        if (in_[s] >= '0' && in_[s] <= '9') {
          LexNumber(s);
          token_ = Token::kNumber;
          return;
        }
        break;
    }
    if (single != Token::kInvalid) {
      terminator_ = s + 1;
      token_ = single;
      return;
    }
    // A keyword, or an invalid token spanning the alphanumerics.
    size_t p = s;
    while (p < in_.size() && IsAlnum(static_cast<unsigned char>(in_[p]))) ++p;
    if (p == s) {
      terminator_ = s + MbLen(static_cast<unsigned char>(in_[s]));
      InvalidToken();
    }
    terminator_ = p;
    const std::string_view word = in_.substr(s, p - s);
    if (word == "true") {
      token_ = Token::kTrue;
    } else if (word == "false") {
      token_ = Token::kFalse;
    } else if (word == "null") {
      token_ = Token::kNull;
    } else {
      InvalidToken();
    }
  }

  // json_lex_number(): `s` is just past an optional leading '-'.
  void LexNumber(size_t s) {
    const size_t n = in_.size();
    auto digit = [&](size_t i) { return i < n && in_[i] >= '0' && in_[i] <= '9'; };
    bool error = false;
    if (s < n && in_[s] == '0') {
      ++s;
    } else if (digit(s)) {
      while (digit(s)) ++s;
    } else {
      error = true;
    }
    if (s < n && in_[s] == '.') {
      ++s;
      if (!digit(s)) {
        error = true;
      } else {
        while (digit(s)) ++s;
      }
    }
    if (s < n && (in_[s] == 'e' || in_[s] == 'E')) {
      ++s;
      if (s < n && (in_[s] == '+' || in_[s] == '-')) ++s;
      if (!digit(s)) {
        error = true;
      } else {
        while (digit(s)) ++s;
      }
    }
    for (; s < n && IsAlnum(static_cast<unsigned char>(in_[s])); ++s) error = true;
    terminator_ = s;
    if (error) InvalidToken();
    string_value_.assign(in_.substr(token_start_, s - token_start_));
  }

  // json_lex_string(): `s` is at the opening quote.
  void LexString(size_t s) {
    const size_t n = in_.size();
    string_value_.clear();
    int32_t hi_surrogate = -1;
    for (;;) {
      ++s;
      if (s >= n) {
        terminator_ = s;
        InvalidToken();
      }
      const unsigned char c = static_cast<unsigned char>(in_[s]);
      if (c == '"') break;
      if (c < 32) {
        // The token (and context) ends before the control character.
        char buf[8];
        std::snprintf(buf, sizeof(buf), "0x%02x", c);
        terminator_ = s;
        Fail(std::string("Character with value ") + buf + " must be escaped.");
      }
      if (c == '\\') {
        ++s;
        if (s >= n) {
          terminator_ = s;
          InvalidToken();
        }
        if (in_[s] == 'u') {
          uint32_t ch = 0;
          for (int i = 0; i < 4; ++i) {
            ++s;
            if (s >= n) {
              terminator_ = s;
              InvalidToken();
            }
            const int h = HexDigitValue(in_[s]);
            if (h < 0) FailAtCharEnd(s, "\"\\u\" must be followed by four hexadecimal digits.");
            ch = ch * 16 + static_cast<uint32_t>(h);
          }
          if (!de_escape_) continue;
          if (ch >= 0xd800 && ch <= 0xdbff) {
            if (hi_surrogate != -1) {
              FailAtCharEnd(s, "Unicode high surrogate must not follow a high surrogate.");
            }
            hi_surrogate = static_cast<int32_t>(ch);
            continue;
          }
          if (ch >= 0xdc00 && ch <= 0xdfff) {
            if (hi_surrogate == -1) {
              FailAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
            }
            ch = ((static_cast<uint32_t>(hi_surrogate) & 0x3ff) << 10) + 0x10000 + (ch & 0x3ff);
            hi_surrogate = -1;
          }
          if (hi_surrogate != -1) {
            FailAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
          }
          if (ch == 0) {
            terminator_ = s + 1;
            SqlError error(SqlState::kUntranslatableCharacter,
                           "unsupported Unicode escape sequence");
            error.WithDetail("\\u0000 cannot be converted to text.");
            error.mutable_fields().context = JsonContext();
            throw error;
          }
          AppendUtf8(&string_value_, ch);
          continue;
        }
        if (de_escape_ && hi_surrogate != -1) {
          FailAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
        }
        char unescaped = 0;
        switch (in_[s]) {
          case '"':
          case '\\':
          case '/':
            unescaped = in_[s];
            break;
          case 'b':
            unescaped = '\b';
            break;
          case 'f':
            unescaped = '\f';
            break;
          case 'n':
            unescaped = '\n';
            break;
          case 'r':
            unescaped = '\r';
            break;
          case 't':
            unescaped = '\t';
            break;
          default: {
            token_start_ = s;
            const size_t len = MbLen(static_cast<unsigned char>(in_[s]));
            FailAtCharEnd(s, "Escape sequence \"\\" + std::string(in_.substr(s, len)) +
                                 "\" is invalid.");
          }
        }
        string_value_.push_back(unescaped);
        continue;
      }
      if (de_escape_ && hi_surrogate != -1) {
        FailAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
      }
      string_value_.push_back(static_cast<char>(c));
    }
    if (de_escape_ && hi_surrogate != -1) {
      FailAtCharEnd(s, "Unicode low surrogate must follow a high surrogate.");
    }
    terminator_ = s + 1;
    if (!de_escape_) {
      string_value_.assign(in_.substr(token_start_ + 1, s - token_start_ - 1));
    }
  }

  // ---- grammar ----

  JsonValue ParseValue(Context context) {
    CheckStackDepth();
    JsonValue v;
    v.begin = token_start_;
    switch (token_) {
      case Token::kObjectStart:
        ParseObject(&v);
        return v;
      case Token::kArrayStart:
        ParseArray(&v);
        return v;
      case Token::kString:
        v.kind = JsonValue::Kind::kString;
        v.text = std::move(string_value_);
        break;
      case Token::kNumber:
        v.kind = JsonValue::Kind::kNumber;
        v.text = std::move(string_value_);
        break;
      case Token::kTrue:
      case Token::kFalse:
        v.kind = JsonValue::Kind::kBool;
        v.bool_value = token_ == Token::kTrue;
        break;
      case Token::kNull:
        v.kind = JsonValue::Kind::kNull;
        break;
      default:
        ParseError(context);
    }
    v.end = terminator_;
    Lex();
    return v;
  }

  void Expect(Token token, Context context) {
    if (token_ != token) ParseError(context);
    Lex();
  }

  void ParseObject(JsonValue* v) {
    v->kind = JsonValue::Kind::kObject;
    Lex();  // past '{'
    if (token_ == Token::kString) {
      ParseField(v);
      while (token_ == Token::kComma) {
        Lex();
        ParseField(v);
      }
    } else if (token_ != Token::kObjectEnd) {
      ParseError(Context::kObjectStart);
    }
    if (token_ != Token::kObjectEnd) ParseError(Context::kObjectNext);
    v->end = terminator_;
    Lex();
  }

  void ParseField(JsonValue* object) {
    if (token_ != Token::kString) ParseError(Context::kString);
    std::string key = std::move(string_value_);
    Lex();
    Expect(Token::kColon, Context::kObjectLabel);
    JsonValue value = ParseValue(Context::kValue);
    object->members.emplace_back(std::move(key), std::move(value));
  }

  void ParseArray(JsonValue* v) {
    v->kind = JsonValue::Kind::kArray;
    Lex();  // past '['
    if (token_ != Token::kArrayEnd) {
      v->elements.push_back(ParseValue(Context::kValue));
      while (token_ == Token::kComma) {
        Lex();
        v->elements.push_back(ParseValue(Context::kValue));
      }
    }
    if (token_ != Token::kArrayEnd) ParseError(Context::kArrayNext);
    v->end = terminator_;
    Lex();
  }

  std::string_view in_;
  bool de_escape_;
  Token token_ = Token::kInvalid;
  size_t token_start_ = 0;
  size_t terminator_ = 0;
  std::string string_value_;  // the current string or number token's value
  int line_number_ = 1;
  size_t line_start_ = 0;  // where line line_number_ starts
};

}  // namespace

JsonValue ParseJson(std::string_view text, bool de_escape) {
  return Parser(text, de_escape).Parse();
}

}  // namespace strata::sql::json
