// CompareValues: the btree ordering PostgreSQL's default operator class
// gives each supported type, for code that compares Values generically
// (array comparison, containment). Equality is CompareValues() == 0.
#pragma once

#include "sql/types/value.h"

namespace strata::sql {

// <0, 0 or >0. REQUIRES: both non-NULL and of the same type. Floats order
// NaN above everything (equal to itself); text and varchar compare bytewise;
// bpchar ignores trailing spaces; arrays compare element by element (NULL
// elements sort last), then by length, then by lower bound.
// Throws SqlError 42883 for types without an ordering (json).
int CompareValues(const Value& a, const Value& b);

// True if the arrays are equal as array_eq says: same length and lower
// bound, elements equal, NULL elements only where the other is NULL.
bool ArraysEqual(const Value& a, const Value& b);

}  // namespace strata::sql
