// Subquery expressions and outer references (see subquery_exprs.h).
#include "sql/expr/subquery_exprs.h"

#include "common/sql_error.h"
#include "sql/storage_format/key_codec.h"
#include "sql/types/array_value.h"

namespace strata::sql {

namespace {

// The enclosing queries' current rows, innermost last.
thread_local std::vector<const std::vector<Value>*> outer_rows;

}  // namespace

OuterRowScope::OuterRowScope(const std::vector<Value>* row) { outer_rows.push_back(row); }
OuterRowScope::~OuterRowScope() { outer_rows.pop_back(); }

const Value* OuterValue(int levels_up, int slot) {
  const size_t levels = static_cast<size_t>(levels_up);
  if (levels == 0 || levels > outer_rows.size()) return nullptr;
  const std::vector<Value>* row = outer_rows[outer_rows.size() - levels];
  if (row == nullptr || static_cast<size_t>(slot) >= row->size()) return nullptr;
  return &(*row)[static_cast<size_t>(slot)];
}

Value BoundOuterColumnRef::Evaluate(EvalContext&) const {
  const size_t levels = static_cast<size_t>(levels_up_);
  if (levels == 0 || levels > outer_rows.size() || outer_rows[outer_rows.size() - levels] == nullptr) {
    throw SqlError(SqlState::kInternalError, "outer reference evaluated outside its subquery");
  }
  return (*outer_rows[outer_rows.size() - levels])[static_cast<size_t>(slot_)];
}

const std::vector<std::vector<Value>>& BoundSubLink::Rows(int64_t max_rows) const {
  if (!runner_->correlated()) {
    // Run once, completely: other evaluations may need every row.
    if (!cache_.has_value()) cache_ = runner_->Run(-1);
    return *cache_;
  }
  scratch_ = runner_->Run(max_rows);
  return scratch_;
}

Value BoundSubLink::Evaluate(EvalContext& ctx) const {
  if (hashed_) return EvaluateHashed(ctx);
  OuterRowScope scope(ctx.row());
  switch (type_) {
    case Type::kExists:
      return Value::Bool(!Rows(1).empty());
    case Type::kExpr: {
      const auto& rows = Rows(2);
      if (rows.empty()) return Value::Null(type().oid);
      if (rows.size() > 1) {
        throw SqlError(SqlState::kCardinalityViolation,
                       "more than one row returned by a subquery used as an expression");
      }
      return rows[0][0];
    }
    case Type::kArray: {
      const auto& rows = Rows(-1);
      std::vector<Value> elements;
      elements.reserve(rows.size());
      for (const auto& r : rows) elements.push_back(r[0]);
      const BoundSubLinkColumn* column = static_cast<const BoundSubLinkColumn*>(combine_.get());
      return MakeArray(type().oid, column->type().oid, std::move(elements));
    }
    case Type::kAny:
    case Type::kAll: {
      // PostgreSQL's ExecScanSubPlan: ANY is true at the first true
      // comparison, ALL false at the first false; otherwise NULL if any
      // comparison was NULL.
      const bool any = type_ == Type::kAny;
      const auto& rows = Rows(-1);
      bool saw_null = false;
      for (const auto& r : rows) {
        const std::vector<Value>* previous = ctx.SetSubLinkRow(&r);
        Value v;
        try {
          v = combine_->Evaluate(ctx);
        } catch (...) {
          ctx.SetSubLinkRow(previous);
          throw;
        }
        ctx.SetSubLinkRow(previous);
        if (v.is_null()) {
          saw_null = true;
        } else if (v.bool_value() == any) {
          return Value::Bool(any);
        }
      }
      if (saw_null) return Value::Null(type_oid::kBool);
      return Value::Bool(!any);
    }
  }
  throw SqlError(SqlState::kInternalError, "unrecognized subquery kind");
}

Value BoundSubLink::EvaluateHashed(EvalContext& ctx) const {
  // REQUIRES: uncorrelated kAny whose combine_ is `left = column 0` over
  // one type (checked by the binder).
  const auto& call = static_cast<const BoundFunctionCall&>(*combine_);
  const KeyColumn column(call.args()[0]->type().oid);
  if (!hash_built_) {
    OuterRowScope scope(ctx.row());
    const auto& rows = Rows(-1);
    for (const auto& r : rows) {
      const std::vector<Value>* previous = ctx.SetSubLinkRow(&r);
      Value v;
      try {
        v = call.args()[1]->Evaluate(ctx);
      } catch (...) {
        ctx.SetSubLinkRow(previous);
        throw;
      }
      ctx.SetSubLinkRow(previous);
      if (v.is_null()) {
        hash_has_null_ = true;
        continue;
      }
      std::string key;
      AppendKeyDatum(column, v, &key);
      hash_.insert(std::move(key));
    }
    hash_built_ = true;
  }
  const Value left = call.args()[0]->Evaluate(ctx);
  if (left.is_null()) {
    // NULL = ANY (empty) is false; against any row it is NULL.
    if (hash_.empty() && !hash_has_null_) return Value::Bool(false);
    return Value::Null(type_oid::kBool);
  }
  std::string key;
  AppendKeyDatum(column, left, &key);
  if (hash_.count(key) != 0) return Value::Bool(true);
  if (hash_has_null_) return Value::Null(type_oid::kBool);
  return Value::Bool(false);
}

}  // namespace strata::sql
