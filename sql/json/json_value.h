// JsonValue: a parsed JSON document, the in-memory form json and jsonb
// operators work on. Values of SQL type json are kept as their input text and
// parsed on use (json operators return sub-documents as written, so every
// node remembers its byte span in that text); jsonb values are kept as their
// canonical text (WriteJsonb) and parsed on use as well.
//
// Kind is declared in jsonb's comparison order of scalar and container types
// (null < string < number < boolean < array < object), which CompareJsonb
// relies on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace strata::sql::json {

struct JsonValue {
  enum class Kind : uint8_t { kNull, kString, kNumber, kBool, kArray, kObject };

  Kind kind = Kind::kNull;
  bool bool_value = false;
  // kString: the de-escaped string (for json documents parsed without
  // de-escaping, the raw text between the quotes). kNumber: the number as
  // written.
  std::string text;
  std::vector<JsonValue> elements;                         // kArray
  std::vector<std::pair<std::string, JsonValue>> members;  // kObject, in order
  // The value's bytes in the parsed text: [begin, end).
  size_t begin = 0;
  size_t end = 0;
};

}  // namespace strata::sql::json
