// The jsonpath executor: PostgreSQL 15's evaluation rules (jsonpath_exec.c's
// behaviour, written afresh): items are JsonValues of the parsed document,
// numbers are numerics, predicates are three-valued (unknown for errors
// inside filters), and the order of results and of short-circuits is
// PostgreSQL's (objects' members in jsonb order, a search for existence
// stops at the first item).
//
// keyvalue()'s "id" is PostgreSQL's: the byte offset of the object inside
// its document's binary jsonb form (JsonbContainer layout: header, JEntry
// array, keys, values, numerics and containers int-aligned from the start
// of the varlena), plus 10000000000 times the document's number.
#include "sql/json/jsonpath_exec.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>

#include "common/sql_error.h"
#include "sql/expr/builtin_function.h"
#include "sql/json/jsonb.h"
#include "sql/types/numeric.h"
#include "sql/types/type_io.h"

namespace strata::sql::json {

namespace {

using Kind = JsonValue::Kind;
using Items = std::vector<JsonValue>;
using Res = JsonPathResult;

enum class Bool3 { kFalse, kTrue, kUnknown };

JsonValue NumberValue(const Numeric& n) {
  JsonValue v;
  v.kind = Kind::kNumber;
  v.text = n.ToString();
  return v;
}

JsonValue StringValue(std::string s) {
  JsonValue v;
  v.kind = Kind::kString;
  v.text = std::move(s);
  return v;
}

const char* OperatorName(JpKind kind) {
  switch (kind) {
    case JpKind::kAdd: case JpKind::kPlus: return "+";
    case JpKind::kSub: case JpKind::kMinus: return "-";
    case JpKind::kMul: return "*";
    case JpKind::kDiv: return "/";
    case JpKind::kMod: return "%";
    case JpKind::kType: return "type";
    case JpKind::kSize: return "size";
    case JpKind::kDouble: return "double";
    case JpKind::kCeiling: return "ceiling";
    case JpKind::kFloor: return "floor";
    case JpKind::kAbs: return "abs";
    case JpKind::kKeyValue: return "keyvalue";
    case JpKind::kDatetime: return "datetime";
    default: return "?";
  }
}

Value CallNumeric(const char* proname, std::span<const Value> args) {
  const BuiltinFunction* f = FindBuiltinFunction(proname);
  if (f == nullptr) {
    throw SqlError(SqlState::kFeatureNotSupported, std::string(proname) + " is not available");
  }
  return f->fn(args);
}

// ---- byte offsets of containers in PostgreSQL's binary jsonb ----

// keyvalue() ids: the document's number times this, plus the offset.
constexpr size_t kDocumentIdScale = 10000000000;

size_t IntAlign(size_t n) { return (n + 3) & ~size_t{3}; }

size_t NumericBytes(const JsonValue& v) {
  const Numeric n = Numeric::Parse(v.text);
  const bool short_form = n.dscale() <= 63 && n.weight() >= -64 && n.weight() <= 63;
  return 4 + (short_form ? 2 : 4) + 2 * n.digits().size();
}

// Lays out container `v` at absolute position `pos` (from the varlena's
// start), recording container offsets relative to `base`; returns the end.
size_t LayOut(const JsonValue& v, size_t pos, size_t base,
              std::unordered_map<const JsonValue*, size_t>* offsets);

size_t LayOutValue(const JsonValue& v, size_t pos, size_t base,
                   std::unordered_map<const JsonValue*, size_t>* offsets) {
  switch (v.kind) {
    case Kind::kNull:
    case Kind::kBool:
      return pos;
    case Kind::kString:
      return pos + v.text.size();
    case Kind::kNumber:
      return IntAlign(pos) + NumericBytes(v);
    case Kind::kArray:
    case Kind::kObject:
      return LayOut(v, IntAlign(pos), base, offsets);
  }
  return pos;
}

size_t LayOut(const JsonValue& v, size_t pos, size_t base,
              std::unordered_map<const JsonValue*, size_t>* offsets) {
  (*offsets)[&v] = pos - base;
  if (v.kind == Kind::kArray) {
    pos += 4 + 4 * v.elements.size();
    for (const JsonValue& e : v.elements) pos = LayOutValue(e, pos, base, offsets);
    return pos;
  }
  pos += 4 + 8 * v.members.size();
  for (const auto& m : v.members) pos += m.first.size();
  for (const auto& m : v.members) pos = LayOutValue(m.second, pos, base, offsets);
  return pos;
}

class Executor {
 public:
  Executor(const JsonPath& path, const JsonValue& root, const JsonValue* vars, bool throw_errors)
      : path_(path), lax_(!path.strict), ignore_structural_(!path.strict),
        throw_errors_(throw_errors), root_(root), vars_(vars), current_(&root) {
    // Document 0 is the target, document 1 the vars object.
    if (root.kind == Kind::kArray || root.kind == Kind::kObject) {
      LayOut(root, 4, 4, &offsets_);
    }
    if (vars != nullptr) {
      std::unordered_map<const JsonValue*, size_t> var_offsets;
      LayOut(*vars, 4, 4, &var_offsets);
      for (const auto& [v, offset] : var_offsets) offsets_[v] = kDocumentIdScale + offset;
    }
  }

