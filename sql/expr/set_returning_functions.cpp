// Set-returning functions usable in FROM: generate_series over integers,
// numeric and timestamps, with PostgreSQL 15's rules (the series stops
// before a value past `stop` or one that would overflow) and errors; and
// unnest(anyarray), every element in storage order (NULLs included);
// generate_subscripts(anyarray, dim [, reverse]), the subscripts of one
// dimension; pg_options_to_table(text[]) and
// information_schema._pg_expandarray(anyarray), rows of two columns
// (record_set_functions.h); pg_partition_ancestors(regclass) and
// pg_partition_tree(regclass).
#include <algorithm>
#include <memory>
#include <span>

#include "common/sql_error.h"
#include "sql/expr/range_functions.h"
#include "sql/expr/datetime_arith.h"
#include "sql/expr/sql_function.h"
#include "sql/json/json_populate.h"
#include "sql/json/jsonpath_functions.h"
#include "sql/types/array_value.h"
#include "sql/expr/record_set_functions.h"
#include "sql/types/numeric_var.h"
#include "sql/types/record_value.h"
#include "sql/builtin/type_table.h"
#include "sql/system_relations/partition_catalog.h"
#include "sql/system_relations/statement_catalog.h"

namespace strata::sql {

namespace {

using Args = std::span<const Value>;

[[noreturn]] void ZeroStep() {
  throw SqlError(SqlState::kInvalidParameterValue, "step size cannot equal zero");
}

// int4 and int8 series; the value type says which.
class IntegerSeries final : public SetGenerator {
 public:
  IntegerSeries(Oid type, int64_t start, int64_t stop, int64_t step)
      : type_(type), next_(start), stop_(stop), step_(step) {
    if (step == 0) ZeroStep();
  }
  bool Next(Value* out) override {
    if (done_ || (step_ > 0 ? next_ > stop_ : next_ < stop_)) return false;
    *out = Value::Integer(type_, next_);
    int64_t following = 0;
    const bool overflow = __builtin_add_overflow(next_, step_, &following) ||
                          (type_ == type_oid::kInt4 &&
                           (following > INT32_MAX || following < INT32_MIN));
    if (overflow) {
      done_ = true;
    } else {
      next_ = following;
    }
    return true;
  }

 private:
  Oid type_;
  int64_t next_;
  int64_t stop_;
  int64_t step_;
  bool done_ = false;
};

std::unique_ptr<SetGenerator> IntSeries(Args a) {
  const int64_t step = a.size() > 2 ? a[2].int_value() : 1;
  return std::make_unique<IntegerSeries>(a[0].type(), a[0].int_value(), a[1].int_value(), step);
}

// The running value is a NumericVar, unbounded like PostgreSQL's: the step
// past the last value may leave numeric's range without that being an error
// (generate_series(9e131071, 9e131071, 1e131071) has one row).
class NumericSeries final : public SetGenerator {
 public:
  NumericSeries(const Numeric& start, const Numeric& stop, const Numeric& step) {
    const char* which[] = {"start value", "stop value", "step size"};
    const Numeric* values[] = {&start, &stop, &step};
    for (int i = 0; i < 3; ++i) {
      if (values[i]->is_nan()) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       std::string(which[i]) + " cannot be NaN");
      }
      if (values[i]->is_infinite()) {
        throw SqlError(SqlState::kInvalidParameterValue,
                       std::string(which[i]) + " cannot be infinity");
      }
    }
    step_sign_ = step.Sign();
    if (step_sign_ == 0) ZeroStep();
    next_ = NumericVar::FromNumeric(start);
    stop_ = NumericVar::FromNumeric(stop);
    step_ = NumericVar::FromNumeric(step);
    dscale_ = start.dscale();
    step_dscale_ = step.dscale();
  }
  bool Next(Value* out) override {
    const int cmp = Compare(next_, stop_);
    if (step_sign_ > 0 ? cmp > 0 : cmp < 0) return false;
    *out = Value::FromNumeric(next_.ToNumeric(dscale_));
    next_ = Add(next_, step_);
    dscale_ = std::max(dscale_, step_dscale_);  // add_var's scale
    return true;
  }

 private:
  NumericVar next_;
  NumericVar stop_;
  NumericVar step_;
  int dscale_ = 0;
  int step_dscale_ = 0;
  int step_sign_ = 0;
};

