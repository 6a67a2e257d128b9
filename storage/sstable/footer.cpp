// Footer encoding and validation (format in footer.h).
#include "storage/sstable/footer.h"

#include "common/coding.h"
#include "common/hash.h"

namespace strata::storage {

namespace {
constexpr size_t kChecksumOffset = 48;
constexpr size_t kMagicOffset = 56;
}  // namespace

void Footer::EncodeTo(std::string* dst) const {
  const size_t start = dst->size();
  metaindex_handle.EncodeTo(dst);
  index_handle.EncodeTo(dst);
  dst->resize(start + kHandlesLength, '\0');
  PutFixed32(dst, format_version);
  PutFixed32(dst, 0);
  PutFixed64(dst, XxHash64(Slice(dst->data() + start, kChecksumOffset)));
  PutFixed64(dst, kTableMagicNumber);
}

Status Footer::DecodeFrom(Slice input, std::string_view context) {
  auto error = [&](std::string_view what) {
    return Status::Corruption(std::string(context) + ": " + std::string(what));
  };
  if (input.size() != kEncodedLength) return error("footer truncated (file too short)");
  if (DecodeFixed64(input.data() + kMagicOffset) != kTableMagicNumber) {
    return error("bad table magic number (not an sstable)");
  }
  if (DecodeFixed64(input.data() + kChecksumOffset) !=
      XxHash64(Slice(input.data(), kChecksumOffset))) {
    return error("footer checksum mismatch");
  }
  format_version = DecodeFixed32(input.data() + kHandlesLength);
  if (format_version != kTableFormatVersion) {
    return Status::NotSupported(std::string(context) + ": unknown table format version " +
                                std::to_string(format_version));
  }
  Slice handles(input.data(), kHandlesLength);
  if (!metaindex_handle.DecodeFrom(&handles) || !index_handle.DecodeFrom(&handles)) {
    return error("bad block handle in footer");
  }
  return Status::OK();
}

}  // namespace strata::storage
