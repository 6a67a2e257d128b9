// The JSON parser behind json_in and jsonb_in: PostgreSQL 15's lexer and
// recursive-descent grammar (src/common/jsonapi.c), with its errors exactly:
// 22P02 "invalid input syntax for type json" with the DETAIL naming the bad
// token and CONTEXT "JSON data, line N: <text up to the token>", or 22P05
// "unsupported Unicode escape sequence" for \u0000 in a de-escaped string.
#pragma once

#include <string_view>

#include "sql/json/json_value.h"

namespace strata::sql::json {

// Parses `text` as one JSON document. With `de_escape` (jsonb, and json
// operators that return text) strings are de-escaped and Unicode escapes
// checked as jsonb_in checks them (surrogate pairs, no \u0000); without it
// (json_in) strings are only validated and kept as written.
// Throws SqlError.
JsonValue ParseJson(std::string_view text, bool de_escape);

}  // namespace strata::sql::json
