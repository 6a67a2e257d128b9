// ErrorResponse and NoticeResponse: field order, omitted fields, severities.
#include <catch2/catch.hpp>

#include <string>

#include "common/sql_error.h"
#include "protocol/messages.h"
#include "tests/protocol/protocol_test_util.h"

using namespace strata;
using namespace strata::protocol;
using namespace strata::protocol::testing;

TEST_CASE("ErrorResponse with a cursor position") {
  SqlErrorFields error;
  error.sqlstate = SqlState::kSyntaxError;
  error.message = "syntax error at or near \"FRM\"";
  error.position = 10;
  std::string out;
  AppendErrorResponse(&out, error);
  CHECK(out == B("E\0\0\0\x3d"
                 "SERROR\0" "VERROR\0" "C42601\0"
                 "Msyntax error at or near \"FRM\"\0" "P10\0" "\0"));
}

TEST_CASE("ErrorResponse writes every field in PostgreSQL's order") {
  SqlErrorFields error;
  error.sqlstate = SqlState::kDivisionByZero;
  error.message = "division by zero";
  error.detail = "some detail";
  error.hint = "some hint";
  error.position = 7;
  error.context = "SQL function \"f\"";
  error.source_file = "expr.cpp";
  error.source_line = 120;
  error.source_function = "EvalDivide";
  std::string out;
  AppendErrorResponse(&out, error);
  CHECK(out == B("E\0\0\0\x74"
                 "SERROR\0" "VERROR\0" "C22012\0" "Mdivision by zero\0"
                 "Dsome detail\0" "Hsome hint\0" "P7\0" "WSQL function \"f\"\0"
                 "Fexpr.cpp\0" "L120\0" "REvalDivide\0" "\0"));
}

TEST_CASE("FATAL and PANIC severities; unset optional fields are omitted") {
  SqlErrorFields error;
  error.severity = ErrorSeverity::kFatal;
  error.sqlstate = SqlState::kAdminShutdown;
  error.message = "terminating connection due to administrator command";
  error.source_file = "postmaster.cpp";  // F without L: source_line is 0
  std::string out;
  AppendErrorResponse(&out, error);
  CHECK(out == B("E\0\0\0\x5f"
                 "SFATAL\0" "VFATAL\0" "C57P01\0"
                 "Mterminating connection due to administrator command\0"
                 "Fpostmaster.cpp\0" "\0"));

  SqlErrorFields panic;
  panic.severity = ErrorSeverity::kPanic;
  panic.message = "x";
  out.clear();
  AppendErrorResponse(&out, panic);
  CHECK(out == B("E\0\0\0\x1d" "SPANIC\0" "VPANIC\0" "CXX000\0" "Mx\0" "\0"));
}

TEST_CASE("NoticeResponse uses the given severity and type 'N'") {
  SqlErrorFields notice;
  notice.sqlstate = SqlState::kWarning;
  notice.message = "m";
  std::string out;
  AppendNoticeResponse(&out, notice, "WARNING");
  CHECK(out == B("N\0\0\0\x21" "SWARNING\0" "VWARNING\0" "C01000\0" "Mm\0" "\0"));

  notice.sqlstate = SqlState::kSuccessfulCompletion;
  out.clear();
  AppendNoticeResponse(&out, notice);
  CHECK(out == B("N\0\0\0\x1f" "SNOTICE\0" "VNOTICE\0" "C00000\0" "Mm\0" "\0"));
}

TEST_CASE("a SqlError's fields encode as its ErrorResponse") {
  SqlError error(SqlState::kSyntaxError, "bad");
  error.WithHint("fix it").WithPosition(3);
  // A SqlError records where it was raised (F/L/R, shown by \errverbose).
  CHECK(error.fields().source_file == "error_response_test.cpp");
  CHECK(error.fields().source_line > 0);
  CHECK_FALSE(error.fields().source_function.empty());
  SqlErrorFields fields = error.fields();
  fields.source_file.clear();
  fields.source_line = 0;
  fields.source_function.clear();
  std::string out;
  AppendErrorResponse(&out, fields);
  CHECK(out == B("E\0\0\0\x2a" "SERROR\0" "VERROR\0" "C42601\0" "Mbad\0" "Hfix it\0" "P3\0" "\0"));
}
