// Text input and output functions of the supported types (PostgreSQL's
// typinput/typoutput): what a string literal or a text-to-type cast parses,
// and what a DataRow in text format carries. Both match PostgreSQL 15 byte
// for byte, including every error message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql {

// Parses `text` as a value of type `type` (the typmod is applied separately).
// Throws SqlError (22P02 invalid input syntax, 22003 out of range) with
// PostgreSQL's message, or 0A000 for a type without an implementation.
Value InputValue(Oid type, std::string_view text);

// The text output of a non-NULL value. REQUIRES: !value.is_null().
std::string OutputValue(const Value& value);

// Per-type input functions (int2in/int4in/int8in, boolin, float8in, float4in).
int64_t ParseInteger(Oid type, std::string_view text);
bool ParseBool(std::string_view text);
double ParseFloat8(std::string_view text);
float ParseFloat4(std::string_view text);

// float8out/float4out. With extra_float_digits > 0 (PostgreSQL 15's default
// is 1): the shortest string that reads back exactly, in exponent form when
// the decimal exponent is < -4 or >= 15 (float8) / 6 (float4); otherwise %g
// with 15 (float8) / 6 (float4) + extra_float_digits digits. The setting is
// read from the current DatetimeContext.
std::string FormatFloat8(double value);
std::string FormatFloat4(float value);

// bytea (bytea_io.cpp): byteain (hex or escape format) -> raw bytes, and
// byteaout's hex format.
std::string ParseBytea(std::string_view text);
std::string FormatBytea(std::string_view bytes);

// uuid (uuid_io.cpp): uuid_in -> 16 raw bytes, uuid_out of 16 bytes.
std::string ParseUuid(std::string_view text);
std::string FormatUuid(std::string_view bytes);

// name (name_io.cpp): namein keeps at most NAMEDATALEN - 1 = 63 bytes,
// cut at a character boundary; nameout prints it unchanged.
inline constexpr size_t kNameDataLen = 64;
std::string ClipName(std::string_view text);

// "char" (char_io.cpp): charin -> one byte, charout of that byte.
std::string ParseChar(std::string_view text);
std::string FormatChar(std::string_view bytes);

// "integer", "smallint", "bigint": the name input/range errors use.
std::string_view IntegerTypeName(Oid type);

}  // namespace strata::sql