std::unique_ptr<SetGenerator> NumSeries(Args a) {
  return std::make_unique<NumericSeries>(a[0].numeric_value(), a[1].numeric_value(),
                                         a.size() > 2 ? a[2].numeric_value()
                                                      : Numeric::FromInt64(1));
}

// The sign of an interval as interval_cmp orders it (a month = 30 days).
int IntervalSign(const Interval& iv) {
  constexpr __int128 kUsecsPerDay = 86400000000LL;
  const __int128 span = static_cast<__int128>(iv.time) + iv.day * kUsecsPerDay +
                        static_cast<__int128>(iv.month) * 30 * kUsecsPerDay;
  return span > 0 ? 1 : span < 0 ? -1 : 0;
}

class TimestampSeries final : public SetGenerator {
 public:
  TimestampSeries(Oid type, int64_t start, int64_t stop, Interval step)
      : type_(type), next_(start), stop_(stop), step_(step), sign_(IntervalSign(step)) {
    if (sign_ == 0) ZeroStep();
  }
  bool Next(Value* out) override {
    if (sign_ > 0 ? next_ > stop_ : next_ < stop_) return false;
    *out = type_ == type_oid::kTimestampTz ? Value::TimestampTz(next_) : Value::Timestamp(next_);
    next_ = TimestampPlusInterval(next_, step_, type_ == type_oid::kTimestampTz);
    return true;
  }

 private:
  Oid type_;
  int64_t next_;
  int64_t stop_;
  Interval step_;
  int sign_;
};

std::unique_ptr<SetGenerator> TsSeries(Args a) {
  return std::make_unique<TimestampSeries>(a[0].type(), a[0].int_value(), a[1].int_value(),
                                           a[2].interval_value());
}

// The elements of one array value; the array stays alive with the generator.
class ArrayElements final : public SetGenerator {
 public:
  explicit ArrayElements(Value array) : array_(std::move(array)) {}
  bool Next(Value* out) override {
    const std::vector<Value>& elements = array_.array_value().elements;
    if (next_ >= elements.size()) return false;
    *out = elements[next_++];
    return true;
  }

 private:
  Value array_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> Unnest(Args a) { return std::make_unique<ArrayElements>(a[0]); }

// generate_subscripts(array, dim [, reverse]): lower..upper bound of
// dimension `dim` (descending when reverse), no rows for an empty array or a
// dimension it does not have. Arrays have at most one dimension here.
std::unique_ptr<SetGenerator> Subscripts(Args a) {
  const ArrayValue& array = a[0].array_value();
  if (a[1].int_value() != 1 || array.elements.empty()) {
    return std::make_unique<IntegerSeries>(type_oid::kInt4, 1, 0, 1);
  }
  if (a.size() > 2 && a[2].bool_value()) {
    return std::make_unique<IntegerSeries>(type_oid::kInt4, array.upper_bound(),
                                           array.lower_bound, -1);
  }
  return std::make_unique<IntegerSeries>(type_oid::kInt4, array.lower_bound,
                                         array.upper_bound(), 1);
}

// pg_options_to_table(text[]): each 'name=value' element as the row (name,
// value), split at its first '=' (an element without one has a NULL value),
// in array order. A NULL element gives no row, as PostgreSQL skips it.
class OptionPairs final : public SetGenerator {
 public:
  explicit OptionPairs(Value array) : array_(std::move(array)) {}
  bool Next(Value* out) override {
    const std::vector<Value>& elements = array_.array_value().elements;
    while (next_ < elements.size() && elements[next_].is_null()) ++next_;
    if (next_ >= elements.size()) return false;
    const std::string text(elements[next_++].string_value());
    const size_t eq = text.find('=');
    std::vector<Value> row;
    row.push_back(Value::Text(text.substr(0, eq)));
    row.push_back(eq == std::string::npos ? Value::Null(type_oid::kText)
                                          : Value::Text(text.substr(eq + 1)));
    *out = MakeRecord(std::move(row));
    return true;
  }

 private:
  Value array_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> OptionsToTable(Args a) {
  return std::make_unique<OptionPairs>(a[0]);
}

constexpr std::string_view kAncestorColumns[] = {"relid"};

// information_schema._pg_expandarray(anyarray): each element x with its
// 1-based position n, as the SQL function PostgreSQL's information_schema
// defines (pgjdbc's getPrimaryKeys and getIndexInfo select from it).
class ExpandedElements final : public SetGenerator {
 public:
  explicit ExpandedElements(Value array) : array_(std::move(array)) {}
  bool Next(Value* out) override {
    const std::vector<Value>& elements = array_.array_value().elements;
    if (next_ >= elements.size()) return false;
    std::vector<Value> row;
    row.push_back(elements[next_]);
    row.push_back(Value::Int4(static_cast<int64_t>(++next_)));
    *out = MakeRecord(std::move(row));
    return true;
  }