  Res Run(Items* found) {
    if (!lax_ && found == nullptr) {
      // Strict mode needs every item to know there are no errors.
      Items all;
      const Res res = Execute(*path_.root, root_, &all);
      if (res == Res::kError) return res;
      return all.empty() ? Res::kNotFound : Res::kOk;
    }
    return Execute(*path_.root, root_, found);
  }

 private:
  Res Error(SqlState state, const std::string& message) {
    if (throw_errors_) throw SqlError(state, message);
    return Res::kError;
  }

  Res Execute(const JpItem& jsp, const JsonValue& jb, Items* found) {
    return ExecuteOpt(jsp, jb, found, lax_);
  }

  Res ExecuteNext(const JpItem& cur, const JsonValue& v, Items* found) {
    if (cur.next != nullptr) return Execute(*cur.next, v, found);
    if (found != nullptr) found->push_back(v);
    return Res::kOk;
  }

  // Applies `jsp` (null: collects) to each element of an array, unwrapped.
  Res UnwrapTargetArray(const JpItem* jsp, const JsonValue& jb, Items* found) {
    return AnyItem(jsp, jb, found, 1, 1, 1, false, false);
  }

  Res AnyItem(const JpItem* jsp, const JsonValue& container, Items* found, uint32_t level,
              uint32_t first, uint32_t last, bool ignore_structural, bool unwrap_next) {
    Res res = Res::kNotFound;
    if (level > last) return res;
    const auto visit = [&](const JsonValue& v) -> bool {  // false: stop
      const bool is_container = v.kind == Kind::kArray || v.kind == Kind::kObject;
      if (level >= first || (first == kAnyLast && last == kAnyLast && !is_container)) {
        if (jsp != nullptr) {
          const bool saved = ignore_structural_;
          if (ignore_structural) ignore_structural_ = true;
          res = ExecuteOpt(*jsp, v, found, unwrap_next);
          ignore_structural_ = saved;
          if (res == Res::kError) return false;
          if (res == Res::kOk && found == nullptr) return false;
        } else if (found != nullptr) {
          found->push_back(v);
        } else {
          res = Res::kOk;
          return false;
        }
      }
      if (level < last && is_container) {
        res = AnyItem(jsp, v, found, level + 1, first, last, ignore_structural, unwrap_next);
        if (res == Res::kError) return false;
        if (res == Res::kOk && found == nullptr) return false;
      }
      return true;
    };
    if (container.kind == Kind::kArray) {
      for (const JsonValue& e : container.elements) {
        if (!visit(e)) break;
      }
    } else if (container.kind == Kind::kObject) {
      for (const auto& m : container.members) {
        if (!visit(m.second)) break;
      }
    }
    return res;
  }

