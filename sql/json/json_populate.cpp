// json[b]_populate_record(base, doc) and json[b]_populate_recordset(base,
// doc): a composite value of base's type (a named composite type) whose
// fields come from a JSON object's members of the same names, as
// PostgreSQL's populate_record. A member is converted to its field's type:
// JSON null is NULL; json/jsonb fields take the member's text; array fields
// take a JSON array (element by element) or an array literal string;
// composite fields a JSON object (recursively) or a record literal string;
// other fields the member's text (a string de-escaped) through the type's
// input function. Fields without a member keep base's value (NULL if base
// is NULL). Only one-dimensional arrays exist here: nested JSON arrays fail
// with 0A000. json[b]_to_record[set](doc) AS (coldefs) work the same way
// on the record type of their column definition list.
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/sql_error.h"
#include "sql/builtin/type_table.h"
#include "sql/expr/cast_functions.h"
#include "sql/expr/sql_function.h"
#include "sql/json/json_parser.h"
#include "sql/json/json_populate.h"
#include "sql/json/jsonb.h"
#include "sql/types/array_value.h"
#include "sql/types/composite_type.h"
#include "sql/types/record_value.h"
#include "sql/types/type_io.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

using json::JsonValue;
using Kind = JsonValue::Kind;
using Args = std::span<const Value>;

// The document a json or jsonb argument holds, with its text for the
// sub-documents of json values (written as they appear in the input).
struct Doc {
  JsonValue root;
  bool jsonb = false;
  std::string text;  // json: the input text

  std::string SubText(const JsonValue& v) const {
    if (jsonb) return json::WriteJsonb(v);
    return text.substr(v.begin, v.end - v.begin);
  }
};

Doc ParseDoc(const Value& v) {
  Doc doc;
  doc.jsonb = v.type() == type_oid::kJsonb;
  if (doc.jsonb) {
    doc.root = json::ParseJsonb(v.string_value());
  } else {
    doc.text = v.string_value();
    doc.root = json::ParseJson(doc.text, /*de_escape=*/true);
  }
  return doc;
}

Value Populate(const Doc& doc, const JsonValue& object, DataType type, const Value* base);

Value ConvertField(const Doc& doc, const JsonValue& v, DataType type, const std::string& key) {
  if (v.kind == Kind::kNull) {
    if (IsDomainType(type.oid)) CheckDomainValue(type.oid, Value::Null(type.oid));
    return Value::Null(type.oid);
  }
  const DataType base = IsDomainType(type.oid) ? DomainBaseType(type.oid) : type;
  Value out;
  if (base.oid == type_oid::kJson) {
    out = Value::String(type_oid::kJson, doc.SubText(v));
  } else if (base.oid == type_oid::kJsonb) {
    out = Value::String(type_oid::kJsonb, json::JsonbFromText(doc.SubText(v)));
  } else if (IsArrayType(base.oid) && v.kind != Kind::kString) {
    if (v.kind != Kind::kArray) {
      throw SqlError(SqlState::kInvalidTextRepresentation, "expected JSON array")
          .WithHint("See the value of key \"" + key + "\".");
    }
    const Oid element = FindPgType(base.oid)->typelem;
    std::vector<Value> elements;
    for (const JsonValue& e : v.elements) {
      if (e.kind == Kind::kArray) {
        throw SqlError(SqlState::kFeatureNotSupported,
                       "multidimensional arrays are not supported yet");
      }
      // An array field's typmod is its elements' (char(5)[]).
      elements.push_back(ConvertField(doc, e, DataType{element, base.typmod}, key));
    }
    return MakeArray(base.oid, element, std::move(elements));
  } else if (IsNamedCompositeType(base.oid) && v.kind == Kind::kObject) {
    out = Populate(doc, v, DataType{base.oid, -1}, nullptr);
  } else {
    const std::string text = v.kind == Kind::kString ? v.text : doc.SubText(v);
    out = InputValue(base.oid, text);
  }
  if (base.typmod >= 0) out = ApplyTypmod(out, base.typmod, false);
  if (base.oid != type.oid) CheckDomainValue(type.oid, out);
  return out;
}

