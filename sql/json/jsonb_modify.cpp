// jsonb_set, jsonb_insert, jsonb_delete_path and jsonb_delete (see
// jsonb_modify.h). The path walk follows PostgreSQL's setPath: a path
// element names an object key or, in an array, an index (strtol's syntax,
// negative counting from the end); only the last element may create; a path
// that runs into a scalar or a missing key above the last level changes
// nothing. The result is re-normalised (keys in jsonb order).
#include "sql/json/jsonb_modify.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/json/jsonb.h"
#include "sql/types/array_value.h"

namespace strata::sql {

namespace {

using json::JsonValue;
using Kind = JsonValue::Kind;

// What setPath does at the path's end (PostgreSQL's JB_PATH_* flags).
enum PathOp : int {
  kReplace = 1,
  kCreate = 2,
  kInsertBefore = 4,
  kInsertAfter = 8,
  kDelete = 16,
};
constexpr int kCreateOrInsert = kCreate | kInsertBefore | kInsertAfter;

using Path = std::vector<std::optional<std::string>>;

Path PathArg(const Value& v) {
  Path path;
  for (const Value& e : v.array_value().elements) {
    path.push_back(e.is_null() ? std::nullopt : std::optional<std::string>(e.string_value()));
  }
  return path;
}

Value JsonbResult(JsonValue doc) {
  json::NormalizeJsonb(&doc);
  return Value::String(type_oid::kJsonb, json::WriteJsonb(doc));
}

void SetPath(JsonValue& v, const Path& path, size_t level, const JsonValue* newval, int op);

void SetPathObject(JsonValue& obj, const Path& path, size_t level, const JsonValue* newval,
                   int op) {
  const std::string& key = *path[level];
  const bool last = level + 1 == path.size();
  for (size_t i = 0; i < obj.members.size(); ++i) {
    if (obj.members[i].first != key) continue;
    if (!last) {
      SetPath(obj.members[i].second, path, level + 1, newval, op);
    } else if (op & (kInsertBefore | kInsertAfter)) {
      throw SqlError(SqlState::kInvalidParameterValue, "cannot replace existing key")
          .WithHint("Try using the function jsonb_set to replace key value.");
    } else if (op & kDelete) {
      obj.members.erase(obj.members.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      obj.members[i].second = *newval;
    }
    return;
  }
  if (last && (op & kCreateOrInsert)) obj.members.emplace_back(key, *newval);
}

// An array index path element as strtoint reads it; 22P02 otherwise.
int PathIndex(const std::string& text, size_t level) {
  const char* c = text.c_str();
  char* end = nullptr;
  errno = 0;
  const long idx = std::strtol(c, &end, 10);
  if (end == c || *end != '\0' || errno != 0 || idx < INT_MIN || idx > INT_MAX) {
    throw SqlError(SqlState::kInvalidTextRepresentation,
                   "path element at position " + std::to_string(level + 1) +
                       " is not an integer: \"" + text + "\"");
  }
  return static_cast<int>(idx);
}

void SetPathArray(JsonValue& arr, const Path& path, size_t level, const JsonValue* newval,
                  int op) {
  const int nelems = static_cast<int>(arr.elements.size());
  int idx = PathIndex(*path[level], level);
  if (idx < 0) idx = -idx > nelems ? INT_MIN : nelems + idx;
  if (idx > nelems) idx = nelems;
  const bool last = level + 1 == path.size();
  std::vector<JsonValue> out;
  bool done = false;
  if ((idx == INT_MIN || nelems == 0) && last && (op & kCreateOrInsert)) {
    out.push_back(*newval);  // prepended (or the first of an empty array)
    done = true;
  }
  for (int i = 0; i < nelems; ++i) {
    JsonValue& element = arr.elements[static_cast<size_t>(i)];
    if (i == idx && last) {
      if (op & (kInsertBefore | kCreate)) out.push_back(*newval);
      if (op & (kInsertBefore | kInsertAfter)) out.push_back(std::move(element));
      if (op & (kInsertAfter | kReplace)) out.push_back(*newval);
      done = true;
      continue;
    }
    if (i == idx) SetPath(element, path, level + 1, newval, op);
    out.push_back(std::move(element));
    if ((op & kCreateOrInsert) && !done && last && i == nelems - 1) out.push_back(*newval);
  }
  arr.elements = std::move(out);
}

void SetPath(JsonValue& v, const Path& path, size_t level, const JsonValue* newval, int op) {
  if (!path[level]) {
    throw SqlError(SqlState::kNullValueNotAllowed,
                   "path element at position " + std::to_string(level + 1) + " is null");
  }
  if (v.kind == Kind::kObject) {
    SetPathObject(v, path, level, newval, op);
  } else if (v.kind == Kind::kArray) {
    SetPathArray(v, path, level, newval, op);
  }
  // A scalar below the top: the path does not continue; nothing changes.
}

bool IsContainer(const JsonValue& v) { return v.kind == Kind::kObject || v.kind == Kind::kArray; }

Value Modify(std::span<const Value> a, int op, const char* scalar_error) {
  JsonValue doc = json::ParseJsonb(a[0].string_value());
  if (!IsContainer(doc)) throw SqlError(SqlState::kInvalidParameterValue, scalar_error);
  const Path path = PathArg(a[1]);
  if (path.empty()) return a[0];
  std::optional<JsonValue> newval;
  if (op != kDelete) newval = json::ParseJsonb(a[2].string_value());
  SetPath(doc, path, 0, newval ? &*newval : nullptr, op);
  return JsonbResult(std::move(doc));
}

Value JsonbSet(std::span<const Value> a) {
  const bool create = a.size() < 4 || a[3].bool_value();
  return Modify(a, create ? kCreate : kReplace, "cannot set path in scalar");
}

Value JsonbInsert(std::span<const Value> a) {
  const bool after = a.size() >= 4 && a[3].bool_value();
  return Modify(a, after ? kInsertAfter : kInsertBefore, "cannot set path in scalar");
}

Value JsonbDeletePath(std::span<const Value> a) {
  return Modify(a, kDelete, "cannot delete path in scalar");
}

// jsonb - text (a key, or string elements), jsonb - text[] (any of those
// keys or strings), jsonb - int (an array element; negative from the end).
Value JsonbDelete(std::span<const Value> a) {
  JsonValue doc = json::ParseJsonb(a[0].string_value());
  if (!IsContainer(doc)) {
    throw SqlError(SqlState::kInvalidParameterValue, "cannot delete from scalar");
  }
  if (a[1].type() == type_oid::kInt4) {
    if (doc.kind == Kind::kObject) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "cannot delete from object using integer index");
    }
    const int64_t n = static_cast<int64_t>(doc.elements.size());
    int64_t idx = a[1].int_value();
    if (idx < 0) idx += n;
    if (idx < 0 || idx >= n) return a[0];
    doc.elements.erase(doc.elements.begin() + idx);
    return JsonbResult(std::move(doc));
  }
  std::vector<std::string> keys;
  if (a[1].type() == type_oid::kText) {
    keys.push_back(a[1].string_value());
  } else {
    for (const Value& k : a[1].array_value().elements) {
      if (!k.is_null()) keys.push_back(k.string_value());
    }
    if (keys.empty()) return a[0];
  }
  const auto named = [&](const std::string& s) {
    for (const std::string& k : keys) {
      if (k == s) return true;
    }
    return false;
  };
  if (doc.kind == Kind::kObject) {
    std::erase_if(doc.members, [&](const auto& m) { return named(m.first); });
  } else {
    std::erase_if(doc.elements,
                  [&](const JsonValue& e) { return e.kind == Kind::kString && named(e.text); });
  }
  return JsonbResult(std::move(doc));
}

const BuiltinFunction kFunctions[] = {
    {"jsonb_delete", JsonbDelete},
};

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kJsonb = type_oid::kJsonb;
constexpr Oid kTextArray = type_oid::kTextArray;
constexpr Oid kBool = type_oid::kBool;

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

const SqlFunction kSqlFunctions[] = {
    {"jsonb_set", ARGS(kJsonb, kTextArray, kJsonb), 3, kJsonb, {"jsonb_set", JsonbSet}},
    {"jsonb_set", ARGS(kJsonb, kTextArray, kJsonb, kBool), 4, kJsonb, {"jsonb_set", JsonbSet}},
    {"jsonb_insert", ARGS(kJsonb, kTextArray, kJsonb), 3, kJsonb,
     {"jsonb_insert", JsonbInsert}},
    {"jsonb_insert", ARGS(kJsonb, kTextArray, kJsonb, kBool), 4, kJsonb,
     {"jsonb_insert", JsonbInsert}},
    {"jsonb_delete_path", ARGS(kJsonb, kTextArray), 2, kJsonb,
     {"jsonb_delete_path", JsonbDeletePath}},
};

#undef ARGS

}  // namespace

std::span<const BuiltinFunction> JsonbModifyFunctions() { return kFunctions; }
std::span<const SqlFunction> JsonbModifySqlFunctions() { return kSqlFunctions; }

}  // namespace strata::sql