  // Evaluates `jsp`; in lax mode arrays among the results are unwrapped.
  Res ExecuteUnwrapResult(const JpItem& jsp, const JsonValue& jb, bool unwrap, Items* found) {
    if (unwrap && lax_) {
      Items seq;
      const Res res = Execute(jsp, jb, &seq);
      if (res == Res::kError) return res;
      for (const JsonValue& v : seq) {
        if (v.kind == Kind::kArray) {
          for (const JsonValue& e : v.elements) found->push_back(e);
        } else {
          found->push_back(v);
        }
      }
      return Res::kOk;
    }
    return Execute(jsp, jb, found);
  }

  Res ExecuteUnwrapResultNoThrow(const JpItem& jsp, const JsonValue& jb, bool unwrap,
                                 Items* found) {
    const bool saved = throw_errors_;
    throw_errors_ = false;
    Res res;
    try {
      res = ExecuteUnwrapResult(jsp, jb, unwrap, found);
    } catch (...) {
      throw_errors_ = saved;
      throw;
    }
    throw_errors_ = saved;
    return res;
  }

  Res ExecuteOpt(const JpItem& jsp, const JsonValue& jb, Items* found, bool unwrap) {
    switch (jsp.kind) {
      case JpKind::kAnd:
      case JpKind::kOr:
      case JpKind::kNot:
      case JpKind::kIsUnknown:
      case JpKind::kEqual:
      case JpKind::kNotEqual:
      case JpKind::kLess:
      case JpKind::kLessOrEqual:
      case JpKind::kGreater:
      case JpKind::kGreaterOrEqual:
      case JpKind::kExists:
      case JpKind::kStartsWith:
      case JpKind::kLikeRegex: {
        const Bool3 st = ExecuteBool(jsp, jb);
        JsonValue v;
        if (st != Bool3::kUnknown) {
          v.kind = Kind::kBool;
          v.bool_value = st == Bool3::kTrue;
        }
        return ExecuteNext(jsp, v, found);
      }
      case JpKind::kAdd:
      case JpKind::kSub:
      case JpKind::kMul:
      case JpKind::kDiv:
      case JpKind::kMod:
        return BinaryArith(jsp, jb, found);
      case JpKind::kPlus:
      case JpKind::kMinus:
        return UnaryArith(jsp, jb, found);
      case JpKind::kFilter: {
        if (unwrap && jb.kind == Kind::kArray) return UnwrapTargetArray(&jsp, jb, found);
        const JsonValue* saved = current_;
        current_ = &jb;
        const Bool3 st = ExecuteBool(*jsp.left, jb);
        current_ = saved;
        if (st != Bool3::kTrue) return Res::kNotFound;
        return ExecuteNext(jsp, jb, found);
      }
      case JpKind::kRoot:
        return ExecuteNext(jsp, root_, found);
      case JpKind::kCurrent:
        return ExecuteNext(jsp, *current_, found);
      case JpKind::kKey:
        if (jb.kind == Kind::kObject) {
          for (const auto& [k, v] : jb.members) {
            if (k == jsp.text) return ExecuteNext(jsp, v, found);
          }
          if (!ignore_structural_) {
            return Error(SqlState::kSqlJsonMemberNotFound,
                         "JSON object does not contain key \"" + jsp.text + "\"");
          }
        } else if (unwrap && jb.kind == Kind::kArray) {
          return UnwrapTargetArray(&jsp, jb, found);
        } else if (!ignore_structural_) {
          return Error(SqlState::kSqlJsonMemberNotFound,
                       "jsonpath member accessor can only be applied to an object");
        }
        return Res::kNotFound;
      case JpKind::kAnyArray:
        if (jb.kind == Kind::kArray) {
          return AnyItem(jsp.next.get(), jb, found, 1, 1, 1, false, lax_);
        }
        if (lax_) return ExecuteNext(jsp, jb, found);
        if (!ignore_structural_) {
          return Error(SqlState::kSqlJsonArrayNotFound,
                       "jsonpath wildcard array accessor can only be applied to an array");
        }
        return Res::kNotFound;
      case JpKind::kAnyKey:
        if (jb.kind == Kind::kObject) {
          return AnyItem(jsp.next.get(), jb, found, 1, 1, 1, false, lax_);
        }
        if (unwrap && jb.kind == Kind::kArray) return UnwrapTargetArray(&jsp, jb, found);
        if (!ignore_structural_) {
          return Error(SqlState::kSqlJsonObjectNotFound,
                       "jsonpath wildcard member accessor can only be applied to an object");
        }
        return Res::kNotFound;
      case JpKind::kIndexArray:
        return IndexArray(jsp, jb, found);
      case JpKind::kAny: {
        Res res = Res::kNotFound;
        if (jsp.first == 0) {
          const bool saved = ignore_structural_;
          ignore_structural_ = true;
          res = ExecuteNext(jsp, jb, found);
          ignore_structural_ = saved;
          if (res == Res::kOk && found == nullptr) return res;
        }
        if (jb.kind == Kind::kArray || jb.kind == Kind::kObject) {
          res = AnyItem(jsp.next.get(), jb, found, 1, jsp.first, jsp.last, true, lax_);
        }
        return res;
      }
      case JpKind::kNull:
      case JpKind::kBool:
      case JpKind::kNumeric:
      case JpKind::kString: {
        JsonValue v;
        if (jsp.kind == JpKind::kBool) {
          v.kind = Kind::kBool;
          v.bool_value = jsp.bool_value;
        } else if (jsp.kind == JpKind::kNumeric) {
          v.kind = Kind::kNumber;
          v.text = jsp.text;
        } else if (jsp.kind == JpKind::kString) {
          v = StringValue(jsp.text);
        }
        return ExecuteNext(jsp, v, found);
      }
      case JpKind::kVariable: {
        if (vars_ != nullptr) {
          for (const auto& [k, v] : vars_->members) {
            if (k == jsp.text) return ExecuteNext(jsp, v, found);
          }
        }
        throw SqlError(SqlState::kUndefinedObject,
                       "could not find jsonpath variable \"" + jsp.text + "\"");
      }
      case JpKind::kLast: {
        if (innermost_array_size_ < 0) {
          throw SqlError(SqlState::kInternalError,
                         "evaluating jsonpath LAST outside of array subscript");
        }
        return ExecuteNext(jsp, NumberValue(Numeric::FromInt64(innermost_array_size_ - 1)),
                           found);
      }
      case JpKind::kType: {
        static constexpr const char* kNames[] = {"null",    "string", "number",
                                                 "boolean", "array",  "object"};
        return ExecuteNext(jsp, StringValue(kNames[static_cast<int>(jb.kind)]), found);
      }
      case JpKind::kSize: {
        int64_t size = 1;
        if (jb.kind == Kind::kArray) {
          size = static_cast<int64_t>(jb.elements.size());
        } else if (!lax_) {
          if (!ignore_structural_) {
            return Error(SqlState::kSqlJsonArrayNotFound,
                         "jsonpath item method .size() can only be applied to an array");
          }
          return Res::kNotFound;
        }
        return ExecuteNext(jsp, NumberValue(Numeric::FromInt64(size)), found);
      }
      case JpKind::kAbs:
      case JpKind::kFloor:
      case JpKind::kCeiling: {
        if (unwrap && jb.kind == Kind::kArray) return UnwrapTargetArray(&jsp, jb, found);
        if (jb.kind != Kind::kNumber) {
          return Error(SqlState::kNonNumericSqlJsonItem,
                       std::string("jsonpath item method .") + OperatorName(jsp.kind) +
                           "() can only be applied to a numeric value");
        }
        const char* fn = jsp.kind == JpKind::kAbs     ? "numeric_abs"
                         : jsp.kind == JpKind::kFloor ? "numeric_floor"
                                                      : "numeric_ceil";
        const Value arg = Value::FromNumeric(Numeric::Parse(jb.text));
        const Value r = CallNumeric(fn, std::span<const Value>(&arg, 1));
        return ExecuteNext(jsp, NumberValue(r.numeric_value()), found);
      }
      case JpKind::kDouble:
        return Double(jsp, jb, found, unwrap);
      case JpKind::kKeyValue:
        return KeyValue(jsp, jb, found, unwrap);
      case JpKind::kDatetime:
        if (unwrap && jb.kind == Kind::kArray) return UnwrapTargetArray(&jsp, jb, found);
        if (jb.kind != Kind::kString) {
          return Error(SqlState::kInvalidArgumentForSqlJsonDatetimeFunction,
                       "jsonpath item method .datetime() can only be applied to a string");
        }
        throw SqlError(SqlState::kFeatureNotSupported,
                       "jsonpath item method .datetime() is not supported yet");
    }
    return Res::kNotFound;
  }