 private:
  Value array_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> ExpandArray(Args a) {
  return std::make_unique<ExpandedElements>(a[0]);
}

constexpr Oid kRegclassType = 2205;

// pg_partition_ancestors(regclass): a partition or partitioned table and
// its ancestors; no rows for any other relation.
class RelationOids final : public SetGenerator {
 public:
  explicit RelationOids(std::vector<Oid> oids) : oids_(std::move(oids)) {}
  bool Next(Value* out) override {
    if (next_ >= oids_.size()) return false;
    *out = Value::Integer(kRegclassType, oids_[next_++]);
    return true;
  }

 private:
  std::vector<Oid> oids_;
  size_t next_ = 0;
};

std::shared_ptr<const catalog::CatalogSnapshot> CatalogForFunction() {
  auto catalog = CurrentStatementCatalog();
  if (catalog == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, "catalog functions need a database");
  }
  return catalog;
}

std::unique_ptr<SetGenerator> AncestorsOf(Args a) {
  return std::make_unique<RelationOids>(
      sql::PartitionAncestors(*CatalogForFunction(), static_cast<Oid>(a[0].int_value())));
}

// pg_partition_tree(regclass): rows (relid, parentrelid, isleaf, level).
class PartitionTreeRows final : public SetGenerator {
 public:
  explicit PartitionTreeRows(std::vector<PartitionTreeRow> rows) : rows_(std::move(rows)) {}
  bool Next(Value* out) override {
    if (next_ >= rows_.size()) return false;
    const PartitionTreeRow& r = rows_[next_++];
    *out = MakeRecord({Value::Integer(kRegclassType, r.relid),
                       r.parent == 0 ? Value::Null(kRegclassType)
                                     : Value::Integer(kRegclassType, r.parent),
                       Value::Bool(r.is_leaf), Value::Int4(r.level)});
    return true;
  }

