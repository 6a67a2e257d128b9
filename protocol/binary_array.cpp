// array_send / array_recv framing (see binary_array.h).
#include "protocol/binary_array.h"

#include "common/coding.h"
#include "common/sql_error.h"
#include "protocol/binary_input.h"

namespace strata::protocol {

namespace {

void PutInt32(std::string* out, int32_t v) {
  char buf[4];
  EncodeBigEndian32(buf, static_cast<uint32_t>(v));
  out->append(buf, 4);
}

int32_t TakeInt32(std::string_view* in) {
  return static_cast<int32_t>(internal::TakeUInt32(in));
}

constexpr int32_t kMaxDim = 6;  // PostgreSQL's MAXDIM

}  // namespace

void SendArray(std::string* out, uint32_t element_oid, int32_t lower_bound,
               std::span<const std::optional<std::string>> elements) {
  bool has_nulls = false;
  for (const auto& e : elements) has_nulls |= !e.has_value();
  PutInt32(out, elements.empty() ? 0 : 1);
  PutInt32(out, has_nulls ? 1 : 0);
  PutInt32(out, static_cast<int32_t>(element_oid));
  if (elements.empty()) return;
  PutInt32(out, static_cast<int32_t>(elements.size()));
  PutInt32(out, lower_bound);
  for (const auto& e : elements) {
    if (!e) {
      PutInt32(out, -1);
      continue;
    }
    PutInt32(out, static_cast<int32_t>(e->size()));
    out->append(*e);
  }
}

RecvArrayResult RecvArray(std::string_view* in) {
  std::string_view cur = *in;
  const int32_t ndim = TakeInt32(&cur);
  if (ndim < 0) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation,
                   "invalid number of dimensions: " + std::to_string(ndim));
  }
  if (ndim > kMaxDim) {
    throw SqlError(SqlState::kProgramLimitExceeded,
                   "number of array dimensions (" + std::to_string(ndim) +
                       ") exceeds the maximum allowed (" + std::to_string(kMaxDim) + ")");
  }
  const int32_t flags = TakeInt32(&cur);
  if (flags != 0 && flags != 1) {
    throw SqlError(SqlState::kInvalidBinaryRepresentation, "invalid array flags");
  }
  RecvArrayResult result;
  result.element_oid = internal::TakeUInt32(&cur);
  if (ndim > 1) {
    throw SqlError(SqlState::kFeatureNotSupported, "multidimensional arrays are not supported yet");
  }
  if (ndim == 1) {
    const int32_t length = TakeInt32(&cur);
    result.lower_bound = TakeInt32(&cur);
    if (length < 0) {
      throw SqlError(SqlState::kProgramLimitExceeded, "array size exceeds the maximum allowed");
    }
    for (int32_t i = 0; i < length; ++i) {
      const int32_t n = TakeInt32(&cur);
      if (n == -1) {
        result.elements.emplace_back(std::nullopt);
        continue;
      }
      if (n < -1) {
        throw SqlError(SqlState::kProtocolViolation, "insufficient data left in message");
      }
      result.elements.emplace_back(internal::TakeBytes(&cur, static_cast<size_t>(n)));
    }
    if (length == 0) result.lower_bound = 1;
  }
  *in = cur;
  return result;
}

}  // namespace strata::protocol
