// The SQL/JSON path functions over jsonb: jsonb_path_exists, _match,
// _query (set-returning), _query_array, _query_first, their _tz forms, and
// the operators jsonb @? jsonpath and jsonb @@ jsonpath (the silent forms
// of _exists and _match), with PostgreSQL 15's arguments: (target, path
// [, vars jsonb [, silent bool]]).
#include "sql/json/jsonpath_functions.h"

#include <array>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/json/jsonb.h"
#include "sql/json/jsonpath.h"
#include "sql/json/jsonpath_exec.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;
using json::JsonValue;

struct PathCall {
  json::JsonPathResult result = json::JsonPathResult::kNotFound;
  std::vector<JsonValue> found;
};

// Runs a call's path; `collect` false asks only whether an item exists.
PathCall Run(Args a, bool collect, bool silent_default = false) {
  const JsonValue doc = json::ParseJsonb(a[0].string_value());
  const json::JsonPath path = json::ParseJsonPath(a[1].string_value());
  JsonValue vars;
  const bool has_vars = a.size() > 2;
  if (has_vars) vars = json::ParseJsonb(a[2].string_value());
  const bool silent = a.size() > 3 ? a[3].bool_value() : silent_default;
  PathCall call;
  call.result = json::ExecuteJsonPath(path, doc, has_vars ? &vars : nullptr, !silent,
                                      collect ? &call.found : nullptr);
  return call;
}

Value Jsonb(const JsonValue& v) { return Value::String(type_oid::kJsonb, json::WriteJsonb(v)); }

Value Exists(Args a, bool silent) {
  const PathCall call = Run(a, false, silent);
  if (call.result == json::JsonPathResult::kError) return Value::Null(type_oid::kBool);
  return Value::Bool(call.result == json::JsonPathResult::kOk);
}

Value Match(Args a, bool silent_default) {
  const PathCall call = Run(a, true, silent_default);
  const bool silent = a.size() > 3 ? a[3].bool_value() : silent_default;
  if (call.found.size() == 1) {
    const JsonValue& v = call.found[0];
    if (v.kind == JsonValue::Kind::kBool) return Value::Bool(v.bool_value);
    if (v.kind == JsonValue::Kind::kNull) return Value::Null(type_oid::kBool);
  }
  if (!silent) {
    throw SqlError(SqlState::kSingletonSqlJsonItemRequired, "single boolean result is expected");
  }
  return Value::Null(type_oid::kBool);
}

Value PathExists(Args a) { return Exists(a, false); }
Value PathExistsOpr(Args a) { return Exists(a, true); }
Value PathMatch(Args a) { return Match(a, false); }
Value PathMatchOpr(Args a) { return Match(a, true); }

Value PathQueryArray(Args a) {
  const PathCall call = Run(a, true);
  JsonValue array;
  array.kind = JsonValue::Kind::kArray;
  array.elements = call.found;
  return Jsonb(array);
}

Value PathQueryFirst(Args a) {
  const PathCall call = Run(a, true);
  if (call.found.empty()) return Value::Null(type_oid::kJsonb);
  return Jsonb(call.found[0]);
}

class ItemGenerator final : public SetGenerator {
 public:
  explicit ItemGenerator(std::vector<JsonValue> items) : items_(std::move(items)) {}
  bool Next(Value* out) override {
    if (next_ >= items_.size()) return false;
    *out = Jsonb(items_[next_++]);
    return true;
  }

 private:
  std::vector<JsonValue> items_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> PathQuery(Args a) {
  return std::make_unique<ItemGenerator>(Run(a, true).found);
}

Value NotScalar(Args) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "set-valued function called in context that cannot accept a set");
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kJsonb = type_oid::kJsonb;
constexpr Oid kPath = type_oid::kJsonpath;
constexpr Oid kBool = type_oid::kBool;

const BuiltinFunction kFunctions[] = {
    {"jsonb_path_exists_opr", PathExistsOpr},
    {"jsonb_path_match_opr", PathMatchOpr},
};

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

// One row per arity: (target, path), (+ vars), (+ silent).
#define SCALAR(name, result, fn)                                                      \
  {name, ARGS(kJsonb, kPath), 2, result, {name, fn}},                                 \
      {name, ARGS(kJsonb, kPath, kJsonb), 3, result, {name, fn}},                     \
      {name, ARGS(kJsonb, kPath, kJsonb, kBool), 4, result, {name, fn}}
#define SETOF(name)                                                                         \
  {name, ARGS(kJsonb, kPath), 2, kJsonb, {name, NotScalar}, false, nullptr, PathQuery},     \
      {name, ARGS(kJsonb, kPath, kJsonb), 3, kJsonb, {name, NotScalar}, false, nullptr,     \
       PathQuery},                                                                          \
      {name, ARGS(kJsonb, kPath, kJsonb, kBool), 4, kJsonb, {name, NotScalar}, false,      \
       nullptr, PathQuery}

const SqlFunction kSqlFunctions[] = {
    SCALAR("jsonb_path_exists", kBool, PathExists),
    SCALAR("jsonb_path_exists_tz", kBool, PathExists),
    SCALAR("jsonb_path_match", kBool, PathMatch),
    SCALAR("jsonb_path_match_tz", kBool, PathMatch),
    SCALAR("jsonb_path_query_array", kJsonb, PathQueryArray),
    SCALAR("jsonb_path_query_array_tz", kJsonb, PathQueryArray),
    SCALAR("jsonb_path_query_first", kJsonb, PathQueryFirst),
    SCALAR("jsonb_path_query_first_tz", kJsonb, PathQueryFirst),
    SETOF("jsonb_path_query"),
    SETOF("jsonb_path_query_tz"),
};

#undef SETOF
#undef SCALAR
#undef ARGS

}  // namespace

std::span<const BuiltinFunction> JsonPathFunctions() { return kFunctions; }
std::span<const SqlFunction> JsonPathSqlFunctions() { return kSqlFunctions; }

}  // namespace strata::sql
