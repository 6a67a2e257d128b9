// Operator resolution, following PostgreSQL 15's parse_oper.c and
// func_select_candidate() in parse_func.c step by step:
//  1. an exact match (an unknown input assumed to have the other's type);
//  2. candidates every input can be implicitly coerced to;
//  3. among several: most exact type matches, then most exact-or-preferred
//     matches, then resolution of unknown inputs by type category (string
//     category wins), then the "all known inputs have one type" heuristic.
#include "sql/binder/operator_resolution.h"

#include <array>
#include <vector>

#include "sql/binder/coercion_rules.h"
#include "sql/builtin/type_table.h"
#include "sql/types/user_types.h"

namespace strata::sql {

namespace {

struct Candidate {
  const PgOperator* op;
  std::array<Oid, 2> args;
};

// func_select_candidate(). Returns nullptr if no unique best candidate.
const PgOperator* SelectCandidate(size_t nargs, const std::array<Oid, 2>& inputs,
                                  std::vector<Candidate> candidates) {
  const Oid kUnknown = type_oid::kUnknown;
  size_t nunknowns = 0;
  for (size_t i = 0; i < nargs; ++i) {
    if (inputs[i] == kUnknown) ++nunknowns;
  }

  // Keeps the candidates with the highest score.
  auto keep_best = [&](auto score) {
    int best = -1;
    std::vector<Candidate> kept;
    for (const Candidate& c : candidates) {
      const int s = score(c);
      if (s > best) {
        best = s;
        kept.clear();
      }
      if (s == best) kept.push_back(c);
    }
    candidates = std::move(kept);
  };

  // Most exact matches on known inputs.
  keep_best([&](const Candidate& c) {
    int n = 0;
    for (size_t i = 0; i < nargs; ++i) {
      if (inputs[i] != kUnknown && c.args[i] == inputs[i]) ++n;
    }
    return n;
  });
  if (candidates.size() == 1) return candidates[0].op;

  // Most exact-or-preferred matches at known inputs (preferred types only
  // count within the input's own category).
  std::array<char, 2> slot_category = {type_category::kInvalid, type_category::kInvalid};
  for (size_t i = 0; i < nargs; ++i) slot_category[i] = TypeCategory(inputs[i]);
  keep_best([&](const Candidate& c) {
    int n = 0;
    for (size_t i = 0; i < nargs; ++i) {
      if (inputs[i] != kUnknown &&
          (c.args[i] == inputs[i] || IsPreferredType(slot_category[i], c.args[i]))) {
        ++n;
      }
    }
    return n;
  });
  if (candidates.size() == 1) return candidates[0].op;

  if (nunknowns == 0) return nullptr;

  // Resolve unknown inputs by the type category the candidates accept there:
  // string category if any candidate takes it, else the one category all
  // candidates agree on; prefer candidates taking the category's preferred
  // type.
  bool resolved_unknowns = false;
  std::array<bool, 2> slot_has_preferred = {false, false};
  for (size_t i = 0; i < nargs; ++i) {
    if (inputs[i] != kUnknown) continue;
    resolved_unknowns = true;
    slot_category[i] = type_category::kInvalid;
    slot_has_preferred[i] = false;
    bool have_conflict = false;
    for (const Candidate& c : candidates) {
      const char category = TypeCategory(c.args[i]);
      const bool preferred = IsPreferredType(type_category::kInvalid, c.args[i]);
      if (slot_category[i] == type_category::kInvalid) {
        slot_category[i] = category;
        slot_has_preferred[i] = preferred;
      } else if (category == slot_category[i]) {
        slot_has_preferred[i] = slot_has_preferred[i] || preferred;
      } else if (category == type_category::kString) {
        slot_category[i] = category;  // string always wins
        slot_has_preferred[i] = preferred;
      } else {
        have_conflict = true;  // keep looking: a string candidate may follow
      }
    }
    if (have_conflict && slot_category[i] != type_category::kString) {
      resolved_unknowns = false;
      break;
    }
  }
  if (resolved_unknowns) {
    std::vector<Candidate> kept;
    for (const Candidate& c : candidates) {
      bool keep = true;
      for (size_t i = 0; i < nargs && keep; ++i) {
        if (inputs[i] != kUnknown) continue;
        if (TypeCategory(c.args[i]) != slot_category[i]) keep = false;
        if (slot_has_preferred[i] && !IsPreferredType(type_category::kInvalid, c.args[i])) {
          keep = false;
        }
      }
      if (keep) kept.push_back(c);
    }
    if (!kept.empty()) candidates = std::move(kept);
    if (candidates.size() == 1) return candidates[0].op;
  }

  // Last gasp: if the known inputs all have one type, assume the unknown
  // ones have it too and see whether exactly one candidate accepts that.
  if (nunknowns < nargs) {
    Oid known = kUnknown;
    for (size_t i = 0; i < nargs; ++i) {
      if (inputs[i] == kUnknown) continue;
      if (known == kUnknown) {
        known = inputs[i];
      } else if (known != inputs[i]) {
        known = kUnknown;
        break;
      }
    }
    if (known != kUnknown) {
      const std::array<Oid, 2> assumed = {known, known};
      const PgOperator* match = nullptr;
      int matches = 0;
      for (const Candidate& c : candidates) {
        if (CanCoerceTypes(std::span<const Oid>(assumed.data(), nargs),
                           std::span<const Oid>(c.args.data(), nargs),
                           CoercionContext::kImplicit)) {
          match = c.op;
          if (++matches > 1) break;
        }
      }
      if (matches == 1) return match;
    }
  }
  return nullptr;
}

}  // namespace

OperatorResolution ResolveOperator(std::string_view name, Oid left, Oid right) {
  using Status = OperatorResolution::Status;
  // A domain input counts as its base type for the exact match and for
  // choosing among candidates (binary_oper_exact, func_select_candidate);
  // whether a candidate applies at all is decided on the input types as they
  // are (so a domain over an enum does not reach anyenum's operators).
  const Oid given_left = left;
  const Oid given_right = right;
  left = BaseTypeOf(left);
  right = BaseTypeOf(right);
  const bool prefix = left == type_oid::kInvalid;
  const char kind = prefix ? 'l' : 'b';

  // 1. Exact match; an unknown input is assumed to have the other's type.
  Oid exact_left = left;
  Oid exact_right = right;
  if (!prefix) {
    if (left == type_oid::kUnknown && right != type_oid::kInvalid) {
      exact_left = right;
    } else if (right == type_oid::kUnknown && left != type_oid::kInvalid) {
      exact_right = left;
    }
  }
  if (const PgOperator* op = FindOperatorExact(name, kind, exact_left, exact_right)) {
    return {Status::kFound, op};
  }

  // 2. Candidates the inputs can be implicitly coerced to.
  const size_t nargs = prefix ? 1 : 2;
  const std::array<Oid, 2> inputs =
      prefix ? std::array<Oid, 2>{right, type_oid::kInvalid} : std::array<Oid, 2>{left, right};
  const std::array<Oid, 2> given = prefix ? std::array<Oid, 2>{given_right, type_oid::kInvalid}
                                          : std::array<Oid, 2>{given_left, given_right};
  std::vector<Candidate> candidates;
  for (const PgOperator* op : FindOperators(name, kind)) {
    const std::array<Oid, 2> args = prefix ? std::array<Oid, 2>{op->right, type_oid::kInvalid}
                                           : std::array<Oid, 2>{op->left, op->right};
    if (CanCoerceTypes(std::span<const Oid>(given.data(), nargs),
                       std::span<const Oid>(args.data(), nargs), CoercionContext::kImplicit)) {
      candidates.push_back({op, args});
    }
  }
  if (candidates.empty()) return {Status::kNotFound, nullptr};
  if (candidates.size() == 1) return {Status::kFound, candidates[0].op};

  // 3. Pick the best candidate.
  if (const PgOperator* op = SelectCandidate(nargs, inputs, std::move(candidates))) {
    return {Status::kFound, op};
  }
  return {Status::kAmbiguous, nullptr};
}

}  // namespace strata::sql
