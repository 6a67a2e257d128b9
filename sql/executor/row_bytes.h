// Row bytes: a row serialized as self-describing values (each its type OID,
// a payload tag and the payload), the form rows take in spill files and in
// Sort's memory. Any row can be written: integers, floats, booleans,
// intervals and string payloads as their bytes, numeric and arrays as their
// text (read back through the type's input function), records field by
// field. The bytes live only as long as the query that wrote them, so the
// format may change between versions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sql/table/table_codec.h"

namespace strata::sql {

// Appends `row` to *out. With `side`, the values the bytes would otherwise
// hold as their text (numeric, arrays, ranges, and any type without a binary
// form here -- some have no input function at all, aclitem[]) are appended
// to *side and the bytes hold their index: such bytes can be read back only
// with that same store (rows held in memory by one node, never a file).
void AppendRowBytes(const Row& row, std::string* out, std::vector<Value>* side = nullptr);

// Reads the row AppendRowBytes wrote at the front of *in into *row
// (replacing its contents) and advances *in past it; `side` is the store
// the bytes were written with, if any. Throws SqlError 58030 (io_error)
// when the bytes end early or hold an unknown tag or side index.
void ReadRowBytes(std::string_view* in, Row* row, const std::vector<Value>* side = nullptr);

// The same, into (*row)[at, at + the row's width): *row is resized to end
// there, and the values before `at` are left as they are.
void ReadRowBytesAt(std::string_view* in, Row* row, size_t at,
                    const std::vector<Value>* side = nullptr);

}  // namespace strata::sql
