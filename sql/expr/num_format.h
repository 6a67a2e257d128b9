// The number format templates of to_char and to_number (formatting.c's
// NUM_cache / NUMDesc_prepare): a template parsed into nodes, and the
// description of its numeric part (digits before and after the point, sign
// placement, flags). Shared by num_to_char.cpp (to_char of numbers) and
// num_from_char.cpp (to_number).
#pragma once

#include <string>
#include <vector>

// Names live in their own namespace: Key, Node and Flag are too generic for
// strata::sql.
namespace strata::sql::num_format {

enum class Key { k9, k0, kDec, kComma, kD, kG, kS, kPL, kMI, kSG, kPR, kL, kV, kEEEE, kRN,
                 krn, kTH, kth, kFM, kB, kSP, kChar };

struct Node {
  Key key;
  std::string text;  // kChar: the character(s) copied to the output
};

// Splits a template into keyword nodes and literal characters ("quoted
// text" and \-escaped quotes become kChar nodes).
std::vector<Node> ParseNumFormat(const std::string& format);

enum Flag : unsigned {
  kDecimal = 1 << 1,
  kLDecimal = 1 << 2,
  kZero = 1 << 3,
  kBlank = 1 << 4,
  kFillMode = 1 << 5,
  kLSign = 1 << 6,
  kBracket = 1 << 7,
  kMinus = 1 << 8,
  kPlus = 1 << 9,
  kRoman = 1 << 10,
  kMulti = 1 << 11,
  kPlusPost = 1 << 12,
  kMinusPost = 1 << 13,
  kEEEE = 1 << 14,
};

enum class LSign { kNone, kPre, kPost };

struct NumDesc {
  int pre = 0;   // digits before the decimal point
  int post = 0;  // digits after it
  LSign lsign = LSign::kNone;
  unsigned flag = 0;
  int pre_lsign_num = 0;
  int multi = 0;
  int zero_start = 0;
  int zero_end = 0;
  bool Is(unsigned f) const { return (flag & f) != 0; }
};

// NUMDesc_prepare(): throws PostgreSQL's 42601 errors for invalid
// combinations (two decimal points, "S" and "MI", "V" with a point, ...).
NumDesc DescribeNumFormat(const std::vector<Node>& nodes);

}  // namespace strata::sql::num_format