  Res IndexArray(const JpItem& jsp, const JsonValue& jb, Items* found) {
    if (jb.kind != Kind::kArray && !lax_) {
      if (!ignore_structural_) {
        return Error(SqlState::kSqlJsonArrayNotFound,
                     "jsonpath array accessor can only be applied to an array");
      }
      return Res::kNotFound;
    }
    const bool singleton = jb.kind != Kind::kArray;
    const int64_t size = singleton ? 1 : static_cast<int64_t>(jb.elements.size());
    const int64_t saved_size = innermost_array_size_;
    innermost_array_size_ = size;
    Res res = Res::kNotFound;
    for (const JpSubscript& sub : jsp.subscripts) {
      int64_t from = 0;
      int64_t to = 0;
      res = ArrayIndex(*sub.from, jb, &from);
      if (res == Res::kError) break;
      if (sub.to != nullptr) {
        res = ArrayIndex(*sub.to, jb, &to);
        if (res == Res::kError) break;
      } else {
        to = from;
      }
      if (!ignore_structural_ && (from < 0 || from > to || to >= size)) {
        innermost_array_size_ = saved_size;
        return Error(SqlState::kInvalidSqlJsonSubscript,
                     "jsonpath array subscript is out of bounds");
      }
      if (from < 0) from = 0;
      if (to >= size) to = size - 1;
      res = Res::kNotFound;
      for (int64_t i = from; i <= to; ++i) {
        const JsonValue& v = singleton ? jb : jb.elements[static_cast<size_t>(i)];
        if (jsp.next == nullptr && found == nullptr) {
          innermost_array_size_ = saved_size;
          return Res::kOk;
        }
        res = ExecuteNext(jsp, v, found);
        if (res == Res::kError) break;
        if (res == Res::kOk && found == nullptr) break;
      }
      if (res == Res::kError) break;
      if (res == Res::kOk && found == nullptr) break;
    }
    innermost_array_size_ = saved_size;
    return res;
  }

