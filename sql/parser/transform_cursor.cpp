// DECLARE CURSOR, FETCH / MOVE and CLOSE transforms (PostgreSQL's
// DeclareCursorStmt, FetchStmt, ClosePortalStmt), with the checks
// PostgreSQL's parse analysis makes on a cursor's options.
#include <memory>
#include <string>

#include "sql/ast/cursor_statement.h"
#include "sql/ast/statement.h"
#include "sql/commands/select_locking.h"
#include "sql/parser/transformer.h"

namespace strata::sql::parser {

namespace {

// parsenodes.h's CURSOR_OPT_* bits, as DeclareCursorStmt.options has them.
constexpr int kCursorBinary = 0x0001;
constexpr int kCursorScroll = 0x0002;
constexpr int kCursorNoScroll = 0x0004;
constexpr int kCursorHold = 0x0020;

}  // namespace

std::unique_ptr<ast::Statement> Transformer::TransformDeclareCursor(
    const PgQuery__DeclareCursorStmt& d) {
  auto out = std::make_unique<ast::DeclareCursorStatement>();
  out->name = d.portalname != nullptr ? d.portalname : "";
  out->binary = (d.options & kCursorBinary) != 0;
  out->scroll = (d.options & kCursorScroll) != 0;
  out->no_scroll = (d.options & kCursorNoScroll) != 0;
  out->hold = (d.options & kCursorHold) != 0;
  if (out->scroll && out->no_scroll) {
    throw SqlError(SqlState::kInvalidCursorDefinition, "cannot specify both SCROLL and NO SCROLL");
  }
  if (d.query == nullptr) throw NotSupported("DECLARE CURSOR without a query");
  out->query = TransformStatement(*d.query);
  out->query->command_name = CommandName(*d.query);
  if (out->query->kind != ast::StatementKind::kSelect) {
    throw NotSupported("DECLARE CURSOR for " + out->query->command_name);
  }
  const auto& select = static_cast<const ast::SelectStatement&>(*out->query);
  if (!select.locking.empty()) {
    // transformDeclareCursorStmt: a locking cursor must stay where it is.
    if (out->hold) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     std::string("DECLARE CURSOR WITH HOLD ... ") + LockingStrengthName(select.locking.front().strength) +
                         " is not supported")
          .WithDetail("Holdable cursors must be READ ONLY.");
    }
    if (out->scroll) {
      throw SqlError(SqlState::kFeatureNotSupported,
                     std::string("DECLARE SCROLL CURSOR ... ") + LockingStrengthName(select.locking.front().strength) +
                         " is not supported")
          .WithDetail("Scrollable cursors must be READ ONLY.");
    }
  }
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformFetch(const PgQuery__FetchStmt& f) {
  using Direction = ast::FetchStatement::Direction;
  auto out = std::make_unique<ast::FetchStatement>();
  out->cursor = f.portalname != nullptr ? f.portalname : "";
  out->is_move = f.ismove;
  out->count = f.how_many;
  switch (f.direction) {
    case PG_QUERY__FETCH_DIRECTION__FETCH_BACKWARD:
      out->direction = Direction::kBackward;
      break;
    case PG_QUERY__FETCH_DIRECTION__FETCH_ABSOLUTE:
      out->direction = Direction::kAbsolute;
      break;
    case PG_QUERY__FETCH_DIRECTION__FETCH_RELATIVE:
      out->direction = Direction::kRelative;
      break;
    default:
      out->direction = Direction::kForward;
      break;
  }
  return out;
}

std::unique_ptr<ast::Statement> Transformer::TransformCloseCursor(
    const PgQuery__ClosePortalStmt& c) {
  auto out = std::make_unique<ast::CloseCursorStatement>();
  // libpg_query's protobuf has no NULL string: CLOSE ALL arrives as "".
  out->all = c.portalname == nullptr || c.portalname[0] == '\0';
  if (!out->all) out->cursor = c.portalname;
  return out;
}

}  // namespace strata::sql::parser
