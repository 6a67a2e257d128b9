// json and jsonb operator and function implementations, by pg_proc name:
// field/element/path extraction (-> ->> #> #>>), jsonb comparison,
// containment and existence (= <> < > <= >= @> <@ ? ?| ?&), jsonb || jsonb,
// json[b]_typeof, jsonb_pretty, to_json[b], json[b]_build_object and
// json[b]_build_array.
//
// json values are their input text: extraction returns sub-documents exactly
// as written (PostgreSQL returns the bytes of the input). jsonb values are
// canonical text; results are written back in canonical form.
#include <cerrno>
#include <cstdlib>
#include <span>
#include <string>

#include "common/sql_error.h"
#include "sql/json/value_json.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/builtin_function.h"
#include "sql/expr/cast_functions.h"
#include "sql/json/json_parser.h"
#include "sql/json/jsonb.h"
#include "sql/types/array_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

using json::JsonValue;
using Kind = JsonValue::Kind;

// ---- reading and writing documents ----

// json operators parse with de-escaping, as PostgreSQL's do (so a json
// document with "\u0000" in it fails there); json_typeof does not.
JsonValue Doc(const Value& v, bool de_escape = true) {
  if (v.type() == type_oid::kJsonb) return json::ParseJsonb(v.string_value());
  return json::ParseJson(v.string_value(), de_escape);
}

// A sub-document of `source` as a Value of the source's type.
Value SubDocument(const Value& source, const JsonValue& sub) {
  if (source.type() == type_oid::kJsonb) {
    return Value::String(type_oid::kJsonb, json::WriteJsonb(sub));
  }
  return Value::String(type_oid::kJson,
                       source.string_value().substr(sub.begin, sub.end - sub.begin));
}

// The ->> / #>> text of a sub-document: strings de-escaped, null is NULL.
Value SubText(const Value& source, const JsonValue& sub) {
  if (sub.kind == Kind::kNull) return Value::Null(type_oid::kText);
  if (sub.kind == Kind::kString) return Value::Text(sub.text);
  if (source.type() == type_oid::kJsonb) return Value::Text(json::WriteJsonb(sub));
  return Value::Text(source.string_value().substr(sub.begin, sub.end - sub.begin));
}

// The member `key` of an object (the last one, for json's duplicates).
const JsonValue* Field(const JsonValue& doc, const std::string& key) {
  if (doc.kind != Kind::kObject) return nullptr;
  const JsonValue* found = nullptr;
  for (const auto& [k, v] : doc.members) {
    if (k == key) found = &v;
  }
  return found;
}

// Element `index` of an array; negative indexes count from the end.
const JsonValue* Element(const JsonValue& doc, int64_t index) {
  if (doc.kind != Kind::kArray) return nullptr;
  const int64_t n = static_cast<int64_t>(doc.elements.size());
  if (index < 0) index += n;
  if (index < 0 || index >= n) return nullptr;
  return &doc.elements[static_cast<size_t>(index)];
}

