// Parallel safety of bound expressions (see parallel_safety.h).
#include "sql/commands/parallel_safety.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "sql/commands/bound_volatility.h"
#include "sql/commands/user_function_call.h"
#include "sql/expr/record_exprs.h"

namespace strata::sql {

char BuiltinParallelSafety(std::string_view name) {
  static const std::unordered_map<std::string_view, char> kMarked = {
#define STRATA_NOT_PARALLEL_SAFE(name, mark) {name, mark},
#include "sql/commands/parallel_unsafe_functions.inc"
#undef STRATA_NOT_PARALLEL_SAFE
  };
  auto it = kMarked.find(name);
  return it == kMarked.end() ? 's' : it->second;
}

namespace {

// 'u' > 'r' > 's'.
char Worse(char a, char b) {
  auto rank = [](char c) { return c == 'u' ? 2 : c == 'r' ? 1 : 0; };
  return rank(a) >= rank(b) ? a : b;
}

// User objects (domains, composite types) start here: casts to them may
// look into the catalog (domain constraints).
constexpr Oid kFirstUserOid = 16384;

// The reg* types: their input looks names up in the catalog.
bool IsRegType(Oid type) {
  switch (type) {
    case 24: case 2202: case 2203: case 2204: case 2205: case 2206:
    case 3734: case 3769: case 4089: case 4096: case 4191:
      return true;
    default:
      return false;
  }
}

struct Safety {
  char hazard = 's';
  bool worker_ok = true;
};

void Walk(const BoundExpr& e, Safety* s);

void WalkAll(const std::vector<BoundExprPtr>& args, Safety* s) {
  for (const BoundExprPtr& a : args) Walk(*a, s);
}

void Walk(const BoundExpr& e, Safety* s) {
  switch (e.kind()) {
    case BoundExprKind::kConstant:
    case BoundExprKind::kParam:
    case BoundExprKind::kColumnRef:
    case BoundExprKind::kCaseTest:
      return;
    case BoundExprKind::kFunctionCall: {
      const auto& call = static_cast<const BoundFunctionCall&>(e);
      if (call.function() != nullptr) {
        const char mark = BuiltinParallelSafety(call.function()->name);
        s->hazard = Worse(s->hazard, mark);
        // Stable and volatile built-ins may read the session's catalog,
        // privileges or search_path, thread-local state a worker thread
        // does not have: only immutable ones run there.
        if (mark != 's' || !IsImmutableBuiltin(call.function()->name)) s->worker_ok = false;
      }
      WalkAll(call.args(), s);
      return;
    }
    case BoundExprKind::kUserFunctionCall: {
      const auto& call = static_cast<const BoundUserFunctionCall&>(e);
      s->hazard = Worse(s->hazard, call.function().parallel);
      s->worker_ok = false;  // its body runs through the session's catalog
      WalkAll(call.args(), s);
      return;
    }
    case BoundExprKind::kCast: {
      if (e.type().oid >= kFirstUserOid || IsRegType(e.type().oid)) s->worker_ok = false;
      Walk(static_cast<const BoundCast&>(e).arg(), s);
      return;
    }
    case BoundExprKind::kTypmodCoercion:
      Walk(static_cast<const BoundTypmodCoercion&>(e).arg(), s);
      return;
    case BoundExprKind::kBoolOp:
      WalkAll(static_cast<const BoundBoolOp&>(e).args(), s);
      return;
    case BoundExprKind::kNullTest:
      Walk(static_cast<const BoundNullTest&>(e).arg(), s);
      return;
    case BoundExprKind::kBooleanTest:
      Walk(static_cast<const BoundBooleanTest&>(e).arg(), s);
      return;
    case BoundExprKind::kCoalesce:
      WalkAll(static_cast<const BoundCoalesce&>(e).args(), s);
      return;
    case BoundExprKind::kMinMax:
      WalkAll(static_cast<const BoundMinMax&>(e).args(), s);
      return;
    case BoundExprKind::kNullIf: {
      const auto& n = static_cast<const BoundNullIf&>(e);
      Walk(n.left(), s);
      Walk(n.right(), s);
      return;
    }
    case BoundExprKind::kDistinct: {
      const auto& d = static_cast<const BoundDistinct&>(e);
      Walk(d.left(), s);
      Walk(d.right(), s);
      return;
    }
    case BoundExprKind::kScalarArrayOp: {
      const auto& a = static_cast<const BoundScalarArrayOp&>(e);
      Walk(a.left(), s);
      WalkAll(a.elements(), s);
      return;
    }
    case BoundExprKind::kCase: {
      const auto& c = static_cast<const BoundCase&>(e);
      if (c.arg() != nullptr) Walk(*c.arg(), s);
      for (const BoundCaseWhen& w : c.whens()) {
        Walk(*w.condition, s);
        Walk(*w.result, s);
      }
      Walk(c.default_result(), s);
      return;
    }
    case BoundExprKind::kRowConstructor:
      WalkAll(static_cast<const BoundRowConstructor&>(e).args(), s);
      return;
    case BoundExprKind::kFieldSelect:
      Walk(static_cast<const BoundFieldSelect&>(e).arg(), s);
      return;
    case BoundExprKind::kSubLink:
    case BoundExprKind::kSubLinkColumn:
    case BoundExprKind::kOuterColumnRef:
      // A subquery, or a value of the enclosing query's row: evaluated by
      // the leader (PostgreSQL's subplans and PARAM_EXEC values are
      // parallel restricted unless it can prove otherwise).
      s->hazard = Worse(s->hazard, 'r');
      s->worker_ok = false;
      return;
    default:
      // Array nodes and the like: not looked into here, so counted as
      // restricted (what they contain might be) and not run on a worker.
      s->hazard = Worse(s->hazard, 'r');
      s->worker_ok = false;
      return;
  }
}

}  // namespace

char ParallelHazard(const BoundExpr& e) {
  Safety s;
  Walk(e, &s);
  return s.hazard;
}

bool WorkerEvaluable(const BoundExpr& e) {
  Safety s;
  Walk(e, &s);
  return s.worker_ok && s.hazard == 's';
}

}  // namespace strata::sql
