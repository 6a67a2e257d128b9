// Cast functions between the supported types: the functions pg_cast names
// (int4 -> int2, numeric -> int4, float8 -> numeric, int4 -> bool, ...), the
// text I/O conversions PostgreSQL applies when pg_cast has no entry
// (CoerceViaIO), and typmod (length) coercions such as numeric(p,s) and
// varchar(n). Results and errors match PostgreSQL 15.
#pragma once

#include <string>

#include "sql/types/data_type.h"
#include "sql/types/value.h"

namespace strata::sql {

enum class CastMethod {
  kRelabel,   // binary-coercible: same payload, new type (varchar -> text)
  kFunction,  // a cast function (pg_cast castmethod 'f')
  kInOut,     // output function of the source, input function of the target
};

// True if CastValue() can perform this cast.
bool IsCastImplemented(Oid source, Oid target, CastMethod method);

// Converts a non-NULL value to `target`. REQUIRES: IsCastImplemented().
Value CastValue(const Value& value, Oid target, CastMethod method);

// bitfromint4 / bitfromint8: an int4 or int8 as a bit(typmod) (typmod -1:
// bit(1)); the cast's target typmod decides which bits are kept.
Value CastIntegerToBit(const Value& value, int32_t typmod);

// The value as PostgreSQL's cast to text renders it: booltext for bool
// ("true"/"false"), the output function otherwise.
std::string ValueToText(const Value& value);

// True if `type` has a length-coercion function for typmods.
bool HasTypmodCoercion(Oid type);

// Applies a typmod: numeric(p,s) rounding and overflow checks, varchar(n)
// truncation (explicit casts) or "value too long" (22001) otherwise.
Value ApplyTypmod(const Value& value, int32_t typmod, bool is_explicit);

}  // namespace strata::sql