  Res ArrayIndex(const JpItem& jsp, const JsonValue& jb, int64_t* index) {
    Items found;
    const Res res = Execute(jsp, jb, &found);
    if (res == Res::kError) return res;
    if (found.size() != 1 || found[0].kind != Kind::kNumber) {
      return Error(SqlState::kInvalidSqlJsonSubscript,
                   "jsonpath array subscript is not a single numeric value");
    }
    const Numeric n = Numeric::Parse(found[0].text);
    std::optional<int64_t> v;
    if (n.is_finite()) v = n.Trunc(0).ToInt64();
    if (!v || *v > INT32_MAX || *v < INT32_MIN) {
      return Error(SqlState::kInvalidSqlJsonSubscript,
                   "jsonpath array subscript is out of integer range");
    }
    *index = *v;
    return Res::kOk;
  }

  Res BinaryArith(const JpItem& jsp, const JsonValue& jb, Items* found) {
    Items lseq;
    Items rseq;
    Res res = ExecuteUnwrapResult(*jsp.left, jb, true, &lseq);
    if (res == Res::kError) return res;
    res = ExecuteUnwrapResult(*jsp.right, jb, true, &rseq);
    if (res == Res::kError) return res;
    const std::string op = OperatorName(jsp.kind);
    if (lseq.size() != 1 || lseq[0].kind != Kind::kNumber) {
      return Error(SqlState::kSingletonSqlJsonItemRequired,
                   "left operand of jsonpath operator " + op + " is not a single numeric value");
    }
    if (rseq.size() != 1 || rseq[0].kind != Kind::kNumber) {
      return Error(SqlState::kSingletonSqlJsonItemRequired,
                   "right operand of jsonpath operator " + op + " is not a single numeric value");
    }
    const Numeric l = Numeric::Parse(lseq[0].text);
    const Numeric r = Numeric::Parse(rseq[0].text);
    Numeric result;
    try {
      switch (jsp.kind) {
        case JpKind::kAdd: result = l.Add(r); break;
        case JpKind::kSub: result = l.Sub(r); break;
        case JpKind::kMul: result = l.Mul(r); break;
        case JpKind::kDiv: result = l.Div(r); break;
        default: result = l.Mod(r); break;
      }
    } catch (const SqlError&) {
      if (throw_errors_) throw;
      return Res::kError;
    }
    if (jsp.next == nullptr && found == nullptr) return Res::kOk;
    return ExecuteNext(jsp, NumberValue(result), found);
  }

