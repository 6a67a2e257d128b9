// Which join conditions a HashJoin can hash on (PostgreSQL's
// hash_inner_and_outer / ExecHashGetHashValue): conjuncts `l = r` where the
// operator is the built-in equality of l's and r's types, one side reads only
// outer columns and the other only inner columns (plain columns, possibly
// under casts), and the types hash by value: equal values under the operator
// have equal encodings (the key codec's memcomparable bytes, which already
// ignore numeric display scale, float -0/NaN differences, bpchar trailing
// blanks and interval units). Cross-type integer (int2/int4/int8) and float
// (float4/float8) equality hash as int8 / float8. Anything else stays a
// NestLoop.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/expr/bound_expr.h"
#include "sql/storage_format/key_codec.h"

namespace strata::sql {

struct HashJoinKey {
  const BoundExpr* outer = nullptr;  // evaluated over the outer row
  const BoundExpr* inner = nullptr;  // evaluated over the inner row
  KeyColumn column;                  // how both sides' values are encoded
};

// The hashable equality conjuncts of `quals` (ANDs are flattened), for a join
// whose rows are [slot_base leading slots, outer (outer_width), inner
// (inner_width)]. Empty when there is none. The quals are still evaluated in
// full over each candidate pair (the keys only narrow the candidates).
std::vector<HashJoinKey> FindHashJoinKeys(const std::vector<const BoundExpr*>& quals,
                                          size_t slot_base, size_t outer_width,
                                          size_t inner_width);

// The key of one row into *key (replacing its contents): the encodings of
// each key expression evaluated by `side` (outer or inner) over ctx's row;
// false if any value is NULL (a NULL never equals anything).
bool EncodeHashJoinKey(const std::vector<HashJoinKey>& keys, bool outer, EvalContext& ctx,
                       std::string* key);

// Whether `quals` (ANDs flattened) are exactly the equalities `keys` were
// made of: then two rows satisfy them iff their encoded keys are equal (the
// keys' encodings are exact for their operators), and the join can compare
// keys instead of evaluating the quals.
bool KeysDecideQuals(const std::vector<const BoundExpr*>& quals,
                     const std::vector<HashJoinKey>& keys);

}  // namespace strata::sql
