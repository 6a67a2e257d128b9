// The typed query tree the view deparser prints (view_definition.h): a view's
// parsed query after name resolution and PostgreSQL's typing rules, with the
// implicit casts parse analysis would insert made explicit as nodes. It is
// the deparser's own small analogue of PostgreSQL's Query/Expr trees, built
// by view_deparse_analyze.cpp and printed by view_deparse_print.cpp.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "sql/types/data_type.h"

namespace strata::sql::viewdef {

// Thrown while analyzing or printing when the query uses something the
// deparser cannot print exactly as PostgreSQL would; the caller then falls
// back to the stored query text.
struct Unsupported {};
[[noreturn]] inline void Fail() { throw Unsupported{}; }

struct Query;

enum class NodeKind {
  kVar,        // refname.colname
  kConst,      // text holds the type's output form; is_null for NULL
  kOp,         // binary (2 args) or prefix (1 arg) operator `name`
  kFunc,       // plain function or aggregate call `name(args)`
  kCast,       // coercion to `type`; implicit ones print only where PG shows them
  kAnd,
  kOr,
  kNot,
  kNullTest,   // suffix " IS NULL" / " IS NOT NULL"
  kBoolTest,   // suffix " IS TRUE" ...
  kCase,       // args: [arg?] then when/then pairs, then else (see Node)
  kCoalesce,   // name COALESCE / GREATEST / LEAST / NULLIF (function-like)
  kSubLink,    // (SELECT ...), EXISTS, x IN (SELECT ...), x op ANY/ALL (SELECT ...)
  kArrayOp,    // x op ANY/ALL (ARRAY[...])
  kArray,      // ARRAY[...]
  kSqlValue,   // CURRENT_DATE ...
  kDistinct,   // IS DISTINCT FROM (IS NOT DISTINCT FROM is NOT of it)
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
  NodeKind kind;
  DataType type;
  std::string name;     // op / function / keyword name; kVar: column name
  std::string refname;  // kVar: the range entry's name
  std::string text;     // kConst: output text; kNullTest/kBoolTest: suffix
  bool is_null = false;
  bool implicit = false;      // kCast
  bool agg_star = false;      // kFunc: f(*)
  bool agg_distinct = false;  // kFunc: f(DISTINCT ...)
  bool use_or = true;         // kArrayOp / kSubLink ANY (true) or ALL
  std::vector<NodePtr> args;
  // kCase: case_arg (may be null), whens (condition, result), else_result
  NodePtr case_arg;
  std::vector<std::pair<NodePtr, NodePtr>> whens;
  NodePtr else_result;
  // kSubLink: link ("EXISTS", "ANY", "ALL", "EXPR", "ARRAY"), testexpr in args
  std::string link;
  std::shared_ptr<const Query> subquery;
};

struct OutputColumn {
  std::string name;
  DataType type;
};

struct Target {
  NodePtr expr;
  std::string name;  // the column's name (resname)
};

struct SortItem {
  NodePtr expr;
  int colno = 0;  // a set operation's ORDER BY: the output column's number
  bool descending = false;
  int nulls = 0;  // 0 default, 1 NULLS FIRST, 2 NULLS LAST
};

struct FromNode {
  enum class Kind { kRelation, kSubquery, kJoin };
  Kind kind = Kind::kRelation;
  // kRelation: the relation (table, view) or CTE it reads; alias if written.
  catalog::Oid relation_oid = 0;  // 0 for a CTE reference
  std::string schema;             // the relation's schema (to qualify if not visible)
  std::string name;
  std::string alias;
  std::shared_ptr<const Query> subquery;  // kSubquery (alias in `alias`)
  // kJoin
  std::string join_keyword;  // "JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"
  std::unique_ptr<FromNode> left;
  std::unique_ptr<FromNode> right;
  NodePtr on;
  std::vector<std::string> using_columns;
};

struct Cte {
  std::string name;
  std::vector<std::string> column_aliases;
  std::shared_ptr<const Query> query;
};

struct Query {
  bool recursive = false;
  std::vector<Cte> ctes;
  // A set operation: op ("UNION", "INTERSECT", "EXCEPT") over larg, rarg.
  std::string set_op;
  bool set_all = false;
  std::shared_ptr<const Query> larg;
  std::shared_ptr<const Query> rarg;
  // A plain SELECT.
  bool distinct = false;
  std::vector<Target> targets;
  std::vector<FromNode> from;
  NodePtr where;
  std::vector<NodePtr> group_by;
  NodePtr having;
  std::vector<SortItem> sort;
  NodePtr limit;  // a NULL bigint constant for LIMIT ALL
  NodePtr offset;
  bool limit_with_ties = false;  // FETCH FIRST (limit) ROWS WITH TIES
  // The result's columns (a set operation's: its left input's names).
  std::vector<OutputColumn> columns;
};

// quote_identifier(): `s` bare or double-quoted (view_deparse_quote.cpp).
std::string QuoteIdentifier(const std::string& s);

// Builds the typed tree of a view's stored query (resolving names in the
// view's search path). Throws Unsupported.
std::shared_ptr<const Query> AnalyzeViewQuery(const catalog::CatalogSnapshot& catalog,
                                              const catalog::ViewDesc& view);

// Prints it as pg_get_viewdef does, without the final ';'. `result_names`
// are the view's column names; wrap_column 0 puts every select-list item on
// its own line (PostgreSQL's default). Throws Unsupported.
std::string PrintViewQuery(const catalog::CatalogSnapshot& catalog, const Query& query,
                           const std::vector<std::string>& result_names, bool pretty,
                           int wrap_column);

// Builds the typed tree of a CHECK constraint's stored expression text over
// `table`'s columns (`boolean` false: any type, as an index expression).
// Throws Unsupported.
NodePtr AnalyzeCheckExpression(const catalog::CatalogSnapshot& catalog,
                               const catalog::TableDesc& table, const std::string& expr,
                               bool boolean = true);

// Prints one expression as deparse_expression does (its top-level implicit
// cast hidden); `qualify_columns` false prints columns without their range
// name, as pg_get_constraintdef does. Throws Unsupported.
std::string PrintExpression(const catalog::CatalogSnapshot& catalog, const Node& expr,
                            bool pretty, bool qualify_columns);

}  // namespace strata::sql::viewdef