  Res UnaryArith(const JpItem& jsp, const JsonValue& jb, Items* found) {
    Items seq;
    Res res = ExecuteUnwrapResult(*jsp.left, jb, true, &seq);
    if (res == Res::kError) return res;
    res = Res::kNotFound;
    const bool has_next = jsp.next != nullptr;
    for (const JsonValue& v : seq) {
      if (v.kind == Kind::kNumber) {
        if (found == nullptr && !has_next) return Res::kOk;
      } else {
        if (found == nullptr && !has_next) continue;
        return Error(SqlState::kSqlJsonNumberNotFound,
                     std::string("operand of unary jsonpath operator ") +
                         OperatorName(jsp.kind) + " is not a numeric value");
      }
      JsonValue r = v;
      if (jsp.kind == JpKind::kMinus) r = NumberValue(Numeric::Parse(v.text).Negate());
      const Res next = ExecuteNext(jsp, r, found);
      if (next == Res::kError) return next;
      if (next == Res::kOk) {
        if (found == nullptr) return Res::kOk;
        res = Res::kOk;
      }
    }
    return res;
  }

  Res Double(const JpItem& jsp, const JsonValue& jb, Items* found, bool unwrap) {
    if (unwrap && jb.kind == Kind::kArray) return UnwrapTargetArray(&jsp, jb, found);
    if (jb.kind == Kind::kNumber) {
      bool bad = false;
      try {
        const double d = ParseFloat8(jb.text);
        bad = std::isinf(d) || std::isnan(d);
      } catch (const SqlError&) {
        bad = true;
      }
      if (bad) {
        return Error(SqlState::kNonNumericSqlJsonItem,
                     "numeric argument of jsonpath item method .double() is out of range for "
                     "type double precision");
      }
      return ExecuteNext(jsp, jb, found);
    }
    if (jb.kind == Kind::kString) {
      double d = 0;
      bool bad = false;
      try {
        d = ParseFloat8(jb.text);
        bad = std::isinf(d) || std::isnan(d);
      } catch (const SqlError&) {
        bad = true;
      }
      if (bad) {
        return Error(SqlState::kNonNumericSqlJsonItem,
                     "string argument of jsonpath item method .double() is not a valid "
                     "representation of a double precision number");
      }
      char buf[64];  // float8_numeric: DBL_DIG significant digits
      std::snprintf(buf, sizeof(buf), "%.*g", 15, d);
      return ExecuteNext(jsp, NumberValue(Numeric::Parse(buf)), found);
    }
    return Error(SqlState::kNonNumericSqlJsonItem,
                 "jsonpath item method .double() can only be applied to a string or numeric "
                 "value");
  }

