// SqlError: the one exception type that ends a SQL statement. It carries the
// fields of a PostgreSQL ErrorResponse. sql/ throws it; protocol/server catch it
// in exactly one place per statement and turn it into an ErrorResponse.
// Storage and txn never throw: their Status values become SqlErrors at the
// txn -> sql boundary.
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/sqlstate.h"

namespace strata {

// kWarning and kInfo are for notices only: a NoticeResponse with severity
// WARNING (e.g. "there is no transaction in progress") or INFO (VERBOSE
// reports, sent whatever client_min_messages says); NOTICE is the default.
enum class ErrorSeverity { kError, kFatal, kPanic, kWarning, kInfo };

struct SqlErrorFields {
  ErrorSeverity severity = ErrorSeverity::kError;
  SqlState sqlstate = SqlState::kInternalError;
  std::string message;
  std::string detail;
  std::string hint;
  int position = 0;  // 1-based character offset into the query string; 0 = none
  std::string context;
  // The object an integrity error is about (ErrorResponse s/t/c/d/n fields).
  std::string schema_name;
  std::string table_name;
  std::string column_name;
  std::string datatype_name;
  std::string constraint_name;
  // Where in our code the error was raised (ErrorResponse F/L/R fields).
  std::string source_file;
  int source_line = 0;
  std::string source_function;
};

// Fills the F/L/R fields (file, line, routine) from where an error was raised
// in our source, unless the fields already name a location. psql shows them as
// "LOCATION:" under \errverbose, as PostgreSQL shows its own.
void SetSourceLocation(SqlErrorFields* fields, const std::source_location& where);

// A WARNING notice (it does not end the statement) with `state` and `message`.
SqlErrorFields WarningNotice(SqlState state, std::string message,
                             const std::source_location& where = std::source_location::current());

class SqlError : public std::runtime_error {
 public:
  SqlError(SqlState state, std::string message,
           const std::source_location& where = std::source_location::current())
      : std::runtime_error(message) {
    fields_.sqlstate = state;
    fields_.message = std::move(message);
    SetSourceLocation(&fields_, where);
  }
  explicit SqlError(SqlErrorFields fields,
                    const std::source_location& where = std::source_location::current())
      : std::runtime_error(fields.message), fields_(std::move(fields)) {
    SetSourceLocation(&fields_, where);
  }

  SqlError& WithDetail(std::string detail) {
    fields_.detail = std::move(detail);
    return *this;
  }
  SqlError& WithHint(std::string hint) {
    fields_.hint = std::move(hint);
    return *this;
  }
  SqlError& WithPosition(int position) {
    fields_.position = position;
    return *this;
  }

  const SqlErrorFields& fields() const { return fields_; }
  SqlErrorFields& mutable_fields() { return fields_; }
  SqlState sqlstate() const { return fields_.sqlstate; }

 private:
  SqlErrorFields fields_;
};

}  // namespace strata
