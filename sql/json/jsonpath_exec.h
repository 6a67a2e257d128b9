// Evaluation of a jsonpath over a jsonb document, as PostgreSQL 15's
// executeJsonPath: lax mode unwraps arrays automatically and suppresses
// structural errors; strict mode reports them; with throw_errors false
// (the `silent` argument) the suppressible errors end evaluation with
// kError instead of throwing. Errors that PostgreSQL always raises (a
// missing variable, a non-object `vars`) throw regardless.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sql/json/json_value.h"
#include "sql/json/jsonpath.h"

namespace strata::sql::json {

enum class JsonPathResult { kOk, kNotFound, kError };

// Evaluates `path` over `doc` with variables `vars` (an object, or null for
// none). With `found` null only existence is decided (and evaluation stops
// at the first item, as PostgreSQL's does).
JsonPathResult ExecuteJsonPath(const JsonPath& path, const JsonValue& doc, const JsonValue* vars,
                               bool throw_errors, std::vector<JsonValue>* found);

// like_regex: whether `pattern` (with jsonpath flags) matches somewhere in
// `s` (jsonpath_regex.cpp). Throws 2201B for a pattern we cannot compile.
bool JsonPathRegexMatch(const std::string& pattern, uint32_t flags, const std::string& s);

}  // namespace strata::sql::json
