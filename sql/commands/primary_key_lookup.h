// Primary-key ranges from WHERE: when a WHERE clause's top-level AND contains
// `pk_col = <expression without columns>` for every primary-key column, the
// scan can be narrowed to that one key (a Get-sized range) instead of the
// whole table; equalities on a leading part of the key narrow it to that
// prefix; without them, `first_pk_col <, <=, >, >= constant` bounds the scan
// (on the column after the pinned ones). The full WHERE is still applied to the row found, so this only
// ever narrows, never changes, the result; anything unusual (a constant whose
// type would need a lossy or failing conversion) falls back to the full scan.
#pragma once

#include <optional>
#include <span>
#include <vector>
#include <string>

#include "sql/ast/expr.h"
#include "sql/binder/binder.h"
#include "sql/table/table_codec.h"

namespace strata::sql {

// The top-level AND's conjuncts of a WHERE (the expression itself when it
// is not an AND).
void CollectConjuncts(const ast::Expr* e, std::vector<const ast::Expr*>* out);
// Constants and $n parameters (possibly cast, or combined by operators such
// as `$1 + 100`): safe to evaluate once, before the rows are read.
bool IsConstant(const ast::Expr& e);
// The column a ColumnRef names if it refers to the table the statement
// calls `alias` (unqualified, or qualified by the alias); nullptr otherwise.
const std::string* ColumnName(const ast::Expr& e, const std::string& alias);

// Bounds on table keys: [lower, upper), either side open when unset.
struct KeyRange {
  std::optional<std::string> lower;
  std::optional<std::string> upper;
};

// One WHERE conjunct's restriction of a table column to values known before
// the scan (constants, parameters, an enclosing query's columns), in the
// forms a key range can use. `values` are exact values of the column's type
// (ExactKeyValue): `=`, `<`, ... and BETWEEN's two sides hold one, IN each
// list value, the null tests none. A conjunct whose values are not exact
// (`int_col = 3.5`, a NULL in an IN list) yields no restriction.
struct ColumnRestriction {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kIn, kIsNull, kIsNotNull };
  size_t conjunct = 0;  // its position among CollectConjuncts(where)
  int slot = 0;         // the column's attribute slot
  Op op = Op::kEq;
  std::vector<Value> values;
  // One side of a BETWEEN whose other side gave no restriction: the
  // conjunct is not wholly this restriction.
  bool partial = false;
};
// An index expression WHERE may restrict like a column: `expr op constant`
// whose left side is structurally `expr` (SameAstExpr, columns compared by
// the table slot they name) restricts a pseudo-slot past the table's
// columns (`slot`), with values exact for the expression's type.
struct ExpressionKey {
  const ast::Expr* expr = nullptr;
  int slot = 0;
  Oid type = 0;
};
std::vector<ColumnRestriction> ColumnRestrictions(Binder& binder, const catalog::TableDesc& table,
                                                  const std::string& scope_alias,
                                                  const std::vector<const ast::Expr*>& conjuncts,
                                                  const std::vector<Value>* params,
                                                  std::span<const ExpressionKey> expressions = {});
// The pseudo-slot of the expression key `e` matches, or -1.
int MatchExpressionKey(const ast::Expr& e, const catalog::TableDesc& table,
                       const std::string& scope_alias, std::span<const ExpressionKey> expressions);

// The ranges WHERE restricts keys that start with the columns `key_slots`
// (encoded as `key_columns`) to: equalities and IS NULL pin leading columns,
// then an IN list (one range per distinct value) or <, <=, >, >=, BETWEEN on
// the next column bound it. `exact_key`: the key is exactly these columns (a
// table's primary key), so all columns pinned is one key; otherwise (an index
// entry with a table-key suffix) it is a prefix. No range: WHERE does not
// narrow the keys.
struct KeyRanges {
  std::vector<KeyRange> ranges;  // disjoint, in key order
  size_t pinned = 0;             // leading columns fixed by equalities
  bool in_list = false;          // the ranges come from an IN list
  bool bounded = false;          // a range bounds the column after the pinned ones
  // The conjuncts (CollectConjuncts positions) the ranges were derived from
  // (PostgreSQL's index quals). A range can still hold entries that fail
  // them (an open side takes in NULLs sorted there), so scans recheck them.
  std::vector<size_t> used_conjuncts;
};
KeyRanges KeyRangesFromWhere(Binder& binder, const catalog::TableDesc& table,
                             std::span<const int> key_slots,
                             std::span<const KeyColumn> key_columns, bool exact_key,
                             const std::string& scope_alias, const ast::Expr* where,
                             const std::vector<Value>* params);

// The same over restrictions already collected.
KeyRanges KeyRangesFromRestrictions(const catalog::TableDesc& table, std::span<const int> key_slots,
                                    std::span<const KeyColumn> key_columns, bool exact_key,
                                    const std::vector<ColumnRestriction>& restrictions);

// `v` as a key value of a column of type `column_type`, if that is exact:
// the same type, an integer that fits, a string for a text/varchar column
// or an untyped literal for a character(n)
// column. NULL and anything else: nullopt.
std::optional<Value> ExactKeyValue(const Value& v, Oid column_type);

// The key range WHERE restricts the table to, or nullopt if it does not.
// `scope_alias` is how the statement names the table (alias or table name);
// `params` (may be null) the values of $1..$n (`id = $1` pins a key too).
std::optional<KeyRange> PrimaryKeyFromWhere(Binder& binder, const TableCodec& codec,
                                               const std::string& scope_alias,
                                               const ast::Expr* where,
                                               const std::vector<Value>* params);

}  // namespace strata::sql
