// Debug rendering of FileMetaData and internal keys (see file_meta_data.h).
#include "storage/version/file_meta_data.h"

#include <cstdio>

namespace strata::storage {

std::string InternalKeyDebugString(Slice internal_key) {
  ParsedInternalKey parsed;
  std::string out;
  auto append_escaped = [&out](Slice bytes) {
    for (unsigned char c : bytes) {
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '#') {
        out.push_back(static_cast<char>(c));
      } else {
        char buf[5];
        std::snprintf(buf, sizeof(buf), "\\x%02x", c);
        out += buf;
      }
    }
  };
  if (!ParseInternalKey(internal_key, &parsed)) {
    out = "<bad:";
    append_escaped(internal_key);
    out += ">";
    return out;
  }
  append_escaped(parsed.user_key);
  out += "#" + std::to_string(parsed.sequence);
  switch (parsed.type) {
    case ValueType::kValue:
      out += ",SET";
      break;
    case ValueType::kDeletion:
      out += ",DEL";
      break;
    case ValueType::kRangeDeletion:
      out += ",RANGEDEL";
      break;
  }
  return out;
}

std::string FileMetaData::DebugString() const {
  char num[32];
  std::snprintf(num, sizeof(num), "%06llu", static_cast<unsigned long long>(number));
  std::string out = num;
  out += "[" + InternalKeyDebugString(smallest) + " .. " + InternalKeyDebugString(largest) + "] ";
  out += std::to_string(file_size) + "B seq=" + std::to_string(smallest_seqno) + ".." +
         std::to_string(largest_seqno);
  return out;
}

}  // namespace strata::storage