  Res KeyValue(const JpItem& jsp, const JsonValue& jb, Items* found, bool unwrap) {
    if (unwrap && jb.kind == Kind::kArray) return UnwrapTargetArray(&jsp, jb, found);
    if (jb.kind != Kind::kObject) {
      return Error(SqlState::kSqlJsonObjectNotFound,
                   "jsonpath item method .keyvalue() can only be applied to an object");
    }
    if (jb.members.empty()) return Res::kNotFound;
    int64_t id = 0;
    auto it = offsets_.find(&jb);
    if (it != offsets_.end()) id = static_cast<int64_t>(it->second);
    Res res = Res::kNotFound;
    for (const auto& [k, v] : jb.members) {
      JsonValue obj;
      obj.kind = Kind::kObject;
      obj.members.emplace_back("id", NumberValue(Numeric::FromInt64(id)));
      obj.members.emplace_back("key", StringValue(k));
      obj.members.emplace_back("value", v);
      res = ExecuteNext(jsp, obj, found);
      if (res == Res::kError) return res;
      if (res == Res::kOk && found == nullptr) break;
    }
    return res;
  }

  // ---- predicates ----

  Bool3 ExecuteBool(const JpItem& jsp, const JsonValue& jb) {
    switch (jsp.kind) {
      case JpKind::kAnd: {
        const Bool3 l = ExecuteBool(*jsp.left, jb);
        if (l == Bool3::kFalse) return l;
        const Bool3 r = ExecuteBool(*jsp.right, jb);
        return r == Bool3::kTrue ? l : r;
      }
      case JpKind::kOr: {
        const Bool3 l = ExecuteBool(*jsp.left, jb);
        if (l == Bool3::kTrue) return l;
        const Bool3 r = ExecuteBool(*jsp.right, jb);
        return r == Bool3::kFalse ? l : r;
      }
      case JpKind::kNot: {
        const Bool3 v = ExecuteBool(*jsp.left, jb);
        if (v == Bool3::kUnknown) return v;
        return v == Bool3::kTrue ? Bool3::kFalse : Bool3::kTrue;
      }
      case JpKind::kIsUnknown:
        return ExecuteBool(*jsp.left, jb) == Bool3::kUnknown ? Bool3::kTrue : Bool3::kFalse;
      case JpKind::kEqual:
      case JpKind::kNotEqual:
      case JpKind::kLess:
      case JpKind::kLessOrEqual:
      case JpKind::kGreater:
      case JpKind::kGreaterOrEqual:
      case JpKind::kStartsWith:
      case JpKind::kLikeRegex:
        return Predicate(jsp, jb);
      case JpKind::kExists: {
        if (!lax_) {
          Items vals;
          const Res res = ExecuteUnwrapResultNoThrow(*jsp.left, jb, false, &vals);
          if (res == Res::kError) return Bool3::kUnknown;
          return vals.empty() ? Bool3::kFalse : Bool3::kTrue;
        }
        const bool saved = throw_errors_;
        throw_errors_ = false;
        Res res;
        try {
          res = Execute(*jsp.left, jb, nullptr);
        } catch (...) {
          throw_errors_ = saved;
          throw;
        }
        throw_errors_ = saved;
        if (res == Res::kError) return Bool3::kUnknown;
        return res == Res::kOk ? Bool3::kTrue : Bool3::kFalse;
      }
      default:
        throw SqlError(SqlState::kInternalError, "invalid boolean jsonpath item type");
    }
  }

