// Number format templates (see num_format.h).
#include "sql/expr/num_format.h"

#include <string_view>

#include "common/sql_error.h"

namespace strata::sql::num_format {

namespace {

struct KeyWord {
  std::string_view name;
  Key key;
};

// Longer keywords first where they share a prefix (SG, SP before S).
constexpr KeyWord kKeyWords[] = {
    {",", Key::kComma}, {".", Key::kDec},   {"0", Key::k0},     {"9", Key::k9},
    {"B", Key::kB},     {"D", Key::kD},     {"EEEE", Key::kEEEE}, {"FM", Key::kFM},
    {"G", Key::kG},     {"L", Key::kL},     {"MI", Key::kMI},   {"PL", Key::kPL},
    {"PR", Key::kPR},   {"RN", Key::kRN},   {"SG", Key::kSG},   {"SP", Key::kSP},
    {"S", Key::kS},     {"TH", Key::kTH},   {"V", Key::kV},     {"b", Key::kB},
    {"d", Key::kD},     {"eeee", Key::kEEEE}, {"fm", Key::kFM}, {"g", Key::kG},
    {"l", Key::kL},     {"mi", Key::kMI},   {"pl", Key::kPL},   {"pr", Key::kPR},
    {"rn", Key::krn},   {"sg", Key::kSG},   {"sp", Key::kSP},   {"s", Key::kS},
    {"th", Key::kth},   {"v", Key::kV},
};

size_t Utf8Len(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::vector<Node> ParseNumFormat(const std::string& f) {
  std::vector<Node> nodes;
  size_t i = 0;
  while (i < f.size()) {
    bool matched = false;
    for (const KeyWord& k : kKeyWords) {
      if (f.compare(i, k.name.size(), k.name) == 0) {
        nodes.push_back({k.key, {}});
        i += k.name.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (f[i] == '"') {
      ++i;
      while (i < f.size()) {
        if (f[i] == '"') {
          ++i;
          break;
        }
        if (f[i] == '\\' && i + 1 < f.size()) ++i;  // backslash quotes the next character
        const size_t len = Utf8Len(static_cast<unsigned char>(f[i]));
        nodes.push_back({Key::kChar, f.substr(i, len)});
        i += len;
      }
      continue;
    }
    // Outside quotes a backslash is special only before a double quote.
    if (f[i] == '\\' && i + 1 < f.size() && f[i + 1] == '"') ++i;
    const size_t len = Utf8Len(static_cast<unsigned char>(f[i]));
    nodes.push_back({Key::kChar, f.substr(i, len)});
    i += len;
  }
  return nodes;
}

namespace {

SqlError SyntaxError(std::string message) {
  return SqlError(SqlState::kSyntaxError, std::move(message));
}

}  // namespace

NumDesc DescribeNumFormat(const std::vector<Node>& nodes) {
  NumDesc n;
  for (const Node& node : nodes) {
    switch (node.key) {
      case Key::k9:
        if (n.Is(kBracket)) throw SyntaxError("\"9\" must be ahead of \"PR\"");
        if (n.Is(kMulti)) {
          ++n.multi;
          break;
        }
        if (n.Is(kDecimal)) {
          ++n.post;
        } else {
          ++n.pre;
        }
        break;
      case Key::k0:
        if (n.Is(kBracket)) throw SyntaxError("\"0\" must be ahead of \"PR\"");
        if (!n.Is(kZero) && !n.Is(kDecimal)) {
          n.flag |= kZero;
          n.zero_start = n.pre + 1;
        }
        if (!n.Is(kDecimal)) {
          ++n.pre;
        } else {
          ++n.post;
        }
        n.zero_end = n.pre + n.post;
        break;
      case Key::kB:
        if (n.pre == 0 && n.post == 0 && !n.Is(kZero)) n.flag |= kBlank;
        break;
      case Key::kD:
        n.flag |= kLDecimal;
        [[fallthrough]];
      case Key::kDec:
        if (n.Is(kDecimal)) throw SyntaxError("multiple decimal points");
        if (n.Is(kMulti)) throw SyntaxError("cannot use \"V\" and decimal point together");
        n.flag |= kDecimal;
        break;
      case Key::kFM:
        n.flag |= kFillMode;
        break;
      case Key::kS:
        if (n.Is(kLSign)) throw SyntaxError("cannot use \"S\" twice");
        if (n.Is(kPlus) || n.Is(kMinus) || n.Is(kBracket)) {
          throw SyntaxError("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
        }
        if (!n.Is(kDecimal)) {
          n.lsign = LSign::kPre;
          n.pre_lsign_num = n.pre;
          n.flag |= kLSign;
        } else if (n.lsign == LSign::kNone) {
          n.lsign = LSign::kPost;
          n.flag |= kLSign;
        }
        break;
      case Key::kMI:
        if (n.Is(kLSign)) throw SyntaxError("cannot use \"S\" and \"MI\" together");
        n.flag |= kMinus;
        if (n.Is(kDecimal)) n.flag |= kMinusPost;
        break;
      case Key::kPL:
        if (n.Is(kLSign)) throw SyntaxError("cannot use \"S\" and \"PL\" together");
        n.flag |= kPlus;
        if (n.Is(kDecimal)) n.flag |= kPlusPost;
        break;
      case Key::kSG:
        if (n.Is(kLSign)) throw SyntaxError("cannot use \"S\" and \"SG\" together");
        n.flag |= kMinus | kPlus;
        break;
      case Key::kPR:
        if (n.Is(kLSign) || n.Is(kPlus) || n.Is(kMinus)) {
          throw SyntaxError("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
        }
        n.flag |= kBracket;
        break;
      case Key::kRN:
      case Key::krn:
        n.flag |= kRoman;
        break;
      case Key::kV:
        if (n.Is(kDecimal)) throw SyntaxError("cannot use \"V\" and decimal point together");
        n.flag |= kMulti;
        break;
      case Key::kEEEE:
        if (n.Is(kEEEE)) throw SyntaxError("cannot use \"EEEE\" twice");
        if (n.Is(kBlank) || n.Is(kFillMode) || n.Is(kLSign) || n.Is(kBracket) || n.Is(kMinus) ||
            n.Is(kPlus) || n.Is(kRoman) || n.Is(kMulti)) {
          throw SyntaxError("\"EEEE\" is incompatible with other formats")
              .WithDetail("\"EEEE\" may only be used together with digit and decimal point patterns.");
        }
        n.flag |= kEEEE;
        break;
      default:
        break;
    }
  }
  return n;
}

}  // namespace strata::sql::num_format
