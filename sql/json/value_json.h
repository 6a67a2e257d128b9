// A SQL value as JSON text, PostgreSQL's datum_to_json: numbers and booleans
// bare, json/jsonb as they are, arrays as JSON arrays, everything else as a
// JSON string of its text output (to_json, json_agg).
#pragma once

#include <string>

#include "sql/types/value.h"

namespace strata::sql {

void AppendValueAsJson(std::string* out, const Value& v);

}  // namespace strata::sql