  Bool3 Predicate(const JpItem& jsp, const JsonValue& jb) {
    Items lseq;
    Items rseq;
    if (ExecuteUnwrapResultNoThrow(*jsp.left, jb, true, &lseq) == Res::kError) {
      return Bool3::kUnknown;
    }
    const bool has_right = jsp.kind != JpKind::kLikeRegex;
    if (has_right) {
      const bool unwrap_right = jsp.kind != JpKind::kStartsWith;
      if (ExecuteUnwrapResultNoThrow(*jsp.right, jb, unwrap_right, &rseq) == Res::kError) {
        return Bool3::kUnknown;
      }
    } else {
      rseq.emplace_back();
    }
    bool error = false;
    bool any = false;
    for (const JsonValue& l : lseq) {
      for (const JsonValue& r : rseq) {
        const Bool3 res = Compare(jsp, l, r);
        if (res == Bool3::kUnknown) {
          if (!lax_) return Bool3::kUnknown;
          error = true;
        } else if (res == Bool3::kTrue) {
          if (lax_) return Bool3::kTrue;
          any = true;
        }
      }
    }
    if (any) return Bool3::kTrue;
    if (error) return Bool3::kUnknown;
    return Bool3::kFalse;
  }

  Bool3 Compare(const JpItem& jsp, const JsonValue& a, const JsonValue& b) {
    if (jsp.kind == JpKind::kStartsWith) {
      if (a.kind != Kind::kString || b.kind != Kind::kString) return Bool3::kUnknown;
      return a.text.compare(0, b.text.size(), b.text) == 0 && a.text.size() >= b.text.size()
                 ? Bool3::kTrue
                 : Bool3::kFalse;
    }
    if (jsp.kind == JpKind::kLikeRegex) {
      if (a.kind != Kind::kString) return Bool3::kUnknown;
      return RegexMatch(jsp, a.text) ? Bool3::kTrue : Bool3::kFalse;
    }
    if (a.kind != b.kind) {
      if (a.kind == Kind::kNull || b.kind == Kind::kNull) {
        return jsp.kind == JpKind::kNotEqual ? Bool3::kTrue : Bool3::kFalse;
      }
      return Bool3::kUnknown;
    }
    int cmp = 0;
    switch (a.kind) {
      case Kind::kNull:
        break;
      case Kind::kBool:
        cmp = a.bool_value == b.bool_value ? 0 : a.bool_value ? 1 : -1;
        break;
      case Kind::kNumber:
        cmp = Numeric::Parse(a.text).Compare(Numeric::Parse(b.text));
        break;
      case Kind::kString:
        if (jsp.kind == JpKind::kEqual) return a.text == b.text ? Bool3::kTrue : Bool3::kFalse;
        cmp = a.text.compare(b.text);
        break;
      case Kind::kArray:
      case Kind::kObject:
        return Bool3::kUnknown;
    }
    bool r = false;
    switch (jsp.kind) {
      case JpKind::kEqual: r = cmp == 0; break;
      case JpKind::kNotEqual: r = cmp != 0; break;
      case JpKind::kLess: r = cmp < 0; break;
      case JpKind::kLessOrEqual: r = cmp <= 0; break;
      case JpKind::kGreater: r = cmp > 0; break;
      default: r = cmp >= 0; break;
    }
    return r ? Bool3::kTrue : Bool3::kFalse;
  }

  static bool RegexMatch(const JpItem& jsp, const std::string& s) {
    return JsonPathRegexMatch(jsp.text, jsp.flags, s);
  }

  const JsonPath& path_;
  bool lax_;
  bool ignore_structural_;
  bool throw_errors_;
  const JsonValue& root_;
  const JsonValue* vars_;
  const JsonValue* current_;
  int64_t innermost_array_size_ = -1;
  std::unordered_map<const JsonValue*, size_t> offsets_;
};

}  // namespace

JsonPathResult ExecuteJsonPath(const JsonPath& path, const JsonValue& doc, const JsonValue* vars,
                               bool throw_errors, std::vector<JsonValue>* found) {
  if (vars != nullptr && vars->kind != Kind::kObject) {
    throw SqlError(SqlState::kInvalidParameterValue, "\"vars\" argument is not an object")
        .WithDetail(
            "Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
  }
  Executor exec(path, doc, vars, throw_errors);
  return exec.Run(found);
}

}  // namespace strata::sql::json
