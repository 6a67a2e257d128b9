// to_timestamp(text, text) and to_date(text, text): reading a date/time from
// text under a template, with PostgreSQL 15's rules (the reverse of to_char;
// see "Template Patterns for Date/Time Formatting" in the PostgreSQL docs).
//
// The template is split into nodes: patterns (YYYY, MM, Mon, HH24, ...) with
// their FM/TM prefixes and TH/th suffixes, separators (ASCII punctuation),
// spaces, and literal characters (anything else, and "quoted text"). Outside
// FX mode the input is matched loosely, as PostgreSQL does: whitespace before
// a pattern is skipped, a template space or separator matches one space or
// separator in the input or nothing, and a literal consumes one character
// unless more whitespace than the template asked for was skipped just before.
// A numeric pattern reads exactly its width unless it has FM or is followed
// by a non-digit node, in which case it reads as many digits as there are.
// The collected fields then become a date in the same order of precedence
// PostgreSQL applies (SSSS before HH/MI/SS, CC with YY, J, ISO weeks, DDD).
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "common/sql_error.h"
#include "sql/expr/sql_function.h"
#include "sql/types/datetime_context.h"
#include "sql/types/datetime_io.h"

namespace strata::sql {

using namespace datetime;  // NOLINT

namespace {

using Args = std::span<const Value>;

enum class DateMode { kNone, kGregorian, kIsoWeek };

enum class Pat {
  kADLong, kAD, kAMLong, kAM, kCC, kDayName, kDDD, kDD, kDyName, kD, kFF, kFX,
  kHH24, kHH12, kIDDD, kID, kIW, kIYear, kJ, kMI, kMM, kMonthName, kMonName, kMS,
  kOF, kQ, kRM, kSSSS, kSS, kTZH, kTZM, kTZ, kUS, kWW, kW, kYCommaYYY, kYear,
};

struct Pattern {
  const char* name;  // as written in the template; error messages quote it
  Pat id;
  bool is_digit;     // reads digits (decides whether a previous field may run on)
  DateMode mode;
  int width = 0;     // digits read in fixed-width mode (0 = the name's length)
  int year_digits = 0;  // Y, YY, YYY, YYYY (and ISO): the yysz PostgreSQL records
};

constexpr DateMode kNoMode = DateMode::kNone;
constexpr DateMode kGreg = DateMode::kGregorian;
constexpr DateMode kIso = DateMode::kIsoWeek;

// Every pattern PostgreSQL 15 knows, upper-case, lower-case and the mixed
// spellings it accepts. The longest pattern matching at a position wins.
const Pattern kPatterns[] = {
    {"A.D.", Pat::kADLong, false, kNoMode}, {"a.d.", Pat::kADLong, false, kNoMode},
    {"B.C.", Pat::kADLong, false, kNoMode}, {"b.c.", Pat::kADLong, false, kNoMode},
    {"AD", Pat::kAD, false, kNoMode},       {"ad", Pat::kAD, false, kNoMode},
    {"BC", Pat::kAD, false, kNoMode},       {"bc", Pat::kAD, false, kNoMode},
    {"A.M.", Pat::kAMLong, false, kNoMode}, {"a.m.", Pat::kAMLong, false, kNoMode},
    {"P.M.", Pat::kAMLong, false, kNoMode}, {"p.m.", Pat::kAMLong, false, kNoMode},
    {"AM", Pat::kAM, false, kNoMode},       {"am", Pat::kAM, false, kNoMode},
    {"PM", Pat::kAM, false, kNoMode},       {"pm", Pat::kAM, false, kNoMode},
    {"CC", Pat::kCC, true, kNoMode},        {"cc", Pat::kCC, true, kNoMode},
    {"DAY", Pat::kDayName, false, kNoMode}, {"Day", Pat::kDayName, false, kNoMode},
    {"day", Pat::kDayName, false, kNoMode}, {"DY", Pat::kDyName, false, kNoMode},
    {"Dy", Pat::kDyName, false, kNoMode},   {"dy", Pat::kDyName, false, kNoMode},
    {"DDD", Pat::kDDD, true, kGreg},        {"ddd", Pat::kDDD, true, kGreg},
    {"DD", Pat::kDD, true, kGreg},          {"dd", Pat::kDD, true, kGreg},
    {"D", Pat::kD, true, kGreg},            {"d", Pat::kD, true, kGreg},
    {"FF1", Pat::kFF, true, kNoMode, 1},    {"ff1", Pat::kFF, true, kNoMode, 1},
    {"FF2", Pat::kFF, true, kNoMode, 2},    {"ff2", Pat::kFF, true, kNoMode, 2},
    {"FF3", Pat::kFF, true, kNoMode, 3},    {"ff3", Pat::kFF, true, kNoMode, 3},
    {"FF4", Pat::kFF, true, kNoMode, 4},    {"ff4", Pat::kFF, true, kNoMode, 4},
    {"FF5", Pat::kFF, true, kNoMode, 5},    {"ff5", Pat::kFF, true, kNoMode, 5},
    {"FF6", Pat::kFF, true, kNoMode, 6},    {"ff6", Pat::kFF, true, kNoMode, 6},
    {"FX", Pat::kFX, false, kNoMode},       {"fx", Pat::kFX, false, kNoMode},
    {"HH24", Pat::kHH24, true, kNoMode, 2}, {"hh24", Pat::kHH24, true, kNoMode, 2},
    {"HH12", Pat::kHH12, true, kNoMode, 2}, {"hh12", Pat::kHH12, true, kNoMode, 2},
    {"HH", Pat::kHH12, true, kNoMode, 2},   {"hh", Pat::kHH12, true, kNoMode, 2},
    {"IDDD", Pat::kIDDD, true, kIso, 3},    {"iddd", Pat::kIDDD, true, kIso, 3},
    {"ID", Pat::kID, true, kIso, 1},        {"id", Pat::kID, true, kIso, 1},
    {"IW", Pat::kIW, true, kIso},           {"iw", Pat::kIW, true, kIso},
    {"IYYY", Pat::kIYear, true, kIso, 0, 4}, {"iyyy", Pat::kIYear, true, kIso, 0, 4},
    {"IYY", Pat::kIYear, true, kIso, 0, 3}, {"iyy", Pat::kIYear, true, kIso, 0, 3},
    {"IY", Pat::kIYear, true, kIso, 0, 2},  {"iy", Pat::kIYear, true, kIso, 0, 2},
    {"I", Pat::kIYear, true, kIso, 0, 1},   {"i", Pat::kIYear, true, kIso, 0, 1},
    {"J", Pat::kJ, true, kNoMode},          {"j", Pat::kJ, true, kNoMode},
    {"MI", Pat::kMI, true, kNoMode},        {"mi", Pat::kMI, true, kNoMode},
    {"MM", Pat::kMM, true, kGreg},          {"mm", Pat::kMM, true, kGreg},
    {"MONTH", Pat::kMonthName, false, kGreg}, {"Month", Pat::kMonthName, false, kGreg},
    {"month", Pat::kMonthName, false, kGreg}, {"MON", Pat::kMonName, false, kGreg},
    {"Mon", Pat::kMonName, false, kGreg},   {"mon", Pat::kMonName, false, kGreg},
    {"MS", Pat::kMS, true, kNoMode, 3},     {"ms", Pat::kMS, true, kNoMode, 3},
    {"OF", Pat::kOF, false, kNoMode},       {"of", Pat::kOF, false, kNoMode},
    {"Q", Pat::kQ, true, kNoMode},          {"q", Pat::kQ, true, kNoMode},
    {"RM", Pat::kRM, false, kGreg},         {"rm", Pat::kRM, false, kGreg},
    {"SSSSS", Pat::kSSSS, true, kNoMode},   {"sssss", Pat::kSSSS, true, kNoMode},
    {"SSSS", Pat::kSSSS, true, kNoMode},    {"ssss", Pat::kSSSS, true, kNoMode},
    {"SS", Pat::kSS, true, kNoMode},        {"ss", Pat::kSS, true, kNoMode},
    {"TZH", Pat::kTZH, false, kNoMode},     {"tzh", Pat::kTZH, false, kNoMode},
    {"TZM", Pat::kTZM, true, kNoMode},      {"tzm", Pat::kTZM, true, kNoMode},
    {"TZ", Pat::kTZ, false, kNoMode},       {"tz", Pat::kTZ, false, kNoMode},
    {"US", Pat::kUS, true, kNoMode, 6},     {"us", Pat::kUS, true, kNoMode, 6},
    {"WW", Pat::kWW, true, kGreg},          {"ww", Pat::kWW, true, kGreg},
    {"W", Pat::kW, true, kGreg},            {"w", Pat::kW, true, kGreg},
    {"Y,YYY", Pat::kYCommaYYY, true, kGreg}, {"y,yyy", Pat::kYCommaYYY, true, kGreg},
    {"YYYY", Pat::kYear, true, kGreg, 0, 4}, {"yyyy", Pat::kYear, true, kGreg, 0, 4},
    {"YYY", Pat::kYear, true, kGreg, 0, 3}, {"yyy", Pat::kYear, true, kGreg, 0, 3},
    {"YY", Pat::kYear, true, kGreg, 0, 2},  {"yy", Pat::kYear, true, kGreg, 0, 2},
    {"Y", Pat::kYear, true, kGreg, 0, 1},   {"y", Pat::kYear, true, kGreg, 0, 1},
};

enum class NodeKind { kPattern, kLiteral, kSeparator, kSpace };

struct Node {
  NodeKind kind = NodeKind::kLiteral;
  const Pattern* pattern = nullptr;
  bool fm = false;   // FM prefix: read a number of any width
  bool th = false;   // TH/th suffix: two ordinal letters follow the number
  std::string text;  // the character of a literal, separator or space
};

int Utf8Length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

int CharLength(const char* s) {
  const int n = Utf8Length(static_cast<unsigned char>(*s));
  for (int i = 1; i < n; ++i) {
    if (s[i] == '\0') return i;
  }
  return n;
}

// ASCII punctuation: printable, not a letter or digit, not a space.
bool IsSeparatorChar(char c) {
  return c > 0x20 && c < 0x7F && !std::isalnum(static_cast<unsigned char>(c));
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool StartsWith(const char* s, std::string_view p) {
  return std::string_view(s).substr(0, p.size()) == p;
}

const Pattern* MatchPattern(const char* s) {
  const Pattern* best = nullptr;
  size_t best_len = 0;
  for (const Pattern& p : kPatterns) {
    const size_t len = std::char_traits<char>::length(p.name);
    if (len > best_len && StartsWith(s, p.name)) {
      best = &p;
      best_len = len;
    }
  }
  return best;
}

std::vector<Node> ParseTemplate(const std::string& fmt) {
  std::vector<Node> nodes;
  const char* s = fmt.c_str();
  while (*s != '\0') {
    bool fm = false;
    if (StartsWith(s, "FM") || StartsWith(s, "fm")) {
      fm = true;
      s += 2;
    } else if (StartsWith(s, "TM") || StartsWith(s, "tm")) {
      s += 2;  // translation mode: month and day names are English here anyway
    }
    if (*s == '\0') break;
    if (const Pattern* p = MatchPattern(s)) {
      Node n;
      n.kind = NodeKind::kPattern;
      n.pattern = p;
      n.fm = fm;
      s += std::char_traits<char>::length(p->name);
      if (StartsWith(s, "TH") || StartsWith(s, "th")) {
        n.th = true;
        s += 2;
      } else if (StartsWith(s, "SP")) {
        s += 2;  // spell mode: accepted and ignored, as PostgreSQL does
      }
      nodes.push_back(std::move(n));
      continue;
    }
    if (*s == '"') {
      ++s;
      while (*s != '\0') {
        if (*s == '"') {
          ++s;
          break;
        }
        if (*s == '\\' && s[1] != '\0') ++s;
        const int len = CharLength(s);
        nodes.push_back({NodeKind::kLiteral, nullptr, false, false, std::string(s, len)});
        s += len;
      }
      continue;
    }
    if (*s == '\\' && s[1] == '"') ++s;
    const int len = CharLength(s);
    NodeKind kind = NodeKind::kLiteral;
    if (IsSeparatorChar(*s)) {
      kind = NodeKind::kSeparator;
    } else if (IsSpace(*s)) {
      kind = NodeKind::kSpace;
    }
    nodes.push_back({kind, nullptr, false, false, std::string(s, len)});
    s += len;
  }
  return nodes;
}

// The fields read from the input (PostgreSQL's TmFromChar); 0 = not given.
struct Parsed {
  DateMode mode = DateMode::kNone;
  int hh = 0, pm = 0, mi = 0, ss = 0, ssss = 0, d = 0, dd = 0, ddd = 0, mm = 0, ms = 0;
  int year = 0, bc = 0, ww = 0, w = 0, cc = 0, j = 0, us = 0, yysz = 0;
  bool clock12 = false;
  int tzsign = 0, tzh = 0, tzm = 0, ff = 0;
};

constexpr const char* kFmHint = "If your source string is not fixed-width, try using the \"FM\" modifier.";

SqlError FormatError(std::string message) {
  return SqlError(SqlState::kInvalidDatetimeFormat, std::move(message));
}

[[noreturn]] void ThrowFieldOverflow(const std::string& input) {
  throw SqlError(SqlState::kDatetimeFieldOverflow,
                 "date/time field value out of range: \"" + input + "\"");
}

class FromChar {
 public:
  FromChar(const std::vector<Node>& nodes, const std::string& input) : nodes_(nodes), input_(input) {}

  Parsed Run();

 private:
  void SetInt(int* dest, int value, const Node& n) {
    if (*dest != 0 && *dest != value) {
      throw FormatError(std::string("conflicting values for \"") + n.pattern->name +
                        "\" field in formatting string")
          .WithDetail("This value contradicts a previous setting for the same field type.");
    }
    *dest = value;
  }

  void SetMode(DateMode mode) {
    if (mode == DateMode::kNone) return;
    if (out_.mode == DateMode::kNone) {
      out_.mode = mode;
    } else if (out_.mode != mode) {
      throw FormatError("invalid combination of date conventions")
          .WithHint("Do not mix Gregorian and ISO week date conventions in a formatting template.");
    }
  }

  // Whether the node after `i` cannot be part of a number (so node i may read
  // as many digits as the input has).
  bool NextIsSeparator(size_t i) const {
    const Node& n = nodes_[i];
    if (n.kind == NodeKind::kPattern && n.th) return true;
    if (i + 1 >= nodes_.size()) return true;
    const Node& next = nodes_[i + 1];
    if (next.kind == NodeKind::kPattern) return !next.pattern->is_digit;
    if (next.text.size() == 1 && std::isdigit(static_cast<unsigned char>(next.text[0]))) return false;
    return true;
  }

  // Reads an integer for node i (PostgreSQL's from_char_parse_int_len);
  // `width` digits in fixed-width mode. Returns the characters consumed.
  int ReadInt(int* dest, size_t i, int width);
  int ReadInt(int* dest, size_t i) {
    return ReadInt(dest, i, static_cast<int>(std::char_traits<char>::length(nodes_[i].pattern->name)));
  }
  // Case-insensitive prefix match against `words`; the index of the match.
  int ReadWord(const char* const* words, size_t count, const Node& n);
  void ReadYearCommaYYY(const Node& n);
  void SkipOrdinal(const Node& n) {
    if (!n.th) return;
    for (int k = 0; k < 2 && *s_ != '\0'; ++k) s_ += CharLength(s_);
  }
  void ReadPattern(size_t i);

  const std::vector<Node>& nodes_;
  const std::string& input_;
  const char* s_ = nullptr;
  Parsed out_;
  bool fx_mode_ = false;
  int extra_skip_ = 0;  // whitespace skipped beyond what the template asked for
};

int FromChar::ReadInt(int* dest, size_t i, int width) {
  const Node& n = nodes_[i];
  const char* init = s_;
  while (*s_ != '\0' && IsSpace(*s_)) ++s_;
  std::string copy(s_, std::min<size_t>(std::char_traits<char>::length(s_), width));
  long result = 0;
  errno = 0;
  if (n.fm || NextIsSeparator(i)) {
    char* end = nullptr;
    result = std::strtol(init, &end, 10);
    s_ = end;
  } else {
    if (static_cast<int>(copy.size()) < width) {
      throw FormatError(std::string("source string too short for \"") + n.pattern->name +
                        "\" formatting field")
          .WithDetail("Field requires " + std::to_string(width) + " characters, but only " +
                      std::to_string(copy.size()) + " remain.")
          .WithHint(kFmHint);
    }
    char* last = nullptr;
    result = std::strtol(copy.c_str(), &last, 10);
    const int used = static_cast<int>(last - copy.c_str());
    if (used > 0 && used < width) {
      throw FormatError("invalid value \"" + copy + "\" for \"" + n.pattern->name + "\"")
          .WithDetail("Field requires " + std::to_string(width) + " characters, but only " +
                      std::to_string(used) + " could be parsed.")
          .WithHint(kFmHint);
    }
    s_ += used;
  }
  if (s_ == init) {
    throw FormatError("invalid value \"" + copy + "\" for \"" + n.pattern->name + "\"")
        .WithDetail("Value must be an integer.");
  }
  if (errno == ERANGE || result < INT_MIN || result > INT_MAX) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   std::string("value for \"") + n.pattern->name + "\" in source string is out of range")
        .WithDetail("Value must be in the range -2147483648 to 2147483647.");
  }
  if (dest != nullptr) SetInt(dest, static_cast<int>(result), n);
  return static_cast<int>(s_ - init);
}

int FromChar::ReadWord(const char* const* words, size_t count, const Node& n) {
  for (size_t k = 0; k < count; ++k) {
    const size_t len = std::char_traits<char>::length(words[k]);
    size_t m = 0;
    while (m < len && s_[m] != '\0' &&
           std::tolower(static_cast<unsigned char>(s_[m])) ==
               std::tolower(static_cast<unsigned char>(words[k][m]))) {
      ++m;
    }
    if (m == len) {
      s_ += len;
      return static_cast<int>(k);
    }
  }
  std::string shown(s_);
  const size_t cut = shown.find_first_of(" \t\n\r\f");
  if (cut != std::string::npos) shown.resize(cut);
  throw FormatError("invalid value \"" + shown + "\" for \"" + n.pattern->name + "\"")
      .WithDetail("The given value did not match any of the allowed values for this field.");
}

void FromChar::ReadYearCommaYYY(const Node& n) {
  // "%d,%03d": a signed integer, a comma, then up to three more digits.
  const char* p = s_;
  char* end = nullptr;
  errno = 0;
  const long millennia = std::strtol(p, &end, 10);
  bool ok = end != p && *end == ',';
  long years = 0;
  if (ok) {
    p = end + 1;
    const std::string three(p, std::min<size_t>(std::char_traits<char>::length(p), 3));
    char* end3 = nullptr;
    years = std::strtol(three.c_str(), &end3, 10);
    ok = end3 != three.c_str();
    p += end3 - three.c_str();
  }
  if (!ok) throw FormatError("invalid input string for \"Y,YYY\"");
  const long total = millennia * 1000 + years;
  if (errno == ERANGE || millennia > INT_MAX / 1000 || millennia < INT_MIN / 1000 || total > INT_MAX ||
      total < INT_MIN) {
    throw SqlError(SqlState::kDatetimeValueOutOfRange,
                   "value for \"Y,YYY\" in source string is out of range");
  }
  SetInt(&out_.year, static_cast<int>(total), n);
  out_.yysz = 4;
  s_ = p;
  SkipOrdinal(n);
}

// PostgreSQL's two-digit-year rule: 0-69 -> 2000s, 70-99 -> 1900s,
// 100-519 -> 2000s, 520-999 -> 1000s.
int AdjustPartialYear(int year) {
  if (year < 70) return year + 2000;
  if (year < 100) return year + 1900;
  if (year < 520) return year + 2000;
  if (year < 1000) return year + 1000;
  return year;
}

constexpr const char* kAmPmLong[] = {"a.m.", "p.m.", "A.M.", "P.M."};
constexpr const char* kAmPm[] = {"am", "pm", "AM", "PM"};
constexpr const char* kAdBcLong[] = {"a.d.", "b.c.", "A.D.", "B.C."};
constexpr const char* kAdBc[] = {"ad", "bc", "AD", "BC"};
constexpr const char* kMonthsFull[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
constexpr const char* kMonthsShort[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDaysFull[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};
constexpr const char* kDaysShort[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
// Longest first, so that VIII is not read as V.
constexpr const char* kRomanMonths[] = {"xii", "xi",  "x",  "ix", "viii", "vii",
                                        "vi",  "v",   "iv", "iii", "ii",  "i"};

template <size_t N>
constexpr size_t Count(const char* const (&)[N]) {
  return N;
}

void FromChar::ReadPattern(size_t i) {
  const Node& n = nodes_[i];
  switch (n.pattern->id) {
    case Pat::kFX:
      fx_mode_ = true;
      break;
    case Pat::kAMLong:
    case Pat::kAM: {
      const int v = n.pattern->id == Pat::kAMLong ? ReadWord(kAmPmLong, 4, n) : ReadWord(kAmPm, 4, n);
      SetInt(&out_.pm, v % 2, n);
      out_.clock12 = true;
      break;
    }
    case Pat::kADLong:
    case Pat::kAD: {
      const int v = n.pattern->id == Pat::kADLong ? ReadWord(kAdBcLong, 4, n) : ReadWord(kAdBc, 4, n);
      SetInt(&out_.bc, v % 2, n);
      break;
    }
    case Pat::kHH12:
      ReadInt(&out_.hh, i, 2);
      out_.clock12 = true;
      SkipOrdinal(n);
      break;
    case Pat::kHH24:
      ReadInt(&out_.hh, i, 2);
      SkipOrdinal(n);
      break;
    case Pat::kMI:
      ReadInt(&out_.mi, i);
      SkipOrdinal(n);
      break;
    case Pat::kSS:
      ReadInt(&out_.ss, i);
      SkipOrdinal(n);
      break;
    case Pat::kMS: {
      const int len = ReadInt(&out_.ms, i, 3);
      // 25 is 0.25 s and so is 250; 025 is 0.025 s.
      out_.ms *= len == 1 ? 100 : len == 2 ? 10 : 1;
      SkipOrdinal(n);
      break;
    }
    case Pat::kFF:
    case Pat::kUS: {
      if (n.pattern->id == Pat::kFF) out_.ff = n.pattern->width;
      const int len = ReadInt(&out_.us, i, n.pattern->id == Pat::kUS ? 6 : out_.ff);
      static constexpr int kScale[] = {1, 100000, 10000, 1000, 100, 10, 1};
      out_.us *= len >= 1 && len <= 6 ? kScale[len] : 1;
      SkipOrdinal(n);
      break;
    }
    case Pat::kSSSS:
      ReadInt(&out_.ssss, i);
      SkipOrdinal(n);
      break;
    case Pat::kTZ:
    case Pat::kOF:
      throw SqlError(SqlState::kFeatureNotSupported,
                     std::string("formatting field \"") + n.pattern->name +
                         "\" is only supported in to_char");
    case Pat::kTZH:
      // The sign may have been swallowed as a separator: a '-' skipped just
      // before counts as the sign.
      if (*s_ == '+' || *s_ == '-' || *s_ == ' ') {
        out_.tzsign = *s_ == '-' ? -1 : +1;
        ++s_;
      } else {
        out_.tzsign = extra_skip_ > 0 && s_ > input_.c_str() && s_[-1] == '-' ? -1 : +1;
      }
      ReadInt(&out_.tzh, i, 2);
      break;
    case Pat::kTZM:
      if (out_.tzsign == 0) out_.tzsign = +1;
      ReadInt(&out_.tzm, i, 2);
      break;
    case Pat::kMonthName:
      SetInt(&out_.mm, ReadWord(kMonthsFull, Count(kMonthsFull), n) + 1, n);
      break;
    case Pat::kMonName:
      SetInt(&out_.mm, ReadWord(kMonthsShort, Count(kMonthsShort), n) + 1, n);
      break;
    case Pat::kMM:
      ReadInt(&out_.mm, i);
      SkipOrdinal(n);
      break;
    case Pat::kDayName:
      SetInt(&out_.d, ReadWord(kDaysFull, Count(kDaysFull), n), n);
      out_.d++;
      break;
    case Pat::kDyName:
      SetInt(&out_.d, ReadWord(kDaysShort, Count(kDaysShort), n), n);
      out_.d++;
      break;
    case Pat::kDDD:
      ReadInt(&out_.ddd, i);
      SkipOrdinal(n);
      break;
    case Pat::kIDDD:
      ReadInt(&out_.ddd, i, 3);
      SkipOrdinal(n);
      break;
    case Pat::kDD:
      ReadInt(&out_.dd, i);
      SkipOrdinal(n);
      break;
    case Pat::kD:
      ReadInt(&out_.d, i);
      SkipOrdinal(n);
      break;
    case Pat::kID:
      ReadInt(&out_.d, i, 1);
      // ISO day 1 is Monday; keep Gregorian numbering (Sunday = 1).
      if (++out_.d > 7) out_.d = 1;
      SkipOrdinal(n);
      break;
    case Pat::kWW:
    case Pat::kIW:
      ReadInt(&out_.ww, i);
      SkipOrdinal(n);
      break;
    case Pat::kQ:
      // Read and ignored: a quarter does not say which date in it.
      ReadInt(nullptr, i);
      SkipOrdinal(n);
      break;
    case Pat::kCC:
      ReadInt(&out_.cc, i);
      SkipOrdinal(n);
      break;
    case Pat::kYCommaYYY:
      ReadYearCommaYYY(n);
      break;
    case Pat::kYear:
    case Pat::kIYear: {
      const int digits = n.pattern->year_digits;
      const int len = ReadInt(&out_.year, i, digits);
      if (digits < 4 && len < 4) out_.year = AdjustPartialYear(out_.year);
      out_.yysz = digits;
      SkipOrdinal(n);
      break;
    }
    case Pat::kRM:
      SetInt(&out_.mm, 12 - ReadWord(kRomanMonths, Count(kRomanMonths), n), n);
      break;
    case Pat::kW:
      ReadInt(&out_.w, i);
      SkipOrdinal(n);
      break;
    case Pat::kJ:
      ReadInt(&out_.j, i);
      SkipOrdinal(n);
      break;
  }
}

Parsed FromChar::Run() {
  s_ = input_.c_str();
  for (size_t i = 0; i < nodes_.size() && *s_ != '\0'; ++i) {
    const Node& n = nodes_[i];
    const bool is_fx = n.kind == NodeKind::kPattern && n.pattern->id == Pat::kFX;
    // Outside FX mode, whitespace at the start and before each pattern is skipped.
    if (!fx_mode_ && !is_fx && (n.kind == NodeKind::kPattern || i == 0)) {
      while (*s_ != '\0' && IsSpace(*s_)) {
        ++s_;
        ++extra_skip_;
      }
    }
    if (n.kind == NodeKind::kSpace || n.kind == NodeKind::kSeparator) {
      if (!fx_mode_) {
        // One template space or separator matches one in the input, or none.
        --extra_skip_;
        if (IsSpace(*s_) || IsSeparatorChar(*s_)) {
          ++s_;
          ++extra_skip_;
        }
      } else {
        s_ += CharLength(s_);  // FX: any one character
      }
      continue;
    }
    if (n.kind == NodeKind::kLiteral) {
      // A literal consumes one input character (any), unless extra
      // whitespace was skipped just before: that whitespace stood for it.
      if (!fx_mode_ && extra_skip_ > 0) {
        --extra_skip_;
      } else {
        s_ += CharLength(s_);
      }
      continue;
    }
    SetMode(n.pattern->mode);
    ReadPattern(i);
    if (!fx_mode_) {
      extra_skip_ = 0;
      while (*s_ != '\0' && IsSpace(*s_)) {
        ++s_;
        ++extra_skip_;
      }
    }
  }
  return out_;
}

int IsoWeekToJ(int year, int week) {
  const int day4 = Date2J(year, 1, 4);           // January 4th is always in week 1
  const int day0 = J2Day(day4 - 1);              // days from Monday to January 4th
  return (week - 1) * 7 + (day4 - day0);
}

bool CheckedMulAdd(int a, int mul, int add, int* out) {
  int64_t v = int64_t{a} * mul + add;
  if (v < INT_MIN || v > INT_MAX) return false;
  *out = static_cast<int>(v);
  return true;
}

struct Result {
  Tm tm;
  bool has_tz = false;
  int32_t gmtoff_east = 0;
  int fprec = 0;
};

constexpr int kFieldYear = 1, kFieldMonth = 2, kFieldDay = 4;
constexpr int kFieldsDate = kFieldYear | kFieldMonth | kFieldDay;

Result ToTimestampFields(const std::string& input, const std::string& fmt) {
  Parsed f;
  if (!fmt.empty()) {
    const std::vector<Node> nodes = ParseTemplate(fmt);
    f = FromChar(nodes, input).Run();
  }
  Result r;
  Tm& tm = r.tm;
  tm.mon = 1;
  tm.mday = 1;
  int fmask = 0;

  if (f.ssss != 0) {
    tm.hour = f.ssss / 3600;
    tm.min = f.ssss % 3600 / 60;
    tm.sec = f.ssss % 60;
  }
  if (f.ss != 0) tm.sec = f.ss;
  if (f.mi != 0) tm.min = f.mi;
  if (f.hh != 0) tm.hour = f.hh;
  if (f.clock12) {
    if (tm.hour < 1 || tm.hour > 12) {
      throw FormatError("hour \"" + std::to_string(tm.hour) + "\" is invalid for the 12-hour clock")
          .WithHint("Use the 24-hour clock, or give an hour between 1 and 12.");
    }
    if (f.pm != 0 && tm.hour < 12) {
      tm.hour += 12;
    } else if (f.pm == 0 && tm.hour == 12) {
      tm.hour = 0;
    }
  }

  if (f.year != 0) {
    if (f.cc != 0 && f.yysz <= 2) {
      // CC with YY: the two low digits within that century (the 21st century
      // runs 2001-2100; the 6th century BC 600-501 BC).
      if (f.bc != 0) f.cc = -f.cc;
      tm.year = f.year % 100;
      if (tm.year != 0) {
        bool ok = f.cc >= 0 ? CheckedMulAdd(f.cc - 1, 100, tm.year, &tm.year)
                            : CheckedMulAdd(f.cc + 1, 100, 1 - tm.year, &tm.year);
        if (!ok) ThrowFieldOverflow(input);
      } else {
        tm.year = f.cc * 100 + (f.cc >= 0 ? 0 : 1);
      }
    } else {
      tm.year = f.year;
      if (f.bc != 0) tm.year = -tm.year;
      if (tm.year < 0) tm.year++;  // 1 BC is year 0
    }
    fmask |= kFieldYear;
  } else if (f.cc != 0) {
    if (f.bc != 0) f.cc = -f.cc;
    // The first year of the century.
    if (!CheckedMulAdd(f.cc >= 0 ? f.cc - 1 : f.cc, 100, 1, &tm.year)) ThrowFieldOverflow(input);
    fmask |= kFieldYear;
  }

  if (f.j != 0) {
    J2Date(f.j, &tm.year, &tm.mon, &tm.mday);
    fmask |= kFieldsDate;
  }
  if (f.ww != 0) {
    if (f.mode == DateMode::kIsoWeek) {
      int jd = IsoWeekToJ(tm.year, f.ww);
      if (f.d != 0) jd += f.d > 1 ? f.d - 2 : 6;  // Sunday = 1 is the ISO week's last day
      J2Date(jd, &tm.year, &tm.mon, &tm.mday);
      fmask |= kFieldsDate;
    } else if (!CheckedMulAdd(f.ww - 1, 7, 1, &f.ddd)) {
      ThrowFieldOverflow(input);
    }
  }
  if (f.w != 0 && !CheckedMulAdd(f.w - 1, 7, 1, &f.dd)) ThrowFieldOverflow(input);
  if (f.dd != 0) {
    tm.mday = f.dd;
    fmask |= kFieldDay;
  }
  if (f.mm != 0) {
    tm.mon = f.mm;
    fmask |= kFieldMonth;
  }
  if (f.ddd != 0 && (tm.mon <= 1 || tm.mday <= 1)) {
    if (tm.year == 0 && f.bc == 0) {
      throw FormatError("cannot calculate day of year without year information");
    }
    if (f.mode == DateMode::kIsoWeek) {
      const int j0 = IsoWeekToJ(tm.year, 1) - 1;
      J2Date(j0 + f.ddd, &tm.year, &tm.mon, &tm.mday);
      fmask |= kFieldsDate;
    } else {
      // Days before each month's first day; month 13 when the day is past
      // the year's end (then rejected below as a bad month).
      int month = 1;
      int before = 0;
      while (month <= 12 && f.ddd > before + DaysInMonth(tm.year, month)) {
        before += DaysInMonth(tm.year, month);
        ++month;
      }
      if (tm.mon <= 1) tm.mon = month;
      if (tm.mday <= 1) tm.mday = f.ddd - before;
      fmask |= kFieldMonth | kFieldDay;
    }
  }
  if (f.ms != 0) {
    int v = 0;
    if (!CheckedMulAdd(f.ms, 1000, 0, &v)) ThrowFieldOverflow(input);
    tm.fsec += v;
  }
  if (f.us != 0) tm.fsec += f.us;
  r.fprec = f.ff;

  // ValidateDate for the fields given (years are already astronomical).
  if ((fmask & kFieldMonth) && (tm.mon < 1 || tm.mon > 12)) ThrowFieldOverflow(input);
  if ((fmask & kFieldDay) && (tm.mday < 1 || tm.mday > 31)) ThrowFieldOverflow(input);
  if ((fmask & kFieldsDate) == kFieldsDate && tm.mday > DaysInMonth(tm.year, tm.mon)) {
    ThrowFieldOverflow(input);
  }
  if (tm.hour < 0 || tm.hour >= 24 || tm.min < 0 || tm.min >= 60 || tm.sec < 0 || tm.sec >= 60 ||
      tm.fsec < 0 || tm.fsec >= kUsecsPerSec) {
    ThrowFieldOverflow(input);
  }
  if (f.tzsign != 0) {
    if (f.tzh < 0 || f.tzh > 15 || f.tzm < 0 || f.tzm >= 60) {
      throw SqlError(SqlState::kInvalidTimeZoneDisplacementValue,
                     "time zone displacement out of range: \"" + input + "\"");
    }
    r.has_tz = true;
    r.gmtoff_east = f.tzsign * (f.tzh * 3600 + f.tzm * 60);
  }
  return r;
}

Value ToTimestampText(Args a) {
  const Result r = ToTimestampFields(std::string(a[0].string_value()), std::string(a[1].string_value()));
  int64_t local = 0;
  if (!TmToTimestamp(r.tm, &local)) ThrowTimestampOutOfRange();
  int64_t ts = 0;
  if (r.has_tz) {
    if (AddOverflow(local, -int64_t{r.gmtoff_east} * kUsecsPerSec, &ts) || !IsValidTimestamp(ts)) {
      ThrowTimestampOutOfRange();
    }
  } else {
    ts = LocalToTimestampTz(local, *CurrentDatetimeContext().time_zone);
  }
  if (r.fprec != 0) ts = RoundToPrecision(ts, r.fprec);
  return Value::TimestampTz(ts);
}

Value ToDateText(Args a) {
  const std::string input(a[0].string_value());
  const Result r = ToTimestampFields(input, std::string(a[1].string_value()));
  auto out_of_range = [&] {
    return SqlError(SqlState::kDatetimeValueOutOfRange, "date out of range: \"" + input + "\"");
  };
  if (!IsValidJulian(r.tm.year, r.tm.mon, r.tm.mday)) throw out_of_range();
  const int32_t date = Date2J(r.tm.year, r.tm.mon, r.tm.mday) - kPostgresEpochJdate;
  if (!IsValidDate(date)) throw out_of_range();
  return Value::Date(date);
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kText = type_oid::kText;

const SqlFunction kFunctions[] = {
    {"to_timestamp", {kText, kText, k0, k0, k0, k0, k0}, 2, type_oid::kTimestampTz,
     {"to_timestamp", ToTimestampText}},
    {"to_date", {kText, kText, k0, k0, k0, k0, k0}, 2, type_oid::kDate, {"to_date", ToDateText}},
};

}  // namespace

std::span<const SqlFunction> FromCharSqlFunctions() { return kFunctions; }

}  // namespace strata::sql
