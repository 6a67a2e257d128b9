// to_number(text, text) (num_from_char.cpp): reading a number from text
// under a to_char-style template. Arguments: the text and the template,
// neither NULL.
#pragma once

#include <span>

#include "sql/types/value.h"

namespace strata::sql {

Value NumericToNumber(std::span<const Value> args);

}  // namespace strata::sql
