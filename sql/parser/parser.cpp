// ParseQuery: runs libpg_query's parser, unpacks its protobuf tree (into an
// arena) and hands each RawStmt to the Transformer -- in two steps
// (raw_parse_tree.h) that the literal-template cache also uses. libpg_query's
// own memory is released before returning, also when an exception leaves.
#include "sql/parser/parser.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <memory>
#include <string>

#include "common/sql_error.h"
#include "sql/parser/parse_error.h"
#include "sql/parser/parse_tree_depth.h"
#include "sql/parser/protobuf_arena.h"
#include "sql/parser/raw_parse_tree.h"
#include "sql/parser/transformer.h"
#include "sql/stack_depth.h"

namespace strata::sql {

namespace {

// Deepest parse tree (in nested protobuf messages, about two per expression
// level) we unpack. PostgreSQL itself gives up near 4,500 nested operators.
constexpr size_t kMaxParseTreeDepth = 10000;

struct ParseResultDeleter {
  void operator()(PgQueryProtobufParseResult* r) const { pg_query_free_protobuf_parse_result(*r); }
};

}  // namespace

namespace parser {

RawParseTree ParseRawTree(std::string_view query) {
  StackDepthBase stack_base;
  const std::string text(query);  // libpg_query wants a NUL-terminated string
  PgQueryProtobufParseResult result = pg_query_parse_protobuf(text.c_str());
  std::unique_ptr<PgQueryProtobufParseResult, ParseResultDeleter> result_guard(&result);
  if (result.error != nullptr) throw MakeParseError(*result.error);

  const auto* bytes = reinterpret_cast<const uint8_t*>(result.parse_tree.data);
  if (ParseTreeDepth(bytes, result.parse_tree.len, kMaxParseTreeDepth) > kMaxParseTreeDepth) {
    throw StackDepthExceededError();
  }
  // The tree lives in the arena (no per-node malloc/free).
  RawParseTree raw;
  raw.arena = std::make_unique<ProtobufArena>();
  raw.tree = pg_query__parse_result__unpack(raw.arena->allocator(), result.parse_tree.len, bytes);
  if (raw.tree == nullptr) {
    throw SqlError(SqlState::kInternalError, "could not unpack the parse tree from libpg_query");
  }
  return raw;
}

std::vector<std::unique_ptr<ast::Statement>> TransformRawTree(std::string_view query,
                                                              const PgQuery__ParseResult& tree) {
  StackDepthBase stack_base;
  Transformer transformer(query);
  std::vector<std::unique_ptr<ast::Statement>> statements;
  statements.reserve(tree.n_stmts);
  for (size_t i = 0; i < tree.n_stmts; ++i) {
    statements.push_back(transformer.TransformRawStmt(*tree.stmts[i]));
  }
  return statements;
}

}  // namespace parser

std::vector<std::unique_ptr<ast::Statement>> ParseQuery(std::string_view query) {
  parser::RawParseTree raw = parser::ParseRawTree(query);
  return parser::TransformRawTree(query, *raw.tree);
}

}  // namespace strata::sql
