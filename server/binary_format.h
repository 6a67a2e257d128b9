// Binary (format 1) values for the wire: converts between the SQL layer's
// Values and PostgreSQL's typsend/typreceive bytes (protocol/binary_values.h)
// for Bind parameters and DataRow columns.
//
// One table row per type (binary_format.cpp, kBinaryFormats): engineers adding
// a type add its row there. A type without a row answers 0A000.
#pragma once

#include <string>
#include <string_view>

#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::server {

struct BinaryFormat {
  sql::Oid type;
  // Appends the value's bytes (no length word). REQUIRES: !value.is_null().
  void (*send)(const sql::Value& value, std::string* out);
  // Reads one value of `type` from the front of *in (see binary_values.h for
  // the errors); the caller checks that nothing is left over.
  sql::Value (*receive)(std::string_view* in, sql::Oid type);
};

// The row for `type`, or null.
const BinaryFormat* FindBinaryFormat(sql::Oid type);

// The binary form of a non-NULL value. Throws SqlError 0A000 for a type
// without a binary format here.
std::string SendBinaryValue(const sql::Value& value);

// A Bind parameter in binary format: the whole of `bytes` must be one value
// of `type` (else 22P03 "incorrect binary data format in bind parameter N").
// Throws SqlError as the receive functions do, 0A000 for a type without a row.
sql::Value ReceiveBinaryParameter(sql::Oid type, std::string_view bytes, int parameter_number);

}  // namespace strata::server