// The record of type `type` from `object`'s members, other fields from
// `base` (null: NULL).
Value Populate(const Doc& doc, const JsonValue& object, DataType type, const Value* base) {
  const std::vector<RecordField>& fields = RequireCompositeFields(type);
  std::vector<Value> values;
  values.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    const JsonValue* member = nullptr;
    for (const auto& [k, v] : object.members) {
      if (k == fields[i].name) member = &v;  // the last of json's duplicates
    }
    if (member != nullptr) {
      values.push_back(ConvertField(doc, *member, fields[i].type, fields[i].name));
    } else if (base != nullptr && !base->is_null() &&
               i < base->record_value().fields.size()) {
      values.push_back(base->record_value().fields[i]);
    } else {
      values.push_back(Value::Null(fields[i].type.oid));
    }
  }
  return MakeRecord(std::move(values), type.oid, type.typmod);
}

const char* KindName(Kind kind) { return kind == Kind::kArray ? "an array" : "a scalar"; }

// The composite type a base argument gives the result: its named type, or
// an anonymous record's shape (known for ROW(...) values).
DataType ResultType(Args a, const std::string& function) {
  const Value& base = a[0];
  const Oid type = base.type();
  // Called with a column definition list: its record typmod follows.
  if (a.size() > 2) return DataType{type_oid::kRecord, static_cast<int32_t>(a[2].int_value())};
  if (type == type_oid::kRecord) {
    if (!base.is_null() && base.record_value().typmod >= 0) {
      return DataType{type, base.record_value().typmod};
    }
    throw SqlError(SqlState::kDatatypeMismatch,
                   "could not determine row type for result of " + function)
        .WithHint("Provide a non-null record argument, or call the function in the FROM "
                  "clause using a column definition list.");
  }
  if (!IsNamedCompositeType(type)) {
    throw SqlError(SqlState::kDatatypeMismatch,
                   "first argument of " + function + " must be a row type");
  }
  return DataType{type, -1};
}

Value PopulateRecord(Args a) {
  const std::string name =
      a[1].type() == type_oid::kJsonb ? "jsonb_populate_record" : "json_populate_record";
  const DataType type = ResultType(a, name);
  if (a[1].is_null()) return a[0];
  const Doc doc = ParseDoc(a[1]);
  if (doc.root.kind != Kind::kObject) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::string("cannot call populate_composite on ") + KindName(doc.root.kind));
  }
  return Populate(doc, doc.root, type, &a[0]);
}

class RecordRows final : public SetGenerator {
 public:
  explicit RecordRows(std::vector<Value> rows) : rows_(std::move(rows)) {}
  bool Next(Value* out) override {
    if (next_ >= rows_.size()) return false;
    *out = std::move(rows_[next_++]);
    return true;
  }

 private:
  std::vector<Value> rows_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> PopulateRecordSet(Args a) {
  const std::string name = a[1].type() == type_oid::kJsonb ? "jsonb_populate_recordset"
                                                           : "json_populate_recordset";
  const DataType type = ResultType(a, name);
  std::vector<Value> rows;
  if (a[1].is_null()) return std::make_unique<RecordRows>(std::move(rows));
  const Doc doc = ParseDoc(a[1]);
  if (doc.root.kind != Kind::kArray) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "cannot call " + name + " on " +
                       (doc.root.kind == Kind::kObject ? "an object" : "a scalar"));
  }
  for (const JsonValue& element : doc.root.elements) {
    if (element.kind != Kind::kObject) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "argument of " + name + " must be an array of objects");
    }
    rows.push_back(Populate(doc, element, type, &a[0]));
  }
  return std::make_unique<RecordRows>(std::move(rows));
}

// json[b]_to_record(doc) AS (coldefs): the call carries the list's
// record typmod as a second argument (commands/plan_from.cpp).
Value ToRecord(Args a) {
  const Doc doc = ParseDoc(a[0]);
  if (doc.root.kind != Kind::kObject) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   std::string("cannot call populate_composite on ") + KindName(doc.root.kind));
  }
  return Populate(doc, doc.root,
                  DataType{type_oid::kRecord, static_cast<int32_t>(a[1].int_value())}, nullptr);
}

