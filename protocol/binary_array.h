// Binary (format 1) arrays: PostgreSQL 15's array_send/array_recv framing
// around element values that the caller encodes and decodes with the
// element type's Send*/Recv* (binary_values.h).
//
// Layout (all integers big-endian Int32 unless noted):
//   ndim, has_nulls (0 or 1), element type OID (UInt32),
//   ndim x (dimension length, lower bound),
//   per element: length (-1 for NULL) then that many bytes.
// An empty array has ndim 0 and no dimension entries.
//
// Errors (SqlError, *in unchanged on a throw):
//   - short input or an element length < -1 or past the end: 08P01
//     "insufficient data left in message";
//   - ndim < 0: 22P03 "invalid number of dimensions: N"; ndim > 6: 54000
//     "number of array dimensions (N) exceeds the maximum allowed (6)";
//   - has_nulls not 0/1: 22P03 "invalid array flags";
//   - ndim > 1: 0A000 (the SQL layer has one-dimensional arrays only).
// The element type OID is returned, not checked: the caller compares it
// with the expected element type (42804 "binary data has array element type
// ... instead of expected ...", which needs type names).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata::protocol {

// Appends an array of already-encoded element values (nullopt = NULL).
void SendArray(std::string* out, uint32_t element_oid, int32_t lower_bound,
               std::span<const std::optional<std::string>> elements);

struct RecvArrayResult {
  uint32_t element_oid = 0;
  int32_t lower_bound = 1;
  std::vector<std::optional<std::string_view>> elements;  // views into the input
};

RecvArrayResult RecvArray(std::string_view* in);

}  // namespace strata::protocol
