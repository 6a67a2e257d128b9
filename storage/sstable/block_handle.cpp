// BlockHandle varint encoding (format in block_handle.h).
#include "storage/sstable/block_handle.h"

#include "common/coding.h"

namespace strata::storage {

void BlockHandle::EncodeTo(std::string* dst) const {
  PutVarint64(dst, offset);
  PutVarint64(dst, size);
}

bool BlockHandle::DecodeFrom(Slice* input) {
  return GetVarint64(input, &offset) && GetVarint64(input, &size);
}

}  // namespace strata::storage
