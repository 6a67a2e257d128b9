// Bit string representation, text I/O and conversions (see bit_string.h).
#include "sql/types/bit_string.h"

#include <string>

#include "common/hex_digit.h"
#include "common/sql_error.h"

namespace strata::sql::bits {

namespace {

// PostgreSQL's MaxAttrSize in bits: the longest typmod bittypmodin accepts.
constexpr int64_t kMaxBitLength = int64_t{10} * 1024 * 1024 * 8;

// The bytes of the (UTF-8) character starting at `s` (pg_mblen), for messages.
std::string_view CharAt(std::string_view s) {
  const auto c = static_cast<unsigned char>(s[0]);
  size_t n = 1;
  if (c >= 0xF0) {
    n = 4;
  } else if (c >= 0xE0) {
    n = 3;
  } else if (c >= 0xC0) {
    n = 2;
  }
  return s.substr(0, n < s.size() ? n : s.size());
}

}  // namespace

std::string ParseBitString(std::string_view text) {
  bool hex = false;
  if (!text.empty() && (text[0] == 'b' || text[0] == 'B')) {
    text.remove_prefix(1);
  } else if (!text.empty() && (text[0] == 'x' || text[0] == 'X')) {
    hex = true;
    text.remove_prefix(1);
  }
  std::string out;
  out.reserve(hex ? text.size() * 4 : text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!hex) {
      if (c != '0' && c != '1') {
        throw SqlError(SqlState::kInvalidTextRepresentation,
                       "\"" + std::string(CharAt(text.substr(i))) +
                           "\" is not a valid binary digit");
      }
      out.push_back(c);
      continue;
    }
    const int v = HexDigitValue(c);
    if (v < 0) {
      throw SqlError(SqlState::kInvalidTextRepresentation,
                     "\"" + std::string(CharAt(text.substr(i))) +
                         "\" is not a valid hexadecimal digit");
    }
    for (int b = 3; b >= 0; --b) out.push_back(((v >> b) & 1) != 0 ? '1' : '0');
  }
  return out;
}

Value ApplyBitTypmod(const Value& value, int32_t typmod, bool is_explicit) {
  if (value.is_null() || typmod <= 0) return value;
  const std::string& s = value.string_value();
  const auto n = static_cast<size_t>(typmod);
  if (value.type() == kVarbit) {
    if (s.size() <= n) return value;
    if (!is_explicit) {
      throw SqlError(SqlState::kStringDataRightTruncation,
                     "bit string too long for type bit varying(" + std::to_string(typmod) + ")");
    }
    return Value::String(kVarbit, s.substr(0, n));
  }
  if (s.size() == n) return value;
  if (!is_explicit) {
    throw SqlError(SqlState::kStringDataLengthMismatch,
                   "bit string length " + std::to_string(s.size()) + " does not match type bit(" +
                       std::to_string(typmod) + ")");
  }
  if (s.size() > n) return Value::String(kBit, s.substr(0, n));
  return Value::String(kBit, s + std::string(n - s.size(), '0'));
}

int32_t BitTypmod(Oid type, int64_t length) {
  const char* name = type == kVarbit ? "varbit" : "bit";
  if (length < 1) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::string("length for type ") + name + " must be at least 1");
  }
  if (length > kMaxBitLength) {
    throw SqlError(SqlState::kInvalidParameterValue, std::string("length for type ") + name +
                                                         " cannot exceed " +
                                                         std::to_string(kMaxBitLength));
  }
  return static_cast<int32_t>(length);
}

std::string BitFromInteger(int64_t value, int width, int32_t typmod) {
  const int n = typmod <= 0 ? 1 : typmod;
  std::string out(static_cast<size_t>(n), '0');
  const auto u = static_cast<uint64_t>(value);
  for (int i = 0; i < n; ++i) {
    const int shift = n - 1 - i;  // the bit's weight
    const bool set = shift >= width ? value < 0 : ((u >> shift) & 1) != 0;
    if (set) out[static_cast<size_t>(i)] = '1';
  }
  return out;
}

int64_t BitToInteger(std::string_view bits, int width) {
  if (bits.size() > static_cast<size_t>(width)) {
    throw SqlError(SqlState::kNumericValueOutOfRange,
                   width == 64 ? "bigint out of range" : "integer out of range");
  }
  uint64_t v = 0;
  for (char c : bits) v = (v << 1) | (c == '1' ? 1 : 0);
  if (width == 32) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

std::string PackBits(std::string_view bits) {
  std::string out((bits.size() + 7) / 8, '\0');
  for (size_t i = 0; i < bits.size(); ++i) {
    if (bits[i] == '1') out[i / 8] = static_cast<char>(out[i / 8] | (0x80 >> (i % 8)));
  }
  return out;
}

std::string UnpackBits(std::string_view bytes, int64_t bit_length) {
  std::string out(static_cast<size_t>(bit_length), '0');
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<uint8_t>(bytes[i / 8]) & (0x80 >> (i % 8))) != 0) out[i] = '1';
  }
  return out;
}

}  // namespace strata::sql::bits
