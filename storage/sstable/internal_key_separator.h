// Shortest separators and successors for index keys.
//
// The index block stores one key per data block that is >= every key in that
// block and < every key in the next one. Short separators keep the index
// small. For internal keys (dbformat.h) the user-key part is shortened and,
// when that changed it, the trailer becomes (kMaxSequenceNumber,
// kValueTypeForSeek) — the smallest internal key with that user key — which
// keeps the separator strictly between the neighbouring internal keys. When
// the user key cannot be shortened (e.g. both neighbours share the user key),
// the separator is the last key of the block unchanged.
#pragma once

#include <string>

#include "common/slice.h"

namespace strata::storage {

// User keys (bytewise). REQUIRES: *start < limit. Leaves *start with a key in
// [*start, limit), no longer than before.
void ShortenUserKeySeparator(std::string* start, Slice limit);
// Leaves *key with a key >= *key, no longer than before.
void ShortenUserKeySuccessor(std::string* key);

// Internal keys. REQUIRES: CompareInternalKeys(*start, limit) < 0.
// Postcondition: *start_before <= *start < limit.
void ShortenInternalKeySeparator(std::string* start, Slice limit);
// Postcondition: *key_before <= *key.
void ShortenInternalKeySuccessor(std::string* key);

}  // namespace strata::storage
