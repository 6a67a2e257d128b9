// SqlSession: parse a query string into statements, then bind and execute
// them one at a time (see sql_session.h for the contract). Prepared
// statements and portals: sql_session_prepared.cpp.
#include "sql/sql_session.h"

#include <memory>
#include <string>

#include "catalog/builtin_types.h"
#include "sql/ast/statement.h"
#include "sql/binder/binder.h"
#include "sql/executor/execute_select.h"
#include "sql/parsed_statement.h"
#include "sql/parser/parser.h"
#include "sql/sql_session_impl.h"
#include "sql/stack_depth.h"
#include "sql/statement_output.h"
#include "sql/types/type_io.h"

namespace strata::sql {

namespace {

StatementOutput ExecuteSelectStatement(const std::string& query,
                                       const ast::SelectStatement& select,
                                       const std::vector<Oid>& param_types,
                                       const std::vector<Value>& params) {
  ParameterTypes types(ParameterTypes::Mode::kFixed, param_types);
  Binder binder(query, &types);
  const BoundSelect bound = binder.BindSelect(select);
  SelectResult selected = ExecuteSelect(bound, &params);

  StatementOutput result;
  result.returns_rows = true;
  for (size_t c = 0; c < bound.columns.size(); ++c) {
    result.columns.push_back(MakeResultColumn(bound.columns[c].name, selected.column_types[c]));
  }
  result.rows = std::move(selected.rows);
  result.command_tag = "SELECT " + std::to_string(result.rows.size());
  return result;
}

}  // namespace

ResultColumn MakeResultColumn(std::string name, const DataType& type) {
  ResultColumn out;
  out.name = std::move(name);
  out.type_oid = type.oid;
  const catalog::BuiltinType* info = catalog::FindBuiltinType(type.oid);
  out.type_size = info != nullptr ? info->length : -1;
  out.type_modifier = type.typmod;
  return out;
}

SqlSession::SqlSession() : impl_(std::make_unique<Impl>()) {}
SqlSession::~SqlSession() = default;

std::vector<std::unique_ptr<ParsedStatement>> SqlSession::Parse(std::string_view query) {
  StackDepthBase stack_base;
  auto shared_query = std::make_shared<const std::string>(query);
  std::vector<std::unique_ptr<ParsedStatement>> parsed;
  for (auto& statement : ParseQuery(*shared_query)) {
    parsed.push_back(std::make_unique<ParsedStatementImpl>(shared_query, std::move(statement)));
  }
  return parsed;
}

StatementResult SqlSession::Execute(const ParsedStatement& statement) {
  StatementOutput output = Run(statement, {}, {});
  StatementResult result;
  result.returns_rows = output.returns_rows;
  result.columns = std::move(output.columns);
  result.command_tag = std::move(output.command_tag);
  result.rows.reserve(output.rows.size());
  for (const Row& row : output.rows) {
    std::vector<std::optional<std::string>> text_row;
    text_row.reserve(row.size());
    for (const Value& v : row) {
      if (v.is_null()) {
        text_row.emplace_back(std::nullopt);
      } else {
        text_row.emplace_back(OutputValue(v));
      }
    }
    result.rows.push_back(std::move(text_row));
  }
  return result;
}

StatementOutput SqlSession::Run(const ParsedStatement& statement,
                                const std::vector<Oid>& param_types,
                                const std::vector<Value>& params) {
  StackDepthBase stack_base;
  const auto& parsed = static_cast<const ParsedStatementImpl&>(statement);
  const ast::Statement& stmt = parsed.statement();
  switch (stmt.kind) {
    case ast::StatementKind::kSelect:
      return ExecuteSelectStatement(parsed.query(), static_cast<const ast::SelectStatement&>(stmt),
                                    param_types, params);
    case ast::StatementKind::kPrepare:
      return RunPrepare(statement);
    case ast::StatementKind::kExecute:
      return RunExecute(statement);
    case ast::StatementKind::kDeallocate:
      return RunDeallocate(statement);
    case ast::StatementKind::kUnsupported:
      throw SqlError(static_cast<const ast::UnsupportedStatement&>(stmt).error);
  }
  throw SqlError(SqlState::kInternalError, "unrecognized statement kind");
}

}  // namespace strata::sql
