// to_char() of numbers (num_to_char.cpp): the implementations behind the
// to_char rows of datetime_to_char.cpp's table. Arguments: the number and
// the format (text), neither NULL.
#pragma once

#include <span>

#include "sql/types/value.h"

namespace strata::sql {

Value Int4ToChar(std::span<const Value> args);
Value Int8ToChar(std::span<const Value> args);
Value Float4ToChar(std::span<const Value> args);
Value Float8ToChar(std::span<const Value> args);
Value NumericToChar(std::span<const Value> args);

}  // namespace strata::sql
