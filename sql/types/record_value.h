// RecordValue: the payload of a composite value (PostgreSQL's record /
// HeapTupleHeader datum): the field values in order, shared and immutable
// once built, as ArrayValue is. The field names and declared types live in
// the record's type, not in the value: an anonymous record type is a typmod
// of `record` registered in sql/types/record_type.h (PostgreSQL's "blessed"
// record typmods).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/types/value.h"

namespace strata::sql {

struct RecordValue {
  std::vector<Value> fields;  // NULL fields are Value::Null(field type)
  // A `record` value's registered typmod (record_type.h) when its shape is
  // known, so that functions reading field names (row_to_json) find them;
  // -1 otherwise and for named composite types.
  int32_t typmod = -1;
};

// A `record` Value holding `fields`; of composite type `type` if given, of
// record typmod `typmod` if known.
Value MakeRecord(std::vector<Value> fields, Oid type = type_oid::kRecord, int32_t typmod = -1);

// record_out: "(1,abc,)" -- NULL fields empty; a field quoted in double
// quotes when it is empty or holds a double quote, backslash, parenthesis,
// comma or whitespace, with quotes and backslashes doubled inside.
std::string FormatRecord(const Value& record);

// record_in for composite type `type` (a named one: `record` itself fails
// with 0A000 "input of anonymous composite types is not implemented"):
// "(f1,f2,...)" with fields read as record_out writes them, an empty
// unquoted field meaning NULL. Bad syntax fails with 22P02 `malformed
// record literal: "..."` and a DETAIL saying what is wrong.
// `stored`: text a row holds (sql/storage_format/row_codec.h), written
// before attributes were added to the type; the missing trailing fields
// read as NULL.
Value ParseRecord(Oid type, std::string_view text, bool stored = false);

}  // namespace strata::sql
