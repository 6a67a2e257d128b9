// The extended query protocol's messages (see extended_query.h).
#include "server/extended_query.h"

#include <optional>
#include <string>

#include "common/sql_error.h"
#include "protocol/binary_values.h"
#include "protocol/messages.h"
#include "protocol/utf8_verify.h"
#include "server/binary_format.h"
#include "sql/types/type_io.h"

namespace strata::server {

namespace {

std::vector<protocol::FieldDescription> Fields(const std::vector<sql::ResultColumn>& columns,
                                               const std::vector<int16_t>* formats) {
  std::vector<protocol::FieldDescription> fields;
  fields.reserve(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    protocol::FieldDescription f;
    f.name = columns[i].name;
    f.type_oid = columns[i].type_oid;
    f.type_size = columns[i].type_size;
    f.type_modifier = columns[i].type_modifier;
    f.table_oid = columns[i].table_oid;
    f.column_attnum = columns[i].column_attnum;
    // (An EXECUTE portal may describe other columns once run than at Bind,
    // if its statement was replaced meanwhile: those go out as text.)
    f.format = formats != nullptr && i < formats->size() ? (*formats)[i] : 0;
    fields.push_back(std::move(f));
  }
  return fields;
}

// bind_param_error_callback: "unnamed portal parameter $1 = '...'" -- the
// value itself is shown only up to log_parameter_max_length_on_error, which
// is 0 by default, hence '...' ('' for an empty value). Only text values that
// passed the encoding check have one.
std::string ParameterContext(const std::string& portal, size_t index, const std::string* value) {
  std::string context = portal.empty() ? "unnamed portal parameter $" + std::to_string(index + 1)
                                       : "portal \"" + portal + "\" parameter $" +
                                             std::to_string(index + 1);
  if (value != nullptr) context += value->empty() ? " = ''" : " = '...'";
  return context;
}

}  // namespace

std::shared_ptr<const sql::PreparedStatement> ExtendedQuery::FindStatement(
    const std::string& name) const {
  if (name.empty()) {
    if (unnamed_statement_ == nullptr) {
      throw SqlError(SqlState::kInvalidSqlStatementName,
                     "unnamed prepared statement does not exist");
    }
    return unnamed_statement_;
  }
  auto statement = sql_->FindPreparedStatement(name);
  if (statement == nullptr) {
    throw SqlError(SqlState::kInvalidSqlStatementName,
                   "prepared statement \"" + name + "\" does not exist");
  }
  return statement;
}

ExtendedQuery::PortalEntry& ExtendedQuery::FindPortal(const std::string& name) {
  auto it = portals_.find(name);
  if (it == portals_.end()) {
    throw SqlError(SqlState::kUndefinedCursor, "portal \"" + name + "\" does not exist");
  }
  return it->second;
}

void ExtendedQuery::Parse(const protocol::ParseMessage& message, std::string* out) {
  // The old unnamed statement is gone even if the new one fails to parse.
  if (message.statement_name.empty()) unnamed_statement_.reset();
  std::vector<sql::Oid> types(message.parameter_type_oids.begin(),
                              message.parameter_type_oids.end());
  auto statement = sql_->Prepare(message.query, types);
  if (message.statement_name.empty()) {
    unnamed_statement_ = std::move(statement);
  } else {
    sql_->StorePreparedStatement(message.statement_name, std::move(statement));
  }
  protocol::AppendParseComplete(out);
}

std::vector<sql::Value> ExtendedQuery::ConvertParameters(
    const protocol::BindMessage& message, const sql::PreparedStatement& statement) const {
  const std::vector<sql::Oid>& types = statement.parameter_types();
  std::vector<sql::Value> values;
  values.reserve(types.size());
  for (size_t i = 0; i < types.size(); ++i) {
    const std::optional<std::string>& raw = message.parameter_values[i];
    const std::string* shown_value = nullptr;
    try {
      const protocol::FormatCode format = protocol::CheckFormatCode(message.ParameterFormat(i));
      if (!raw) {
        values.push_back(sql::Value::Null(types[i]));
      } else if (format == protocol::FormatCode::kText) {
        protocol::VerifyUtf8(*raw);
        shown_value = &*raw;
        values.push_back(sql::InputValue(types[i], *raw));
      } else {
        values.push_back(ReceiveBinaryParameter(types[i], *raw, static_cast<int>(i) + 1));
      }
    } catch (SqlError& e) {
      // Context lines stack innermost first, as PostgreSQL's error context
      // callbacks do (e.g. "JSON data, line 1: {" then the parameter).
      std::string& context = e.mutable_fields().context;
      if (!context.empty()) context += '\n';
      context += ParameterContext(message.portal_name, i, shown_value);
      throw;
    }
  }
  return values;
}

void ExtendedQuery::Bind(const protocol::BindMessage& message, std::string* out) {
  std::shared_ptr<const sql::PreparedStatement> statement = FindStatement(message.statement_name);
  const size_t required = statement->parameter_types().size();
  if (message.parameter_values.size() != required) {
    throw SqlError(SqlState::kProtocolViolation,
                   "bind message supplies " + std::to_string(message.parameter_values.size()) +
                       " parameters, but prepared statement \"" + message.statement_name +
                       "\" requires " + std::to_string(required));
  }
  if (message.portal_name.empty()) {
    portals_.erase("");
  } else if (portals_.contains(message.portal_name)) {
    throw SqlError(SqlState::kDuplicateCursor,
                   "cursor \"" + message.portal_name + "\" already exists");
  }
  std::vector<sql::Value> params = ConvertParameters(message, *statement);
  PortalEntry entry;
  entry.portal = sql_->CreatePortal(message.portal_name, statement, std::move(params));
  if (entry.portal->returns_rows()) {
    entry.result_formats =
        protocol::ResolveResultFormats(message.result_formats, entry.portal->columns().size());
  }
  portals_[message.portal_name] = std::move(entry);
  protocol::AppendBindComplete(out);
}

void ExtendedQuery::Describe(const protocol::DescribeMessage& message, std::string* out) {
  if (message.kind == protocol::TargetKind::kStatement) {
    auto statement = FindStatement(message.name);
    protocol::AppendParameterDescription(out, statement->parameter_types());
    if (statement->returns_rows()) {
      protocol::AppendRowDescription(out, Fields(statement->columns(), nullptr));
    } else {
      protocol::AppendNoData(out);
    }
    return;
  }
  PortalEntry& entry = FindPortal(message.name);
  if (entry.portal->returns_rows()) {
    protocol::AppendRowDescription(out, Fields(entry.portal->columns(), &entry.result_formats));
  } else {
    protocol::AppendNoData(out);
  }
}

void ExtendedQuery::Execute(const protocol::ExecuteMessage& message, std::string* out) {
  PortalEntry& entry = FindPortal(message.portal_name);
  sql::PortalFetch fetch = sql_->Fetch(*entry.portal, message.max_rows);
  for (const auto& notice : fetch.notices) protocol::AppendNoticeResponse(out, notice);
  if (fetch.empty_query) {
    protocol::AppendEmptyQueryResponse(out);
    return;
  }
  if (!fetch.rows.empty()) {
    // Result format codes are checked when the first row goes out.
    std::vector<protocol::FormatCode> formats;
    for (int16_t code : entry.result_formats) formats.push_back(protocol::CheckFormatCode(code));
    // A portal described as returning rows always has its formats resolved;
    // a statement without them (none here yet) sends text.
    formats.resize(fetch.rows.front().size(), protocol::FormatCode::kText);
    std::vector<std::optional<std::string>> values;
    for (const sql::Row& row : fetch.rows) {
      values.clear();
      for (size_t c = 0; c < row.size(); ++c) {
        const sql::Value& v = row[c];
        if (v.is_null()) {
          values.emplace_back(std::nullopt);
        } else if (formats[c] == protocol::FormatCode::kBinary) {
          values.emplace_back(SendBinaryValue(v));
        } else {
          values.emplace_back(sql::OutputValue(v));
        }
      }
      protocol::AppendDataRow(out, values);
    }
  }
  if (fetch.completed) {
    protocol::AppendCommandComplete(out, fetch.command_tag);
  } else {
    protocol::AppendPortalSuspended(out);
  }
}

void ExtendedQuery::Close(const protocol::CloseMessage& message, std::string* out) {
  // Closing something that does not exist is not an error.
  if (message.kind == protocol::TargetKind::kStatement) {
    if (message.name.empty()) {
      unnamed_statement_.reset();
    } else {
      sql_->DropPreparedStatement(message.name);
    }
  } else {
    portals_.erase(message.name);
  }
  protocol::AppendCloseComplete(out);
}

}  // namespace strata::server