// Follows a text[] path; nullptr if any step is missing or NULL.
const JsonValue* Path(const JsonValue& doc, const Value& path) {
  const JsonValue* cur = &doc;
  for (const Value& step : path.array_value().elements) {
    if (step.is_null()) return nullptr;
    const std::string& key = step.string_value();
    if (cur->kind == Kind::kObject) {
      cur = Field(*cur, key);
    } else if (cur->kind == Kind::kArray) {
      errno = 0;
      char* end = nullptr;
      const long long index = std::strtoll(key.c_str(), &end, 10);
      if (key.empty() || *end != '\0' || errno != 0) return nullptr;
      cur = Element(*cur, index);
    } else {
      return nullptr;
    }
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

Value ObjectField(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  const JsonValue* v = Field(doc, a[1].string_value());
  return v ? SubDocument(a[0], *v) : Value::Null(a[0].type());
}
Value ObjectFieldText(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  const JsonValue* v = Field(doc, a[1].string_value());
  return v ? SubText(a[0], *v) : Value::Null(type_oid::kText);
}
// jsonb stores a top-level scalar as a one-element array, so -> 0 (and
// -> -1) of it is the scalar itself; json has no such form.
const JsonValue* TopElement(const Value& source, const JsonValue& doc, int64_t index) {
  if (source.type() == type_oid::kJsonb && doc.kind != Kind::kArray &&
      doc.kind != Kind::kObject) {
    return index == 0 || index == -1 ? &doc : nullptr;
  }
  return Element(doc, index);
}

Value ArrayElement(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  const JsonValue* v = TopElement(a[0], doc, a[1].int_value());
  return v ? SubDocument(a[0], *v) : Value::Null(a[0].type());
}
Value ArrayElementText(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  const JsonValue* v = TopElement(a[0], doc, a[1].int_value());
  return v ? SubText(a[0], *v) : Value::Null(type_oid::kText);
}
Value ExtractPath(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  const JsonValue* v = Path(doc, a[1]);
  return v ? SubDocument(a[0], *v) : Value::Null(a[0].type());
}
Value ExtractPathText(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  const JsonValue* v = Path(doc, a[1]);
  return v ? SubText(a[0], *v) : Value::Null(type_oid::kText);
}

// ---- jsonb comparison, containment, existence ----

enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

template <Cmp kCmp>
Value JsonbCompare(std::span<const Value> a) {
  const int c = json::CompareJsonb(Doc(a[0]), Doc(a[1]));
  switch (kCmp) {
    case Cmp::kEq:
      return Value::Bool(c == 0);
    case Cmp::kNe:
      return Value::Bool(c != 0);
    case Cmp::kLt:
      return Value::Bool(c < 0);
    case Cmp::kLe:
      return Value::Bool(c <= 0);
    case Cmp::kGt:
      return Value::Bool(c > 0);
    case Cmp::kGe:
      return Value::Bool(c >= 0);
  }
  return Value::Null(type_oid::kBool);
}

Value Contains(std::span<const Value> a) {
  return Value::Bool(json::JsonbContains(Doc(a[0]), Doc(a[1])));
}
Value Contained(std::span<const Value> a) {
  return Value::Bool(json::JsonbContains(Doc(a[1]), Doc(a[0])));
}

// jsonb_exists(): a top-level key, or a string element of a top-level array
// (a top-level string scalar counts as such an array).
bool Exists(const JsonValue& doc, const std::string& key) {
  if (doc.kind == Kind::kObject) return Field(doc, key) != nullptr;
  if (doc.kind == Kind::kArray) {
    for (const JsonValue& e : doc.elements) {
      if (e.kind == Kind::kString && e.text == key) return true;
    }
    return false;
  }
  return doc.kind == Kind::kString && doc.text == key;
}

Value ExistsOp(std::span<const Value> a) {
  return Value::Bool(Exists(Doc(a[0]), a[1].string_value()));
}
template <bool kAll>
Value ExistsArray(std::span<const Value> a) {
  const JsonValue doc = Doc(a[0]);
  for (const Value& key : a[1].array_value().elements) {
    if (key.is_null()) continue;  // NULL keys are ignored
    const bool e = Exists(doc, key.string_value());
    if (kAll && !e) return Value::Bool(false);
    if (!kAll && e) return Value::Bool(true);
  }
  return Value::Bool(kAll);
}

// jsonb || jsonb: objects merge (right wins), arrays concatenate, a scalar
// or object next to an array becomes a one-element array.
Value Concat(std::span<const Value> a) {
  JsonValue x = Doc(a[0]);
  JsonValue y = Doc(a[1]);
  JsonValue out;
  if (x.kind == Kind::kObject && y.kind == Kind::kObject) {
    out = std::move(x);
    for (auto& m : y.members) out.members.push_back(std::move(m));
    json::NormalizeJsonb(&out);
  } else {
    out.kind = Kind::kArray;
    auto append = [&](JsonValue& v) {
      if (v.kind == Kind::kArray) {
        for (auto& e : v.elements) out.elements.push_back(std::move(e));
      } else {
        out.elements.push_back(std::move(v));
      }
    };
    append(x);
    append(y);
  }
  return Value::String(type_oid::kJsonb, json::WriteJsonb(out));
}

// ---- typeof, pretty ----

Value TypeOf(std::span<const Value> a) {
  static constexpr const char* kNames[] = {"null", "string", "number", "boolean", "array",
                                           "object"};
  return Value::Text(kNames[static_cast<int>(Doc(a[0], /*de_escape=*/false).kind)]);
}

Value Pretty(std::span<const Value> a) {
  return Value::Text(json::WriteJsonbPretty(Doc(a[0])));
}

// ---- to_json and the builders (datum_to_json) ----

bool IsNumberType(Oid t) {
  return t == type_oid::kInt2 || t == type_oid::kInt4 || t == type_oid::kInt8 ||
         t == type_oid::kFloat4 || t == type_oid::kFloat8 || t == type_oid::kNumeric;
}

// Appends a value as JSON text (json's spelling: arrays without spaces).
void AppendJson(std::string* out, const Value& v) {
  if (v.is_null()) {
    out->append("null");
    return;
  }
  const Oid t = v.type();
  if (t == type_oid::kBool) {
    out->append(v.bool_value() ? "true" : "false");
  } else if (IsNumberType(t)) {
    const std::string text = OutputValue(v);
    // NaN and infinities are not JSON numbers: they become strings.
    const bool finite = text.find_first_of("NI") == std::string::npos;
    if (finite) {
      out->append(text);
    } else {
      json::AppendJsonString(out, text);
    }
  } else if (t == type_oid::kJson || t == type_oid::kJsonb) {
    out->append(v.string_value());
  } else if (IsArrayType(t)) {
    out->push_back('[');
    const auto& elements = v.array_value().elements;
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i > 0) out->push_back(',');
      AppendJson(out, elements[i]);
    }
    out->push_back(']');
  } else if (v.is_record()) {
    // composite_to_json: the fields by name (an anonymous record's f1, f2, ...).
    const std::vector<RecordField>* fields =
        CompositeFields(DataType{t, v.record_value().typmod});
    const std::vector<Value>& values = v.record_value().fields;
    out->push_back('{');
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out->push_back(',');
      json::AppendJsonString(out, fields != nullptr && i < fields->size()
                                      ? (*fields)[i].name
                                      : "f" + std::to_string(i + 1));
      out->push_back(':');
      AppendJson(out, values[i]);
    }
    out->push_back('}');
  } else {
    json::AppendJsonString(out, OutputValue(v));
  }
}

