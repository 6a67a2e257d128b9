// Byte encodings shared by every on-disk and wire format.
//
// Fixed-width integers on disk are little-endian (storage formats); the
// PostgreSQL wire protocol is big-endian (the *BigEndian helpers). Varints are
// LEB128 (7 bits per byte, low groups first), at most 5 bytes for 32 bits and
// 10 for 64 bits. Get* functions consume from the front of *input and return
// false, leaving *input unspecified, when the bytes are truncated or malformed.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "common/slice.h"

namespace strata {

inline void EncodeFixed32(char* dst, uint32_t v) {
  for (int i = 0; i < 4; ++i) dst[i] = static_cast<char>(v >> (8 * i));
}
inline void EncodeFixed64(char* dst, uint64_t v) {
  for (int i = 0; i < 8; ++i) dst[i] = static_cast<char>(v >> (8 * i));
}
inline uint32_t DecodeFixed32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}
inline uint64_t DecodeFixed64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(p[i])) << (8 * i);
  return v;
}
inline void PutFixed32(std::string* dst, uint32_t v) {
  char buf[4];
  EncodeFixed32(buf, v);
  dst->append(buf, 4);
}
inline void PutFixed64(std::string* dst, uint64_t v) {
  char buf[8];
  EncodeFixed64(buf, v);
  dst->append(buf, 8);
}

inline void EncodeBigEndian16(char* dst, uint16_t v) {
  dst[0] = static_cast<char>(v >> 8);
  dst[1] = static_cast<char>(v);
}
inline void EncodeBigEndian32(char* dst, uint32_t v) {
  for (int i = 0; i < 4; ++i) dst[i] = static_cast<char>(v >> (24 - 8 * i));
}
inline void EncodeBigEndian64(char* dst, uint64_t v) {
  for (int i = 0; i < 8; ++i) dst[i] = static_cast<char>(v >> (56 - 8 * i));
}
inline uint16_t DecodeBigEndian16(const char* p) {
  return static_cast<uint16_t>((static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1]));
}
inline uint32_t DecodeBigEndian32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
inline uint64_t DecodeBigEndian64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
// The 8 bytes of `key` from `from` on as a big-endian number, zero-padded
// past the end. Monotonic in byte order (a <= b implies the prefix of a <=
// the prefix of b), so sorts and searches compare these first and whole keys
// only on a tie.
inline uint64_t OrderedPrefix64(Slice key, size_t from = 0) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; ++i) {
    const size_t at = from + i;
    p = (p << 8) | (at < key.size() ? static_cast<uint8_t>(key[at]) : 0);
  }
  return p;
}
inline void PutBigEndian16(std::string* dst, uint16_t v) {
  char buf[2];
  EncodeBigEndian16(buf, v);
  dst->append(buf, 2);
}
inline void PutBigEndian32(std::string* dst, uint32_t v) {
  char buf[4];
  EncodeBigEndian32(buf, v);
  dst->append(buf, 4);
}
inline void PutBigEndian64(std::string* dst, uint64_t v) {
  char buf[8];
  EncodeBigEndian64(buf, v);
  dst->append(buf, 8);
}

// Varints.
char* EncodeVarint32(char* dst, uint32_t v);
char* EncodeVarint64(char* dst, uint64_t v);
void PutVarint32(std::string* dst, uint32_t v);
void PutVarint64(std::string* dst, uint64_t v);
int VarintLength(uint64_t v);
bool GetVarint32(Slice* input, uint32_t* value);
bool GetVarint64(Slice* input, uint64_t* value);
// Parses a varint in [p, limit); returns the byte after it or nullptr.
const char* GetVarint32Ptr(const char* p, const char* limit, uint32_t* value);
const char* GetVarint64Ptr(const char* p, const char* limit, uint64_t* value);

// A varint32 length followed by that many bytes.
void PutLengthPrefixedSlice(std::string* dst, Slice value);
bool GetLengthPrefixedSlice(Slice* input, Slice* result);

inline bool GetFixed32(Slice* input, uint32_t* v) {
  if (input->size() < 4) return false;
  *v = DecodeFixed32(input->data());
  input->remove_prefix(4);
  return true;
}
inline bool GetFixed64(Slice* input, uint64_t* v) {
  if (input->size() < 8) return false;
  *v = DecodeFixed64(input->data());
  input->remove_prefix(8);
  return true;
}

}  // namespace strata