 private:
  std::vector<PartitionTreeRow> rows_;
  size_t next_ = 0;
};

std::unique_ptr<SetGenerator> PartitionTreeOf(Args a) {
  return std::make_unique<PartitionTreeRows>(
      PartitionTree(*CatalogForFunction(), static_cast<Oid>(a[0].int_value())));
}

// A set-returning function reached as a scalar (a bug: the binder forbids it).
Value NotScalar(Args) {
  throw SqlError(SqlState::kFeatureNotSupported, "set-valued function called in context that "
                                                 "cannot accept a set");
}

constexpr Oid k0 = type_oid::kInvalid;
constexpr Oid kInt4 = type_oid::kInt4;
constexpr Oid kInt8 = type_oid::kInt8;
constexpr Oid kNum = type_oid::kNumeric;
constexpr Oid kTs = type_oid::kTimestamp;
constexpr Oid kTsTz = type_oid::kTimestampTz;
constexpr Oid kIv = type_oid::kInterval;
constexpr Oid kAnyArray = type_oid::kAnyArray;

const SqlFunction kFunctions[] = {
    {"generate_series", {kInt4, kInt4, k0, k0, k0, k0, k0}, 2, kInt4,
     {"generate_series_int4", NotScalar}, false, nullptr, IntSeries},
    {"generate_series", {kInt4, kInt4, kInt4, k0, k0, k0, k0}, 3, kInt4,
     {"generate_series_step_int4", NotScalar}, false, nullptr, IntSeries},
    {"generate_series", {kInt8, kInt8, k0, k0, k0, k0, k0}, 2, kInt8,
     {"generate_series_int8", NotScalar}, false, nullptr, IntSeries},
    {"generate_series", {kInt8, kInt8, kInt8, k0, k0, k0, k0}, 3, kInt8,
     {"generate_series_step_int8", NotScalar}, false, nullptr, IntSeries},
    {"generate_series", {kNum, kNum, k0, k0, k0, k0, k0}, 2, kNum,
     {"generate_series_numeric", NotScalar}, false, nullptr, NumSeries},
    {"generate_series", {kNum, kNum, kNum, k0, k0, k0, k0}, 3, kNum,
     {"generate_series_step_numeric", NotScalar}, false, nullptr, NumSeries},
    {"generate_series", {kTs, kTs, kIv, k0, k0, k0, k0}, 3, kTs,
     {"generate_series_timestamp", NotScalar}, false, nullptr, TsSeries},
    {"generate_series", {kTsTz, kTsTz, kIv, k0, k0, k0, k0}, 3, kTsTz,
     {"generate_series_timestamptz", NotScalar}, false, nullptr, TsSeries},
    {"pg_partition_ancestors", {2205 /* regclass */, k0, k0, k0, k0, k0, k0}, 1,
     2205, {"pg_partition_ancestors", NotScalar}, false, nullptr,
     AncestorsOf},
    // Rows (relid, parentrelid, isleaf, level): record_set_functions.h.
    {"pg_partition_tree", {2205 /* regclass */, k0, k0, k0, k0, k0, k0}, 1, type_oid::kRecord,
     {"pg_partition_tree", NotScalar}, false, nullptr, PartitionTreeOf},
    // Rows (option_name text, option_value text): record_set_functions.h.
    {"pg_options_to_table", {1009, k0, k0, k0, k0, k0, k0}, 1, type_oid::kRecord,
     {"pg_options_to_table", NotScalar}, false, nullptr, OptionsToTable},
    // The result is the argument's element type (polymorphic.h).
    {"unnest", {kAnyArray, k0, k0, k0, k0, k0, k0}, 1, type_oid::kAnyElement,
     {"array_unnest", NotScalar}, false, nullptr, Unnest},
    {"generate_subscripts", {kAnyArray, kInt4, k0, k0, k0, k0, k0}, 2, kInt4,
     {"generate_subscripts_nodir", NotScalar}, false, nullptr, Subscripts},
    {"generate_subscripts", {kAnyArray, kInt4, type_oid::kBool, k0, k0, k0, k0}, 3, kInt4,
     {"generate_subscripts", NotScalar}, false, nullptr, Subscripts},
};

// The functions of schema information_schema, reachable only by a
// qualified name (information_schema is not on the default search path).
const SqlFunction kInformationSchemaFunctions[] = {
    // Rows (x anyelement, n int): record_set_functions.h.
    {"_pg_expandarray", {kAnyArray, k0, k0, k0, k0, k0, k0}, 1, type_oid::kRecord,
     {"_pg_expandarray", NotScalar}, false, nullptr, ExpandArray},
};

}  // namespace

std::span<const SqlFunction> SetReturningSqlFunctions() { return kFunctions; }

std::span<const SqlFunction> InformationSchemaSqlFunctions() { return kInformationSchemaFunctions; }

std::span<const std::string_view> RecordSetFunctionColumns(const SqlFunction* function) {
  if (function != nullptr && function->set_generator == AncestorsOf) {
    return kAncestorColumns;
  }
  return {};
}

std::vector<RecordField> RecordSetFunctionFields(const SqlFunction* function,
                                                 std::span<const Oid> args) {
  if (function == nullptr) return {};
  if (function->set_generator == PartitionTreeOf) {
    return {{"relid", DataType{kRegclassType}},
            {"parentrelid", DataType{kRegclassType}},
            {"isleaf", DataType{type_oid::kBool}},
            {"level", DataType{type_oid::kInt4}}};
  }
  if (function->set_generator == OptionsToTable) {
    return {{"option_name", DataType{type_oid::kText}}, {"option_value", DataType{type_oid::kText}}};
  }
  if (function->set_generator == ExpandArray && !args.empty()) {
    const PgTypeInfo* array = FindPgType(args[0]);
    if (array == nullptr || array->typelem == 0) return {};
    return {{"x", DataType{array->typelem}}, {"n", DataType{type_oid::kInt4}}};
  }
  return {};
}

const SqlFunction* FindSetReturningFunction(const BuiltinFunction* impl) {
  for (std::span<const SqlFunction> family :
       {SetReturningSqlFunctions(), RegexpSqlFunctions(), InformationSchemaSqlFunctions(),
        JsonPathSqlFunctions(), RangeSqlFunctions(), JsonPopulateSqlFunctions()}) {
    for (const SqlFunction& f : family) {
      if (f.set_generator != nullptr && &f.impl == impl) return &f;
    }
  }
  return nullptr;
}

}  // namespace strata::sql
