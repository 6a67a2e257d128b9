// RecordValue: the payload of a composite value (PostgreSQL's record /
// HeapTupleHeader datum): the field values in order, shared and immutable
// once built, as ArrayValue is. The field names and declared types live in
// the record's type, not in the value: an anonymous record type is a typmod
// of `record` registered in sql/types/record_type.h (PostgreSQL's "blessed"
// record typmods).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sql/types/value.h"

namespace strata::sql {

struct RecordValue {
  std::vector<Value> fields;  // NULL fields are Value::Null(field type)
};

// A `record` Value holding `fields`.
Value MakeRecord(std::vector<Value> fields);

// record_out: "(1,abc,)" -- NULL fields empty; a field quoted in double
// quotes when it is empty or holds a double quote, backslash, parenthesis,
// comma or whitespace, with quotes and backslashes doubled inside.
std::string FormatRecord(const Value& record);

}  // namespace strata::sql
