// Iterative walk over the protobuf wire format, guided by the protobuf-c
// descriptors: a length-delimited field whose descriptor says "message" is
// entered, everything else is skipped.
#include "sql/parser/parse_tree_depth.h"

#include <pg_query/pg_query.pb-c.h>

#include <vector>

namespace strata::sql::parser {

namespace {

bool ReadVarint(const uint8_t* data, size_t end, size_t* pos, uint64_t* out) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64 && *pos < end; shift += 7) {
    const uint8_t byte = data[(*pos)++];
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *out = value;
      return true;
    }
  }
  return false;
}

}  // namespace

size_t ParseTreeDepth(const uint8_t* data, size_t len, size_t limit) {
  struct Frame {
    const ProtobufCMessageDescriptor* descriptor;
    size_t end;
  };
  std::vector<Frame> stack = {{&pg_query__parse_result__descriptor, len}};
  size_t max_depth = 1;
  size_t pos = 0;
  while (!stack.empty()) {
    const Frame frame = stack.back();
    if (pos >= frame.end) {
      stack.pop_back();
      continue;
    }
    uint64_t key = 0;
    if (!ReadVarint(data, frame.end, &pos, &key)) return max_depth;  // malformed
    uint64_t skip = 0;
    switch (key & 7) {
      case 0:  // varint
        if (!ReadVarint(data, frame.end, &pos, &skip)) return max_depth;
        break;
      case 1:  // 64-bit
        pos += 8;
        break;
      case 5:  // 32-bit
        pos += 4;
        break;
      case 2: {  // length-delimited: a nested message, a string or packed values
        uint64_t length = 0;
        if (!ReadVarint(data, frame.end, &pos, &length) || length > frame.end - pos) {
          return max_depth;
        }
        const ProtobufCFieldDescriptor* field = protobuf_c_message_descriptor_get_field(
            frame.descriptor, static_cast<unsigned>(key >> 3));
        if (field != nullptr && field->type == PROTOBUF_C_TYPE_MESSAGE) {
          stack.push_back(
              {static_cast<const ProtobufCMessageDescriptor*>(field->descriptor), pos + length});
          if (stack.size() > max_depth) {
            max_depth = stack.size();
            if (max_depth > limit) return max_depth;
          }
        } else {
          pos += length;
        }
        break;
      }
      default:
        return max_depth;  // groups are not used by pg_query.proto
    }
  }
  return max_depth;
}

}  // namespace strata::sql::parser
