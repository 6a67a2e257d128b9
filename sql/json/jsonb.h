// jsonb semantics over JsonValue: normalisation (jsonb_in), canonical text
// (jsonb_out), pretty text (jsonb_pretty), ordering (jsonb_cmp) and
// containment (jsonb_contains). A jsonb Value's payload is its canonical
// text, so equal documents have equal bytes.
//
// Normal form, as PostgreSQL stores jsonb: object keys ordered by length,
// then bytewise; of duplicate keys the last one wins; numbers are numerics
// (printed as numeric_out prints them, so 1e2 is 100 and 1.50 stays 1.50);
// strings are de-escaped and re-escaped by escape_json.
#pragma once

#include <string>
#include <string_view>

#include "sql/json/json_value.h"

namespace strata::sql::json {

// jsonb_in: parses and normalises; throws SqlError as json_in does (plus
// 22P05 for \u0000 and surrogate errors, and numeric's errors).
std::string JsonbFromText(std::string_view text);

// Normalises a parsed document in place (keys, duplicates, numbers).
void NormalizeJsonb(JsonValue* v);

// jsonb_out of a normalised document: `{"a": 1, "b": [1, 2]}`.
std::string WriteJsonb(const JsonValue& v);
// jsonb_pretty: four-space indentation, one member or element per line.
std::string WriteJsonbPretty(const JsonValue& v);

// Parses canonical jsonb text (a jsonb Value's payload).
JsonValue ParseJsonb(std::string_view canonical);

// escape_json(): appends `s` as a quoted JSON string.
void AppendJsonString(std::string* out, std::string_view s);

// jsonb_cmp over two top-level documents: <0, 0, >0. Top-level scalars
// compare as PostgreSQL's raw-scalar arrays do (so '[]' < '1' < '[1]').
int CompareJsonb(const JsonValue& a, const JsonValue& b);

// jsonb_contains(a, b): a @> b.
bool JsonbContains(const JsonValue& a, const JsonValue& b);

}  // namespace strata::sql::json