std::unique_ptr<SetGenerator> ToRecordSet(Args a) {
  const std::string name =
      a[0].type() == type_oid::kJsonb ? "jsonb_to_recordset" : "json_to_recordset";
  const DataType type{type_oid::kRecord, static_cast<int32_t>(a[1].int_value())};
  const Doc doc = ParseDoc(a[0]);
  if (doc.root.kind != Kind::kArray) {
    throw SqlError(SqlState::kInvalidParameterValue,
                   "cannot call " + name + " on " +
                       (doc.root.kind == Kind::kObject ? "an object" : "a scalar"));
  }
  std::vector<Value> rows;
  for (const JsonValue& element : doc.root.elements) {
    if (element.kind != Kind::kObject) {
      throw SqlError(SqlState::kInvalidParameterValue,
                     "argument of " + name + " must be an array of objects");
    }
    rows.push_back(Populate(doc, element, type, nullptr));
  }
  return std::make_unique<RecordRows>(std::move(rows));
}

Value NotScalar(Args) {
  throw SqlError(SqlState::kFeatureNotSupported,
                 "set-valued function called in context that cannot accept a set");
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kAnyElement = type_oid::kAnyElement;

#define ARGS(...) std::array<Oid, 7>{__VA_ARGS__}

const SqlFunction kSqlFunctions[] = {
    {"json_populate_record", ARGS(kAnyElement, type_oid::kJson, k0, k0, k0, k0, k0), 2,
     kAnyElement, {"json_populate_record", PopulateRecord, false}},
    {"jsonb_populate_record", ARGS(kAnyElement, type_oid::kJsonb, k0, k0, k0, k0, k0), 2,
     kAnyElement, {"jsonb_populate_record", PopulateRecord, false}},
    {"json_populate_recordset", ARGS(kAnyElement, type_oid::kJson, k0, k0, k0, k0, k0), 2,
     kAnyElement, {"json_populate_recordset", NotScalar, false}, false, nullptr,
     PopulateRecordSet},
    {"jsonb_populate_recordset", ARGS(kAnyElement, type_oid::kJsonb, k0, k0, k0, k0, k0), 2,
     kAnyElement, {"jsonb_populate_recordset", NotScalar, false}, false, nullptr,
     PopulateRecordSet},
    // With a column definition list (internal: no call by name): the base
    // record's type is the list's, whose typmod comes last.
    {"json_populate_record", ARGS(type_oid::kRecord, type_oid::kJson, type_oid::kInt4), 3,
     type_oid::kRecord, {"json_populate_record", PopulateRecord, false}, true},
    {"jsonb_populate_record", ARGS(type_oid::kRecord, type_oid::kJsonb, type_oid::kInt4), 3,
     type_oid::kRecord, {"jsonb_populate_record", PopulateRecord, false}, true},
    {"json_populate_recordset", ARGS(type_oid::kRecord, type_oid::kJson, type_oid::kInt4), 3,
     type_oid::kRecord, {"json_populate_recordset", NotScalar, false}, true, nullptr,
     PopulateRecordSet},
    {"jsonb_populate_recordset", ARGS(type_oid::kRecord, type_oid::kJsonb, type_oid::kInt4), 3,
     type_oid::kRecord, {"jsonb_populate_recordset", NotScalar, false}, true, nullptr,
     PopulateRecordSet},
    {"json_to_record", ARGS(type_oid::kJson, type_oid::kInt4, k0, k0, k0, k0, k0), 2,
     type_oid::kRecord, {"json_to_record", ToRecord}, true},
    {"jsonb_to_record", ARGS(type_oid::kJsonb, type_oid::kInt4, k0, k0, k0, k0, k0), 2,
     type_oid::kRecord, {"jsonb_to_record", ToRecord}, true},
    {"json_to_recordset", ARGS(type_oid::kJson, type_oid::kInt4, k0, k0, k0, k0, k0), 2,
     type_oid::kRecord, {"json_to_recordset", NotScalar}, true, nullptr, ToRecordSet},
    {"jsonb_to_recordset", ARGS(type_oid::kJsonb, type_oid::kInt4, k0, k0, k0, k0, k0), 2,
     type_oid::kRecord, {"jsonb_to_recordset", NotScalar}, true, nullptr, ToRecordSet},
};

#undef ARGS

}  // namespace

std::span<const SqlFunction> JsonPopulateSqlFunctions() { return kSqlFunctions; }

const SqlFunction* FindJsonToRecordFunction(std::string_view name) {
  for (const SqlFunction& f : kSqlFunctions) {
    if (f.internal && f.name == name) return &f;
  }
  return nullptr;
}

bool IsJsonPopulateFunction(const BuiltinFunction* impl) {
  for (const SqlFunction& f : kSqlFunctions) {
    if (&f.impl == impl && !f.internal && f.name.find("populate_record") != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace strata::sql