// row_to_json(record [, pretty]): the record as a JSON object; `pretty`
// puts each field after the first on a line of its own.
Value RowToJson(std::span<const Value> a) {
  std::string out;
  AppendJson(&out, a[0]);
  if (a.size() > 1 && a[1].bool_value() && !a[0].is_null()) {
    // Top-level separators only: a field's own text never holds "," at
    // nesting depth 1 outside strings, so rewrite while tracking both.
    std::string pretty;
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < out.size(); ++i) {
      const char c = out[i];
      pretty += c;
      if (in_string) {
        if (c == '\\' && i + 1 < out.size()) {
          pretty += out[++i];
        } else if (c == '"') {
          in_string = false;
        }
        continue;
      }
      if (c == '"') in_string = true;
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      if (c == ',' && depth == 1) pretty += "\n ";
    }
    out = std::move(pretty);
  }
  return Value::String(type_oid::kJson, std::move(out));
}

Value ToJson(std::span<const Value> a) {
  std::string out;
  AppendJson(&out, a[0]);
  return Value::String(type_oid::kJson, std::move(out));
}
Value ToJsonb(std::span<const Value> a) {
  std::string out;
  AppendJson(&out, a[0]);
  return Value::String(type_oid::kJsonb, json::JsonbFromText(out));
}

