// KeyComparator: how a block orders its keys, passed to block iterators.
//
// A plain function pointer (no virtual dispatch, no state) so a BlockIter can
// hold one by value. Data, index and range-deletion blocks order internal keys
// (CompareInternalKeys, dbformat.h); meta blocks (metaindex, properties) order
// their names bytewise.
#pragma once

#include "common/slice.h"
#include "storage/dbformat.h"

namespace strata::storage {

// Returns <0, 0, >0 like memcmp.
using KeyComparator = int (*)(Slice a, Slice b);

inline constexpr KeyComparator kBytewiseComparator = &strata::Compare;
inline constexpr KeyComparator kInternalKeyComparator = &CompareInternalKeys;

}  // namespace strata::storage