template <bool kJsonb>
Value BuildObject(std::span<const Value> a) {
  const char* fn = kJsonb ? "jsonb_build_object()" : "json_build_object()";
  if (a.size() % 2 != 0) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "argument list must have even number of elements")
        .WithHint(std::string("The arguments of ") + fn +
                  " must consist of alternating keys and values.");
  }
  std::string out = "{";
  for (size_t i = 0; i < a.size(); i += 2) {
    if (a[i].is_null()) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "argument " + std::to_string(i + 1) + " cannot be null")
          .WithHint("Object keys should be text.");
    }
    const Oid kt = a[i].type();
    if (IsArrayType(kt) || kt == type_oid::kJson || kt == type_oid::kJsonb) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "key value must be scalar, not array, composite, or json");
    }
    if (i > 0) out.append(", ");
    json::AppendJsonString(&out, ValueToText(a[i]));
    out.append(" : ");
    AppendJson(&out, a[i + 1]);
  }
  out.push_back('}');
  if (kJsonb) return Value::String(type_oid::kJsonb, json::JsonbFromText(out));
  return Value::String(type_oid::kJson, std::move(out));
}

template <bool kJsonb>
Value BuildArray(std::span<const Value> a) {
  std::string out = "[";
  for (size_t i = 0; i < a.size(); ++i) {
    if (i > 0) out.append(", ");
    AppendJson(&out, a[i]);
  }
  out.push_back(']');
  if (kJsonb) return Value::String(type_oid::kJsonb, json::JsonbFromText(out));
  return Value::String(type_oid::kJson, std::move(out));
}

constexpr BuiltinFunction kFunctions[] = {
    {"json_object_field", ObjectField},
    {"jsonb_object_field", ObjectField},
    {"json_object_field_text", ObjectFieldText},
    {"jsonb_object_field_text", ObjectFieldText},
    {"json_array_element", ArrayElement},
    {"jsonb_array_element", ArrayElement},
    {"json_array_element_text", ArrayElementText},
    {"jsonb_array_element_text", ArrayElementText},
    {"json_extract_path", ExtractPath},
    {"jsonb_extract_path", ExtractPath},
    {"json_extract_path_text", ExtractPathText},
    {"jsonb_extract_path_text", ExtractPathText},
    {"jsonb_eq", JsonbCompare<Cmp::kEq>},
    {"jsonb_ne", JsonbCompare<Cmp::kNe>},
    {"jsonb_lt", JsonbCompare<Cmp::kLt>},
    {"jsonb_le", JsonbCompare<Cmp::kLe>},
    {"jsonb_gt", JsonbCompare<Cmp::kGt>},
    {"jsonb_ge", JsonbCompare<Cmp::kGe>},
    {"jsonb_contains", Contains},
    {"jsonb_contained", Contained},
    {"jsonb_exists", ExistsOp},
    {"jsonb_exists_any", ExistsArray<false>},
    {"jsonb_exists_all", ExistsArray<true>},
    {"jsonb_concat", Concat},
    {"json_typeof", TypeOf},
    {"jsonb_typeof", TypeOf},
    {"jsonb_pretty", Pretty},
    {"to_json", ToJson},
    {"row_to_json", RowToJson},
    {"row_to_json_pretty", RowToJson},
    {"to_jsonb", ToJsonb},
    {"json_build_object", BuildObject<false>, false},
    {"jsonb_build_object", BuildObject<true>, false},
    {"json_build_array", BuildArray<false>, false},
    {"jsonb_build_array", BuildArray<true>, false},
};

}  // namespace

std::span<const BuiltinFunction> JsonFunctions() { return kFunctions; }

void AppendValueAsJson(std::string* out, const Value& v) { AppendJson(out, v); }

}  // namespace strata::sql
